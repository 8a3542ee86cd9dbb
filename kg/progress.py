"""Progress on a terminal only (stderr): the ingest bar with a total and an ETA, and a spinner naming
the stage of long commands (validate, graph, analyze). Nothing is drawn when stderr is not a terminal."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

FEED_MARKS = (b"<item", b"<entry")


def count_inputs(paths: Iterable[str | Path], glob: str = "*") -> int | None:
    """How many articles the inputs hold, counted cheaply without parsing: one per text/HTML/JSON file,
    one per non-blank line of JSON Lines, one per <item>/<entry> of a feed; None for stdin ('-')."""
    from kg.ingest.reader import FEED, JSONL, expand

    total = 0
    for path in expand(paths, glob):
        if str(path) == "-":
            return None
        suffix = path.suffix.lower()
        try:
            if suffix in JSONL:
                total += sum(1 for line in path.read_bytes().splitlines() if line.strip())
                continue
            if suffix in FEED:
                data = path.read_bytes()
                total += max(1, sum(data.count(mark) for mark in FEED_MARKS))
                continue
        except OSError:
            pass
        total += 1
    return total


@contextmanager
def ingest_progress(show: bool, total: int | None = None) -> Iterator[Callable[[str, str], None]]:
    """Yields a callback(source, outcome) that advances the bar; a no-op when not shown. With a total,
    the bar shows done/total and the time remaining."""
    if not show:
        yield lambda source, outcome: None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = [SpinnerColumn()]
    if total:
        columns += [BarColumn(), MofNCompleteColumn(), TextColumn("articles, ETA"), TimeRemainingColumn()]
    else:
        columns += [TextColumn("{task.completed} articles")]
    columns += [TimeElapsedColumn(), TextColumn("{task.description}")]
    from rich.console import Console

    started = time.perf_counter()
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("", total=total or None)

        def tick(source: str, outcome: str) -> None:
            done = progress.tasks[0].completed + 1
            rate = done / max(time.perf_counter() - started, 1e-6)
            progress.update(task, advance=1, description=f"{rate:.1f} articles/s  {outcome}: {source[-40:]}")

        yield tick


@contextmanager
def stages(show: bool, command: str) -> Iterator[Callable[[str], None]]:
    """Yields step(name): a spinner on stderr with the command, the current stage and the time spent;
    a no-op when not shown."""
    if not show:
        yield lambda name: None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn(f"kg {command}: {{task.description}}"), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("starting", total=None)
        yield lambda name: progress.update(task, description=name)
