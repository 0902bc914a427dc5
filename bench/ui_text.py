"""Frame cost of a Chinese passage against an English one of the same length on screen, in the
real window (dummy driver, 1280x720): the typewriter reveals each passage, then the frames go on
with a score animation. Target: the Chinese p99 within 1.5x of the English p99.

    python bench/ui_text.py [--frames N]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET_RATIO = 1.5

PACK = """\
format: 1
id: bench-{lang}
title: Bench
regime:
  scale: {{min: 1.0, max: 5.0, start: 4.0, decimals: 3}}
  association: 0.2
  categories:
    conduct: {{label: Conduct, weight: 0.5}}
  tiers:
    low: {{min: 1.0}}
characters:
  maya: {{name: Maya, score: 4.8}}
"""
EPISODE = """\
episode: one
title: One
scenes:
  start:
    text: |
{text}
    choices:
      - text: {choice}
        goto: end
  end:
    text: Done.
    ending:
      title: Done
      tone: mixed
      debrief: Done.
      prompts: [Why?]
"""
ENGLISH = ("The morning feed shows your number before your own face does. At the bakery the "
           "woman ahead of you turns, checks your standing, and decides you are not worth a "
           "smile. You pay, you rate her five stars out of habit, and you wonder who taught "
           "you that habit. ") * 3
CHINESE = ("早上的推送比镜子更早告诉你自己的分数。面包店里，排在你前面的女人回头看了一眼你的信用分，"
           "决定你不值得一个微笑。你付了钱，出于习惯给她打了五星，然后想，是谁教会了你这个习惯。") * 3


def frames_for(lang: str, text: str, choice: str, frames: int, home: str) -> list:
    folder = Path(home) / f"pack-{lang}"
    folder.mkdir()
    (folder / "pack.yaml").write_text(PACK.format(lang=lang), "utf-8")
    body = "\n".join("      " + line for line in text.splitlines())
    (folder / "one.yaml").write_text(EPISODE.format(text=body, choice=choice), "utf-8")
    from types import SimpleNamespace
    from game.ui.app import App
    from game.ui.screens.title import TitleScreen
    from game.ui.settings import Settings
    args = SimpleNamespace(pack=None, projector=False, presenter=False, audience_display=None)
    app = App(args, size=(1280, 720), settings=Settings())
    app.persist = False
    app.push(TitleScreen(app))
    app.after_first_frame()
    app.start_game(str(folder), seed=1)
    rt = app.session.rt
    samples = []
    for i in range(frames):
        if i % 45 == 0 and hasattr(app.top, "anim"):
            app.top.anim.move(rt.score - 0.05, rt.score, True)
        app.dirty = True
        t = time.perf_counter()
        app.step(1 / 60)
        samples.append((time.perf_counter() - t) * 1000)
    app.close()
    return samples


def p99(xs) -> float:
    xs = sorted(xs)
    return xs[int(len(xs) * 0.99) - 1]


def measure(frames: int, home: str):
    """(English p99, Chinese p99) in ms, first frames (cache filling) included: laying out a
    new passage is part of what a player waits for."""
    os.environ.update(STANDING_HOME=home, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
                      PYGAME_HIDE_SUPPORT_PROMPT="1")
    sys.path.insert(0, str(REPO))
    en = frames_for("en", ENGLISH, "Go on", frames, home)
    zh = frames_for("zh", CHINESE, "继续", frames, home)
    return p99(en), p99(zh), max(en), max(zh)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", type=int, default=600)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as home:
        en, zh, en_max, zh_max = measure(args.frames, home)
    ratio = zh / en
    print(f"(d) frame p99 on a passage: English {en:.2f} ms, Chinese {zh:.2f} ms, ratio "
          f"{ratio:.2f}x (target <= {TARGET_RATIO}x); worst frame English {en_max:.1f} ms, "
          f"Chinese {zh_max:.1f} ms (a first frame, filling the caches)")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
