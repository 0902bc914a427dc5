"""Every hostile-input bench in one table (issue 14, "Done when").

Runs the generated worst cases of each kind, each in its own child process:
  bench/hostile_loader.py   packs built to break the loader    target: exit 2, a positioned message
  bench/hostile_text.py     crafted prose, guides, conditions  target: answered (played, or refused
                                                                at a line:column), no crash or hang
  bench/hostile_saves.py    edited and damaged saves           target: reported "damaged" (its
                                                                "pack:" rows are for comparison)
and prints, per case: the exit code (loader cases; "-" where a case runs in-process), whether
the answer is positioned or "damaged", the slowest wall time over --repeat runs, the CPU time
(user + system, whatever else the machine runs), and the peak memory, against the target of
2 s and 300 MB for every case.

    python bench/hostile.py [--repeat 3] [--timeout 60] [--only TEXT]
"""
from __future__ import annotations

import argparse
import math
import resource
import sys
import tempfile
from pathlib import Path
from typing import Callable, Iterator, List, NamedTuple, Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
import hostile_loader  # noqa: E402
import hostile_text  # noqa: E402

TARGET_S, TARGET_MB = 2.0, 300


class Row(NamedTuple):
    bench: str
    case: str
    exit_code: Optional[int]
    answered: bool  # exit 2 with a positioned message, answered, or "damaged", per bench
    seconds: float  # the slowest of the runs
    cpu_seconds: float
    peak_mb: float
    note: str = ""
    compare_only: bool = False  # reported beside the others, not held to the target

    @property
    def ok(self) -> bool:
        return self.compare_only or (self.answered and self.seconds <= TARGET_S
                                     and self.peak_mb <= TARGET_MB)


def _children_cpu() -> float:
    """CPU seconds of every child reaped so far (a case's CPU is the difference)."""
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime


def _slowest(rows: List[Row]) -> Row:
    worst = max(rows, key=lambda r: (not r.answered, r.seconds))
    return worst._replace(seconds=max(r.seconds for r in rows),
                          cpu_seconds=max(r.cpu_seconds for r in rows),
                          peak_mb=max(r.peak_mb for r in rows))


def loader_rows(repeat: int, timeout: float, only: str) -> Iterator[Row]:
    names = [n for n in hostile_loader.CASES if only in n]
    runs = [hostile_loader.run_all(names, timeout) for _ in range(repeat)]
    for i, name in enumerate(names):
        yield _slowest([Row("loader", name, r[i].exit_code, r[i].exit_code == 2 and r[i].positioned,
                            r[i].seconds, r[i].cpu_seconds, r[i].peak_mb,
                            f"{r[i].output_bytes:,} bytes out") for r in runs])


def text_rows(repeat: int, timeout: float, only: str) -> Iterator[Row]:
    for name in hostile_text._cases():
        if only not in name:
            continue
        rows = []
        for _ in range(repeat):
            cpu = _children_cpu()
            m = hostile_text.measure(name, timeout)
            outcome = m["outcome"]
            rows.append(Row("text", name, None, not outcome.startswith(("CRASH", "HANG")),
                            m["seconds"], _children_cpu() - cpu, m["peak_mb"], outcome[:60]))
        yield _slowest(rows)


def saves_rows(repeat: int, timeout: float, only: str) -> Iterator[Row]:
    try:
        import hostile_saves
    except ImportError:
        print("bench/hostile_saves.py is not here yet: the saves cases are left out", flush=True)
        return
    with tempfile.TemporaryDirectory(prefix="standing-hostile-") as name:
        tmp = Path(name)
        for case, code, argv, raw in hostile_saves.cases(tmp):
            if only not in case:
                continue
            rows = []
            for _ in range(repeat):
                rows.append(_one_save(hostile_saves, tmp, case, code, argv, raw, timeout))
            yield _slowest(rows)


def _one_save(module, tmp: Path, case: str, code: str, argv: List[str], raw: bytes,
              timeout: float) -> Row:
    """One case as bench/hostile_saves.py runs it."""
    home, argv = module.place(tmp, raw, argv)
    cpu = _children_cpu()
    seconds, mb, answer = module._isolated(code, argv, home, timeout)
    compare = case.startswith(("pack", "baseline"))
    # A hostile save is answered "damaged" (the report command says why it cannot read it);
    # the longest valid run is answered by restoring it.
    answered = compare or (not math.isnan(seconds) and not answer.startswith("TIMED OUT") and
                           ("damaged" in answer or answer.startswith(("ok", "standing report:"))))
    return Row("saves", case, None, answered, seconds, _children_cpu() - cpu, mb, answer[:60],
               compare_only=compare)


def _line(r: Row) -> str:
    code = "-" if r.exit_code is None else str(r.exit_code)
    mark = "compare" if r.compare_only else ("ok" if r.ok else "MISSED")
    return (f"{r.bench:6} {r.case[:44]:44} {code:>4} {'yes' if r.answered else 'NO':>5} "
            f"{r.seconds:7.2f} {r.cpu_seconds:7.2f} {r.peak_mb:7.0f}  {mark:7} {r.note}")


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=1, help="runs per case; the slowest counts")
    ap.add_argument("--timeout", type=float, default=60.0, help="kill a case after this")
    ap.add_argument("--only", default="", help="only the cases whose name contains this")
    args = ap.parse_args(argv)
    print(f"{'bench':6} {'case':44} {'exit':>4} {'ans.':>5} {'slowest':>7} {'cpu s':>7} "
          f"{'peak MB':>7}  target  answer", flush=True)
    rows: List[Row] = []
    benches: List[Callable[[int, float, str], Iterator[Row]]] = [loader_rows, text_rows,
                                                                 saves_rows]
    for bench in benches:
        for row in bench(args.repeat, args.timeout, args.only):
            rows.append(row)
            print(_line(row), flush=True)
    held = [r for r in rows if not r.compare_only]
    if not held:
        return 0
    slow = max(held, key=lambda r: r.seconds)
    big = max(held, key=lambda r: r.peak_mb)
    missed = [r.case for r in held if not r.ok]
    print(f"\n{len(held)} cases: slowest {slow.seconds:.2f} s ({slow.case}), most CPU "
          f"{max(r.cpu_seconds for r in held):.2f} s, peak {big.peak_mb:.0f} MB ({big.case}); "
          f"target {TARGET_S:g} s and {TARGET_MB} MB, answered")
    print("missed: " + (", ".join(missed) if missed else "none"))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
