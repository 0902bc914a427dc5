"""Twine import benchmark: a generated Harlowe story of N passages (sets, if/else hooks,
conditional links, naked variables), imported by `standing import-twee`, and a hostile
passage of unclosed openers that must scan in linear time.

  (a) read + convert N passages                       target: under 1 s for 1,000
  (b) the whole command: convert, write, validate     target: under 3 s for 1,000
  (c) 2 MB of unclosed `(if:` / `<<` / `[img[` openers  target: under 2 s (linear scan)
  (d) 1 MB of specials that never make a token (`/(`)  target: under 5 s (the worst case per
      byte; a story holds at most 8 MiB of passage text)

Run: python bench/twine.py [--passages 1000]
"""
from __future__ import annotations

import argparse
import contextlib
import io
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.cli import main  # noqa: E402
from game.twine import Converter, read_story  # noqa: E402


def story(n: int) -> str:
    lines = [":: StoryData", '{"format": "Harlowe", "start": "P0"}', ""]
    for i in range(n):
        lines += [f":: P{i}",
                  f"(set: $n to it + 1)Passage {i}. (if: $n > 3)[Here $n times.](else:)[New.]",
                  f"[[Next->P{(i + 1) % n}]]", f"(if: $n is 2)[[[Jump->P{(i * 7 + 3) % n}]]]",
                  "[[Stop->End]]", ""]
    return "\n".join(lines + [":: End", "The end."])


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def run(passages: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "big.twee"
        src.write_text(story(passages), encoding="utf-8")
        a = timed(lambda: Converter(read_story(src)).run())
        with contextlib.redirect_stdout(io.StringIO()):
            b = timed(lambda: main(["import-twee", str(src), "-o", str(Path(tmp) / "out")]))
        hostile = Path(tmp) / "open.twee"
        hostile.write_text(":: Start\n" + "(if: <<x [img[ " * 140_000 + "\n", encoding="utf-8")
        c = timed(lambda: Converter(read_story(hostile)).run())
        hostile.write_text(":: Start\n" + "/(" * 500_000 + "\n", encoding="utf-8")
        d = timed(lambda: Converter(read_story(hostile)).run())
    print(f"(a) read + convert {passages} passages: {a:.2f} s")
    print(f"(b) import-twee (convert, write, validate): {b:.2f} s")
    print(f"(c) 2 MB of unclosed openers: {c:.2f} s")
    print(f"(d) 1 MB of specials that never make a token: {d:.2f} s")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--passages", type=int, default=1000)
    run(ap.parse_args().passages)
