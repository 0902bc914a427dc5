"""Which language the window speaks, from the player's setting and the pack on screen.

The setting is Automatic ("") or a language. Automatic shows the game's words in the pack's
`language:` while a pack is open, when the game has a catalogue for it (a Chinese pack gets
Chinese buttons), and in the system's language otherwise. A chosen language is used everywhere,
and a pack that has a translation into it is played in that translation.
"""
from __future__ import annotations

from typing import Optional

from .. import i18n


def words_for(setting: str, pack_language: Optional[str] = None) -> str:
    """The tag the game's words should be in."""
    if setting:
        return i18n.resolve(setting)
    found = i18n.match(pack_language) if pack_language else None
    return found if found and found != i18n.PSEUDO else i18n.system_language()


def apply(setting: str, pack_language: Optional[str] = None) -> bool:
    """Switch the game's words; True when they changed (screens must lay out again)."""
    before = i18n.current()
    return i18n.set_language(words_for(setting, pack_language)) != before


def pack_translation(setting: str, available: list) -> Optional[str]:
    """The translation of a pack to play for this setting, or None for the pack as written."""
    if not setting:
        return None
    from ..packs.langtag import same
    return next((tag for tag in available if same(tag, setting)), None)
