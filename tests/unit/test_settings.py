"""Store settings: environment over config file (kg.toml or [tool.kg] in pyproject.toml) over defaults."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import StoreError
from kg.store.remote import Endpoints
from kg.store.settings import load_settings

KG = str(Path(sys.executable).with_name("kg"))


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in ("KG_STORE", "KG_QUERY_URL", "KG_UPDATE_URL", "KG_GSP_URL"):
        monkeypatch.delenv(name, raising=False)


def test_settings_default_to_nothing_without_a_config(tmp_path):
    s = load_settings(tmp_path)
    assert (s.store, s.query_url, s.update_url, s.gsp_url, s.source) == (None, None, None, None, None)


def test_settings_from_kg_toml_top_level(tmp_path):
    (tmp_path / "kg.toml").write_text('store = "http://db:3030/ds"\ngsp_url = "http://db:3030/ds/data"\n')
    s = load_settings(tmp_path)
    assert s.store == "http://db:3030/ds" and s.gsp_url == "http://db:3030/ds/data"
    assert s.source == str(tmp_path / "kg.toml")


def test_settings_from_pyproject_tool_kg_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.kg]\nstore = "team-store"\n')
    assert load_settings(tmp_path).store == "team-store"


def test_environment_wins_over_config(tmp_path, monkeypatch):
    (tmp_path / "kg.toml").write_text('store = "from-file"\nquery_url = "http://a/q"\n')
    monkeypatch.setenv("KG_STORE", "from-env")
    s = load_settings(tmp_path)
    assert s.store == "from-env" and s.query_url == "http://a/q"


def test_endpoints_follow_the_settings(tmp_path):
    (tmp_path / "kg.toml").write_text('[tool.kg]\nquery_url = "http://g:7200/repositories/r"\n'
                                      'update_url = "http://g:7200/repositories/r/statements"\n')
    e = Endpoints.from_url("http://g:7200/repositories/r", load_settings(tmp_path))
    assert e.query == "http://g:7200/repositories/r" and e.update.endswith("/statements")
    assert e.gsp == "http://g:7200/repositories/r/store" and not e.oxigraph_layout


@pytest.mark.parametrize("value", ["false", '"none"', '""'])
def test_gsp_can_be_switched_off_for_update_only_servers(tmp_path, value):
    (tmp_path / "kg.toml").write_text(f"gsp_url = {value}\n")
    assert load_settings(tmp_path).gsp_url is False
    assert Endpoints.from_url("http://h:1/", load_settings(tmp_path)).gsp is None


def test_credentials_in_a_config_file_are_refused(tmp_path):
    (tmp_path / "kg.toml").write_text('store = "http://h"\npassword = "s3cret"\n')
    with pytest.raises(StoreError, match="password must not be in a config file") as err:
        load_settings(tmp_path)
    assert "s3cret" not in str(err.value)


def test_unknown_setting_names_the_file_and_key(tmp_path):
    (tmp_path / "kg.toml").write_text('stroe = "x"\n')
    with pytest.raises(StoreError, match=r"kg\.toml: unknown setting stroe"):
        load_settings(tmp_path)


def test_broken_kg_toml_is_a_one_line_cli_error(tmp_path):
    (tmp_path / "kg.toml").write_text('store = "unterminated\n')
    proc = subprocess.run([KG, "stats"], cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1
    assert "kg.toml: not valid TOML" in proc.stderr


def test_someone_elses_broken_pyproject_is_ignored(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project\nname = 1\n")
    assert load_settings(tmp_path).store is None


def test_cli_uses_the_store_named_in_kg_toml(tmp_path):
    (tmp_path / "kg.toml").write_text('store = "team/store"\n')
    (tmp_path / "a.txt").write_text("---\ntitle: t\ndate: 2025-03-01\n---\nRussia and Ukraine met in Riyadh.\n")
    ingest = subprocess.run([KG, "ingest", "a.txt", "--quiet"], cwd=tmp_path, capture_output=True, text=True)
    assert ingest.returncode == 0, ingest.stderr
    assert (tmp_path / "team" / "store" / "oxigraph").is_dir() and not (tmp_path / "kg-store").exists()
    stats = subprocess.run([KG, "stats"], cwd=tmp_path, capture_output=True, text=True)
    assert stats.stdout.startswith("store team/store: 1 articles")


def test_config_endpoints_belong_to_the_config_store(tmp_path, monkeypatch):
    (tmp_path / "kg.toml").write_text('store = "http://team:7200/repositories/r"\n'
                                      'query_url = "http://team:7200/repositories/r"\n')
    settings = load_settings(tmp_path)
    assert Endpoints.from_url("http://team:7200/repositories/r/", settings).query == "http://team:7200/repositories/r"
    assert Endpoints.from_url("http://127.0.0.1:7878", settings).query == "http://127.0.0.1:7878/query"
    monkeypatch.setenv("KG_STORE", "http://127.0.0.1:7878")  # another store named in the environment
    assert Endpoints.from_url("http://127.0.0.1:7878", load_settings(tmp_path)).query == "http://127.0.0.1:7878/query"
    monkeypatch.setenv("KG_QUERY_URL", "http://env/q")  # the environment applies to whatever store is named
    assert Endpoints.from_url("http://127.0.0.1:7878", load_settings(tmp_path)).query == "http://env/q"
