"""Saved games: one JSON file per slot in `game.paths.saves_dir()`, written atomically.

This module knows nothing of any front end, so the window, the terminal and other tools can all
read and write the same saves:

    write(slot, rt, pack_path)          # "auto" (that pack's autosave) or "1".."3"
    for s in list_slots(): s.slot, s.ok, s.title, s.score_text, s.error
    latest_autosave()                   # the newest autosave of any pack (Continue)
    rt = restore(read(slot))            # raises SaveError with a sentence for the player

Each pack has its own autosave (`autosave-<pack id>.json`, slot name `auto:<pack id>`), so
playing one story, or an author's test pack under F5, never overwrites another story's
Continue. The single `autosave.json` of earlier versions is still read and listed; it is
removed once its pack writes its own autosave.

A save is `{"save_format": 1, "pack_path", "pack_id", "pack_digest", "episode", "score_text",
"saved_at", "state"}` plus a few display fields (`pack_title`, `episode_title`). A damaged file
only marks its own slot as damaged; it never hides the others. Every file is read through
game/savecheck.py (size, nesting, schema, then a replay in its pack), so a damaged or edited
save is reported as "damaged: <reason>" and never reaches the engine. Listing the folder also
removes temporary files that a crash in the middle of a save left behind.
"""
from __future__ import annotations

import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional

from .fsutil import atomic_write
from .i18n import _, localize_number, ngettext
from .paths import saves_dir
from .savecheck import SaveDamaged, SaveError, belongs_elsewhere, check_save, fit, read_save

SAVE_FORMAT = 1
AUTO = "auto"
AUTO_PREFIX = "auto:"
MANUAL_SLOTS = ("1", "2", "3")
ALL_SLOTS = (AUTO,) + MANUAL_SLOTS
_LEGACY_AUTO = "autosave.json"
# atomic_write's temporary files for our slots: `<slot file>.<mkstemp's 8 characters>.tmp`
_TEMP = re.compile(r"(?:slot[1-3]|autosave(?:-[A-Za-z0-9_-]+)?)\.json\.[A-Za-z0-9_]{8}\.tmp")
STALE_TEMP = 10.0  # seconds: a younger temporary file may be another window's save under way

__all__ = ["SaveError", "SaveDamaged", "SaveSlot"]


@dataclass
class SaveSlot:
    slot: str
    path: Path
    data: Optional[Dict[str, Any]] = None  # None when empty or damaged
    error: str = ""  # why a file that exists cannot be used ("damaged: <this>")

    @property
    def exists(self) -> bool:
        return self.data is not None or bool(self.error)

    @property
    def ok(self) -> bool:
        return self.data is not None

    def get(self, key: str, default: Any = "") -> Any:
        return (self.data or {}).get(key, default)

    @property
    def title(self) -> str:
        return str(self.get("pack_title") or self.get("pack_id"))

    @property
    def episode_title(self) -> str:
        return str(self.get("episode_title") or self.get("episode"))

    @property
    def score_text(self) -> str:
        """The score as saved ("4.213"; the save keeps no language), in the current language's
        signs ("4,213")."""
        return localize_number(str(self.get("score_text")))

    @property
    def score_value(self) -> Optional[float]:
        try:
            return float(str(self.get("score_text")))
        except ValueError:
            return None

    @property
    def saved_at(self) -> float:
        value = self.get("saved_at", 0.0)
        return float(value) if isinstance(value, (int, float)) else 0.0

    @property
    def is_auto(self) -> bool:
        return is_auto(self.slot)

    @property
    def label(self) -> str:
        if not self.is_auto:
            # Translators: a numbered place to save a game in ("Slot 2").
            return _("Slot {slot}").format(slot=self.slot)
        if self.ok:
            # Translators: a pack's automatic save; `title` is the pack's title or id.
            return _("Autosave: {title}").format(title=self.title)
        key = self.slot[len(AUTO_PREFIX):] if self.slot.startswith(AUTO_PREFIX) else ""
        return _("Autosave: {title}").format(title=key) if key else _("Autosave")


def is_auto(slot: str) -> bool:
    return slot == AUTO or slot.startswith(AUTO_PREFIX)


def _safe_key(pack_id: str) -> str:
    """A pack id as a file-name part: ids are usually [a-z0-9-]; anything else is encoded."""
    if pack_id and all(c.isascii() and (c.isalnum() or c in "-_") for c in pack_id):
        return pack_id
    return "x" + pack_id.encode("utf-8").hex()[:80]


def auto_slot(pack_id: str) -> str:
    """The slot name of a pack's own autosave."""
    return AUTO_PREFIX + _safe_key(pack_id)


def slot_path(slot: str) -> Path:
    if slot == AUTO:
        return saves_dir() / _LEGACY_AUTO
    if slot.startswith(AUTO_PREFIX):
        key = slot[len(AUTO_PREFIX):]
        if not key or _safe_key(key) != key:
            raise ValueError(f"unknown save slot {slot!r}")
        return saves_dir() / f"autosave-{key}.json"
    if slot not in MANUAL_SLOTS:
        raise ValueError(f"unknown save slot {slot!r}")
    return saves_dir() / f"slot{slot}.json"


def to_dict(rt, pack_path: str, now: Optional[float] = None) -> Dict[str, Any]:
    """The save document for a runtime (`game.engine.Runtime`)."""
    from .engine.numbers import plain_score_text
    pack = rt.pack
    episode = rt.state.episode
    try:
        ep_title = pack.episode(episode).title
    except KeyError:
        ep_title = episode
    return {"save_format": SAVE_FORMAT, "pack_path": str(pack_path), "pack_id": pack.id,
            "pack_digest": pack.digest, "pack_title": pack.info.title,
            "pack_language": pack.info.language, "episode": episode,
            "episode_title": ep_title, "tier": rt.tier.name,
            "score_text": plain_score_text(pack.regime.scale.decimals, rt.score),
            "saved_at": time.time() if now is None else now, "state": rt.state.to_dict()}


def write(slot: str, rt, pack_path: str) -> Path:
    """Write a save; "auto" means the autosave of `rt`'s pack."""
    if slot == AUTO:
        slot = auto_slot(rt.pack.id)
    path = slot_path(slot)
    data = json.dumps(to_dict(rt, pack_path), ensure_ascii=False, indent=1)
    atomic_write(path, data.encode("utf-8"))
    if is_auto(slot):
        legacy = read(AUTO)
        if legacy.ok and legacy.get("pack_id") == rt.pack.id:
            delete(AUTO)  # the old shared autosave of this pack is superseded
    return path


check = check_save  # the schema check of a save document (game/savecheck.py)


def read(slot: str) -> SaveSlot:
    """One slot; never raises for a missing or damaged file (see SaveSlot.error)."""
    path = slot_path(slot)
    try:
        return SaveSlot(slot, path, read_save(path))
    except FileNotFoundError:
        return SaveSlot(slot, path)
    except SaveDamaged as e:
        return SaveSlot(slot, path, error=e.reason)
    except SaveError as e:
        return SaveSlot(slot, path, error=str(e))


def tidy(min_age: float = STALE_TEMP, now: Optional[float] = None) -> List[str]:
    """Remove temporary files a crash left in the saves folder: only our own pattern, and
    only those older than `min_age` seconds (a younger one may be a save under way). A file
    another program holds open (Windows refuses to delete it) is left for next time."""
    folder = saves_dir()
    now = time.time() if now is None else now
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _TEMP.fullmatch(entry.name):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and \
                    now - entry.stat(follow_symlinks=False).st_mtime >= min_age:
                os.unlink(entry.path)
                removed.append(entry.name)
        except OSError:
            continue
    return removed


def autosaves() -> List[SaveSlot]:
    """Every pack's autosave (and an old shared one), newest first; damaged ones last.
    The title screen lists them at start-up, so this is where stray temporary files go."""
    tidy()
    folder = saves_dir()
    try:
        names = sorted(p.name for p in folder.iterdir())
    except OSError:
        names = []
    found = []
    for name in names:
        if name == _LEGACY_AUTO:
            found.append(read(AUTO))
        elif name.startswith("autosave-") and name.endswith(".json"):
            key = name[len("autosave-"):-len(".json")]
            if key and _safe_key(key) == key:
                found.append(read(AUTO_PREFIX + key))
    return sorted(found, key=lambda s: (not s.ok, -s.saved_at, s.slot))


def latest_autosave() -> SaveSlot:
    """The autosave Continue resumes: the newest readable one; else a damaged one (so the
    title can say so); else an empty slot."""
    found = autosaves()
    return found[0] if found else SaveSlot(AUTO, slot_path(AUTO))


def list_slots(include_auto: bool = True) -> List[SaveSlot]:
    """The manual slots, after every pack's autosave when `include_auto`."""
    return (autosaves() if include_auto else []) + [read(s) for s in MANUAL_SLOTS]


def delete(slot: str) -> None:
    try:
        slot_path(slot).unlink()
    except FileNotFoundError:
        pass


def restore(save: SaveSlot, pack=None):
    """A Runtime for a save, loading its pack from `pack_path` unless `pack` is given.

    Raises SaveError with a plain sentence when the save is damaged, its pack is gone or broken,
    or the pack changed so much that the save no longer fits (the engine's StateError).
    """
    from .engine import Runtime
    if save.error:
        raise SaveDamaged(save.error)
    if not save.ok:
        # Translators: `slot` is "Slot 2" or "Autosave: <pack>".
        raise SaveError(_("{slot} is empty").format(slot=save.label))
    data = save.data
    if pack is None:
        pack = load_pack_for(data)
    if pack.id != data["pack_id"]:
        raise SaveError(belongs_elsewhere(data["pack_id"], pack.id))
    return Runtime(pack, fit(pack, data["state"], data.get("pack_digest")))


def load_pack_for(data: Dict[str, Any]):
    from .packs.cache import load_cached
    path = str(data["pack_path"])
    try:
        found = Path(path).exists()
    except (OSError, ValueError):  # a name too long for this system, say
        found = False
    if not found:
        raise SaveError(_("the pack this game was saved from is missing ({path})").format(
            path=path[:200]))
    from .packs.translation import played_in
    result = played_in(load_cached(path), data.get("pack_language"))
    if not result.ok:
        n = len(result.errors)
        raise SaveError(ngettext("the pack at {path} has errors and cannot be played ({n} "
                                 "problem)", "the pack at {path} has errors and cannot be played "
                                 "({n} problems)", n).format(path=path, n=n))
    return result.pack
