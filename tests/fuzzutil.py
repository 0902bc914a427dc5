"""What every fuzz target shares (issue 14 §11): how many examples, the time and memory
budgets, and the check that only the project's own exceptions escape.

Short by default, so the suite stays quick; STANDING_FUZZ_EXAMPLES=N runs every target with N
examples (e.g. 20000 overnight)."""
from __future__ import annotations

import os
import tracemalloc
from contextlib import contextmanager
from datetime import timedelta
from typing import Iterator

from hypothesis import HealthCheck, settings

LONG = int(os.environ.get("STANDING_FUZZ_EXAMPLES", "0"))
# A generous per-example deadline: Hypothesis reports an example that overruns it (and shrinks
# it), so a hang or a quadratic blow-up is caught without a wall-clock assertion.
DEADLINE = timedelta(seconds=20)
MEMORY_MB = 200  # Python allocations at peak for one small input (the bench target is 300 MB)


def fuzz(examples: int = 150) -> settings:
    return settings(max_examples=LONG or examples, deadline=DEADLINE,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


@contextmanager
def memory_budget(mb: int = MEMORY_MB) -> Iterator[None]:
    """Fail when the block's Python allocations peak above `mb` megabytes."""
    tracemalloc.start()
    try:
        yield
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak <= mb * 2 ** 20, f"peak memory {peak / 2 ** 20:.0f} MB over the {mb} MB budget"
