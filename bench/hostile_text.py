"""Benchmark: the worst text an author can write, through every reader of it.

Each case runs in its own child process (so a hang is cut off and memory is measured alone):
100 KB of crafted prose played in the terminal player, 100 KB of crafted guide through the
report's Markdown and the guide screen's reader, and 1000-term conditions and deep templates
through validate, play, playtest, graph and the compiled cache. It prints each case's time,
peak memory and outcome, then the slowest time and the largest peak.

    python bench/hostile_text.py                  # every case
    python bench/hostile_text.py --case guide-link --timeout 120
    python bench/hostile_text.py --json

Targets (issue 14): every case answered in 2 s and 300 MB; a case that hits the timeout
counts as a failure.
"""
from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Callable, Dict, List

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZE = 100_000  # bytes of crafted text per case
TARGET_S, TARGET_MB = 2.0, 300

PROSE = {
    "prose-bold": "**x ",
    "prose-italic": "*x ",
    "prose-mixed": "**x *y ",
}
GUIDE = {
    "guide-bold": "**x ",
    "guide-underscore": "_x ",
    "guide-link": "[",
    "guide-heading": "# " + " " * (SIZE - 4) + "x",
    "guide-table": "| a |\n|" + " " * (SIZE - 8) + "x",
}
# A condition field holds at most 2,000 characters; a text (and the `{if}`s in it) 100,000.
CONDITIONS = {
    "cond-sum": "1+" * 998 + "1>0",
    "cond-and": " and ".join(["f"] * 333),
    "cond-or": " or ".join(["not f"] * 222),
    "cond-parens": "(" * 600 + "f" + ")" * 600,
    "cond-not": "not " * 498 + "f",
    "text-cond-sum": "{if " + "1+" * 10_000 + "1>0}x{end}",
    "text-cond-and": "{if " + " and ".join(["f"] * 10_000) + "}x{end}",
    "text-if": "{if f}" * 1000 + "x" + "{end}" * 1000,
}


def _repeat(unit: str) -> str:
    return (unit * (SIZE // len(unit) + 1))[:SIZE] if len(unit) < 16 else unit


PACK = """\
format: 1
id: hostile
title: Hostile
regime:
  scale: {min: 1.0, max: 5.0, start: 4.0, decimals: 3}
  tiers:
    low: {min: 1.0}
variables:
  f: true
guide: GUIDE.md
"""


def _write_pack(folder: Path, text: str = "Hello.", cond: str = "f",
                guide: str = "# Guide") -> Path:
    episode = {"episode": "one", "title": "One", "scenes": {
        "start": {"text": text, "choices": [
            {"text": "Go", "if": cond, "goto": "end"},
            {"text": "Also go", "show_if": cond, "goto": "end"},
            {"text": "Walk", "goto": "end"}]},
        "end": {"text": "Done.", "ending": {"title": "End", "debrief": "Over.",
                                            "prompts": ["Why?"]}}}}
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(PACK, encoding="utf-8")
    (folder / "one.yaml").write_text(yaml.safe_dump(episode, width=1 << 30, sort_keys=False), encoding="utf-8")
    (folder / "GUIDE.md").write_text(guide, encoding="utf-8")
    return folder


# ---- what each case does (in the child) -------------------------------------------------------

def _play_text(folder: Path) -> str:
    from game.engine import Runtime
    from game.packs import load_pack
    from game.text.play import TextPlayer
    r = load_pack(str(folder))
    if not r.ok:
        return "refused: " + r.diagnostics[0].message
    out = io.StringIO()
    TextPlayer(Runtime.start(r.pack, seed=1), io.StringIO("1\nq\n"), out).run()
    return f"played, {len(out.getvalue())} chars out"


def run_prose(unit: str, tmp: Path) -> str:
    return _play_text(_write_pack(tmp / "p", text=_repeat(unit)))


def run_guide(unit: str, tmp: Path) -> str:
    from game.report.markdown import markdown_to_html
    from game.ui.screens.guide import parse
    md = _repeat(unit)
    return f"html {len(markdown_to_html(md))} chars, {len(parse(md))} window blocks"


def run_condition(src: str, tmp: Path) -> str:
    from game.packs import graph, load_pack
    from game.packs.cache import encode
    from game.packs.playtest import random_playtest
    template = src.startswith("{")
    folder = _write_pack(tmp / "c", text=src if template else "Hello.",
                         cond="f" if template else src)
    r = load_pack(str(folder))
    if not r.ok:
        d = r.diagnostics[0]
        return f"refused at {d.line}:{d.column}: {d.message}"
    steps = [_play_text(folder)]
    random_playtest(r.pack, runs=20)
    graph.to_dot(graph.build(r.pack))
    json.dumps(encode(r.pack.scenes["start"]))
    return steps[0] + ", playtest, graph, cache ok"


def _cases() -> Dict[str, Callable[[Path], str]]:
    cases: Dict[str, Callable[[Path], str]] = {}
    for name, unit in PROSE.items():
        cases[name] = lambda tmp, u=unit: run_prose(u, tmp)
    for name, unit in GUIDE.items():
        cases[name] = lambda tmp, u=unit: run_guide(u, tmp)
    for name, src in CONDITIONS.items():
        cases[name] = lambda tmp, s=src: run_condition(s, tmp)
    return cases


def child(name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        try:
            outcome = _cases()[name](Path(tmp))
        except RecursionError:
            outcome = "CRASH: RecursionError"
        except Exception as e:  # the bench reports any crash rather than stopping
            outcome = f"CRASH: {type(e).__name__}: {str(e)[:80]}"
    import resource
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{peak_mb:.1f}\t{outcome}")


# ---- the parent: one child per case, timed, with its peak memory ------------------------------

def measure(name: str, timeout: float) -> dict:
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--child", name], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0.0
    try:
        out, err = proc.communicate(timeout=timeout)
        if "\t" in out:
            mb, outcome = out.strip().split("\t", 1)
            peak = float(mb)
        else:  # the child died before it could report
            outcome = "CRASH: " + (err.strip().splitlines() or ["no output"])[-1]
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        outcome = f"HANG: over {timeout:g} s"
    secs = time.perf_counter() - t0
    return {"case": name, "seconds": round(secs, 2), "peak_mb": peak, "outcome": outcome}


def main(argv: List[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--case", action="append", help="run only this case (repeatable)")
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(args.child)
        return 0
    names = args.case or list(_cases())
    rows = [measure(n, args.timeout) for n in names]
    if args.json:
        print(json.dumps(rows, indent=1))
    else:
        for r in rows:
            print(f"{r['case']:18} {r['seconds']:7.2f} s {r['peak_mb']:7.1f} MB  {r['outcome']}")
    slow = max(rows, key=lambda r: r["seconds"])
    big = max(rows, key=lambda r: r["peak_mb"])
    bad = [r for r in rows if r["outcome"].startswith(("CRASH", "HANG"))]
    print(textwrap.dedent(f"""\
        slowest: {slow['case']} {slow['seconds']:.2f} s (target {TARGET_S:g} s)
        peak memory: {big['case']} {big['peak_mb']:.1f} MB (target {TARGET_MB} MB)
        crashes or hangs: {len(bad)}"""))
    ok = not bad and slow["seconds"] <= TARGET_S and big["peak_mb"] <= TARGET_MB
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
