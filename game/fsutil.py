"""Writing files so that a crash never destroys what was there before."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, flush, fsync, rename over it, then fsync the
    folder so the rename itself survives a power cut. A crash at any point leaves either the
    old file or the new one; at worst a `<name>.<random>.tmp` file stays behind (the saves
    folder is tidied of those at start-up, see game/saves.py `tidy`)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=str(path.parent), prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    fsync_folder(path.parent)


def fsync_folder(folder: Path) -> bool:
    """Flush a folder's entries to disk where the platform allows it (POSIX); Windows cannot
    open a folder as a file and makes renames durable itself. True when it was flushed."""
    if os.name == "nt":
        return False
    try:
        fd = os.open(str(folder), os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return False
    try:
        os.fsync(fd)
        return True
    except OSError:  # some file systems (and /proc-like ones) refuse fsync on a folder
        return False
    finally:
        os.close(fd)
