"""Where a pack's files come from: a folder or a .zip, read with limits and no path escapes."""
from __future__ import annotations

import os
import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from .yamlsafe import MAX_FILE_BYTES, MAX_FILES, MAX_PACK_BYTES


class SourceError(Exception):
    """The pack cannot be opened at all (missing, not a folder or zip, over the limits)."""

    def __init__(self, message: str, too_large: bool = False):
        super().__init__(message)
        self.too_large = too_large


def safe_relpath(rel: str) -> Optional[str]:
    """`rel` normalised, or None when it is absolute or climbs out of the pack."""
    if not rel or "\\" in rel or rel.startswith("/") or ":" in rel.split("/")[0]:
        return None
    norm = posixpath.normpath(rel)
    if norm.startswith("../") or norm == ".." or norm.startswith("/"):
        return None
    return norm


@dataclass
class PackSource:
    """The text files of one pack, keyed by their path relative to the pack root."""
    root: str  # display path of the folder or zip
    files: Dict[str, bytes]
    folder: Optional[Path] = None  # set for folder packs (images are read from here)
    zip_path: Optional[Path] = None

    def yaml_files(self) -> List[str]:
        return sorted(r for r in self.files if r.endswith((".yaml", ".yml")) and
                      r not in NOT_EPISODES)

    def has(self, rel: str) -> bool:
        norm = safe_relpath(rel)
        if norm is None:
            return False
        if self.folder is not None:
            target = (self.folder / norm).resolve()
            return target.is_file() and _inside(target, self.folder.resolve())
        return norm in self.names

    def read(self, rel: str) -> Optional[bytes]:
        """Any file of the pack (image, guide), or None if it is missing or outside."""
        norm = safe_relpath(rel)
        if norm is None or not self.has(norm):
            return None
        if norm in self.files:
            return self.files[norm]
        if self.folder is not None:
            return (self.folder / norm).read_bytes()
        with zipfile.ZipFile(self.zip_path) as zf:  # type: ignore[arg-type]
            return zf.read(self.prefix + norm)

    names: Tuple[str, ...] = ()
    prefix: str = ""


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


TEXT_SUFFIXES = (".yaml", ".yml", ".md")
META_FILES = ("pack.yaml", "pack.yml")
# Top-level YAML files that are not episodes: the metadata and the story test plans (plans.py).
NOT_EPISODES = META_FILES + ("plans.yaml", "plans.yml")


def open_source(path: str, meta_only: bool = False) -> PackSource:
    """Open a pack; with `meta_only`, read nothing but pack.yaml (for listing packs fast)."""
    p = Path(path)
    if p.is_dir():
        return _open_folder(p, meta_only)
    if p.is_file() and zipfile.is_zipfile(p):
        try:
            return _open_zip(p, meta_only)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError,
                NotImplementedError, RuntimeError) as e:  # zlib.error is an Exception too
            raise SourceError(f"{path}: the zip is damaged or unreadable ({e})") from None
        except Exception as e:  # noqa: BLE001 - e.g. zlib.error from a corrupt stream
            raise SourceError(f"{path}: the zip is damaged or unreadable ({e})") from None
    if not p.exists():
        raise SourceError(f"{path}: no such folder or file")
    raise SourceError(f"{path}: not a pack folder or a .zip")


def _open_folder(p: Path, meta_only: bool = False) -> PackSource:
    files: Dict[str, bytes] = {}
    total = 0
    root = p.resolve()
    if meta_only:
        for name in META_FILES:
            if (p / name).is_file():
                files[name] = (p / name).open("rb").read(MAX_FILE_BYTES + 1)
        return PackSource(str(p), files, folder=p)
    for dirpath, dirnames, filenames in os.walk(p):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            # Hidden files are editor litter (Emacs lock links `.#x.yaml`, `._x.yaml`).
            if name.startswith(".") or not name.endswith(TEXT_SUFFIXES):
                continue
            full = Path(dirpath) / name
            data = _read_file(full, root)
            if data is None:
                continue
            total += len(data)
            if len(files) >= MAX_FILES or total > MAX_PACK_BYTES:
                raise SourceError(f"{p}: the pack is over the limits ({MAX_FILES} files, "
                                  f"{MAX_PACK_BYTES // 2 ** 20} MiB)", too_large=True)
            files[full.relative_to(p).as_posix()] = data
    return PackSource(str(p), files, folder=p)


def _read_file(full: Path, root: Path) -> Optional[bytes]:
    """A regular file inside the pack, read up to the limit; None for anything else (a link
    out of the pack, a dangling link, a FIFO, a file that vanished while we looked)."""
    try:
        if not full.is_file() or not _inside(full.resolve(), root):
            return None
        with full.open("rb") as fh:
            return fh.read(MAX_FILE_BYTES + 1)
    except OSError:
        return None


def _open_zip(p: Path, meta_only: bool = False) -> PackSource:
    with zipfile.ZipFile(p) as zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        infos = [i for i in infos if not _junk(i.filename)]
        if len(infos) > MAX_FILES or sum(i.file_size for i in infos) > MAX_PACK_BYTES:
            raise SourceError(f"{p}: the zip is over the limits ({MAX_FILES} files, "
                              f"{MAX_PACK_BYTES // 2 ** 20} MiB unpacked)", too_large=True)
        names = [i.filename for i in infos]
        prefix = _common_folder(names)
        files: Dict[str, bytes] = {}
        inner = []
        for info in infos:
            rel = safe_relpath(info.filename[len(prefix):])
            if rel is None:
                raise SourceError(f"{p}: the zip entry {info.filename!r} points outside the "
                                  "pack; refusing it")
            inner.append(rel)
            if rel in META_FILES or (rel.endswith(TEXT_SUFFIXES) and not meta_only):
                files[rel] = _read_limited(zf, info)
    return PackSource(str(p), files, zip_path=p, names=tuple(inner), prefix=prefix)


def _read_limited(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    with zf.open(info) as fh:  # the header's size can lie: read at most the limit + 1
        return fh.read(MAX_FILE_BYTES + 1)


def _junk(name: str) -> bool:
    """Entries that archivers add and packs never mean: macOS resource forks, hidden files."""
    parts = name.split("/")
    return parts[0] == "__MACOSX" or any(part.startswith(".") and part not in (".", "..")
                                         for part in parts)


def _common_folder(names: List[str]) -> str:
    """`mypack/` when every entry lives in one top folder holding pack.yaml."""
    if any(n in META_FILES for n in names):
        return ""
    tops = {n.split("/", 1)[0] for n in names}
    if len(tops) == 1:
        top = tops.pop() + "/"
        if any(top + meta in names for meta in META_FILES):
            return top
    return ""


def read_asset(pack_root: str, rel: str) -> Optional[bytes]:
    """A picture or guide of a loaded pack, from its folder or its zip, re-checked so that it
    cannot leave the pack; None when it is missing or unreadable."""
    try:
        return open_source(pack_root, meta_only=True).read(rel)
    except (SourceError, OSError, KeyError, zipfile.BadZipFile):
        return None
