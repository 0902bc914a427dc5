"""Crash-safe saves: a process killed with SIGKILL while saving in a loop never loses the slot,
and the temporary files it leaves are removed at the next start-up (listing the autosaves,
as the title screen does)."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game import fsutil, saves

ROOT = Path(__file__).resolve().parent.parent
KILLS = 20

SAVER = """
import sys
from game import saves
from game.engine import Runtime
from game.packs.cache import load_cached
pack = load_cached(sys.argv[1]).pack
rt = Runtime.start(pack, seed=4)
rt.choose(0)
rt.state.extra["padding"] = "x" * 200_000  # a larger file widens the window for a kill
saves.write("1", rt, sys.argv[1])
print("ready", flush=True)
while True:
    saves.write("1", rt, sys.argv[1])
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_while_saving_never_loses_the_slot(standing_home):
    env = dict(os.environ, PYTHONPATH=str(ROOT), STANDING_HOME=str(standing_home))
    pack = str(ROOT / "story" / "tutorial")
    for i in range(KILLS):
        proc = subprocess.Popen([sys.executable, "-c", SAVER, pack], env=env,
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(0.005 * (i % 7))  # land the kill at different points of a write
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        slot = saves.read("1")
        assert slot.ok, slot.error
    temps = list(saves.saves_dir().glob("*.tmp"))
    old = time.time() - 60
    for t in temps:
        os.utime(t, (old, old))  # the next start-up comes later
    saves.latest_autosave()
    assert not list(saves.saves_dir().glob("*.tmp"))
    print(f"{KILLS} kills left {len(temps)} temporary files; start-up removed them")


def test_start_up_removes_only_our_stale_temporary_files(standing_home):
    folder = saves.saves_dir()
    folder.mkdir(parents=True)
    names = {"slot1.json.abcd1234.tmp": 60, "autosave-city.json.k9_x0zz1.tmp": 60,
             "slot2.json.fresh123.tmp": 0, "notes.tmp": 60, "slot1.json": 60,
             "autosave.json.q1w2e3r4.tmp": 60}
    now = time.time()
    for name, age in names.items():
        (folder / name).write_text("x")
        os.utime(folder / name, (now - age, now - age))
    assert sorted(saves.tidy()) == ["autosave-city.json.k9_x0zz1.tmp",
                                    "autosave.json.q1w2e3r4.tmp", "slot1.json.abcd1234.tmp"]
    assert sorted(p.name for p in folder.iterdir()) == ["notes.tmp", "slot1.json",
                                                         "slot2.json.fresh123.tmp"]


def test_the_folder_is_flushed_after_the_rename(tmp_path, monkeypatch):
    synced = []
    real = os.fsync

    def spy(fd):
        synced.append(os.path.isdir(f"/proc/self/fd/{fd}") if os.path.exists("/proc/self/fd")
                      else True)
        return real(fd)

    monkeypatch.setattr(fsutil.os, "fsync", spy)
    fsutil.atomic_write(tmp_path / "f.json", b"{}")
    assert (tmp_path / "f.json").read_bytes() == b"{}"
    if os.name != "nt":
        assert synced == [False, True]  # the file, then its folder
