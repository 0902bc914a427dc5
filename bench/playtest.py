"""Benchmark: 10,000 random playthroughs of one story, in our runtime and in inkjs.

The same branching story (33 scenes over five days, number and flag variables, conditional
choices, a rating score) is written from one description into our YAML pack format and into
ink. Each side plays it N times choosing random available choices and reading every passage's
text, in one process: ours through `Runtime`, ink's through inkjs (compiled with its bundled
compiler; compile time is reported apart). The bar: ours must not be slower.

    python bench/playtest.py              # 10,000 runs each
    python bench/playtest.py --runs 2000 --json

It also times `playtest --exhaustive` on the flagship, story/standing-city (about 10^10 paths):
the exhaustive search is cut off and the prover (game/packs/prove.py) answers instead. The bar:
under 60 s, every answer a proof.

inkjs is installed with npm from bench/package.json into a cache folder outside the repository
(STANDING_BENCH_NODE overrides it), so no node_modules lands in the tree.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple, Union

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.engine import Runtime  # noqa: E402
from game.packs import load_pack  # noqa: E402
from game.packs.playtest import explore, random_playtest  # noqa: E402
from game.packs.prove import prove  # noqa: E402

FLAGSHIP = ROOT / "story" / "standing-city"

# ---- the story, described once ---------------------------------------------------------------

CHARACTERS = {"boss": ("Mara Quist", 4.6), "kim": ("Kim Osei", 3.9), "jun": ("Jun Park", 3.1)}
START, PRIOR = 4.213, 10
Effect = Tuple[str, str, Union[int, float, bool]]  # (rate, who, stars) | (add/set, var, value)


@dataclass
class Choice:
    text: str
    goto: str
    cond: str = ""  # the same expression text works in both languages
    effects: List[Effect] = field(default_factory=list)


@dataclass
class Scene:
    id: str
    text: str
    choices: List[Choice] = field(default_factory=list)
    ending: str = ""


def story(days: int = 5) -> List[Scene]:
    out: List[Scene] = []
    for d in range(1, days + 1):
        out += _day(d, f"d{d + 1}_wake" if d < days else "")
    out += [Scene("end_trusted", "The feed crowns you. Doors open before you reach them.",
                  ending="Trusted"),
            Scene("end_ordinary", "Nothing changes. The queue moves at its usual speed.",
                  ending="Ordinary"),
            Scene("end_shadowed", "The app apologises for your number. Doors stay shut.",
                  ending="Shadowed")]
    return out


def _day(d: int, tomorrow: str) -> List[Scene]:
    p = f"d{d}_"
    night = [Choice("Sleep", tomorrow)] if tomorrow else [
        Choice("Check your final score", "end_trusted", "score >= 4.2"),
        Choice("Check your final score", "end_ordinary", "score < 4.2 and score >= 3.5"),
        Choice("Check your final score", "end_shadowed", "score < 3.5")]
    return [
        Scene(p + "wake", f"Day {d}. Your score is {{score}}. You have {{cash}} in cash.", [
            Choice("Check the feed", p + "work", effects=[("rate", "", 4)]),
            Choice("Skip the feed", p + "work")]),
        Scene(p + "work", "Mara watches the office from her glass box, rating as she goes.", [
            Choice("Work hard", p + "lunch", effects=[("add", "cash", 30), ("rate", "boss", 4)]),
            Choice("Slack off", p + "lunch", effects=[("rate", "boss", 2)]),
            Choice("Flatter the boss", p + "lunch", "score >= 4.0",
                   effects=[("rate", "boss", 5)])]),
        Scene(p + "lunch", "Kim has forgotten her wallet again. You have {cash}.", [
            Choice("Buy Kim lunch", p + "favour", "cash >= 20",
                   effects=[("add", "cash", -20), ("rate", "kim", 5)]),
            Choice("Eat alone", p + "evening")]),
        Scene(p + "favour", "Jun, at 3.1, asks you to vouch for him at the bank.", [
            Choice("Vouch for Jun", p + "evening",
                   effects=[("set", "met_jun", True), ("rate", "jun", 5)]),
            Choice("Pretend you are busy", p + "evening", effects=[("rate", "jun", 1)])]),
        Scene(p + "evening", "The evening opens up. Cash: {cash}.", [
            Choice("Go out", p + "night", "cash >= 10",
                   effects=[("add", "cash", -10), ("rate", "", 4)]),
            Choice("Call Jun", p + "night", "met_jun", effects=[("rate", "jun", 4)]),
            Choice("Stay home", p + "night")]),
        Scene(p + "night", "The day's ratings settle: {score}.", night),
    ]


# ---- our YAML ------------------------------------------------------------------------------

def to_pack(scenes: List[Scene], folder: Path) -> None:
    chars = "".join(f"  {cid}: {{name: {name}, score: {score}}}\n"
                    for cid, (name, score) in CHARACTERS.items())
    (folder / "episodes").mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(
        "format: 1\nid: bench\ntitle: Bench\n"
        f"regime:\n  scale: {{min: 1.0, max: 5.0, start: {START}, decimals: 3}}\n"
        f"  ratings: {{prior: {PRIOR}, rater_influence: 2}}\n"
        f"characters:\n{chars}variables:\n  cash: 50\n  met_jun: false\n", encoding="utf-8")
    lines = ["episode: week", "title: A Week", "scenes:"]
    for sc in scenes:
        lines += [f"  {sc.id}:", f"    text: {json.dumps(sc.text)}"]
        if sc.ending:
            lines += ["    ending:", f"      title: {sc.ending}", "      debrief: Bench.",
                      "      prompts: [Bench?]"]
            continue
        lines.append("    choices:")
        for c in sc.choices:
            lines += [f"      - text: {c.text}", f"        goto: {c.goto}"]
            if c.cond:
                lines.append(f"        if: {c.cond}")
            if c.effects:
                lines.append("        effects:")
                lines += [f"          - {_yaml_effect(e)}" for e in c.effects]
    (folder / "episodes" / "week.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _yaml_effect(e: Effect) -> str:
    kind, name, value = e
    if kind == "rate":
        return f"rate: {{by: {name}, stars: {value}}}" if name else \
            f"rate: {{stars: {value}, rater: 3.5}}"
    return f"{kind}: {{{name}: {json.dumps(value)}}}"


# ---- ink -------------------------------------------------------------------------------------

def to_ink(scenes: List[Scene]) -> str:
    out = ["VAR cash = 50", "VAR met_jun = false", f"VAR score = {START}",
           f"VAR total = {PRIOR * START}", f"VAR weight = {PRIOR}.0", "", f"-> {scenes[0].id}",
           "", "=== function rate(stars, rater) ===",
           "~ temp p = (rater - 1.0) / 4.0", "~ temp w = p * p",
           "~ total = total + w * stars", "~ weight = weight + w", "~ score = total / weight",
           ""]
    for sc in scenes:
        out += [f"=== {sc.id} ===", sc.text]
        if sc.ending:
            out += ["-> END", ""]
            continue
        for c in sc.choices:
            cond = f"{{{c.cond}}} " if c.cond else ""
            out.append(f"+ {cond}[{c.text}]")
            out += [f"    {_ink_effect(e)}" for e in c.effects]
            out.append(f"    -> {c.goto}")
        out.append("")
    return "\n".join(out)


def _ink_effect(e: Effect) -> str:
    kind, name, value = e
    if kind == "rate":
        rater = CHARACTERS[name][1] if name else 3.5
        return f"~ rate({value}, {rater})"
    if kind == "add":
        return f"~ {name} = {name} + ({value})"
    return f"~ {name} = {str(value).lower()}"


INK_DRIVER = r"""
const { Compiler } = require('inkjs/full');
const fs = require('fs');
const [src, runs] = [fs.readFileSync(process.argv[2], 'utf8'), +process.argv[3]];
function mulberry32(a) { return function() { a |= 0; a = a + 0x6D2B79F5 | 0;
  let t = Math.imul(a ^ a >>> 15, 1 | a); t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t;
  return ((t ^ t >>> 14) >>> 0) / 4294967296; }; }
let t0 = process.hrtime.bigint();
const story = new Compiler(src).Compile();
const compileMs = Number(process.hrtime.bigint() - t0) / 1e6;
const rand = mulberry32(1);
let choices = 0, chars = 0; const endings = {};
t0 = process.hrtime.bigint();
for (let i = 0; i < runs; i++) {
  story.ResetState();
  for (;;) {
    while (story.canContinue) chars += story.Continue().length;
    const n = story.currentChoices.length;
    if (n === 0) break;
    story.ChooseChoiceIndex(Math.floor(rand() * n)); choices++;
  }
  const last = story.state.currentPathString || 'end';
  endings[last] = (endings[last] || 0) + 1;
}
const runMs = Number(process.hrtime.bigint() - t0) / 1e6;
console.log(JSON.stringify({ compileMs, runMs, choices, chars }));
"""


def node_dir() -> Path:
    return Path(os.environ.get("STANDING_BENCH_NODE",
                               Path(tempfile.gettempdir()) / "standing-bench-node"))


def ensure_inkjs() -> Path:
    """Install inkjs (pinned in bench/package.json) once, outside the repository."""
    where = node_dir()
    if (where / "node_modules" / "inkjs" / "package.json").is_file():
        return where
    if shutil.which("npm") is None or shutil.which("node") is None:
        raise SystemExit("this benchmark needs node and npm (for inkjs)")
    where.mkdir(parents=True, exist_ok=True)
    shutil.copy(Path(__file__).with_name("package.json"), where / "package.json")
    subprocess.run(["npm", "install", "--no-package-lock", "--no-audit", "--no-fund"],
                   cwd=where, check=True, stdout=subprocess.DEVNULL)
    return where


def bench_ink(source: str, runs: int) -> Dict[str, float]:
    where = ensure_inkjs()
    (where / "story.ink").write_text(source, encoding="utf-8")
    (where / "driver.js").write_text(INK_DRIVER, encoding="utf-8")
    proc = subprocess.run(["node", "driver.js", "story.ink", str(runs)], cwd=where,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"inkjs failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ---- ours ------------------------------------------------------------------------------------

def bench_ours(folder: Path, runs: int) -> Dict[str, float]:
    t0 = time.perf_counter()
    result = load_pack(str(folder))
    load_ms = (time.perf_counter() - t0) * 1000
    if not result.ok:
        raise SystemExit("\n".join(d.format() for d in result.errors))
    pack = result.pack
    rng = random.Random(1)
    choices = chars = 0
    t0 = time.perf_counter()
    for i in range(runs):
        rt = Runtime.start(pack, seed=i)
        while True:
            chars += len(rt.passage.text)  # ink produces its text; so do we
            if rt.scene.ending is not None:
                break
            rt.choose(rng.choice([c.index for c in rt.choices if c.available]))
            choices += 1
    run_ms = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    random_playtest(pack, runs, seed=1)
    playtest_ms = (time.perf_counter() - t0) * 1000
    return {"loadMs": load_ms, "runMs": run_ms, "playtestMs": playtest_ms,
            "choices": choices, "chars": chars}


def bench_flagship() -> Dict[str, float]:
    """What `playtest --exhaustive story/standing-city` does: the state search up to its
    budget, then the proof search."""
    pack = load_pack(str(FLAGSHIP)).pack
    t0 = time.perf_counter()
    cov = explore(pack)
    explore_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    proof = prove(pack)
    prove_s = time.perf_counter() - t0
    return {"exploreS": explore_s, "proveS": prove_s, "totalS": explore_s + prove_s,
            "exploreComplete": cov.complete, "mergedStates": proof.states,
            "allProved": proof.all_proved}


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=10_000)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-flagship", action="store_true",
                    help="skip timing --exhaustive on story/standing-city")
    args = ap.parse_args(argv)
    scenes = story()
    with tempfile.TemporaryDirectory() as tmp:
        to_pack(scenes, Path(tmp))
        ours = bench_ours(Path(tmp), args.runs)
    ink = bench_ink(to_ink(scenes), args.runs)
    ratio = ours["runMs"] / ink["runMs"]
    report = {"scenes": len(scenes), "runs": args.runs, "ours": ours, "inkjs": ink,
              "ratio_ours_to_ink": ratio, "python": sys.version.split()[0],
              "node": subprocess.run(["node", "--version"], capture_output=True,
                                     text=True).stdout.strip(),
              "flagship": None if args.no_flagship else bench_flagship()}
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        _print(report)
    flagship_ok = report["flagship"] is None or (report["flagship"]["totalS"] < 60 and
                                                  report["flagship"]["allProved"])
    return 0 if ratio <= 1.0 and flagship_ok else 1


def _print(r: dict) -> None:
    o, k, n = r["ours"], r["inkjs"], r["runs"]
    print(f"{r['scenes']} scenes, {n} random playthroughs each "
          f"(Python {r['python']}, node {r['node']})")
    print(f"  ours : {o['runMs']:8.0f} ms  ({o['choices'] / n:.1f} choices per run, "
          f"{o['runMs'] * 1000 / max(1, o['choices']):.1f} us per choice); load+validate "
          f"{o['loadMs']:.0f} ms; full playtester {o['playtestMs']:.0f} ms")
    print(f"  inkjs: {k['runMs']:8.0f} ms  ({k['choices'] / n:.1f} choices per run, "
          f"{k['runMs'] * 1000 / max(1, k['choices']):.1f} us per choice); compile "
          f"{k['compileMs']:.0f} ms")
    verdict = "ours is faster" if r["ratio_ours_to_ink"] <= 1 else "OURS IS SLOWER"
    print(f"  ratio ours/inkjs: {r['ratio_ours_to_ink']:.2f} ({verdict}; target 0.5)")
    f = r["flagship"]
    if f is not None:
        print(f"standing-city --exhaustive: {f['totalS']:.1f} s (state search "
              f"{f['exploreS']:.1f} s, {'complete' if f['exploreComplete'] else 'cut off'}; "
              f"proof search {f['proveS']:.1f} s over {f['mergedStates']} merged states; "
              f"{'every answer a proof' if f['allProved'] else 'SOME ANSWERS NOT PROVED'}; "
              "bar: 60 s)")


if __name__ == "__main__":
    sys.exit(main())
