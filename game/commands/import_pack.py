"""`standing import-pack FILE.zip`: check a shared pack and install it in the user packs folder.

A zip from the internet is untrusted. Before anything is written, every entry is checked: its
name must stay inside the pack (no `../`, no absolute or drive paths, no links), the counts and
sizes must be within the loader's limits, and each entry is decompressed with a cap, so a zip
bomb or a header that lies about its size is refused after reading at most the limit. The
files that pass are packed into a fresh, clean zip (no top folder, no hidden files), that exact
zip is validated by the real loader, and only then is it moved into place under its pack id.
"""
from __future__ import annotations

import argparse
import io
import os
import stat
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

from ..i18n import _, pgettext
from ..packs.diagnostics import Diagnostic
from ..packs.loader import load_source
from ..packs.sources import (ZIP_DAMAGE, SourceError, method_problem, open_source,
                             safe_relpath)
from ..packs.yamlsafe import MAX_FILE_BYTES, MAX_FILES, MAX_PACK_BYTES
from ..paths import user_packs_dir

MAX_RATIO = 200  # deflate rarely beats 10:1 on prose; a bomb needs about 1000:1
RATIO_FLOOR = 1024 * 1024  # small files may compress well; only large ones are suspicious
CHUNK = 64 * 1024
ZIP_OVERHEAD = 1024 * 1024  # headers and directory beyond the pack's own bytes
JUNK = ("__MACOSX/",)  # folders that archivers add and no pack needs


class ImportRefused(Exception):
    """The zip cannot be imported; the message says why and what to do."""

    def __init__(self, message: str, diagnostics: Optional[List[Diagnostic]] = None):
        super().__init__(message)
        self.diagnostics = diagnostics or []


@dataclass
class Imported:
    pack_id: str
    title: str
    target: Path
    replaced: bool
    warnings: List[Diagnostic] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)


# ---- reading the zip safely ----------------------------------------------------------------

def _is_link(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _check_entry(info: zipfile.ZipInfo) -> Optional[str]:
    """The normalised name of a regular entry, None to skip it; raises when it is unsafe."""
    name = info.filename
    rel = safe_relpath(name.rstrip("/") if info.is_dir() else name)
    if rel is None or rel == ".":
        raise ImportRefused(_("the entry {name} points outside the pack; a safe pack zip "
                              "holds only paths inside its folder").format(name=repr(name)))
    if _is_link(info):
        raise ImportRefused(_("the entry {name} is a symbolic link; packs hold plain "
                              "files").format(name=repr(name)))
    if info.flag_bits & 0x1:
        raise ImportRefused(_("the entry {name} is encrypted; zip the pack without a "
                              "password").format(name=repr(name)))
    problem = method_problem(info)
    if problem and not info.is_dir():
        raise ImportRefused(problem)
    if info.is_dir() or name.startswith(JUNK) or any(p.startswith(".") for p in rel.split("/")):
        return None  # folders, __MACOSX and hidden files (.DS_Store, .schema) stay behind
    if info.file_size > MAX_FILE_BYTES:
        raise ImportRefused(_("the entry {name} unpacks to {size} MiB; the limit is {limit} "
                              "MiB per file").format(name=repr(name),
                                                     size=info.file_size // 2 ** 20,
                                                     limit=MAX_FILE_BYTES // 2 ** 20))
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(1, info.compress_size):
        raise ImportRefused(_("the entry {name} is compressed over {ratio} times, like a zip "
                              "bomb; refusing it").format(name=repr(name), ratio=MAX_RATIO))
    return rel


def _read_capped(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """The entry's bytes, never more than its declared size or the budget left."""
    cap = min(info.file_size, MAX_FILE_BYTES, budget)
    parts, total = [], 0
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(CHUNK)
            if not chunk:
                break
            total += len(chunk)
            if total > cap:
                raise ImportRefused(_("the entry {name} unpacks to more than its header says, "
                                      "or past the size limit; refusing it").format(
                                          name=repr(info.filename)))
            parts.append(chunk)
    return b"".join(parts)


def read_zip(path: Path) -> Dict[str, bytes]:
    """The pack's files from a zip, keyed by path inside the pack; raises ImportRefused."""
    if not path.is_file():
        raise ImportRefused(_("{path}: no such file").format(path=path))
    if path.stat().st_size > MAX_PACK_BYTES + ZIP_OVERHEAD:
        raise ImportRefused(_("{path}: the zip is over the {limit} MiB limit").format(
            path=path, limit=MAX_PACK_BYTES // 2 ** 20))
    try:
        with zipfile.ZipFile(path) as zf:
            return _read_entries(zf)
    except ImportRefused:
        raise
    except ZIP_DAMAGE as e:  # e.g. a corrupt stream, an unknown compression method
        # Translators: {reason} is Python's own English message about the zip.
        raise ImportRefused(_("{path}: the zip is damaged or cannot be read ({reason})").format(
            path=path, reason=e)) from None


def _read_entries(zf: zipfile.ZipFile) -> Dict[str, bytes]:
    infos = zf.infolist()
    if len(infos) > MAX_FILES * 2:  # folders count too; refuse before looking at each
        raise ImportRefused(_("the zip has {entries} entries; a pack may have {limit} "
                              "files").format(entries=len(infos), limit=MAX_FILES))
    wanted = [(rel, info) for info in infos if (rel := _check_entry(info)) is not None]
    if len(wanted) > MAX_FILES:
        raise ImportRefused(_("the zip has {files} files; a pack may have {limit}").format(
            files=len(wanted), limit=MAX_FILES))
    if sum(info.file_size for _rel, info in wanted) > MAX_PACK_BYTES:
        raise ImportRefused(_("the zip unpacks to over {limit} MiB, the limit for a "
                              "pack").format(limit=MAX_PACK_BYTES // 2 ** 20))
    files: Dict[str, bytes] = {}
    budget = MAX_PACK_BYTES
    for rel, info in wanted:
        if rel in files:
            raise ImportRefused(_("the zip holds `{file}` twice; keep one copy").format(
                file=rel))
        files[rel] = _read_capped(zf, info, budget)
        budget -= len(files[rel])
    return _strip_top_folder(files)


def _strip_top_folder(files: Dict[str, bytes]) -> Dict[str, bytes]:
    """`mypack/pack.yaml` -> `pack.yaml` when everything lives in one top folder."""
    if "pack.yaml" in files or "pack.yml" in files:
        return files
    tops = {rel.split("/", 1)[0] for rel in files}
    if len(tops) == 1 and all("/" in rel for rel in files):
        top = tops.pop() + "/"
        return {rel[len(top):]: data for rel, data in files.items()}
    return files


def repack(files: Dict[str, bytes]) -> bytes:
    """A clean zip of `files`: sorted, deflated, fixed timestamps, nothing else."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for rel in sorted(files):
            info = zipfile.ZipInfo(rel, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            zf.writestr(info, files[rel], compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


# ---- installing ----------------------------------------------------------------------------

def import_pack(path: Path, dest: Optional[Path] = None, replace: bool = False) -> Imported:
    """Check, validate and install the pack zip at `path`; raises ImportRefused."""
    dest = dest or user_packs_dir()
    files = read_zip(path)
    if "pack.yaml" not in files and "pack.yml" not in files:
        raise ImportRefused(_("{path}: no pack.yaml at the top of the zip or in its one top "
                              "folder; zip the pack folder itself").format(path=path))
    dest.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=dest, prefix=".import-", suffix=".part")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(repack(files))
        return _install(path, tmp, dest, replace)
    finally:
        tmp.unlink(missing_ok=True)


def _install(original: Path, tmp: Path, dest: Path, replace: bool) -> Imported:
    try:
        source = open_source(str(tmp))
    except SourceError as e:
        raise ImportRefused(_("{path}: {problem}").format(path=original, problem=e)) from None
    source.root = str(original)  # messages name the file the author gave, not our temp copy
    result = load_source(source)
    if not result.ok or result.pack is None:
        raise ImportRefused(_("{path}: the pack has errors; fix them and zip it "
                              "again").format(path=original), result.errors)
    pack = result.pack
    target = dest / f"{pack.id}.zip"
    existed = target.exists()
    if existed and not replace:
        raise ImportRefused(_("a pack with the id `{id}` is already installed at {path}; use "
                              "--replace to overwrite it").format(id=pack.id, path=target))
    os.replace(tmp, target)
    return Imported(pack.id, pack.info.title, target, existed, result.warnings,
                    _clashes(pack.id, target))


def _clashes(pack_id: str, target: Path) -> List[str]:
    from ..packs.discover import list_packs
    # Translators: {origin} says where the pack was found: bundled, user or given.
    return [_("another pack with the id `{id}` is also listed: {path} ({origin})").format(
                id=pack_id, path=e.path, origin=_origin(e.origin))
            for e in list_packs()
            if e.info is not None and e.info.id == pack_id and Path(e.path) != target]


def _origin(origin: str) -> str:
    """Where an installed pack was found: with the game, in the user's packs folder, or given
    on the command line."""
    if origin == "bundled":
        return pgettext("pack origin", "bundled")
    if origin == "user":
        return pgettext("pack origin", "user")
    return pgettext("pack origin", "given") if origin == "given" else origin


# ---- the command ---------------------------------------------------------------------------

def register(sub) -> None:
    p = sub.add_parser("import-pack", help=_("check a pack .zip and add it to your packs"),
                       description=_("Check a pack .zip (paths, sizes, zip bombs), validate "
                                     "it, and copy it into your packs folder as <pack id>.zip, "
                                     "where the pack picker finds it. Exit 0 when imported, 2 "
                                     "when refused."))
    p.add_argument("zip", metavar="FILE.zip", help=_("the pack zip to import"))
    p.add_argument("--replace", action="store_true",
                   help=_("overwrite an installed pack with the same id"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        done = import_pack(Path(args.zip), replace=args.replace)
    except ImportRefused as e:
        for d in e.diagnostics:
            print(d.format(), file=sys.stderr)
        print(_("standing import-pack: refused: {reason}").format(reason=e), file=sys.stderr)
        return 2
    except OSError as e:
        print(_("standing import-pack: cannot write to your packs folder: {reason}").format(
            reason=e), file=sys.stderr)
        return 2
    for d in done.warnings:
        print(d.format())
    said = _("Replaced '{title}' (id `{id}`) as {path}") if done.replaced else \
        _("Imported '{title}' (id `{id}`) as {path}")
    print(said.format(title=done.title, id=done.pack_id, path=done.target))
    for note in done.notes:
        print(_("note: {note}").format(note=note))
    print(_("Play it: standing play {path} --text (or pick it in the game window)").format(
        path=done.target))
    return 0
