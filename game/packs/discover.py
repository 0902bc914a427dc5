"""Finding packs: bundled ones, the user's packs folder, and paths given on the command line.
Listing reads only each pack.yaml, so the title screen never waits for scenes."""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, List, Optional

from ..engine.model import PackInfo
from ..paths import bundled_story_dir, user_packs_dir
from .diagnostics import Diagnostic
from .loader import read_info


@dataclass
class PackEntry:
    path: str
    origin: str  # bundled | user | given
    info: Optional[PackInfo]
    diagnostics: List[Diagnostic] = field(default_factory=list)

    @property
    def broken(self) -> bool:
        return self.info is None


def is_pack(p: Path) -> bool:
    return (p.is_dir() and ((p / "pack.yaml").is_file() or (p / "pack.yml").is_file())) or \
        (p.is_file() and p.suffix.lower() == ".zip" and zipfile.is_zipfile(p))


def expand_paths(paths: Iterable[str]) -> List[str]:
    """Pack paths as given, with a folder of packs (like story/) expanded to its packs."""
    out: List[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir() and not is_pack(p):
            inner = [str(c) for c in sorted(p.iterdir()) if is_pack(c)]
            out.extend(inner or [raw])
        else:
            out.append(raw)
    return out


def scan(folder: Path, origin: str) -> List[PackEntry]:
    if not folder.is_dir():
        return []
    return [entry(str(c), origin) for c in sorted(folder.iterdir()) if is_pack(c)]


def entry(path: str, origin: str = "given") -> PackEntry:
    info, diags = read_info(path)
    return PackEntry(path, origin, info, diags)


def list_packs() -> List[PackEntry]:
    """Bundled packs first, then the user's; a broken pack is listed, never hides the rest."""
    return scan(bundled_story_dir(), "bundled") + scan(user_packs_dir(), "user")


FIRST_PACK = "tutorial"  # first-timers start with the tutorial, then pick from the list


def default_entry(entries: Optional[List[PackEntry]] = None) -> Optional[PackEntry]:
    """The pack a new game starts with when none is named."""
    ok = [e for e in (list_packs() if entries is None else entries) if not e.broken]
    ok.sort(key=lambda e: (e.origin != "bundled", e.info.id != FIRST_PACK))  # type: ignore
    return ok[0] if ok else None
