"""The algorithm lab's slider: rescoring a 100-step run on every move must feel instant.

    python bench/lab.py      # prints the first build and the best of five rescores

Target: a rescore under 20 ms (a slider redraws at 50 Hz), the lab's first build under 2 s.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # this checkout's game and the test packs

from game.engine import play_path  # noqa: E402
from game.engine.lab import Lab  # noqa: E402
from packutil import PACK_YAML, start, write_pack  # noqa: E402
from test_lab import long_pack  # noqa: E402

RESCORE_MS, FIRST_S = 20.0, 2.0


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        rt = start(write_pack(Path(tmp) / "long", pack=PACK_YAML, episodes=long_pack(100)))
    play_path(rt, [i % 2 if i % 3 else 0 for i in range(100)])
    t0 = time.perf_counter()
    lab = Lab(rt.pack, rt.state)
    first = time.perf_counter() - t0
    timings = []
    for w in (0.1, 0.5, 1.0, 2.0, 3.0):
        t0 = time.perf_counter()
        lab.rescore({"categories": {"conduct": w}, "tiers": {"high": 4.0 + w / 10}})
        timings.append((time.perf_counter() - t0) * 1000)
    best = min(timings)
    print(f"lab first build {first:.3f} s (target {FIRST_S:g} s); "
          f"rescore best {best:.1f} ms, worst {max(timings):.1f} ms (target {RESCORE_MS:g} ms)")
    return 0 if best < RESCORE_MS and first < FIRST_S else 1


if __name__ == "__main__":
    sys.exit(main())
