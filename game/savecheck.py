"""The one trust boundary for saved games. Saves are plain JSON anyone can edit, so every
reader (the save list, Continue, Load, `standing report`) goes through here, in three steps:

    raw = read_bounded(path)            # a regular file, at most MAX_BYTES
    doc = parse(raw)                    # nesting and container counts checked before json
    check_save(doc) / check_state(doc)  # every field's type, range and size (savecheck_schema)
    state = fit(pack, doc["state"])     # the run replayed in its pack: the state to trust

Each step raises `SaveDamaged` (a `SaveError`) with the reason; nothing else escapes. After
`fit`, the state is the one the engine itself produced by replaying the saved choices from
the saved seed, so nothing behind this module needs to distrust it.
"""
from __future__ import annotations

import json
import os
import stat
from array import array
from itertools import accumulate
from pathlib import Path
from typing import Any, Dict, Optional

from .i18n import _, format_integer
from .savecheck_schema import SAVE, STATE, check

MAX_BYTES = 4 * 1024 * 1024  # a 1,000-choice run is under 1 MB
MAX_DEPTH = 32  # a real save nests 6 deep
MAX_CONTAINERS = 200_000  # objects and lists in one file
MAX_STRINGS = 400_000  # texts and keys in one file
MAX_DIGITS = 20  # digits in one number


class SaveError(Exception):
    """A save that cannot be read or no longer fits its pack; str() is for the player."""


class SaveDamaged(SaveError):
    """The file itself is damaged or edited into something this version cannot trust."""

    def __init__(self, reason: str):
        # Translators: a save that cannot be used; `reason` says what is wrong with the file.
        super().__init__(_("damaged: {reason}").format(reason=reason))
        self.reason = reason


# ---- reading and parsing ---------------------------------------------------------------------

def read_bounded(path: Path) -> bytes:
    """The file's bytes; FileNotFoundError when absent, SaveDamaged when not a regular file or
    too large. Opened without blocking, so a FIFO named like a save cannot hang the reader."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(str(path), flags)
    except FileNotFoundError:
        raise
    except OSError as e:
        # Translators: `problem` is the system's own words for why a file cannot be read.
        raise SaveDamaged(_("the file cannot be read ({problem})").format(
            problem=e.strerror or e)) from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SaveDamaged(_("it is not a regular file"))
        if info.st_size > MAX_BYTES:
            raise SaveDamaged(_("the file is too large ({size} bytes; a save is at most "
                                "{most})").format(size=format_integer(info.st_size),
                                                  most=format_integer(MAX_BYTES)))
        raw = fh.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise SaveDamaged(_("the file is too large (a save is at most {most} bytes)").format(
            most=format_integer(MAX_BYTES)))
    return raw


_OPEN, _CLOSE = b"[{", b"]}"
_KEEP = _OPEN + _CLOSE
_SIGNED = bytes.maketrans(_KEEP, b"\x01\x01\xff\xff")  # +1 and -1 as signed bytes
_DROP = bytes(b for b in range(256) if b not in _KEEP)


def prescan(raw: bytes) -> None:
    """Refuse nesting deeper than MAX_DEPTH and more than MAX_CONTAINERS objects and lists
    before json.loads sees the text (it recurses per level and builds every container).

    Brackets inside strings do not count. With escaped backslashes and quotes blanked out,
    every quote left opens or closes a string, so the text between string-quotes is the
    structure; every step runs in C, in time linear in the size of the file."""
    plain = raw.replace(b"\\\\", b"__").replace(b'\\"', b"__")
    quotes = plain.count(b'"')
    if quotes > 2 * MAX_STRINGS:
        raise SaveDamaged(_("it holds {count} texts (a save has at most {most})").format(
            count=format_integer(quotes // 2), most=format_integer(MAX_STRINGS)))
    outside = b"".join(plain.split(b'"')[::2])
    marks = outside.translate(_SIGNED, _DROP)
    opened = len(marks) - marks.count(b"\xff")
    if opened > MAX_CONTAINERS:
        raise SaveDamaged(_("it holds {count} objects and lists (a save has at most "
                            "{most})").format(count=format_integer(opened),
                                              most=format_integer(MAX_CONTAINERS)))
    depth = max(accumulate(array("b", marks)), default=0)
    if depth > MAX_DEPTH:
        raise SaveDamaged(_("it is nested {depth} levels deep (a save nests at most "
                            "{most})").format(depth=format_integer(depth), most=MAX_DEPTH))


def _number(text: str) -> Any:
    if len(text.lstrip("-").split(".")[0].split("e")[0].split("E")[0]) > MAX_DIGITS:
        raise SaveDamaged(_("it holds a number with more than {most} digits").format(
            most=MAX_DIGITS))
    value = float(text) if any(c in text for c in ".eE") else int(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise SaveDamaged(_("it holds a number too large to use"))
    return value


def _no_constant(name: str) -> Any:
    # Translators: `name` is what the file holds instead of a number (NaN, Infinity).
    raise SaveDamaged(_("it holds {name}, which is not a number").format(name=name))


def parse(raw: bytes) -> Any:
    """The JSON value of a save's bytes, or SaveDamaged."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SaveDamaged(_("the file is not text (not UTF-8)")) from None
    prescan(raw)
    try:
        return json.loads(text, parse_int=_number, parse_float=_number,
                          parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise SaveDamaged(_("the file is not valid JSON")) from None


# ---- the schema ------------------------------------------------------------------------------

def check_save(data: Any) -> Dict[str, Any]:
    """A save document (`{"save_format": 1, ..., "state": {...}}`) that fits the schema."""
    if not isinstance(data, dict):
        raise SaveDamaged(_("the file is not a saved game"))
    version = data.get("save_format")
    if version != 1 or type(version) is not int:
        shown = repr(version) if isinstance(version, (int, float, str, bool)) else "unknown"
        raise SaveError(_("the save has format {found}; this version reads format {known}").format(
            found=shown[:40], known=1))
    return _checked(data, SAVE, "")


def check_state(data: Any) -> Dict[str, Any]:
    """A bare run state (`GameState.to_dict()`) that fits the schema."""
    if not isinstance(data, dict):
        raise SaveDamaged(_("the saved state is not an object"))
    return _checked(data, STATE, "state")


def _checked(data: Dict[str, Any], schema: Dict[str, Any], where: str) -> Dict[str, Any]:
    problem = check(data, schema, where)
    if problem:
        raise SaveDamaged(problem)
    return data


def read_save(path: Path) -> Dict[str, Any]:
    """A save file, read, parsed and checked against the schema (not yet against its pack)."""
    return check_save(parse(read_bounded(path)))


# ---- the fit to its pack ---------------------------------------------------------------------

def fit(pack, data: Dict[str, Any], digest: Optional[str] = None):
    """The GameState of a schema-checked state, rebuilt by replaying its choices in `pack`.

    Only the seed, the start episode, the choices and the front end's notes (`extra`) are
    taken from the file; every score, record and visit is the engine's own. When `digest`
    says the pack is the one the save was written in, the saved state must equal the replay
    (an edited score or friend list is damage). Raises SaveError when the save belongs to
    another pack, SaveDamaged when it does not replay in the pack it was saved from, and a
    "no longer fits" SaveError when the pack has changed since.
    """
    from .engine.runtime import RuntimeUsageError
    from .engine.state import GameState, StateError
    check_state(data)
    if data["pack_id"] != pack.id:
        raise SaveError(belongs_elsewhere(data["pack_id"], pack.id))
    try:
        saved = GameState.from_dict(data)
        state = _replayed(pack, saved)
    except (StateError, RuntimeUsageError, KeyError, IndexError) as e:
        reason = str(e).strip("'\"") or type(e).__name__
        if digest not in (None, "", pack.digest):
            raise SaveError(_("This save no longer fits '{title}': {reason}. The pack has "
                              "changed since this game was saved.").format(
                                  title=pack.info.title, reason=reason)) from None
        raise SaveDamaged(_("its choices do not replay: {reason}").format(reason=reason)) \
            from None
    except Exception as e:  # the pack itself fails on this path: still a sentence, not a crash
        # Translators: `error` is a developer's error message, kept in English.
        raise SaveError(_("replaying this save in '{title}' failed ({error})").format(
            title=pack.info.title, error=f"{type(e).__name__}: {str(e)[:200]}")) from None
    state.extra = saved.extra
    if digest == pack.digest:
        _same(saved.to_dict(), state.to_dict())
    return state


def _same(saved: Dict[str, Any], replayed: Dict[str, Any]) -> None:
    for key, value in replayed.items():
        if saved.get(key) != value:
            raise SaveDamaged(_("its `{field}` is not what its choices lead to (the file was "
                                "edited)").format(field=f"state.{key}"))


def belongs_elsewhere(found: str, pack_id: str) -> str:
    """The sentence for a save of another pack."""
    # Translators: `found` and `pack` are pack ids.
    return _("this save belongs to pack `{found}`, not `{pack}`").format(found=found, pack=pack_id)


def _replayed(pack, saved):
    """Replay `saved` from its seed; the result must stand where the save stands."""
    from .engine.runtime import replay
    from .engine.state import StateError
    rt = replay(pack, saved, len(saved.history))
    nxt = rt.next_episode if rt.scene.ending is not None else None
    if nxt is not None and saved.scene == nxt.start and saved.episode == nxt.id:
        rt.begin_next_episode()  # the player had begun the next episode before saving
    if rt.state.scene != saved.scene:
        # Translators: `scene` and `reached` are scene ids.
        raise StateError(_("the saved scene `{scene}` is not where its choices lead "
                           "(`{reached}`)").format(scene=saved.scene, reached=rt.state.scene))
    return rt.state
