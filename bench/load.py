"""Load benchmark: a generated 5,000-scene pack, timed three ways in one run.

  (a) bare `yaml.load(..., CSafeLoader)` of the same files: the floor
  (b) a cold load plus validation through Standing's loader      target: <= 1.25 x (a)
  (c) a warm load from the compiled cache                         target: <= 0.3 s

Run: python bench/load.py [--scenes 5000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml  # noqa: E402

PACK = """\
format: 1
id: bench
title: Benchmark
regime:
  scale: {min: 1.0, max: 5.0, start: 4.0, decimals: 3}
  categories:
    conduct: {label: Conduct, weight: 0.5}
    credit: {label: Credit, weight: 1.0}
  association: 0.1
  tiers:
    low: {min: 1.0}
    mid: {min: 3.5}
    high: {min: 4.2, perks: [Fast lane]}
characters:
  maya: {name: Maya, score: 4.8, friend: true}
  jun: {name: Jun, score: 3.1}
variables:
  cash: 100
  trust: 0
  met: false
"""

SCENE = """\
  s{i}:
    speaker: maya
    text: |
      Scene {i}. {prose}
      You have {{cash}} coins and a score of {{score}}. {{if friend(jun)}}Jun is with you.{{else}}You are alone.{{end}}
    choices:
      - text: Pay {{maya}} back ({i})
        if: cash >= {cost} and score >= 2.0
        effects:
          - add: {{cash: -{cost}}}
          - rate: {{by: maya, stars: {stars}}}
        goto: s{a}
      - text: Ask Jun for help
        show_if: not met or trust > 2
        effects:
          - set: {{met: true}}
          - add: {{trust: 1}}
          - record: {{category: conduct, impact: -0.01, saw: Asked for help, truth: Needed it}}
        goto: s{b}
      - text: Walk on {{if tier >= 'mid' or visits(s{i}) < 3}}quickly{{end}}
        effects:
          - befriend: jun
        goto: s{c}
"""

ENDING = """\
  s{i}:
    text: The end of path {i}. Your score is {{score}}.
    ending:
      title: Ending {i}
      debrief: |
        The system recorded {{cash}} coins. {prose}
      prompts: [Was it fair?, Who decided?, What would you change?]
"""

PROSE = ("The feed refreshes under your thumb, and every face in the queue carries a number "
         "that decides who is served first, who waits, and who is quietly turned away. ")


def generate(folder: Path, n: int, files: int = 10) -> int:
    rng = random.Random(42)
    folder.mkdir(parents=True)
    episodes = [f"e{k}" for k in range(files)]
    (folder / "pack.yaml").write_text(PACK + f"episodes: [{', '.join(episodes)}]\n")
    per = n // files
    total = 0
    for k, eid in enumerate(episodes):
        lo, hi = k * per, (k + 1) * per
        parts = [f"episode: {eid}\ntitle: Part {k}\nstart: s{lo}\nscenes:\n"]
        for i in range(lo, hi):
            if i >= hi - 3:
                parts.append(ENDING.format(i=i, prose=PROSE))
                continue
            # choice one always leads on, so every scene is reachable; the last story scene
            # branches to the three endings
            nxt = [i + 1] + [min(hi - 4, i + rng.randint(1, 4)) for _ in range(2)]
            if i == hi - 4:
                nxt = [hi - 3, hi - 2, hi - 1]
            parts.append(SCENE.format(i=i, prose=PROSE * 2, cost=rng.randint(1, 9),
                                      stars=rng.randint(1, 5), a=nxt[0], b=nxt[1], c=nxt[2]))
        text = "".join(parts)
        (folder / f"{eid}.yaml").write_text(text)
        total += len(text.encode())
    return total


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scenes", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="standing-bench-"))
    os.environ["STANDING_HOME"] = str(tmp / "home")
    from game.engine.conditions import parse as parse_condition
    from game.packs.cache import load_cached
    from game.packs.loader import load_pack
    from game.packs.yamlsafe import HAS_C_LOADER
    folder = tmp / "pack"
    size = generate(folder, args.scenes)
    files = sorted(folder.glob("*.yaml"))
    loader = yaml.CSafeLoader if HAS_C_LOADER else yaml.SafeLoader

    def bare():
        for f in files:
            yaml.load(f.read_bytes().decode("utf-8"), Loader=loader)

    def cold():
        parse_condition.cache_clear()  # a cold load starts with nothing parsed
        r = load_pack(str(folder))
        assert r.ok, [d.format() for d in r.errors[:3]]

    a = best(bare, args.repeat)
    b = best(cold, args.repeat)
    assert load_cached(str(folder)).ok  # fills the cache
    c = best(lambda: load_cached(str(folder)), args.repeat)
    print(f"pack: {args.scenes} scenes, {len(files)} files, {size / 1e6:.2f} MB of YAML, "
          f"C loader: {HAS_C_LOADER}")
    print(f"(a) bare yaml.load (CSafeLoader):  {a:.3f} s")
    print(f"(b) cold load + validate:          {b:.3f} s  = {b / a:.2f} x (a)   "
          f"target <= 1.25 x  {'OK' if b <= 1.25 * a else 'MISSED'}")
    print(f"(c) warm load from cache:          {c:.3f} s            "
          f"target <= 0.300 s {'OK' if c <= 0.3 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
