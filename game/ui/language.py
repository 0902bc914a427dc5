"""Which language the window speaks, from the player's setting and the pack on screen.

The setting is Automatic ("") or a language. A pack that has a translation into the chosen
language (Automatic: the system's) is played in that translation. Automatic then shows the game's
words in the language of the pack being played, when the game has a catalogue for it (a Chinese
pack gets Chinese buttons, an English pack English ones), and in the system's language
elsewhere. A chosen language is used for the game's words everywhere.
"""
from __future__ import annotations

from typing import Optional

from .. import i18n

# The language chosen in Settings, kept here by the App ("" is Automatic): game.ui.session reads
# it when it loads a pack, without the App importing the engine before the first frame.
PREFERRED = ""


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
    """The translation of a pack to play for this setting, or None for the pack as written:
    the chosen language's, or for Automatic the first of the system's languages the pack has
    (`de_AT.UTF-8` finds `de-AT.yaml`, else `de.yaml`, else another German; `zh_CN` finds
    `zh-Hans.yaml`)."""
    from ..packs.langtag import same
    wanted = [setting] if setting else [_bcp47(t) for t in i18n.system_tags()]
    for tag in wanted:
        found = next((t for t in available if same(t, tag)), None)
        primary = tag.split("-")[0]
        found = found or next((t for t in available if same(t, primary)), None) or next(
            (t for t in available if same(t.split("-")[0], primary) and primary != "zh"), None)
        if not found and i18n.match(tag) == "zh-Hans":
            found = next((t for t in available if same(t, "zh-Hans")), None)
        if found and not same(found, "en"):
            return found
    return None


def _bcp47(posix: str) -> str:
    """`de_AT.UTF-8@euro` -> `de-AT`."""
    return posix.split(".")[0].split("@")[0].replace("_", "-")


def played_in(result, setting: str):
    """A loaded pack (`LoadResult`) in the translation this setting plays ("" is Automatic:
    the system's languages), or as it is when it has none or it does not load: the window and
    the terminal game choose the same way."""
    from ..packs import translation
    if not result.ok:
        return result
    return translation.played_in(result, pack_translation(setting,
                                                          translation.available(result.source)))


def translations_in(path: str) -> list:
    """The languages of a pack folder's translation files, without loading the pack."""
    from pathlib import Path
    folder = Path(path) / "translations"
    try:
        return [p.stem for p in folder.iterdir() if p.suffix in (".yaml", ".yml")] \
            if folder.is_dir() else []
    except OSError:
        return []


def shown_info(path: str, info, setting: str):
    """A pack's `PackInfo` as the pack list and the title show it: its title, description and
    content notes in the translation the game would play (see pack_translation). Looks for the
    translation file before importing the loader, so an untranslated list costs nothing."""
    if info is None:
        return info
    tag = pack_translation(setting, translations_in(path))
    if not tag:
        return info
    from ..packs.translation import info_in
    return info_in(path, info, tag)
