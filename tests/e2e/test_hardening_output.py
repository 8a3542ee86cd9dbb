"""Issue 14, defects 1 and 12: where `-o` writes, and what a full disk does. Real files, a real character
device (a copy of /dev/full), a real FIFO, a real tmpfs when the machine lets us mount one."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
import threading
from pathlib import Path

import pytest

from tests.cli_run import KG, kg, one_line_error
from tests.conftest import CORPUS


def no_part_files(folder: Path) -> None:
    assert not [p for p in folder.rglob("*") if p.name.endswith(".part")]


@pytest.fixture()
def full_device(tmp_path) -> Path:
    dev = tmp_path / "full"
    try:
        os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    except PermissionError:
        pytest.skip("making a device node needs root")
    return dev


@pytest.mark.parametrize("command", [["export", "--format", "nquads"], ["graph"]])
def test_output_to_a_device_writes_through_and_reports_a_full_disk(corpus_store_path, full_device, command):
    proc = kg(*command, "--store", str(corpus_store_path), "-o", str(full_device))
    assert "No space left on device" in one_line_error(proc)
    assert stat.S_ISCHR(os.lstat(full_device).st_mode)  # still the device, not a regular file
    no_part_files(full_device.parent)


def test_output_to_a_symlink_to_stdout_writes_through(corpus_store_path, tmp_path):
    link = tmp_path / "out"
    link.symlink_to("/proc/self/fd/1")
    proc = kg("export", "--format", "nquads", "--store", str(corpus_store_path), "-o", str(link))
    assert proc.returncode == 0 and proc.stdout.count("\n") > 1000
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"
    no_part_files(tmp_path)


def test_output_to_a_symlinked_file_replaces_the_target_and_keeps_the_link(corpus_store_path, tmp_path):
    target, link = tmp_path / "real.ttl", tmp_path / "link.ttl"
    target.write_text("old\n")
    link.symlink_to(target)
    proc = kg("export", "--store", str(corpus_store_path), "-o", str(link))
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink() and "@prefix ckg:" in target.read_text()
    no_part_files(tmp_path)


def test_output_to_a_fifo_writes_through(corpus_store_path, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    proc = kg("export", "--format", "ntriples", "--store", str(corpus_store_path), "-o", str(fifo))
    reader.join(30)
    assert proc.returncode == 0 and got and got[0].count(b"\n") > 1000
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_output_dash_is_stdout(corpus_store_path, tmp_path):
    proc = kg("export", "--format", "nquads", "--store", str(corpus_store_path), "-o", "-", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout.count("\n") > 1000 and list(tmp_path.iterdir()) == []


def test_output_errors_are_one_line_and_leave_nothing(corpus_store_path, tmp_path):
    folder = tmp_path / "adir"
    folder.mkdir()
    assert "is a folder" in one_line_error(kg("export", "--format", "turtle", "--store", str(corpus_store_path),
                                              "-o", str(folder)))
    assert "is a folder" in one_line_error(kg("graph", "--store", str(corpus_store_path), "-o", str(folder)))
    afile = tmp_path / "tables"
    afile.write_text("keep\n")
    line = one_line_error(kg("export", "--format", "csv", "--store", str(corpus_store_path), "-o", str(afile)))
    assert "is a file" in line and afile.read_text() == "keep\n"
    assert list(folder.iterdir()) == []
    no_part_files(tmp_path)


def test_output_to_an_unwritable_folder(corpus_store_path, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    cmd = [KG, "export", "--store", str(corpus_store_path), "-o", str(folder / "x.ttl")]
    if os.geteuid() == 0:  # root ignores modes unless it gives up the capability
        if not shutil.which("setpriv"):
            pytest.skip("needs setpriv to drop root's override")
        cmd = ["setpriv", "--inh-caps=-dac_override,-dac_read_search",
               "--bounding-set=-dac_override,-dac_read_search", *cmd]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert "Permission denied" in one_line_error(proc)
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("command", [["export"], ["stats"], ["query", "quotes", "--format", "csv"]])
def test_stdout_on_a_full_disk_is_one_line(corpus_store_path, command):
    with open("/dev/full", "w") as full:
        proc = subprocess.run([KG, *command, "--store", str(corpus_store_path)], stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=120)
    assert "No space left on device" in one_line_error(proc)


@contextlib.contextmanager
def small_tmpfs(path: Path, size: str):
    path.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def test_export_to_a_full_filesystem_leaves_no_part_and_the_old_file(corpus_store_path, tmp_path):
    with small_tmpfs(tmp_path / "small", "64k") as small:
        old = small / "graph.nq"
        old.write_text("old\n")
        proc = kg("export", "--format", "nquads", "--store", str(corpus_store_path), "-o", str(old))
        assert "No space left on device" in one_line_error(proc)
        assert old.read_text() == "old\n"
        no_part_files(small)


def test_ingest_on_a_full_filesystem_is_one_line_and_the_store_stays_readable(tmp_path):
    """Defect 12: the clean error was followed by an OSError traceback from close()/flush()."""
    with small_tmpfs(tmp_path / "small", "3m") as small:
        store = small / "s"
        first = kg("ingest", str(CORPUS / "energy-truce-ft.txt"), "--store", str(store), "-q")
        if first.returncode != 0:
            pytest.skip("the store does not fit the small filesystem at all")
        filler = small / "filler"
        with contextlib.suppress(OSError), open(filler, "wb") as fh:
            while True:
                fh.write(b"\0" * 65536)
        proc = kg("ingest", str(CORPUS), "--glob", "*.txt", "--store", str(store))
        line = one_line_error(proc)
        assert "no space left on device" in line.lower() and "damaged" not in line
        filler.unlink()
        stats = kg("stats", "--store", str(store))
        assert stats.returncode == 0 and "articles" in stats.stdout


def test_ingest_that_fills_the_disk_half_way_stops_with_a_summary(tmp_path):
    """Defect 12: a write failing on a full disk is one error line and a summary of what was stored."""
    with small_tmpfs(tmp_path / "small", "4m") as small:
        store = small / "s"
        if kg("ingest", str(CORPUS / "energy-truce-ft.txt"), "--store", str(store), "-q").returncode != 0:
            pytest.skip("the store does not fit the small filesystem at all")
        filler = small / "filler"
        with contextlib.suppress(OSError), open(filler, "wb") as fh:
            while True:
                fh.write(b"\0" * 4096)
        os.truncate(filler, max(0, filler.stat().st_size - 300 * 1024))  # room to open, not to write all
        proc = kg("ingest", str(CORPUS), "--glob", "*.txt", "--store", str(store))
        filler.unlink()
        if proc.returncode == 0:
            pytest.skip("everything fitted after all")
        lines = proc.stderr.strip().splitlines()
        assert "Traceback" not in proc.stderr and proc.returncode == 2, proc.stderr
        assert len(lines) == 2 and "No space left on device" in lines[0] and lines[1].startswith("stopped: ")
        done = int(lines[1].split()[1])
        stats = kg("stats", "--store", str(store))
        assert stats.returncode == 0 and f": {done + 1} articles" in stats.stdout  # whole articles only
