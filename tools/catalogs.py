"""The game's message catalogues, kept by Babel: extract, update, compile, check.

    python3 tools/catalogs.py extract   # game/**.py -> game/locale/standing.pot
    python3 tools/catalogs.py update    # merge the .pot into every language's .po
    python3 tools/catalogs.py compile   # .po -> .mo (the build does this too: setup.py)
    python3 tools/catalogs.py check     # every message translated, placeholders kept; exit 1 if not

A translator edits only `game/locale/<lang>/LC_MESSAGES/standing.po` (Poedit, Lokalize, Weblate
or a text editor) and runs `check`. Nobody edits the `.pot` or the `.mo` files by hand.
"""
from __future__ import annotations

import io
import re
import sys
from pathlib import Path
from typing import Dict, List, Set, Tuple

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from game.i18n import compile_po  # noqa: E402  (the game's own compile, used at run time too)
PACKAGE = ROOT / "game"
LOCALE = PACKAGE / "locale"
POT = LOCALE / "standing.pot"
KEYWORDS = {"_": None, "gettext": None, "N_": None, "ngettext": (1, 2),
            "pgettext": ((1, "c"), 2)}
LOCALES = {"de": "de", "es": "es", "zh_Hans": "zh_Hans"}


def extracted() -> Catalog:
    """Every message the code marks, with where it is and what it says to translators."""
    catalog = Catalog(project="Standing", version=_version(),
                      copyright_holder="The Standing authors", fuzzy=False)
    found = extract_from_dir(str(PACKAGE), method_map=[("**.py", "python")],
                             keywords=KEYWORDS, comment_tags=("Translators:",),
                             strip_comment_tags=True)
    for filename, lineno, message, comments, context in found:
        where = f"game/{Path(filename).as_posix()}"
        catalog.add(message, None, [(where, lineno)], auto_comments=comments,
                    context=context, flags=_flags(message))
    return catalog


def _version() -> str:
    text = (PACKAGE / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'__version__ = "([^"]+)"', text)
    return found.group(1) if found else ""


def _flags(message) -> Tuple[str, ...]:
    text = " ".join(message) if isinstance(message, tuple) else message
    return ("python-brace-format",) if re.search(r"\{[a-z_]+\}", text) else ()


def po_path(folder: str) -> Path:
    return LOCALE / folder / "LC_MESSAGES" / "standing.po"


def _write(path: Path, catalog: Catalog) -> None:
    out = io.BytesIO()
    write_po(out, catalog, width=100, ignore_obsolete=True, omit_header=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())


def extract() -> None:
    _write(POT, extracted())


def update() -> None:
    template = read_po(io.BytesIO(POT.read_bytes()))
    for folder in LOCALES:
        path = po_path(folder)
        if path.is_file():
            catalog = read_po(io.BytesIO(path.read_bytes()), locale=folder)
        else:
            catalog = Catalog(locale=folder, project="Standing", fuzzy=False)
        catalog.update(template, no_fuzzy_matching=True)
        _write(path, catalog)


def compile_all(out_root: Path = LOCALE) -> List[Path]:
    written = []
    for folder in LOCALES:
        path = po_path(folder)
        if not path.is_file():
            continue
        target = out_root / folder / "LC_MESSAGES" / "standing.mo"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(compile_po(path.read_bytes()))
        written.append(target)
    return written


# {named} fields, and the %-fields of the argparse messages (game/cli_argparse.py)
_FIELD = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[sdr]|%[sdr]")


def placeholders(text: str) -> Set[str]:
    """The fields of `text`; doubled braces are literal braces, not fields."""
    return set(_FIELD.findall(text.replace("{{", "").replace("}}", "")))


def problems(folder: str) -> List[str]:
    """What keeps `folder`'s catalogue from being complete: untranslated, fuzzy, stale or
    missing messages, and translations whose {placeholders} differ from the English."""
    template = {(m.context, m.id): m for m in read_po(io.BytesIO(POT.read_bytes())) if m.id}
    path = po_path(folder)
    if not path.is_file():
        return [f"{path}: missing"]
    catalog = read_po(io.BytesIO(path.read_bytes()), locale=folder)
    found: Dict[object, object] = {(m.context, m.id): m for m in catalog if m.id}
    out = []
    for key in template:
        got = found.get(key)
        context, msgid = key
        english = msgid if isinstance(msgid, str) else " ".join(msgid)
        english = f"{context}|{english}" if context else english
        if got is None:
            out.append(f"{folder}: not in the catalogue: {english!r}")
            continue
        strings = got.string if isinstance(got.string, tuple) else (got.string,)
        if not all(strings):
            out.append(f"{folder}: untranslated: {english!r}")
        elif got.fuzzy:
            out.append(f"{folder}: fuzzy: {english!r}")
        else:
            wanted = placeholders(english)
            for s in strings:
                if placeholders(s) - wanted or (wanted - placeholders(s) - {"{n}"}):
                    out.append(f"{folder}: placeholders differ: {english!r} -> {s!r}")
    for key in found:
        if key not in template:
            out.append(f"{folder}: no longer in the code: {key!r}")
    return out


def main(argv: List[str]) -> int:
    command = argv[0] if argv else ""
    if command == "extract":
        extract()
    elif command == "update":
        update()
    elif command == "compile":
        for path in compile_all():
            print(path.relative_to(ROOT))
    elif command == "check":
        found = [p for folder in LOCALES for p in problems(folder)]
        print("\n".join(found) or "every catalogue is complete")
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
