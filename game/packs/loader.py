"""YAML files in, a frozen Pack and a list of diagnostics out. Never raises for author errors."""
from __future__ import annotations

import gc
import re
import hashlib
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from .. import __version__
from ..engine import model as m
from ..i18n import _
from .build import build_pack
from .diagnostics import Diagnostic, Report
from .schema import EPISODE, FORMAT, PACK
from .sources import (META_FILES, NOT_EPISODE_FOLDERS, PackSource, SourceError, display_name,
                      open_source)
from .spec import INVALID, Abort, Ctx, Obj, Spec
from .yamlsafe import compose, decode


@dataclass
class LoadResult:
    pack: Optional[m.Pack]
    diagnostics: List[Diagnostic] = field(default_factory=list)
    source: Optional[PackSource] = None

    @property
    def errors(self) -> List[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> List[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]

    @property
    def ok(self) -> bool:
        return self.pack is not None and not self.errors


def digest(source: PackSource) -> str:
    h = hashlib.sha256()
    for rel in sorted(source.files):
        h.update(rel.encode() + b"\0" + hashlib.sha256(source.files[rel]).digest())
    return h.hexdigest()


def convert_file(source: PackSource, rel: str, spec: Spec, report: Report) -> Optional[Obj]:
    return convert_bytes(source.files[rel], display_name(source, rel), spec, report)


def convert_bytes(raw: bytes, name: str, spec: Spec, report: Report) -> Optional[Obj]:
    """One file's bytes, checked as `spec` says, with problems reported under `name`."""
    text = decode(raw, name, report)
    if text is None:
        return None
    node = compose(text, name, report)
    if node is None:
        if not report.errors:
            report.add("empty", m.Position(name, 1, 1), _("the file is empty"),
                       _("delete it, or write the episode in it"))
        return None
    try:
        data = spec.convert(node, Ctx(name, report))
    except Abort:
        return None
    return None if data is INVALID else data


def read_pack_yaml(source: PackSource, report: Report) -> Optional[Obj]:
    rel = "pack.yaml" if "pack.yaml" in source.files else \
        "pack.yml" if "pack.yml" in source.files else None
    if rel is None:
        if any(p[1] in META_FILES for p in source.problems):
            return None  # pack.yaml is there but was refused; that is already reported
        report.add("not-a-pack", m.Position(source.root, 0, 0),
                   _("this folder has no pack.yaml"),
                   _("`standing new-pack DIR` writes a template"))
        return None
    data = convert_file(source, rel, PACK, report)
    if data is not None:
        _check_versions(data, report)
        from .translation import check_language
        check_language(data, report)
    return data


def _check_versions(data: Obj, report: Report) -> None:
    if data["format"] > FORMAT:
        report.add("unsupported-version", data.at("format"), _(
            "this pack uses format {format}; this Standing reads format {known}").format(
                format=data["format"], known=FORMAT),
            _("update Standing, or set `format: 1` if the pack needs nothing newer"))
    if _version_tuple(data.get("engine", "0")) > _version_tuple(__version__):
        report.add("unsupported-version", data.at("engine"), _(
            "this pack needs Standing {needed}; this is {version}").format(
                needed=data["engine"], version=__version__), _("update Standing"))


def _version_tuple(v: str) -> Tuple[int, ...]:
    out = []
    for part in str(v).lstrip(">=v ").split("."):
        m = re.match(r"[0-9]{1,9}", part)
        out.append(int(m.group()) if m else 0)
    return tuple(out)


def load_pack(path: str) -> LoadResult:
    """Load and check a pack folder or zip; every problem found is in `diagnostics`."""
    report = Report()
    try:
        source = open_source(path)
    except SourceError as e:
        report.add("too-large" if e.too_large else "not-a-pack", m.Position(path, 0, 0),
                   str(e).split(": ", 1)[-1], "")
        return LoadResult(None, report.sorted())
    return load_source(source, report)


def load_source(source: PackSource, report: Optional[Report] = None) -> LoadResult:
    # A big pack creates millions of short-lived objects and no cycles worth collecting;
    # the cyclic GC would otherwise rescan the growing heap again and again (3x slower).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_source(source, report or Report())
    finally:
        if was_enabled:
            gc.enable()


def _load_source(source: PackSource, report: Report) -> LoadResult:
    report_problems(source, report)
    meta = read_pack_yaml(source, report)
    episodes: List[Obj] = []
    for rel in source.yaml_files():
        data = convert_file(source, rel, EPISODE, report)
        if data is not None:
            episodes.append(data)
        else:
            report.incomplete = True
    pack = None
    if meta is not None:
        pack = build_pack(meta, episodes, source, report)
        if pack is not None:
            pack = _with_digest(pack, digest(source))
    if pack is not None and not report.errors:
        from .validate import check_story
        check_story(pack, report)
        if any(rel.startswith(NOT_EPISODE_FOLDERS) for rel in source.files):
            from .translation import check_all
            check_all(pack, source, report)
    return LoadResult(None if report.errors else pack, report.sorted(), source)


def report_problems(source: PackSource, report: Report) -> None:
    """What opening the pack left unread (folders too deep, links out of the pack)."""
    for name, rel, message, hint in source.problems:
        report.add(name, m.Position(display_name(source, rel), 0, 0), message, hint)
    if source.problems:
        report.incomplete = True


def _with_digest(pack: m.Pack, dig: str) -> m.Pack:
    from dataclasses import replace
    return replace(pack, digest=dig)


def read_info(path: str) -> Tuple[Optional[m.PackInfo], List[Diagnostic]]:
    """Only the metadata of pack.yaml, for listing packs without reading their scenes."""
    report = Report()
    try:
        source = open_source(path, meta_only=True)
    except SourceError as e:
        report.add("not-a-pack", m.Position(path, 0, 0), str(e), "")
        return None, report.sorted()
    report_problems(source, report)
    meta = read_pack_yaml(source, report)
    if meta is None or report.errors:
        return None, report.sorted()
    from .build import build_info
    return build_info(meta), report.sorted()

