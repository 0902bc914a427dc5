"""Checked plain data (from spec.py) to frozen model objects, with every cross-reference
resolved. Problems are reported, never raised."""
from __future__ import annotations

import re
from pathlib import Path
from functools import partial

import yaml
from typing import Callable, Dict, List, Optional, Set, Tuple, Union

from ..engine import conditions as cond
from ..engine import model as m
from ..engine.suggest import Suggester, did_you_mean
from ..engine.text import walk_parts
from ..i18n import _, format_integer
from .diagnostics import Hint, Report
from .images import HEAD_BYTES, ImageError, check as check_picture
from .sources import MAX_GUIDE_BYTES, PackSource, SourceError, display_name, safe_relpath
from .yamlsafe import decode
from .spec import Ctx, Obj, inner_position

RESERVED = set(cond.SPECIAL_NAMES) | set(cond.KEYWORDS)
# Where a problem is: a Position, or a function that works it out only if a message needs it.
Where = Union[Optional[m.Position], Callable[[], m.Position]]


def build_info(meta: Obj) -> m.PackInfo:
    return m.PackInfo(
        id=meta["id"], title=meta["title"], version=str(meta["version"]),
        format=meta["format"], authors=tuple(meta["authors"]), licence=meta["licence"],
        language=meta["language"], description=meta["description"].strip(),
        content_notes=tuple(meta["content_notes"]), age=str(meta["age"]),
        minutes=meta["minutes"], engine=str(meta["engine"]), guide=meta.get("guide"))


def build_regime(r: Obj, report: Report) -> m.Regime:
    sc = r["scale"]
    scale = m.Scale(float(sc["min"]), float(sc["max"]), float(sc["start"]), sc["decimals"])
    if scale.min >= scale.max:
        report.add("bad-value", r.at("scale"), _("the scale's `min` must be below its `max`"),
                   "")
        scale = m.Scale(scale.min, scale.min + 1, scale.min, scale.decimals)
    elif not scale.min <= scale.start <= scale.max:
        report.add("bad-value", sc.at("start"), _("`start` {start} is outside the scale {min} "
                                                  "to {max}").format(start=sc["start"],
                                                                     min=sc["min"], max=sc["max"]),
                   "")
    ratings = r.get("ratings") or {}
    cats = tuple(m.Category(cid, c["label"], float(c["weight"]))
                 for cid, c in (r.get("categories") or {}).items())
    tiers_data = r.get("tiers") or {}
    tiers = sorted((m.Tier(tid, t.get("name") or tid.replace("_", " ").title(), float(t["min"]),
                           tuple(t["perks"]), tuple(t["penalties"]))
                    for tid, t in tiers_data.items()), key=lambda t: t.min)
    if not tiers:
        # Translators: the one score band of a pack that names none.
        tiers = [m.Tier("everyone", _("Everyone"), scale.min)]
    else:
        check_tiers(tiers, scale, r["tiers"], report)  # tiers were given: an Obj
    return m.Regime(r["name"], scale, r["visible"], float(ratings.get("prior", 10)),
                    float(ratings.get("rater_influence", 2)), cats, float(r["association"]),
                    float((r.get("fading") or {}).get("half_life", 6)), tuple(tiers))


def check_tiers(tiers: List[m.Tier], scale: m.Scale, data: Obj, report: Report) -> None:
    """Warn where a score would fall in no tier the author meant: below the lowest tier, in a
    tier that another with the same start hides, or a tier no score can reach."""
    fmt = scale.fmt
    lowest = tiers[0]
    if lowest.min > scale.min:
        report.add("tier-layout", data[lowest.id].at("min"), _(
            "scores from {low} to {high} have no tier of their own, so they count as `{tier}`")
            .format(low=fmt(scale.min), high=fmt(lowest.min), tier=lowest.id),
            _("start the lowest tier at the scale's min, {min}").format(min=fmt(scale.min)))
    starts: Dict[float, str] = {}
    for t in tiers:
        start = max(t.min, scale.min)
        if start in starts:
            report.add("tier-layout", data[t.id].at("min"), _(
                "`{tier}` starts at the same score as `{other}`, so one of them never applies")
                .format(tier=t.id, other=starts[start]), _("give each tier its own `min`"))
        starts[start] = t.id
        if t.min > scale.max:
            report.add("tier-layout", data[t.id].at("min"), _(
                "`{tier}` starts at {min}, above the top of the scale ({max}), so no score "
                "reaches it").format(tier=t.id, min=fmt(t.min), max=fmt(scale.max)),
                _("use a `min` from {min} to {max}").format(min=fmt(scale.min),
                                                           max=fmt(scale.max)))


class Builder:
    def __init__(self, meta: Obj, source: PackSource, report: Report):
        self.meta, self.source, self.report = meta, source, report
        self.regime = build_regime(meta["regime"], report)
        self.characters = self._characters()
        self.variables = self._variables()
        self.scene_ids: Set[str] = set()
        self.var_sets: Dict[str, Where] = {}
        self.var_reads: List[Tuple[str, Callable[[], m.Position]]] = []
        self.start_pos: Dict[str, m.Position] = {}
        self.scene_episode: Dict[str, str] = {}
        self._scene_names: Optional[Suggester] = None
        self.checked_files: Set[str] = set()
        self.category_ids = [c.id for c in self.regime.categories]
        self.tier_ids = [t.id for t in self.regime.tiers]
        self._known_categories, self._known_tiers = set(self.category_ids), set(self.tier_ids)
        self._cond_parts: Dict[int, List[cond.Expr]] = {}  # by id of a parsed condition
        self._compares: Dict[int, List[Tuple[str, str, Hint, str]]] = {}  # by id of a comparison

    # ---- pack.yaml -----------------------------------------------------------------------

    def _characters(self) -> Dict[str, m.Character]:
        chars = self.meta.get("characters") or {}
        out = {}
        sc = self.regime.scale
        for cid, c in chars.items():
            if not sc.min <= float(c["score"]) <= sc.max:
                # Translators: {name} is a character's name.
                self.report.add("bad-value", c.at("score"), _(
                    "{name}'s score {score} is outside the scale {min} to {max}").format(
                        name=c["name"], score=c["score"], min=sc.fmt(sc.min), max=sc.fmt(sc.max)),
                    "")
            out[cid] = m.Character(cid, c["name"], float(c["score"]), c["role"], c["motive"],
                                   c["friend"])
        return out

    def _variables(self) -> Dict[str, m.Value]:
        self.displays: Dict[str, m.VarDisplay] = {}
        out: Dict[str, m.Value] = {}
        vars_ = self.meta.get("variables")
        if not isinstance(vars_, Obj):  # none declared
            return out
        for name, v in vars_.items():
            self._check_var_name(name, vars_.key_pos[name])
            if isinstance(v, Obj):  # {value, display, label}
                if "{}" not in v["display"]:
                    self.report.add("bad-value", v.at("display"), _(
                        "the display form of `{name}` has no `{{}}` for the value").format(
                            name=name), _("write e.g. \"{{}} marks\"").format())
                self.displays[name] = m.VarDisplay(v["display"], v["label"])
                v = v["value"]
            out[name] = v
        return out

    def _check_var_name(self, name: str, pos: Where) -> None:
        if name in RESERVED or name in self.characters:
            clash = _("the variable `{name}` clashes with a character's id") \
                if name in self.characters else \
                _("the variable `{name}` clashes with a reserved word")
            self.report.add("name-clash", pos, clash.format(name=name), _("rename the variable"))

    # ---- episodes ------------------------------------------------------------------------

    def episodes(self, files: List[Obj]) -> Tuple[List[m.Episode], Dict[str, Obj]]:
        eps: Dict[str, m.Episode] = {}
        raw_scenes: Dict[str, Obj] = {}
        for data in files:
            eid = data["episode"]
            file = data.pos.file
            if eid in eps:
                self.report.add("duplicate-id", data.at("episode"), _(
                    "the episode `{episode}` is also declared in {file}").format(
                        episode=eid, file=eps[eid].file), _("give each episode its own id"))
                continue
            for sid, sdata in data["scenes"].items():
                if sid in raw_scenes:
                    self.report.add("duplicate-id", data["scenes"].key_pos[sid], _(
                        "the scene `{scene}` is also declared in {file}").format(
                            scene=sid, file=raw_scenes[sid].pos.file),
                        _("scene ids are unique across the pack; rename one"))
                    continue
                self.scene_episode[sid] = eid
                raw_scenes[sid] = sdata
            ids = tuple(data["scenes"].keys())
            if not ids:
                self.report.add("empty", data.at("scenes"), _(
                    "the episode `{episode}` has no scenes").format(episode=eid),
                    _("add at least one scene"))
                continue
            start = data.get("start") or ids[0]
            eps[eid] = m.Episode(eid, data["title"], data["summary"].strip(), start, ids, file)
            self.start_pos[eid] = data.at("start")
        self.scene_ids = set(raw_scenes)
        return self._order(eps), raw_scenes

    def _order(self, eps: Dict[str, m.Episode]) -> List[m.Episode]:
        listed = self.meta.get("episodes")
        if not listed:
            ordered = sorted(eps.values(), key=lambda e: e.file)
        else:
            ordered, seen = [], set()
            for i, eid in enumerate(listed):
                at = partial(listed.item_pos.__getitem__, i)  # only if a message is listed
                if eid in seen:
                    self.report.add("duplicate-id", at, _(
                        "`{episode}` is listed twice in `episodes`").format(episode=eid),
                        _("list each episode once, in play order"))
                elif eid in eps:
                    ordered.append(eps[eid])
                elif not self.report.incomplete:
                    self.report.add("unknown-episode", at, _(
                        "no episode file declares `episode: {episode}`").format(episode=eid),
                        partial(did_you_mean, eid, eps))
                seen.add(eid)
            for eid, ep in eps.items():
                if eid not in seen:
                    self.report.add("unknown-episode", m.Position(ep.file, 1, 1), _(
                        "the episode `{episode}` is not listed in pack.yaml `episodes`").format(
                            episode=eid), _("add it to the list, in play order"))
        if not ordered and not self.report.incomplete:
            self.report.add("empty", self.meta.pos, _("the pack has no episodes"),
                            _("add an episode file next to pack.yaml"))
        for ep in ordered:
            if ep.start in self.scene_ids and ep.start not in ep.scenes:
                self.report.add("unknown-scene", self.start_pos.get(ep.id), _(
                    "`start` names `{scene}`, a scene of another episode").format(scene=ep.start),
                    _("an episode starts with one of its own scenes; use `goto` to cross "
                      "episodes"))
            else:
                self.check_scene_ref(ep.start, self.start_pos.get(ep.id), "`start`")
        return ordered

    # ---- references ----------------------------------------------------------------------

    def unsure(self, ident: str) -> bool:
        """True when `ident` may exist in a definition that already has an error."""
        return self.report.incomplete or ident in self.report.broken

    def check_scene_ref(self, sid: str, pos: Where, what: str) -> None:
        if sid not in self.scene_ids and not self.unsure(sid):
            # Translators: {key} is what names the scene, as written: `goto`, `start`, `visits()`.
            self.report.add("unknown-scene", pos, _("{key} names the scene `{scene}`, which does "
                                                    "not exist").format(key=what, scene=sid),
                            lambda: self._scene_hint(sid))

    def _scene_hint(self, sid: str) -> str:
        if self._scene_names is None:
            self._scene_names = Suggester(self.scene_ids)
        return self._scene_names.hint(sid) or _("check the spelling, or write the scene")

    def check_char(self, cid: str, pos: Where) -> None:
        if cid not in self.characters and cid not in self.report.broken:
            self.report.add("unknown-character", pos, _(
                "no character `{character}` in pack.yaml").format(character=cid),
                lambda: did_you_mean(cid, self.characters) or
                _("declare them under `characters:`"))

    def check_category(self, cat: str, pos: Where) -> None:
        ids = self.category_ids
        if cat not in self._known_categories and cat not in self.report.broken:
            self.report.add("unknown-category", pos, _(
                "the regime has no category `{category}`").format(category=cat),
                lambda: did_you_mean(cat, ids) or (_("categories: {names}").format(
                    names=", ".join(ids)) if ids else _("categories: none declared")))

    def check_condition(self, e: cond.Expr, spot: "Spot", base: Optional[int] = 0) -> None:
        """Check a parsed condition; `base` is its offset inside the scalar, or None when it
        sits somewhere inside a text (then names are found by searching)."""
        def where(name: str, col: int) -> Callable[[], m.Position]:
            if base is None:
                return lambda: spot.find(name)
            return lambda: spot.at(base + col - 1)
        for n in self._parts(e):
            if isinstance(n, cond.Call):
                self._check_call(n, where(n.arg, n.arg_col))
            elif isinstance(n, cond.Name):
                self.var_reads.append((n.name, where(n.name, n.col)))
            elif isinstance(n, cond.Compare):
                for name, message, hint, needle in self._compare_problems(n):
                    # a wrong tier name is pointed at itself, not at the `tier` before it
                    at = partial(spot.find, needle) if needle else partial(spot.at, base or 0)
                    self.report.add(name, at, message, hint)

    def _parts(self, e: cond.Expr) -> List[cond.Expr]:
        """The calls, variable reads and comparisons of a condition. A condition written many
        times is parsed once (conditions.parse is cached), so this is worked out once too."""
        found = self._cond_parts.get(id(e))
        if found is None:
            found = [n for n in cond.walk(e) if isinstance(n, (cond.Call, cond.Compare)) or
                     (isinstance(n, cond.Name) and n.name not in cond.SPECIAL_NAMES)]
            self._cond_parts[id(e)] = found
        return found

    def _check_call(self, c: cond.Call, at: Where) -> None:
        if c.fn in ("friend", "score_of"):
            self.check_char(c.arg, at)
        elif c.fn in ("visited", "visits"):
            self.check_scene_ref(c.arg, at, f"`{c.fn}()`")
        else:
            self.check_category(c.arg, at)

    def _compare_problems(self, n: cond.Compare) -> List[Tuple[str, str, Hint, str]]:
        """What is wrong with a comparison wherever it is written (worked out once)."""
        found = self._compares.get(id(n))
        if found is not None:
            return found
        found = []
        for side, other in ((n.left, n.right), (n.right, n.left)):
            what = _numeric(side)
            if what and isinstance(other, cond.Const) and isinstance(other.value, str):
                # Translators: {name} is `score`, `friends` or a function such as `visits()`.
                found.append(("wrong-type", _("`{name}` is a number, but it is compared with the "
                                              "text '{text}'").format(name=what,
                                                                      text=other.value),
                              _("compare it with a number, or use `tier` for tier names")
                              if what == "score" else _("compare it with a number"), ""))
        tiers = self.tier_ids
        for lit in cond.tier_literals(n):
            if lit.value not in self._known_tiers:
                found.append(("unknown-tier", _("there is no tier `{tier}`").format(
                    tier=lit.value),
                              partial(_tier_hint, str(lit.value), tiers), str(lit.value)))
        self._compares[id(n)] = found
        return found

    def check_template(self, t: m.Template, spot: "Spot") -> None:
        for part in walk_parts(t):
            if isinstance(part, m.IfText):
                self.check_condition(part.cond, spot, None)
            elif isinstance(part, m.Interp):
                self._check_interp(part, spot)

    def _check_interp(self, part: m.Interp, spot: "Spot") -> None:
        if part.name in cond.SPECIAL_NAMES and not part.attr:
            return
        if part.name in self.report.broken:
            return  # its definition already has an error
        shown = f"{{{part.name}.{part.attr}}}" if part.attr else f"{{{part.name}}}"
        if part.name in self.characters:
            if part.attr not in ("", "score", "name"):
                self.report.add("text-syntax", lambda: spot.find(shown), _(
                    "`{part}`: characters show `.score` or `.name`").format(part=shown), "")
            return
        if part.attr:
            self.report.add("text-syntax", lambda: spot.find(shown), _(
                "`{part}` names no character").format(part=shown),
                lambda: did_you_mean(part.name, self.characters))
            return
        self.var_reads.append((part.name, lambda: spot.find(shown)))

    def check_path(self, rel: str, pos: m.Position, what: str) -> None:
        if safe_relpath(rel) is None:
            leaves = _("the image path `{path}` leaves the pack folder") if what == "image" \
                else _("the guide path `{path}` leaves the pack folder")
            self.report.add("bad-path", pos, leaves.format(path=rel),
                            _("use a path inside the pack, relative to pack.yaml, with `/`"))
        elif not self.source.has(rel):
            missing = _("the image `{path}` does not exist in the pack") if what == "image" \
                else _("the guide `{path}` does not exist in the pack")
            self.report.add("bad-path", pos, missing.format(path=rel), "")
        elif rel not in self.checked_files:
            self.checked_files.add(rel)
            (self._check_picture if what == "image" else self._check_guide)(rel, pos)

    def _check_picture(self, rel: str, pos: m.Position) -> None:
        """The header check the window relies on (images.py), done once per picture."""
        try:
            head = self.source.head(rel, HEAD_BYTES)
            if head is not None:
                check_picture(head, rel, self.source.size(rel))
        except (ImageError, SourceError, OSError) as e:
            problem = e.about(rel) if isinstance(e, ImageError) else \
                _("the picture `{path}` cannot be read").format(path=rel)
            self.report.add("bad-image", pos, problem,
                            _("save it as a PNG or JPEG of at most 4096 x 4096 pixels"))

    def _check_guide(self, rel: str, pos: m.Position) -> None:
        if not rel.lower().endswith(".md"):
            self.report.add("bad-path", pos, _("the guide `{path}` is not a Markdown file").format(
                path=rel), _("write the guide in Markdown, in a file whose name ends in .md"))
            return
        try:
            data = self.source.read(rel, MAX_GUIDE_BYTES)
        except SourceError as e:
            if not e.too_large:
                # Translators: {problem} says why, e.g. "the zip entry is damaged".
                self.report.add("bad-path", pos, _("the guide `{path}` cannot be read: {problem}")
                                .format(path=rel, problem=e), _("save the guide again, and the zip"))
                return
            self.report.add("too-large", pos, _("the guide `{path}` is over the limit of {limit} "
                                                "KiB").format(path=rel, limit=format_integer(
                                                    MAX_GUIDE_BYTES // 1024)),
                            _("split it, or leave out what a facilitator does not need in the "
                              "room"))
            return
        if data is not None:
            text = decode(data, display_name(self.source, rel), self.report)
            if text is not None and _is_template_guide(text):
                self.report.add("template-guide", pos, _(
                    "the guide `{path}` is still the `new-pack` template, and reports would print "
                    "it as it is").format(path=rel),
                    _("write your notes for a facilitator in it, or remove `guide:`"))

    def check_variables(self) -> None:
        if self.report.incomplete:
            return  # a file that could not be read may declare, set or read any of them
        known = set(self.variables) | set(self.var_sets)
        names = Suggester(known | set(cond.SPECIAL_NAMES) | set(self.characters))
        read = set()
        for name, where in self.var_reads:
            read.add(name)
            if name not in known:
                self.report.add("undefined-variable", where, _(
                    "`{name}` is read here but nothing declares or sets it").format(name=name),
                    partial(_undeclared, names, name))
        if self.report.errors:
            return  # an unread variable may be read in a definition that has an error
        for name, pos in self.var_sets.items():
            if name not in read and name not in self.variables:
                self.report.add("unused-variable", pos, _("`{name}` is set but never read")
                                .format(name=name),
                                _("read it in a condition or text, or remove it"))
        for name in self.variables:
            if name not in read:
                self.report.add("unused-variable", self.meta["variables"].key_pos[name],
                                _("`{name}` is declared but never read").format(name=name),
                                _("read it in a condition or text, or remove it"))


def build_pack(meta: Obj, files: List[Obj], source: PackSource, report: Report
               ) -> Optional[m.Pack]:
    from .scenes import build_scenes
    b = Builder(meta, source, report)
    episodes, raw = b.episodes(files)
    scenes = build_scenes(b, raw)
    b.check_variables()
    info = build_info(meta)
    if info.guide:
        b.check_path(info.guide, meta.at("guide"), "guide")
    if not episodes:
        return None
    root = str(source.folder or source.zip_path or source.root)
    return m.Pack(info, b.regime, m.frozen_map(b.characters), m.frozen_map(b.variables),
                  tuple(episodes), m.frozen_map(scenes), root,
                  displays=m.frozen_map(b.displays))



def _body(text: str) -> str:
    """A guide without its first line (the template's title line names the pack)."""
    return text.replace("\r\n", "\n").partition("\n")[2].strip()


def _is_template_guide(text: str) -> bool:
    template = Path(__file__).resolve().parent.parent / "templates" / "newpack" / "GUIDE.md"
    try:
        return _body(text) == _body(template.read_text(encoding="utf-8"))
    except OSError:
        return False


class Spot:
    """A scalar value in a file, so a message can point at a place inside it. Positions are
    worked out only when a message needs one."""

    def __init__(self, report: Report, obj: Obj, key: str):
        self.report, self.obj, self.key = report, obj, key

    def at(self, offset: int) -> m.Position:
        node = dict.get(self.obj.val_pos, self.key)
        if not isinstance(node, yaml.ScalarNode):
            return self.obj.at(self.key)
        ctx = Ctx(self.obj.pos.file, self.report)
        return inner_position(ctx, node, node.value, max(0, min(offset, len(node.value))))

    def find(self, needle: str) -> m.Position:
        node = dict.get(self.obj.val_pos, self.key)
        value = node.value if isinstance(node, yaml.ScalarNode) else ""
        match = re.search(r"(?<![A-Za-z0-9_])" + re.escape(needle), value)
        return self.at(match.start()) if match else self.obj.at(self.key)


def _numeric(side: cond.Expr) -> Optional[str]:
    """How a side of a comparison that holds a number is written (`score`, `visits()`)."""
    if isinstance(side, cond.Name) and side.name in ("score", "friends"):
        return side.name
    if isinstance(side, cond.Call) and side.fn in ("score_of", "visits", "category"):
        return f"{side.fn}()"
    return None


def _tier_hint(tier: str, tiers: List[str]) -> str:
    return did_you_mean(tier, tiers) or _("tiers: {names}").format(names=", ".join(tiers))


def _undeclared(names: Suggester, name: str) -> str:
    return names.hint(name) or _("declare it under `variables:` in pack.yaml or set it with "
                                 "`set`")
