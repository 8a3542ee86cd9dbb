"""Where the store is, and a remote store's endpoints: from the environment, else from a config file in
the working folder (`kg.toml`, or `[tool.kg]` in `pyproject.toml`), else the defaults. Credentials are
read from the environment only, never from a file a team might commit."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from kg.errors import StoreError

KEYS = {"store": "KG_STORE", "query_url": "KG_QUERY_URL", "update_url": "KG_UPDATE_URL", "gsp_url": "KG_GSP_URL"}
SECRET_KEYS = {"user", "password", "store_user", "store_password"}
NO_GSP = {"", "none", "false"}


@dataclass(frozen=True)
class StoreSettings:
    """The store location and endpoint overrides; None means 'not set'. gsp_url False: no Graph Store
    Protocol on this server, write with SPARQL Update."""

    store: str | None = None
    query_url: str | None = None
    update_url: str | None = None
    gsp_url: str | bool | None = None
    source: str | None = None  # the config file the values came from
    from_file: frozenset[str] = frozenset()  # which of the values the config file gave
    file_store: str | None = None  # the store the config file names, which its endpoints belong to

    def for_store(self, url: str) -> StoreSettings:
        """These settings for a store at `url`: a config file's endpoints belong to the config file's store,
        so they are dropped when another store is named (on the command line or in $KG_STORE)."""
        if not self.file_store or self.file_store.rstrip("/") == url.rstrip("/"):
            return self
        dropped = {k: None for k in ("query_url", "update_url", "gsp_url") if k in self.from_file}
        return replace(self, **dropped)


def read_config(folder: Path) -> tuple[dict, str | None]:
    """The [tool.kg] table of kg.toml / pyproject.toml in `folder` (kg.toml may also hold the keys at top level)."""
    for name in ("kg.toml", "pyproject.toml"):
        path = folder / name
        if not path.is_file():
            continue
        text = path.read_bytes().decode("utf-8", "replace")
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            if name == "pyproject.toml" and "[tool.kg]" not in text:
                continue  # someone else's broken file, with no settings of ours in it
            raise StoreError(f"{path}: not valid TOML ({exc})") from None
        table = data.get("tool", {}).get("kg")
        if table is None and name == "kg.toml":
            table = {k: v for k, v in data.items() if k != "tool"}
        if table is not None:
            return table, str(path)
    return {}, None


def load_settings(folder: Path | None = None) -> StoreSettings:
    """Environment first, then the config file of `folder` (the working folder by default)."""
    table, source = read_config(folder or Path.cwd())
    secrets = SECRET_KEYS & set(table)
    if secrets:
        raise StoreError(f"{source}: {', '.join(sorted(secrets))} must not be in a config file; "
                         "set $KG_STORE_USER and $KG_STORE_PASSWORD instead")
    unknown = set(table) - set(KEYS)
    if unknown:
        raise StoreError(f"{source}: unknown setting {', '.join(sorted(unknown))} (known: {', '.join(KEYS)})")
    values, from_file = {}, set()
    for key, env in KEYS.items():
        value = os.environ.get(env)
        if value is None and key in table:
            value = table[key]
            from_file.add(key)
        if value is not None and not isinstance(value, str) and not (key == "gsp_url" and value is False):
            raise StoreError(f"{source}: {key} must be a string" + (" or false" if key == "gsp_url" else ""))
        values[key] = value
    gsp = values["gsp_url"]
    if gsp is False or (isinstance(gsp, str) and gsp.strip().lower() in NO_GSP):
        values["gsp_url"] = False
    values = {k: (v or None) if k != "gsp_url" else v for k, v in values.items()}
    return StoreSettings(**values, source=source, from_file=frozenset(from_file), file_store=table.get("store"))
