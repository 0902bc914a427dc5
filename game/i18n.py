"""The game's own words in the player's language: gettext catalogues, one language at a time.

Every string the window, the terminal, the report and the command line show is written in
English in the code and looked up here when it is shown:

    from game.i18n import _, N_, ngettext
    _("Continue")                                   # looked up now, in the current language
    _("Page {page} of {pages}").format(page=1, pages=3)
    ngettext("{n} vote", "{n} votes", n).format(n=n)
    SIZES = (N_("Small"), N_("Large"))              # marked for the catalogue at import time...
    _(SIZES[i])                                      # ...and looked up when drawn

Catalogues live in `game/locale/<dir>/LC_MESSAGES/standing.po`; `standing.pot` is extracted
from the code by Babel (`python3 tools/catalogs.py extract`) and the `.mo` files are compiled by
the build (setup.py). A source checkout without compiled catalogues compiles them once into the
cache folder, so a `.po` edited by a translator shows at the next start.

Which language: `set_language(tag)` with a BCP 47 tag; "" or None means the system's (the
LANGUAGE, LC_ALL, LC_MESSAGES and LANG variables, then the C library's locale). A tag with no
catalogue falls back to English. The hidden tag `qps` is a pseudo-language (every letter
accented) that tests use to find words shown without a lookup.

Numbers and dates follow the same language (Babel's CLDR data, loaded only when first needed).
"""
from __future__ import annotations

import datetime as _dt
import gettext as _gettext
import io
import locale as _locale
import os
import re
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Literal, Optional, Tuple

DOMAIN = "standing"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
PSEUDO = "qps"

# tag -> (catalogue folder, the language's own name, Babel locale)
LANGUAGES: Dict[str, Tuple[str, str, str]] = {
    "en": ("", "English", "en"),
    "de": ("de", "Deutsch", "de"),
    "es": ("es", "Español", "es"),
    "zh-Hans": ("zh_Hans", "简体中文", "zh_Hans_CN"),
}

# The decimal and group signs of each catalogue's language, as CLDR gives them (a test keeps
# them equal to Babel's), so the title's numbers need no locale data at start-up.
SIGNS: Dict[str, Tuple[str, str]] = {"de": (",", "."), "es": (",", "."), "zh-Hans": (".", ",")}

_NULL = _gettext.NullTranslations()
_translations: _gettext.NullTranslations = _NULL
_current = "en"
_loaded: Dict[str, _gettext.NullTranslations] = {}


def N_(message: str) -> str:
    """Marks `message` for the catalogue without looking it up (module-level constants)."""
    return message


def _(message: str) -> str:
    return _translations.gettext(message)


gettext = _


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """For one English word that needs two translations ("Back" the button, "back" the
    direction)."""
    return _translations.pgettext(context, message)


# ---- which language ------------------------------------------------------------------------

def current() -> str:
    """The tag of the language the game's words are in now (one of LANGUAGES, or `qps`)."""
    return _current


def available() -> List[Tuple[str, str]]:
    """(tag, the language's own name) of every language with a catalogue, English first."""
    return [(tag, name) for tag, (folder, name, _loc) in LANGUAGES.items()
            if not folder or (LOCALE_DIR / folder / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()]


def endonym(tag: str) -> str:
    return LANGUAGES[tag][1] if tag in LANGUAGES else tag


def match(tag: Optional[str]) -> Optional[str]:
    """The catalogue for a BCP 47 tag or a POSIX locale name, or None: `de-AT` and `de_DE.UTF-8`
    are German, `zh`, `zh-CN` and `zh-Hans-SG` Simplified Chinese, `zh-TW` and `zh-Hant` none
    (there is no Traditional Chinese catalogue yet)."""
    if not tag:
        return None
    parts = [p.lower() for p in re.split(r"[-_.@]", tag.strip()) if p]
    if not parts:
        return None
    lang, rest = parts[0], parts[1:]
    if lang == PSEUDO:
        return PSEUDO
    if lang == "zh":
        if "hant" in rest or any(r in ("tw", "hk", "mo") for r in rest[:2]) and "hans" not in rest:
            return None
        return "zh-Hans"
    return lang if lang in LANGUAGES else None


def system_tags() -> List[str]:
    """The system's preferred languages, best first (gettext's own order of variables)."""
    tags: List[str] = []
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            tags.extend(v for v in value.split(":") if v)
            if var != "LANGUAGE":
                break
    if not tags:
        try:
            name = _locale.getlocale()[0]
        except ValueError:
            name = None
        if name:
            tags.append(name)
    return [t for t in tags if t not in ("C", "POSIX") and not t.startswith("C.")]


def system_language() -> str:
    for tag in system_tags():
        found = match(tag)
        if found:
            return found
    return "en"


def resolve(tag: Optional[str]) -> str:
    """The language `tag` asks for: its catalogue, the system's for ""/None, else English."""
    return (match(tag) or "en") if tag else system_language()


def set_language(tag: Optional[str]) -> str:
    """Show the game's words in `tag` from now on ("" or None: the system's language).
    Returns the tag in force."""
    global _translations, _current
    chosen = resolve(tag)
    if chosen == _current and (chosen == "en" or _translations is not _NULL):
        return chosen
    _translations = _catalogue(chosen)
    _current = chosen if (_translations is not _NULL or chosen == "en") else "en"
    return _current


@contextmanager
def speaking(tag: Optional[str]) -> Iterator[str]:
    """The game's words in `tag` (a catalogue's tag, else English) for a while, then back to
    the language before: a story test plan checks what a player of the pack's language sees,
    whatever the machine's language."""
    before = _current
    try:
        yield set_language(match(tag) or "en")
    finally:
        set_language(before)


# ---- catalogues ----------------------------------------------------------------------------

def _catalogue(tag: str) -> _gettext.NullTranslations:
    if tag == "en":
        return _NULL
    if tag not in _loaded:
        _loaded[tag] = _Pseudo() if tag == PSEUDO else _read(LANGUAGES[tag][0])
    return _loaded[tag]


def _read(folder: str) -> _gettext.NullTranslations:
    """The compiled catalogue of `folder`: the build's `.mo` when it is at least as new as the
    `.po`, else the `.po` compiled once into the cache folder. A catalogue that cannot be read
    leaves the game in English rather than stopping it."""
    base = LOCALE_DIR / folder / "LC_MESSAGES"
    po, mo = base / f"{DOMAIN}.po", base / f"{DOMAIN}.mo"
    try:
        if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
            with open(mo, "rb") as fp:
                return _gettext.GNUTranslations(fp)
        if po.is_file():
            return _gettext.GNUTranslations(io.BytesIO(_compiled(po)))
    except (OSError, ValueError, UnicodeError, ImportError):
        pass
    return _NULL


def _compiled(po: Path) -> bytes:
    import hashlib
    source = po.read_bytes()
    from .paths import cache_dir
    cached = cache_dir() / "locale" / f"{po.parent.parent.name}-{hashlib.sha256(source).hexdigest()[:16]}.mo"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    data = compile_po(source)
    try:
        from .fsutil import atomic_write
        atomic_write(cached, data)
    except OSError:
        pass  # a read-only cache only costs the compile again next time
    return data


def compile_po(source: bytes) -> bytes:
    """A `.po` file's bytes compiled to `.mo` bytes by Babel (fuzzy entries left out)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    catalog = read_po(io.BytesIO(source))
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[sdr]|%[sdr%]|<[^<>]*>")
_ACCENTED = dict(zip(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "åƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ"))


def pseudo(message: str) -> str:
    """`message` with every ASCII letter accented, placeholders and tags kept: a word still in
    plain ASCII on a pseudo-language screen never went through the catalogue."""
    out, last = [], 0
    for m in _PLACEHOLDER.finditer(message):
        out.append("".join(_ACCENTED.get(c, c) for c in message[last:m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append("".join(_ACCENTED.get(c, c) for c in message[last:]))
    return "".join(out)


class _Pseudo(_gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo(message)


# ---- numbers and dates ---------------------------------------------------------------------

def babel_locale() -> str:
    return LANGUAGES.get(_current, LANGUAGES["en"])[2]


def _numbers() -> Tuple[str, str, str]:
    """(decimal sign, group sign, minus sign) of the current language."""
    return _signs(_current)


@lru_cache(maxsize=16)
def _signs(tag: str) -> Tuple[str, str, str]:
    """(decimal sign, group sign, minus sign) of a language from CLDR: one of ours, or any
    BCP 47 tag Babel knows (a pack's `language:`); English signs when it knows none."""
    if tag in ("en", PSEUDO) or not tag:
        return (".", ",", "\u2212")
    if tag in SIGNS:
        return SIGNS[tag] + ("\u2212",)
    try:
        from babel import Locale, UnknownLocaleError
        from babel.numbers import get_decimal_symbol, get_group_symbol
        loc = LANGUAGES[tag][2] if tag in LANGUAGES else str(Locale.parse(tag, sep="-"))
        return (get_decimal_symbol(loc), get_group_symbol(loc), "\u2212")
    except (ImportError, LookupError, ValueError, UnknownLocaleError):
        return (".", ",", "\u2212")


def decimal_sign() -> str:
    return _numbers()[0]


def group_sign() -> str:
    return _numbers()[1]


def localize_number(text: str, tag: Optional[str] = None) -> str:
    """A number already formatted the English way ("1,234.5", "−0.136", "4.21") in the signs
    of the current language, or of `tag`: "1.234,5" in German, "1 234,5" in French."""
    dec, group, _minus = _numbers() if tag is None else _signs(tag)
    if dec == "." and group == ",":
        return text
    return text.translate({ord("."): "\0", ord(","): group}).replace("\0", dec)


def format_integer(n: int) -> str:
    """An integer with the language's grouping: 1,234 / 1.234 / 1,234."""
    return localize_number(f"{n:,}")


def format_percent(fraction: float) -> str:
    """0.1 as the language writes a share: "10%", "10 %" in German, keeping any decimals the
    number has ("12.5%")."""
    try:
        from babel.numbers import format_percent as fmt
        return str(fmt(fraction, locale=babel_locale(), decimal_quantization=False))
    except ImportError:
        return localize_number(f"{fraction * 100:g}") + "%"


def format_date(value: _dt.date, form: str = "medium") -> str:
    """A date in the current language (`form`: short, medium, long)."""
    try:
        from babel.dates import format_date as fmt
        return str(fmt(value, format=form, locale=babel_locale()))
    except ImportError:
        return value.isoformat()


def format_datetime(value: _dt.datetime, form: str = "medium") -> str:
    try:
        from babel.dates import format_datetime as fmt
        return str(fmt(value, format=form, locale=babel_locale()))
    except ImportError:
        return value.isoformat(sep=" ", timespec="minutes")


def format_list(items: Iterable[str], style: 'Literal["standard", "or"]' = "standard") -> str:
    """'a, b and c' in the current language ('a, b und c', 'a、b和c'); style "or" for
    alternatives ('a, b or c', 'a、b或c')."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    try:
        from babel.lists import format_list as fmt
        return str(fmt(items, style=style, locale=babel_locale()))
    except ImportError:
        return ", ".join(items)
