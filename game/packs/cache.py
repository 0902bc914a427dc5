"""A compiled form of each pack in the user cache folder, so unchanged YAML is never parsed
twice. The cache is plain JSON (never pickle), keyed by a hash of the pack's files and the
engine version, and it is only ever read from the user's cache folder, never from a pack."""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from pathlib import Path
from types import MappingProxyType
from typing import Any, Dict, Iterator, List, Mapping, Optional, Tuple

from .. import __version__, i18n
from ..engine import conditions, model
from ..fsutil import atomic_write
from ..paths import cache_dir
from .diagnostics import Diagnostic
from .loader import LoadResult, digest, load_source
from .sources import PackSource, SourceError, open_source

CACHE_FORMAT = 4  # 4: choice labels lose a block scalar's outer whitespace
_CLASSES: Dict[str, type] = {
    cls.__name__: cls for cls in
    list(vars(model).values()) + list(vars(conditions).values())
    if isinstance(cls, type) and dataclasses.is_dataclass(cls)
}


def encode(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj):
        return {"$": type(obj).__name__,
                "v": [encode(getattr(obj, f.name)) for f in dataclasses.fields(obj)]}
    if isinstance(obj, (tuple, list)):
        return [encode(x) for x in obj]
    if isinstance(obj, (dict, MappingProxyType)):
        return {"@m": {k: encode(v) for k, v in obj.items()}}
    return obj


def decode(data: Any) -> Any:
    if isinstance(data, list):
        return tuple(decode(x) for x in data)
    if isinstance(data, dict):
        if "$" in data:
            return _CLASSES[data["$"]](*[decode(x) for x in data["v"]])
        return model.frozen_map({k: decode(v) for k, v in data["@m"].items()})
    return data


class LazyScenes(Mapping[str, model.Scene]):
    """Scenes kept as JSON text until first use: a warm start decodes only what is played."""

    def __init__(self, raw: Dict[str, str]):
        self._raw = raw
        self._done: Dict[str, model.Scene] = {}

    def __getitem__(self, sid: str) -> model.Scene:
        scene = self._done.get(sid)
        if scene is None:
            scene = self._done[sid] = decode(json.loads(self._raw[sid]))
        return scene

    def __contains__(self, sid: object) -> bool:
        return sid in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


@functools.lru_cache(maxsize=1)
def compiler_fingerprint() -> str:
    """A hash of the loader and model sources: any change to how packs compile (even without
    a version bump) leaves old cache entries unused instead of trusting them."""
    h = hashlib.sha256(f"{CACHE_FORMAT}:{__version__}".encode())
    here = Path(__file__).resolve().parent
    for folder in (here, here.parent / "engine"):
        for src in sorted(folder.glob("*.py")):
            h.update(src.name.encode() + src.read_bytes())
    return h.hexdigest()[:16]


def _cache_file(dig: str) -> Path:
    return cache_dir() / "packs" / f"{dig[:40]}-{compiler_fingerprint()}{_words()}.json"


def _words() -> str:
    """The language the cached warnings are written in, with the size and time of its
    catalogue: warnings are translated when found, so each language (and each edit of a
    catalogue) has its own entry. English, the words of the code, adds nothing."""
    tag = i18n.current()
    if tag == "en":
        return ""
    base = i18n.LOCALE_DIR / i18n.LANGUAGES.get(tag, ("",))[0] / "LC_MESSAGES" / i18n.DOMAIN
    stamp = [tag]
    for ext in (".po", ".mo"):
        try:
            st = base.with_suffix(ext).stat()
            stamp.append(f"{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            stamp.append("-")
    return "-" + hashlib.sha256("/".join(stamp).encode()).hexdigest()[:8]


def load_cached(path: str) -> LoadResult:
    """Load a pack, from the compiled cache when its files are unchanged."""
    try:
        source = open_source(path)
    except SourceError:
        from .loader import load_pack
        return load_pack(path)
    if source.problems:  # part of the folder was left unread: say so, never use the cache
        return load_source(source)
    dig = digest(source)
    hit = _read(dig, path, source)
    if hit is not None:
        return LoadResult(hit[0], hit[1], source)
    result = load_source(source)
    if result.ok and result.pack is not None:
        _write(dig, result.pack, result.warnings)
    return result


def _read(dig: str, path: str, source: PackSource
          ) -> Optional[Tuple[model.Pack, List[Diagnostic]]]:
    f = _cache_file(dig)
    try:
        data = json.loads(f.read_text(encoding="utf-8"))
        if data.get("format") != CACHE_FORMAT or data.get("engine") != __version__:
            return None
        pack = decode(data["pack"])
        scenes = LazyScenes(data["scenes"])
        warnings = [Diagnostic(**d) for d in data["warnings"]]
        files = list(data["files"])
    except (OSError, ValueError, KeyError, TypeError, IndexError, RecursionError):
        return None  # a missing or damaged cache entry is simply rebuilt
    # Pictures are not part of the hash: check again that each is still there and inside.
    if not all(isinstance(rel, str) and source.has(rel) for rel in files):
        return None
    return dataclasses.replace(pack, scenes=scenes, root=str(Path(path))), warnings


def _write(dig: str, pack: model.Pack, warnings: List[Diagnostic]) -> None:
    f = _cache_file(dig)
    scenes = {sid: json.dumps(encode(sc), separators=(",", ":"))
              for sid, sc in pack.scenes.items()}
    files = sorted({sc.image for sc in pack.scenes.values() if sc.image} |
                   ({pack.info.guide} if pack.info.guide else set()))
    data = {"format": CACHE_FORMAT, "engine": __version__,
            "pack": encode(dataclasses.replace(pack, scenes=model.frozen_map())),
            "scenes": scenes, "files": files,
            "warnings": [dataclasses.asdict(d) for d in warnings]}
    try:
        atomic_write(f, json.dumps(data, separators=(",", ":")).encode("utf-8"))
        _prune(f.parent)
    except OSError:
        pass  # a read-only cache folder only costs speed


KEEP = 24  # compiled packs kept; editing a pack under F5 writes a new one each time


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
