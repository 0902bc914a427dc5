"""Writing a new pack from the template in game/templates/newpack/, and the JSON Schema files
that go with it (so editors complete keys inside the new pack, offline)."""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Dict, List, Optional

from ..i18n import _
from .schema import json_schema

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates" / "newpack"
SCHEMA_KINDS = ("pack", "episode")  # written into every new pack
ALL_SCHEMA_KINDS = SCHEMA_KINDS + ("translation",)  # docs/schema and `standing schema`
SCHEMA_DIR = ".schema"  # hidden: the loader skips it, editors still find it by relative path
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class ScaffoldError(Exception):
    """The new pack cannot be written (bad id, folder in use)."""


def schema_file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def schema_text(kind: str) -> str:
    """A JSON Schema as shipped in docs/schema/ (stable key order, final newline)."""
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"


def slugify(text: str) -> str:
    """A pack id from a title or folder name: `Café Day 1` -> `cafe-day-1`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "my-pack"


def title_from(folder: Path) -> str:
    words = re.split(r"[-_\s]+", folder.resolve().name)
    return " ".join(w.capitalize() for w in words if w) or "My Pack"


def _yaml_string(text: str) -> str:
    """A double-quoted YAML scalar; JSON's string syntax is a subset of it."""
    return json.dumps(text, ensure_ascii=False)


def render(title: str, pack_id: str, author: str) -> Dict[str, str]:
    """The template's files with the placeholders filled in, by path relative to the pack."""
    values = {"__TITLE__": title, "__ID__": pack_id, "__AUTHOR__": author}
    out: Dict[str, str] = {}
    for path in sorted(TEMPLATE_DIR.rglob("*")):
        if not path.is_file() or path.name.startswith(".") or "__pycache__" in path.parts:
            continue
        rel = path.relative_to(TEMPLATE_DIR).as_posix()
        text = path.read_text(encoding="utf-8")
        for marker, value in values.items():
            quoted = value if rel.endswith(".md") or marker == "__ID__" else _yaml_string(value)
            text = text.replace(marker, quoted)
        out[rel] = text
    for kind in SCHEMA_KINDS:
        out[f"{SCHEMA_DIR}/{schema_file_name(kind)}"] = schema_text(kind)
    return out


def scaffold(folder: Path, title: Optional[str] = None, pack_id: Optional[str] = None,
             author: str = "Your Name") -> List[Path]:
    """Write a new pack into `folder` (which must be missing or empty); the paths written."""
    title = (title or title_from(folder)).strip()
    pack_id = pack_id or slugify(folder.resolve().name)
    if not _SLUG.match(pack_id):
        raise ScaffoldError(_("`{id}` is not a valid pack id: use lower-case ASCII letters "
                              "(a-z), digits, `-` and `_`, starting with a letter or digit")
                            .format(id=pack_id))
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ScaffoldError(_("{folder} already exists and is not empty; choose a new folder")
                            .format(folder=folder))
    written = []
    for rel, text in render(title, pack_id, author).items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written
