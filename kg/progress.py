"""A progress bar for long ingests: articles done and articles per second, on a terminal only."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def ingest_progress(show: bool) -> Iterator[Callable[[str, str], None]]:
    """Yields a callback(source, outcome) that advances the bar; a no-op when not shown."""
    if not show:
        yield lambda source, outcome: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    started = time.perf_counter()
    with Progress(SpinnerColumn(), TextColumn("{task.completed} articles"), TimeElapsedColumn(),
                  TextColumn("{task.description}"), transient=True) as progress:
        task = progress.add_task("", total=None)

        def tick(source: str, outcome: str) -> None:
            done = progress.tasks[0].completed + 1
            rate = done / max(time.perf_counter() - started, 1e-6)
            progress.update(task, advance=1, description=f"{rate:.1f} articles/s  {outcome}: {source[-40:]}")

        yield tick
