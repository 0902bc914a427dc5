"""Benchmark: the worst saves and the largest story maps, each answered in its own process.

Every case runs in a fresh Python process; its wall time and peak memory (the child's
ru_maxrss from wait4, i.e. getrusage(RUSAGE_CHILDREN) for that one child) are reported with
its answer. Target (issue 14): each hostile save answered in 2 s and 300 MB with a
"damaged" reason; the 10,000-scene playtest and graph are reported for comparison.

    python bench/hostile_saves.py                # all cases
    python bench/hostile_saves.py --only deep    # cases whose name contains "deep"
    python bench/hostile_saves.py --json
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TUTORIAL = ROOT / "story" / "tutorial"
SECONDS, MEGABYTES = 2.0, 300

# Each case is Python run in a child process with STANDING_HOME set; it prints its answer.
READ = """
from game import saves
slot = saves.read("1")
print("ok" if slot.ok else "damaged: " + slot.error)
"""
RESTORE = """
from game import saves
try:
    rt = saves.restore(saves.read("1"))
    print("ok: restored at", rt.state.scene, "after", len(rt.state.history), "choices")
except saves.SaveError as e:
    print(e)
"""
REPORT = """
import sys
from game.cli import main
sys.exit(main(["report", sys.argv[1], "-o", sys.argv[2]]))
"""
PLAYTEST = """
import sys
from game.cli import main
sys.exit(main(["playtest", sys.argv[1], "--runs", sys.argv[2]]))
"""
GRAPH = """
import sys
from game.cli import main
sys.exit(main(["graph", sys.argv[1], "-o", sys.argv[2]]))
"""


def real_save(pack_path: Path, choices: int = 3) -> Dict:
    from game import saves
    from game.engine import Runtime
    from game.packs import load_pack
    pack = load_pack(str(pack_path)).pack
    rt = Runtime.start(pack, seed=1)
    for _ in range(choices):
        if rt.scene.ending is not None:
            if rt.next_episode is None:
                break
            rt.begin_next_episode()
        rt.choose(next(c.index for c in rt.choices if c.available))
    return json.loads(json.dumps(saves.to_dict(rt, str(pack_path))))


def record_chain(folder: Path, scenes: int) -> Path:
    """One episode, a chain of scenes, a fading record at every step: the slowest run to
    replay per choice (every score reads every record)."""
    folder.mkdir(parents=True)
    (folder / "pack.yaml").write_text(
        "format: 1\nid: chain\ntitle: Chain\nregime:\n  scale: {min: 1.0, max: 5.0, start: 4.0}"
        "\n  categories:\n    conduct: {label: Conduct, weight: 0.5}\n")
    parts = ["episode: one\ntitle: One\nstart: s0\nscenes:\n"]
    for i in range(scenes - 1):
        parts.append(f"  s{i}:\n    text: Scene {i}.\n    choices:\n      - text: On\n"
                     f"        effects:\n          - record: {{category: conduct, impact: "
                     f"-0.001, saw: x, truth: y}}\n        goto: s{i + 1}\n")
    parts.append(f"  s{scenes - 1}:\n    text: End.\n    ending:\n      title: End\n"
                 "      debrief: d\n      prompts: [p]\n")
    (folder / "one.yaml").write_text("".join(parts))
    return folder


def many_episodes(folder: Path, episodes: int = 1990, per: int = 5) -> Path:
    """About 10,000 scenes as many short episodes (the shape that was quadratic)."""
    folder.mkdir(parents=True)
    ids = [f"e{k}" for k in range(episodes)]
    (folder / "pack.yaml").write_text(
        "format: 1\nid: eps\ntitle: Episodes\nregime:\n  scale: {min: 1.0, max: 5.0, start: "
        "4.0}\nepisodes: [" + ", ".join(ids) + "]\n")
    for k, eid in enumerate(ids):
        out = [f"episode: {eid}\ntitle: Part {k}\nscenes:\n"]
        for j in range(per - 1):
            out.append(f"  s{k}_{j}:\n    text: Scene.\n    choices:\n      - text: On\n"
                       f"        goto: s{k}_{j + 1}\n      - text: Skip\n"
                       f"        goto: s{k}_{per - 1}\n")
        out.append(f"  s{k}_{per - 1}:\n    text: End.\n    ending:\n      title: End {k}\n"
                   "      debrief: d\n      prompts: [p]\n")
        (folder / f"{eid}.yaml").write_text("".join(out))
    return folder


def cases(tmp: Path) -> List[Tuple[str, str, List[str], bytes]]:
    """(name, code, argv, save file bytes or b"") for every case."""
    good = real_save(TUTORIAL)
    huge_int = dict(good, saved_at=10 ** 4000)
    padded = dict(good)
    padded["state"] = dict(good["state"], extra={"pad": "x" * (10 * 1024 * 1024)})
    under = b"[" + b'"aaaaaaa",' * 390_000 + b"1]"  # just under the text and size caps
    edited = json.loads(json.dumps(good))
    edited["state"]["history"][0]["records"] = [10 ** 6]
    chain = record_chain(tmp / "chain", 1001)
    long_run = real_save(chain, 1000)
    report_out = str(tmp / "r.html")
    out = [
        ("baseline: start Python, import game.saves", "import game.saves; print('ok')", [], b""),
        ("save: 200,000-deep lists", READ, [], b"[" * 200_000 + b"]" * 200_000),
        ("save: 200,000-deep objects", READ, [], b'{"a":' * 200_000 + b"1" + b"}" * 200_000),
        ("save: 10 MB", READ, [], json.dumps(padded).encode()),
        ("save: 4,000-digit saved_at", READ, [], json.dumps(huge_int).encode()),
        ("save: 5,000-digit number", READ, [], b"[" + b"7" * 5000 + b"]"),
        ("save: 390,000 texts (3.9 MB)", READ, [], under),
        ("save: 1,000,000 empty lists", READ, [], b"[" + b"[]," * 1_000_000 + b"[]]"),
        ("save: edited record index (restore)", RESTORE, [], json.dumps(edited).encode()),
        ("report: edited record index", REPORT, ["SAVE", report_out], json.dumps(edited).encode()),
        ("report: 200,000-deep lists", REPORT, ["SAVE", report_out],
         b"[" * 200_000 + b"]" * 200_000),
        ("save: longest run, 1,000 choices, a fading record each (restore)", RESTORE, [],
         json.dumps(long_run).encode()),
    ]
    eps = many_episodes(tmp / "eps")
    out += [("pack: 9,950 scenes in 1,990 episodes, playtest 20 runs", PLAYTEST,
             [str(eps), "20"], b""),
            ("pack: 9,950 scenes in 1,990 episodes, graph .mmd", GRAPH,
             [str(eps), str(tmp / "g.mmd")], b"")]
    if shutil.which("dot"):
        from bench.load import generate
        generate(tmp / "p2000", 2000)
        out += [("pack: 9,950 scenes in 1,990 episodes, graph .svg (refused)", GRAPH,
                 [str(eps), str(tmp / "g.svg")], b""),
                ("pack: 2,000 scenes (bench/load.py), graph .svg", GRAPH,
                 [str(tmp / "p2000"), str(tmp / "g2.svg")], b"")]
    return out


def run_case(code: str, argv: List[str], home: Path, timeout: float) -> Tuple[float, float, str]:
    """(seconds, peak MB, first line of the answer) of one case in a fresh process."""
    env = dict(os.environ, STANDING_HOME=str(home), PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code] + argv, env=env, cwd=str(ROOT),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
        out = b"TIMED OUT " + out
    seconds = time.perf_counter() - start
    # communicate() already reaped the child; its rusage is in RUSAGE_CHILDREN, whose
    # ru_maxrss is the largest child so far, so each case runs after a fresh baseline.
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    lines = out.decode("utf-8", "replace").strip().splitlines()
    return seconds, peak_kb / 1024, (lines[-1] if lines else f"exit {proc.returncode}")[:110]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default="", help="run the cases whose name contains this")
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="standing-hostile-"))
    results = []
    try:
        for name, code, argv, raw in cases(tmp):
            if args.only not in name:
                continue
            home, argv = place(tmp, raw, argv)
            # A fresh interpreter per case, so RUSAGE_CHILDREN's peak is this case's alone.
            seconds, mb, answer = _isolated(code, argv, home, args.timeout)
            results.append({"case": name, "seconds": round(seconds, 3), "peak_mb": round(mb, 1),
                            "answer": answer})
            if not args.json:
                ok = "ok " if name.startswith("pack") or (seconds <= SECONDS and mb <= MEGABYTES) \
                    else "MISSED"
                print(f"{ok:6} {seconds:8.2f} s {mb:7.1f} MB  {name}\n{'':34}{answer}", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        print(json.dumps(results, indent=1))
    return 0


def place(tmp: Path, raw: bytes, argv: List[str]) -> Tuple[Path, List[str]]:
    """Put a case's bytes in save slot 1 of a home folder and in a file named by "SAVE" in
    its arguments: (that home, the arguments)."""
    home = tmp / "home"
    slot = home / "saves" / "slot1.json"
    slot.parent.mkdir(parents=True, exist_ok=True)
    save_file = tmp / "save.json"
    for target in (slot, save_file):
        target.write_bytes(raw)
    return home, [str(save_file) if a == "SAVE" else a for a in argv]


def _isolated(code: str, argv: List[str], home: Path, timeout: float) -> Tuple[float, float, str]:
    """Run one case through a small parent process, so the peak memory read from
    RUSAGE_CHILDREN belongs to this case and not to an earlier, larger one."""
    wrapper = ("import sys, json; sys.path.insert(0, sys.argv[1]); "
               "from bench.hostile_saves import run_case; "
               "print(json.dumps(run_case(sys.argv[2], json.loads(sys.argv[3]), "
               "__import__('pathlib').Path(sys.argv[4]), float(sys.argv[5]))))")
    out = subprocess.run([sys.executable, "-c", wrapper, str(ROOT), code, json.dumps(argv),
                          str(home), str(timeout)], capture_output=True, text=True)
    try:
        seconds, mb, answer = json.loads(out.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return float("nan"), float("nan"), (out.stderr.strip().splitlines() or ["?"])[-1]
    return seconds, mb, answer


if __name__ == "__main__":
    sys.exit(main())
