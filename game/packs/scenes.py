"""Scenes, choices and effects from checked data to model objects."""
from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Tuple

from ..engine import model as m
from ..engine.text import TemplateError, parse_template, reflow
from ..i18n import _
from .spec import Obj

from .build import Spot

if TYPE_CHECKING:
    from .build import Builder, Where


def build_scenes(b: "Builder", raw: Dict[str, Obj]) -> Dict[str, m.Scene]:
    return {sid: build_scene(b, sid, data) for sid, data in raw.items()}


def build_scene(b: "Builder", sid: str, d: Obj) -> m.Scene:
    b.check_template(d["text"], Spot(b.report, d, "text"))
    if "speaker" in d:
        b.check_char(d["speaker"], lambda: d.at("speaker"))
    if "image" in d:
        b.check_path(d["image"], d.at("image"), "image")
    _check_shape(b, sid, d)
    if "goto" in d:
        b.check_scene_ref(d["goto"], lambda: d.at("goto"), "`goto`")
    choices = tuple(build_choice(b, c) for c in d.get("choices") or ())
    ending = _ending(b, d["ending"]) if "ending" in d else None
    return m.Scene(sid, b.scene_episode[sid], d["text"], d.get("speaker"), d.get("image"),
                   effects(b, d.get("effects")), choices, d.get("goto"), d["continue"], ending,
                   fact(d.get("fact")), reflow(d["pause"]), d.pos)


def _check_shape(b: "Builder", sid: str, d: Obj) -> None:
    if d.unknown:
        return  # e.g. `choises:` was reported as an unknown key; "no way on" would repeat it
    ways = [k for k in ("choices", "goto", "ending") if k in d.key_pos]
    if "choices" in d and not d["choices"] and "choices" in d.key_pos:
        b.report.add("scene-shape", d.at("choices"), _(
            "the scene `{scene}` has an empty `choices` list").format(scene=sid),
            _("add a choice, or use `goto` or `ending`"))
    elif len(ways) == 0:
        b.report.add("scene-shape", d.pos, _("the scene `{scene}` has no way on").format(
            scene=sid), _("add `choices`, a `goto`, or make it an `ending`"))
    elif len(ways) > 1:
        # Translators: {first} and {second} are keys: choices, goto or ending.
        b.report.add("scene-shape", d.key_pos[ways[1]], _(
            "the scene `{scene}` has both `{first}` and `{second}`").format(
                scene=sid, first=ways[0], second=ways[1]),
            _("a scene has exactly one of `choices`, `goto` or `ending`"))


def build_choice(b: "Builder", c: Obj) -> m.Choice:
    b.check_template(c["text"], Spot(b.report, c, "text"))
    b.check_scene_ref(c["goto"], lambda: c.at("goto"), "`goto`")
    for key in ("if", "show_if"):
        if key in c:
            b.check_condition(c[key], Spot(b.report, c, key))
    if c["locked"] and "if" not in c.key_pos:  # an `if:` that failed to parse is reported
        b.report.add("locked-without-if", c.at("locked"), _(
            "`locked:` says why a choice is locked, but this choice has no `if:`, so it is "
            "never locked"), _("add the `if:` condition that locks it, or remove `locked:`"))
    return m.Choice(_one_line(c["text"]), c["goto"], c.get("if"), c["locked"],
                    c.get("show_if"), effects(b, c.get("effects")), c.pos)


def _one_line(t: m.Template) -> m.Template:
    """A choice label written as a block scalar (`text: |`) ends in a newline the button would
    show as a blank line: labels lose their outer whitespace."""
    parts = list(t.parts)
    if parts and isinstance(parts[0], m.Literal):
        parts[0] = m.Literal(parts[0].text.lstrip())
    if parts and isinstance(parts[-1], m.Literal):
        parts[-1] = m.Literal(parts[-1].text.rstrip())
    if parts == list(t.parts):
        return t
    return m.Template(tuple(p for p in parts if not (isinstance(p, m.Literal) and not p.text)),
                      t.source.strip())


def _ending(b: "Builder", e: Obj) -> m.Ending:
    """Its debrief, prompts and notes are rendered as templates at the ending (Runtime.ending),
    so they are checked as templates here."""
    for key in ("debrief", "notes", "prompts"):
        for src in e[key] if key == "prompts" else (e[key],):
            _check_text(b, Spot(b.report, e, key), src)
    return m.Ending(e["title"], reflow(e["debrief"]), tuple(reflow(p) for p in e["prompts"]),
                    e["tone"], reflow(e["notes"]))


def _check_text(b: "Builder", spot: Spot, src: str) -> None:
    if "{" not in src and "}" not in src:
        return
    try:
        b.check_template(parse_template(src), spot)
    except TemplateError as err:
        offset = err.offset
        b.report.add("text-syntax", lambda: spot.at(offset), err.message, err.hint)


def fact(f: Optional[Obj]) -> Optional[m.FactNote]:
    return m.FactNote(f["kind"], reflow(f["note"]), f["source"].strip()) if f else None


def effects(b: "Builder", items: Optional[List[Tuple[str, Any, m.Position]]]
            ) -> Tuple[m.Effect, ...]:
    out: List[m.Effect] = []
    for name, value, pos in items or ():
        e = _EFFECTS[name](b, value, pos)
        if e is not None:
            out.append(e)
    return tuple(out)


def _rate(b: "Builder", v: Obj, pos: m.Position) -> Optional[m.Rate]:
    if ("by" in v) == ("rater" in v):
        b.report.add("missing-key" if "by" not in v else "bad-value", v.pos,
                     _("a rating needs either `by` (a character) or `rater` (a score), not "
                       "neither") if "by" not in v else
                     _("a rating needs either `by` (a character) or `rater` (a score), not "
                       "both"),
                     _("e.g. `rate: {{by: maya, stars: 5}}` or `rate: {{stars: 5, rater: 1.3}}`")
                     .format())
        return None
    if "by" in v:
        b.check_char(v["by"], lambda: v.at("by"))
    return m.Rate(float(v["stars"]), v.get("by"), _opt_float(v.get("rater")), v["count"],
                  v["label"])


def _opt_float(x: Any) -> Optional[float]:
    return None if x is None else float(x)


def _record(b: "Builder", v: Obj, pos: m.Position) -> m.Record:
    b.check_category(v["category"], lambda: v.at("category"))
    return m.Record(v["category"], float(v["impact"]), reflow(v["saw"]), reflow(v["truth"]),
                    v["permanent"], fact(v.get("fact")))


def _set(b: "Builder", v: Obj, pos: m.Position) -> m.SetVars:
    for name in v:
        _note_set(b, name, partial(v.key_pos.__getitem__, name))
    return m.SetVars(tuple(v.items()))


def _add(b: "Builder", v: Obj, pos: m.Position) -> m.AddVars:
    for name in v:
        _note_set(b, name, partial(v.key_pos.__getitem__, name))
    return m.AddVars(tuple((k, x) for k, x in v.items()))


def _note_set(b: "Builder", name: str, pos: "Where") -> None:
    b._check_var_name(name, pos)
    b.var_sets.setdefault(name, pos)


def _friend(cls: Callable[[str], m.Effect]) -> Callable[["Builder", str, m.Position], m.Effect]:
    def make(b: "Builder", v: str, pos: m.Position) -> m.Effect:
        b.check_char(v, pos)
        return cls(v)
    return make


def _shift(b: "Builder", v: Obj, pos: m.Position) -> m.Shift:
    for who in v:
        b.check_char(who, partial(v.key_pos.__getitem__, who))
    return m.Shift(tuple((k, float(x)) for k, x in v.items()))


def _roll(b: "Builder", v: Obj, pos: m.Position) -> Optional[m.Roll]:
    _note_set(b, v["var"], lambda: v.at("var"))
    if v["min"] > v["max"]:
        b.report.add("bad-value", v.at("min"), _("`min` is above `max`"), "")
        return None
    return m.Roll(v["var"], v["min"], v["max"])


_EFFECTS: Dict[str, Callable[["Builder", Any, m.Position], Optional[m.Effect]]] = {
    "rate": _rate, "record": _record, "set": _set, "add": _add,
    "befriend": _friend(m.Befriend), "unfriend": _friend(m.Unfriend), "shift": _shift,
    "roll": _roll}
