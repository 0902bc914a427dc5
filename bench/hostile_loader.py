"""Hostile packs for the loader: generated worst cases, each validated in its own process.

Every case must be answered with exit 2 and a positioned message (file:line:column, or the
path of the folder or file at fault) within 2 s and 300 MB. The lead's bench/hostile.py calls
`run_all()`; run alone: python bench/hostile_loader.py [--timeout 60] [--largest] [CASE...]
With --largest it also validates a valid pack just under the size limits (target 10 s), and
--code DIR measures another checkout (e.g. the commit before these fixes).
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import List, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # this checkout's game, not an installed one
from hostile_packs import CASES, remove_tree  # noqa: E402

TARGET_SECONDS, TARGET_MB = 2.0, 300
LARGEST_SECONDS = 10.0  # any pack within the limits

_POSITIONED = re.compile(rb"^\S[^\n]*?(?::\d+:\d+)?: error\[SP\d{3}\]", re.M)


class Result(NamedTuple):
    case: str
    seconds: float
    cpu_seconds: float  # user + system: what the case costs, whatever else the machine runs
    peak_mb: float
    exit_code: int
    output_bytes: int
    positioned: bool

    @property
    def ok(self) -> bool:
        return self.exit_code == 2 and self.positioned and \
            self.seconds <= TARGET_SECONDS and self.peak_mb <= TARGET_MB


def run_case(name: str, folder: Path, timeout: float, code: Path = ROOT) -> Result:
    """`standing validate` on one pack in a child process: its time, peak memory and output.
    `code` is the checkout whose `game` package runs (to measure an older commit)."""
    env = dict(os.environ, PYTHONPATH=str(code))
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "game", "validate", str(folder)], cwd=code,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    head, total = b"", 0
    assert proc.stdout is not None
    timer = threading.Timer(timeout, proc.kill)  # a case that hangs silently is stopped too
    timer.start()
    while True:  # a flood of output is counted, not kept
        chunk = proc.stdout.read(1 << 16)
        if not chunk:
            break
        total += len(chunk)
        head = head if len(head) > 8192 else head + chunk[:8192]
    timer.cancel()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t
    code = os.waitstatus_to_exitcode(status)
    return Result(name, seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code,
                  total,
                  bool(_POSITIONED.search(head)))


def largest_pack(folder: Path) -> Path:
    """The bench/load.py story, grown to just under the pack's YAML limit (a valid pack)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from load import generate  # noqa: E402
    from game.packs.yamlsafe import MAX_TEXT_BYTES
    scenes = int(MAX_TEXT_BYTES / 1100) // 100 * 100  # about 1,070 bytes a scene
    generate(folder, scenes, files=scenes // 1000)
    return folder


def run_all(names: List[str] = (), timeout: float = 60.0, code: Path = ROOT,  # type: ignore
            show=lambda r: None) -> List[Result]:
    out = []
    with tempfile.TemporaryDirectory(prefix="standing-hostile-") as tmp:
        for name in names or list(CASES):
            folder = CASES[name](Path(tmp) / name)
            out.append(run_case(name, folder, timeout, code))
            remove_tree(folder)
            show(out[-1])
    return out


def _row(r: Result) -> str:
    return (f"{r.case:22} {r.seconds:8.2f} {r.cpu_seconds:8.2f} {r.peak_mb:8.0f} {r.exit_code:5} "
            f"{r.output_bytes:14,}  {'yes' if r.positioned else 'NO '}"
            f"{'' if r.ok else '   <- misses the target'}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cases", nargs="*", metavar="CASE", help=", ".join(CASES))
    ap.add_argument("--timeout", type=float, default=60.0, help="kill a case after this")
    ap.add_argument("--code", type=Path, default=ROOT, help="checkout to run (default: this)")
    ap.add_argument("--largest", action="store_true",
                    help="also validate a valid pack just under the size limits")
    args = ap.parse_args()
    unknown = [c for c in args.cases if c not in CASES]
    if unknown:
        ap.error(f"unknown case {unknown[0]!r}; cases: {', '.join(CASES)}")
    print(f"{'case':22} {'seconds':>8} {'cpu s':>8} {'peak MB':>8} {'exit':>5} "
          f"{'output bytes':>14}  positioned", flush=True)
    results = run_all(args.cases, args.timeout, args.code,
                      show=lambda r: print(_row(r), flush=True))
    print(f"slowest {max(r.seconds for r in results):.2f} s "
          f"({max(r.cpu_seconds for r in results):.2f} s of CPU), peak "
          f"{max(r.peak_mb for r in results):.0f} MB (target {TARGET_SECONDS:g} s, "
          f"{TARGET_MB} MB, exit 2, positioned)")
    ok = all(r.ok for r in results)
    if args.largest:
        with tempfile.TemporaryDirectory(prefix="standing-largest-") as tmp:
            big = run_case("largest-valid-pack", largest_pack(Path(tmp) / "p"), args.timeout,
                           args.code)
        size = f"{big.seconds:.2f} s ({big.cpu_seconds:.2f} s of CPU), {big.peak_mb:.0f} MB, " \
            f"exit {big.exit_code}"
        print(f"largest pack within the limits: {size} (target {LARGEST_SECONDS:g} s, exit 0)")
        ok = ok and big.exit_code == 0 and big.seconds <= LARGEST_SECONDS
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
