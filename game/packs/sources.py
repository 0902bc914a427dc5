"""Where a pack's files come from: a folder or a .zip, read with limits and no path escapes."""
from __future__ import annotations

import lzma
import os
import posixpath
import zipfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

from ..i18n import _, format_integer
from .images import ImageError, check as check_picture, MAX_IMAGE_BYTES
from .yamlsafe import MAX_FILE_BYTES, MAX_FILES, MAX_PACK_BYTES, MAX_TEXT_BYTES

MAX_GUIDE_BYTES = 1024 * 1024  # a facilitator guide, in Markdown
MAX_FOLDER_DEPTH = 16  # folders inside folders; a pack needs two or three
MAX_ENTRIES = 20_000  # names looked at in a pack folder, files of any kind and folders


class SourceError(Exception):
    """The pack cannot be opened at all (missing, not a folder or zip, over the limits)."""

    def __init__(self, message: str, too_large: bool = False):
        super().__init__(message)
        self.too_large = too_large


# What reading a damaged or hostile zip can raise, from the archive's directory to the bytes of
# one entry (bad CRC, corrupt deflate/bzip2/lzma streams, unknown methods, encrypted entries).
# What zipfile raises on a malformed archive (IndexError: an entry with an empty name, which
# ZipInfo.is_dir() reads past).
ZIP_DAMAGE = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, lzma.LZMAError, OSError,
              EOFError, ValueError, KeyError, IndexError, NotImplementedError, RuntimeError)


# How pack zips may be compressed: what every archiver writes by default, plus bzip2. LZMA is
# refused because its header names the dictionary the reader must allocate (a 10 KB zip made
# the reader allocate 200 MB), and other methods cannot be read at all.
METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate",
           zipfile.ZIP_BZIP2: "bzip2"}


def method_problem(info: zipfile.ZipInfo) -> Optional[str]:
    """Why a zip entry's compression is refused, or None when it can be read safely."""
    if info.compress_type in METHODS:
        return None
    # Translators: {name} is the file's name inside the zip, {method} a number.
    return _("the zip entry {name} uses a compression method Standing does not read (method "
             "{method}); zip the pack again with the usual compression").format(
                 name=repr(info.filename), method=info.compress_type)


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
    # (code name, path inside the pack, message, hint) for what was left unread
    problems: List[Tuple[str, str, str, str]] = field(default_factory=list)

    def yaml_files(self) -> List[str]:
        return sorted(r for r in self.files if r.endswith((".yaml", ".yml")) and
                      r not in NOT_EPISODES and not r.startswith(NOT_EPISODE_FOLDERS))

    def has(self, rel: str) -> bool:
        norm = safe_relpath(rel)
        if norm is None:
            return False
        if self.folder is not None:
            try:
                target = (self.folder / norm).resolve()
                return target.is_file() and _inside(target, self.folder.resolve())
            except (OSError, ValueError):  # a name too long for the file system, a NUL
                return False
        return norm in self.names

    def size(self, rel: str) -> Optional[int]:
        """The size in bytes of a file of the pack (as its folder or zip says), or None."""
        norm = safe_relpath(rel)
        if norm is None or not self.has(norm):
            return None
        if self.folder is not None:
            return (self.folder / norm).stat().st_size
        with _damage_as_source_error(rel):
            with zipfile.ZipFile(self.zip_path) as zf:  # type: ignore[arg-type]
                return zf.getinfo(self.prefix + norm).file_size

    def head(self, rel: str, n: int) -> Optional[bytes]:
        """At most the first `n` bytes of a file of the pack, or None if it is missing."""
        norm = safe_relpath(rel)
        if norm is None or not self.has(norm):
            return None
        if self.folder is not None:
            with (self.folder / norm).open("rb") as fh:
                return fh.read(n)
        with _damage_as_source_error(rel):
            with zipfile.ZipFile(self.zip_path) as zf:  # type: ignore[arg-type]
                with zf.open(self.prefix + norm) as fh:
                    return fh.read(n)

    def read(self, rel: str, limit: int = MAX_FILE_BYTES) -> Optional[bytes]:
        """Any file of the pack (image, guide), or None if it is missing or outside. A file
        over `limit` bytes is never read whole: SourceError(too_large=True) says so."""
        norm = safe_relpath(rel)
        if norm is None or not self.has(norm):
            return None
        if norm in self.files:
            data = self.files[norm]
        elif self.folder is not None:
            with (self.folder / norm).open("rb") as fh:
                data = fh.read(limit + 1)
        else:
            with _damage_as_source_error(rel):
                with zipfile.ZipFile(self.zip_path) as zf:  # type: ignore[arg-type]
                    data = _read_limited(zf, zf.getinfo(self.prefix + norm), limit)
        if len(data) > limit:
            raise SourceError(f"{rel}: " + _("the file is over the limit of {size}").format(
                size=_size(limit)), too_large=True)
        return data

    names: Tuple[str, ...] = ()
    prefix: str = ""


@contextmanager
def _damage_as_source_error(rel: str) -> Iterator[None]:
    try:
        yield
    except ZIP_DAMAGE as e:
        raise SourceError(f"{rel}: " + _damaged_entry(e)) from None


def _damaged_entry(e: BaseException) -> str:
    # Translators: {problem} is the zip library's own description, in English.
    return _("the zip entry is damaged or unreadable ({problem})").format(problem=e)


def display_name(source: PackSource, rel: str) -> str:
    """How a file is named in messages: the pack path as the author gave it, plus the file."""
    return f"{source.root.rstrip('/')}/{rel}"


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
# Folders of YAML that is not episodes: translations of the pack (translation.py).
NOT_EPISODE_FOLDERS = ("translations/",)


def open_source(path: str, meta_only: bool = False) -> PackSource:
    """Open a pack; with `meta_only`, read nothing but pack.yaml (for listing packs fast)."""
    p = Path(path)
    if p.is_dir():
        return _open_folder(p, meta_only)
    if p.is_file() and zipfile.is_zipfile(p):
        try:
            return _open_zip(p, meta_only)
        except ZIP_DAMAGE as e:
            raise SourceError(f"{path}: " + _("the zip is damaged or unreadable ({problem})")
                              .format(problem=e)) from None
    if not p.exists():
        raise SourceError(f"{path}: " + _("no such folder or file"))
    raise SourceError(f"{path}: " + _("not a pack folder or a .zip"))


def _open_folder(p: Path, meta_only: bool = False) -> PackSource:
    source = PackSource(str(p), {}, folder=p)
    root = p.resolve()
    total = 0
    for rel in META_FILES if meta_only else _walk(p, source.problems):
        full = p / rel
        data = _read_file(full, root)
        if data is None:
            if rel in META_FILES and full.is_symlink():
                source.problems.append(("bad-path", rel, _(
                    "{file} is a link to a file outside the pack; it is not read").format(
                        file=rel), _("put the file itself in the pack")))
            continue
        total += len(data)
        if len(source.files) >= MAX_FILES or total > MAX_TEXT_BYTES:
            raise SourceError(f"{p}: " + _("the pack is over the limits ({files} files, {size} "
                                           "of YAML and Markdown)").format(
                files=MAX_FILES, size=_size(MAX_TEXT_BYTES)), too_large=True)
        source.files[rel] = data
    return source


def _walk(top: Path, problems: List[Tuple[str, str, str, str]]) -> Iterator[str]:
    """Paths of the pack's text files, relative to `top`, in sorted order; iterative, never
    following links to folders, and bounded in depth and in names looked at."""
    seen = 0
    stack: List[Tuple[str, int]] = [("", 0)]
    while stack:
        rel, depth = stack.pop()
        try:
            with os.scandir(top / rel if rel else top) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue
        seen += len(entries)
        if seen > MAX_ENTRIES:
            raise SourceError(f"{top}: " + _("the pack folder holds more than {count} files "
                                             "and folders").format(
                count=format_integer(MAX_ENTRIES)), too_large=True)
        folders = []
        for e in entries:
            # Hidden files are editor litter (Emacs lock links `.#x.yaml`, `._x.yaml`).
            if e.name.startswith("."):
                continue
            path = f"{rel}/{e.name}" if rel else e.name
            if _is_folder(e):
                folders.append(path)
            elif e.name.endswith(TEXT_SUFFIXES):
                yield path
        if folders and depth + 1 > MAX_FOLDER_DEPTH:
            problems.append(("too-large", folders[0], _(
                "folders here are nested more than {depth} deep; nothing below is read").format(
                    depth=MAX_FOLDER_DEPTH), _("keep the pack's files in a few shallow folders")))
            continue
        stack.extend((f, depth + 1) for f in reversed(folders))


def _is_folder(e: "os.DirEntry[str]") -> bool:
    try:
        return e.is_dir(follow_symlinks=False)
    except OSError:
        return False


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


def _size(n: int) -> str:
    return f"{n // 2 ** 20} MiB" if n >= 2 ** 20 else f"{n // 1024} KiB"


def _open_zip(p: Path, meta_only: bool = False) -> PackSource:
    with zipfile.ZipFile(p) as zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        infos = [i for i in infos if not _junk(i.filename)]
        text = sum(i.file_size for i in infos if i.filename.endswith(TEXT_SUFFIXES))
        if len(infos) > MAX_FILES or sum(i.file_size for i in infos) > MAX_PACK_BYTES or \
                text > MAX_TEXT_BYTES:
            raise SourceError(f"{p}: " + _("the zip is over the limits ({files} files, {size} "
                                           "unpacked, {text} of YAML and Markdown)").format(
                files=MAX_FILES, size=_size(MAX_PACK_BYTES), text=_size(MAX_TEXT_BYTES)),
                too_large=True)
        names = [i.filename for i in infos]
        prefix = _common_folder(names)
        files: Dict[str, bytes] = {}
        inner = []
        for info in infos:
            problem = method_problem(info)
            if problem:
                raise SourceError(f"{p}: {problem}")
            rel = safe_relpath(info.filename[len(prefix):])
            if rel is None:
                raise SourceError(f"{p}: " + _("the zip entry {name} points outside the pack; "
                                               "refusing it").format(name=repr(info.filename)))
            inner.append(rel)
            if rel in META_FILES or (rel.endswith(TEXT_SUFFIXES) and not meta_only):
                files[rel] = _read_limited(zf, info)
    return PackSource(str(p), files, zip_path=p, names=tuple(inner), prefix=prefix)


def _read_limited(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int = MAX_FILE_BYTES
                  ) -> bytes:
    with zf.open(info) as fh:  # the header's size can lie: read at most the limit + 1
        return fh.read(limit + 1)


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
    """A scene picture of a loaded pack, from its folder or its zip, re-checked so that it
    cannot leave the pack, and passed through the picture check (images.py) so that nothing
    decodes a picture over the limits; None when it is missing, unreadable or refused."""
    try:
        data = open_source(pack_root, meta_only=True).read(rel, MAX_IMAGE_BYTES)
        if data is not None:
            check_picture(data, rel)
        return data
    except (SourceError, ImageError, OSError, KeyError, zipfile.BadZipFile):
        return None


def guide_bytes(pack_root: str, rel: str) -> Optional[bytes]:
    """A pack's facilitator guide, for every reader of guides: Markdown only, never more than
    MAX_GUIDE_BYTES read; None when it is missing, SourceError when it is refused."""
    if not rel.lower().endswith(".md"):
        raise SourceError(f"{rel}: " + _("the guide is not a Markdown (.md) file"))
    return open_source(pack_root, meta_only=True).read(rel, MAX_GUIDE_BYTES)
