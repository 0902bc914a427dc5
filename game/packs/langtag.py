"""Language tags (BCP 47, RFC 5646): is a pack's `language:` well formed, and if not (or if it
is a common slip such as `cn` for Chinese), what did the author mean. Syntax only: a tag that
is well formed but not registered (`qq`) is accepted, as the RFC's well-formedness is."""
from __future__ import annotations

import re
from typing import Optional, Tuple

from ..i18n import N_, _

MAX_TAG = 64
# RFC 5646 section 2.1 without the irregular grandfathered tags. Every part is a fixed class
# between hyphens, so the match is linear in the tag's length.
_LANGTAG = re.compile(
    r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})"      # language (+ extlang)
    r"(?:-[a-z]{4})?"                                    # script
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"                       # region
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"          # variants
    r"(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*"               # extensions
    r"(?:-x(?:-[a-z0-9]{1,8})+)?"                        # private use
    r"|x(?:-[a-z0-9]{1,8})+", re.I)

# Slips seen in the wild: country codes, old Windows names and language names where a tag is
# meant. Each says what the author wrote, then the tag they meant.
_COUNTRIES = {"cn": "zh", "jp": "ja", "kr": "ko", "gr": "el", "dk": "da", "cz": "cs",
              "ua": "uk", "vn": "vi", "ir": "fa", "il": "he"}
_WINDOWS = {"zh-chs": "zh-Hans", "zh-cht": "zh-Hant"}
_NAMES = {"chinese": "zh", "mandarin": "zh", "cantonese": "yue", "english": "en",
          "german": "de", "deutsch": "de", "spanish": "es", "espanol": "es", "español": "es",
          "french": "fr", "francais": "fr", "français": "fr", "japanese": "ja", "arabic": "ar",
          "russian": "ru"}
# Translators: {tag} is what the author wrote as `language:`, e.g. `cn`.
_SLIPS = [(_COUNTRIES, N_("`{tag}` is a country's code, not a language's")),
          (_WINDOWS, N_("`{tag}` is an old Windows name, not a BCP 47 tag")),
          (_NAMES, N_("`{tag}` is a language's name, not its tag"))]


def canonical_case(tag: str) -> str:
    """`zh-hans-cn` -> `zh-Hans-CN`: the case the RFC recommends (tags match regardless)."""
    parts = tag.split("-")
    out = [parts[0].lower()]
    for i, p in enumerate(parts[1:], 1):
        if len(parts[i - 1]) == 1:  # after a singleton (x, u, ...) nothing is recased
            out.extend(q.lower() for q in parts[i:])
            break
        out.append(p.title() if len(p) == 4 and p.isalpha() else
                   p.upper() if len(p) == 2 and p.isalpha() else p.lower())
    return "-".join(out)


def well_formed(tag: str) -> bool:
    return len(tag) <= MAX_TAG and _LANGTAG.fullmatch(tag) is not None


def check(tag: str) -> Optional[Tuple[str, str]]:
    """None for a good tag, else (what is wrong, hint)."""
    tag = tag.strip()
    low = tag.lower()
    for table, what in _SLIPS:
        if low in table:
            return _(what).format(tag=tag), _did_you_mean(table[low])
    if well_formed(tag):
        return None
    fixed = tag.replace("_", "-").replace(" ", "-")
    if fixed != tag and well_formed(fixed):
        return (_("`{tag}` is not a BCP 47 language tag: its parts are joined by `-`").format(
            tag=tag), _did_you_mean(canonical_case(fixed)))
    return (_("`{tag}` is not a BCP 47 language tag").format(tag=_short(tag)),
            _("write a tag such as `en`, `de`, `zh-Hans` or `pt-BR` (language, then optional "
              "script and region, joined by `-`)"))


def _did_you_mean(tag: str) -> str:
    return _("did you mean `{name}`?").format(name=tag)


def _short(tag: str) -> str:
    return tag if len(tag) <= 40 else tag[:37] + "..."


def same(a: str, b: str) -> bool:
    """Tags compare without regard to case (RFC 5646 section 2.1.1)."""
    return a.lower() == b.lower()
