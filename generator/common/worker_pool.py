"""Use both cores where it pays: a forked pool that runs a task over many items, in order.

Workers are forked, so they start with the parent's memory (the loaded site, the
Jinja environments) and only indices go in and results come out. Where fork is
not available, or the work is small, everything runs in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any

MIN_ITEMS_PER_WORKER = 50
CHUNKS_PER_WORKER = 4  # small enough to balance the load, large enough to keep overhead low

_task: Callable[[int], Any] | None = None


def workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def parallel_map(task: Callable[[int], Any], count: int) -> list[Any]:
    """[task(0), task(1), …, task(count - 1)], computed by as many processes as there are cores."""
    global _task
    processes = min(workers(), count // MIN_ITEMS_PER_WORKER)
    if processes < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [task(index) for index in range(count)]
    size = -(-count // (processes * CHUNKS_PER_WORKER))
    chunks: Sequence[range] = [range(start, min(start + size, count)) for start in range(0, count, size)]
    _task = task
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            results = pool.map(_run_chunk, chunks)
    finally:
        _task = None
    return [result for chunk in results for result in chunk]


def _run_chunk(indices: range) -> list[Any]:
    assert _task is not None
    return [_task(index) for index in indices]
