"""Benchmarks for the game window, with the targets it must reach on the reference machine.

    python bench/ui.py            # all three
    python bench/ui.py --quick    # fewer repetitions

(a) process start to the first interactive title frame (dummy video driver), target <= 0.6 s;
(b) median and 99th-percentile frame time while the score animates and notifications play at
    1280x720 (dummy driver), target p99 <= 4 ms;
(c) CPU use while idle on the play screen for 5 s (process CPU time / wall time), target <= 2 %
    of one core.
Prints one line per figure and exits 1 when a target is missed.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TUTORIAL = REPO / "story" / "tutorial"
TARGET_START, TARGET_P99_MS, TARGET_IDLE_CPU = 0.6, 4.0, 0.02


def _env(home: str, **extra) -> dict:
    env = dict(os.environ, STANDING_HOME=home, PYTHONPATH=str(REPO), SDL_VIDEODRIVER="dummy",
               SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    env.pop("STANDING_SCRIPT", None)
    env.update(extra)
    return env


def start_to_first_frame(runs: int, home: str) -> float:
    """Median seconds from spawning `python -m game` to its first drawn title frame."""
    times = []
    for _ in range(runs):
        t0 = time.time()
        out = subprocess.run([sys.executable, "-m", "game"], env=_env(home, STANDING_FIRST_FRAME="1"),
                             cwd=str(REPO), capture_output=True, text=True, timeout=60).stdout
        line = next(ln for ln in out.splitlines() if ln.startswith("FIRST_FRAME "))
        times.append(float(line.split()[1]) - t0)
    return statistics.median(times)


def frame_times(frames: int, home: str):
    """Per-frame cost (update + draw + flip) while animations and notifications run."""
    os.environ.update(_env(home))
    sys.path.insert(0, str(REPO))
    import pygame
    from game.ui.app import App
    from game.ui.screens.title import TitleScreen
    from game.ui.settings import Settings
    app = App(None, size=(1280, 720), settings=Settings(text_speed=1))
    app.persist = False
    app.push(TitleScreen(app))
    app.after_first_frame()
    app.start_game(str(TUTORIAL), seed=1)
    play = app.top
    play.pick(0)
    rt = app.session.rt
    samples, cpu = [], []
    for i in range(frames):
        if i % 45 == 0:  # keep something moving: a rating and a score change every 0.75 s
            old = rt.score
            play.anim.move(old - 0.05, old, True)
            app.feed.rating("Rui Tanaka", "rui", 5, "4.800", 0.9)
            if i % 90 == 0:
                app.feed.message("Left the workplace during a shift", "down",
                                 "Recorded under Behaviour")
        app.dirty = True
        t, c = time.perf_counter(), time.thread_time()
        app.step(1 / 60)
        samples.append((time.perf_counter() - t) * 1000)
        cpu.append((time.thread_time() - c) * 1000)
    pygame.quit()
    return _stats(samples[10:]) + _stats(cpu[10:])  # the first frames fill the caches


def _stats(xs):
    xs = sorted(xs)
    return statistics.median(xs), xs[int(len(xs) * 0.99) - 1]


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def idle_cpu(seconds: float, home: str) -> float:
    """CPU time / wall time of the real program left alone on the play screen."""
    if not Path("/proc/self/stat").exists():
        raise SystemExit("idle CPU needs /proc (Linux)")
    env = _env(home, STANDING_SCRIPT="1", STANDING_SCRIPT_STAY="1")
    proc = subprocess.Popen([sys.executable, "-m", "game", "play", str(TUTORIAL)], env=env,
                            cwd=str(REPO), stdout=subprocess.PIPE, text=True)
    try:
        for line in proc.stdout:
            if line.strip() == "READY":
                break
        c0, t0 = _cpu_seconds(proc.pid), time.perf_counter()
        time.sleep(seconds)
        c1, t1 = _cpu_seconds(proc.pid), time.perf_counter()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return (c1 - c0) / (t1 - t0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    ok = True
    with tempfile.TemporaryDirectory() as home:
        start = start_to_first_frame(3 if args.quick else 7, home)
        print(f"(a) start to first title frame: {start:.3f} s (target <= {TARGET_START} s)")
        ok &= start <= TARGET_START
        idle = idle_cpu(5.0, home)
        print(f"(c) idle CPU on the play screen: {idle * 100:.2f} % of one core "
              f"(target <= {TARGET_IDLE_CPU * 100:.0f} %)")
        ok &= idle <= TARGET_IDLE_CPU
        med, p99, cmed, cp99 = frame_times(300 if args.quick else 900, home)
        print(f"(b) frame time with animations at 1280x720: median {med:.2f} ms, "
              f"p99 {p99:.2f} ms (target p99 <= {TARGET_P99_MS} ms)")
        print(f"    the same frames in CPU time: median {cmed:.2f} ms, p99 {cp99:.2f} ms")
        busy = os.getloadavg()[0] > (os.cpu_count() or 1) * 0.75
        if busy:
            print(f"    note: load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
                  "other processes inflate wall-clock frame times, so CPU time is judged")
        ok &= (cp99 if busy else p99) <= TARGET_P99_MS
    print("all targets met" if ok else "SOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
