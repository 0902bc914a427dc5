"""Writing a session's reports, as the debrief's Export does: the teacher's record and the
student handout side by side in one folder named for the pack and the time."""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..engine.model import Pack
from ..engine.state import GameState
from ..fsutil import atomic_write
from .handout import render_handout
from .teacher import render_teacher_record


@dataclass(frozen=True)
class ReportFiles:
    teacher: Path
    handout: Path


def write_reports(pack: Pack, state: GameState, folder: Path,
                  first: Optional[GameState] = None) -> ReportFiles:
    """Write `teacher.html` and `handout.html` into a new folder `<pack>-<time>` inside
    `folder` and return their paths. `first` is the session's first run when `state` is a
    what-if branch of it: the record then holds both, the handout the class's current run.
    Raises OSError when the folder cannot be written, StateError when a run is not of `pack`."""
    runs = [first, state] if first is not None else [state]
    teacher = render_teacher_record(pack, runs)
    handout = render_handout(pack, state)
    stem = f"{pack.id}-{time.strftime('%Y%m%d-%H%M%S')}"
    where, n = folder / stem, 1
    while where.exists():  # two exports in one second: never write over the first pair
        n += 1
        where = folder / f"{stem}-{n}"
    files = ReportFiles(where / "teacher.html", where / "handout.html")
    atomic_write(files.teacher, teacher.encode("utf-8"))
    atomic_write(files.handout, handout.encode("utf-8"))
    return files
