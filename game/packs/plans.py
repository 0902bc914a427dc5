"""Story test plans: scripted routes through a pack, with what the text and state must say.

A pack may hold `plans.yaml` (in the spirit of Yarn Spinner's `.testplan` files):

    plans:
      - name: a phishing victim cannot afford the deposit
        seed: 3
        episode: five_stars        # optional: start at this episode (default: the first)
        lang: zh-Hans              # optional: play the pack's translation into this language
        steps:
          - choose: Pay the verification fee      # a choice's label (or part of it), or "2"
          - expect: {scene: e1_tuesday, text: "49 marks", score: "< 4.2", vars: {phished: true}}

The file is read like every other pack file (safe YAML, size limits, positions), but the loader
never treats it as an episode. Plans run through the one runtime API (start, passage, choices,
choose), and every failure comes back as data with the plan file's line and column.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Collection, Dict, List, Optional, Sequence, Tuple

from ..engine.model import Pack, Position
from ..engine.runtime import ChoiceView, Runtime, RuntimeUsageError
from ..engine.text import plain
from .diagnostics import Diagnostic, Report, join_clauses
from .sources import PackSource
from ..i18n import N_, _, format_integer, pgettext, speaking
from .spec import (INVALID, Abort, Ctx, F, Ident, ListOf, MapOf, Number, Obj, OneOf, Record,
                   Scalar, Text, Variants)
from .yamlsafe import compose, decode

PLAN_FILES = ("plans.yaml", "plans.yml")
MAX_PLANS = 1_000
MAX_STEPS = 5_000  # per plan; a route longer than this is not a test anyone reads

# Translators: a kind of mapping, named in messages such as "`x` is not a key of a scene".
EXPECT = Record(N_("an expectation"), {
    "scene": F(Ident(), doc="the current scene's id"),
    "text": F(ListOf(Text()), doc="text the passage must contain (one or a list)"),
    "not_text": F(ListOf(Text()), doc="text the passage must not contain"),
    "choices": F(ListOf(Text()), doc="text some choice must show (label or lock reason)"),
    "not_choices": F(ListOf(Text()), doc="text no choice may show"),
    "vars": F(MapOf(Scalar()), doc="variables and the values they must have"),
    "score": F(Text(), doc="a comparison with the shown score, e.g. \">= 4.2\""),
    "tier": F(Ident(), doc="the tier id the player must be in"),
    "ending": F(Text(), doc="the ending reached: its title or its scene id"),
}, "What must hold at this point of the route.")

# Translators: the steps of a plan (choose, expect); {example} is the start of one, e.g.
# `choose: ...`; {count} a number of keys; {names} a list of action names.
ACTION_WORDS = Variants(N_("an action such as {example}"),
                        N_("each action has exactly one key, found {count}"),
                        N_("start each action with its own `- `"),
                        N_("`{key}` is not an action"), N_("actions are {names}"))
STEP = OneOf("action", {"choose": Text(), "expect": EXPECT}, ACTION_WORDS)

# Translators: a kind of mapping, named in messages such as "`x` is not a key of a scene".
PLAN = Record(N_("a plan"), {
    "name": F(Text(), True, doc=N_("what this route checks, in a sentence")),
    "seed": F(Number(0, 2 ** 31 - 1, integer=True), False, 0, "the run's seed"),
    "episode": F(Ident(), False, doc="start at this episode (default: the pack's first)"),
    "lang": F(Text(max_len=64), False, doc="play the pack's translation into this language "
              "(translations/LANG.yaml)"),
    "steps": F(ListOf(STEP, min_items=1), True, doc=N_("choose and expect steps, in order")),
})

PLANS = Record("plans.yaml", {
    "plans": F(ListOf(PLAN, min_items=1), True, doc=N_("the scripted routes")),
}, "Scripted routes through a pack and what they must show.")

# Used with fullmatch; written so no two parts can match the same characters (linear time).
_CMP = re.compile(r"\s*(?:(>=|<=|==|!=|>|<|=)\s*)?([-+]?(?:\d+(?:\.\d*)?|\.\d+))\s*")


# ---- reading -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Step:
    kind: str  # choose | expect
    value: object  # the label or number (choose), the checked mapping (expect)
    pos: Position


@dataclass(frozen=True)
class Plan:
    name: str
    seed: int
    episode: Optional[str]
    steps: Tuple[Step, ...]
    pos: Position
    lang: Optional[str] = None  # run in the pack's translation into this language


def plan_file(files: Collection[str]) -> Optional[str]:
    """The name of a pack's plan file among its files, if it has one."""
    return next((name for name in PLAN_FILES if name in files), None)


def read_plans(source: PackSource, report: Optional[Report] = None) -> Tuple[List[Plan], List[Diagnostic]]:
    """The plans of a pack source (none when it has no plan file) and any problems in them."""
    report = report or Report()
    rel = plan_file(source.files)
    if rel is None:
        return [], []
    name = f"{source.root.rstrip('/')}/{rel}"
    text = decode(source.files[rel], name, report)
    node = compose(text, name, report) if text is not None else None
    plans: List[Plan] = []
    if node is not None:
        try:
            data = PLANS.convert(node, Ctx(name, report))
        except Abort:
            data = INVALID
        if data is not INVALID:
            plans = _build(data, report)
    elif text is not None and not report.errors:
        report.add("empty", Position(name, 1, 1), _("the plan file is empty"),
                   _("write `plans:` and at least one plan, or delete the file"))
    return (plans if not report.errors else []), report.sorted()


def _build(data: Obj, report: Report) -> List[Plan]:
    if len(data["plans"]) > MAX_PLANS:
        report.add("too-large", data.at("plans"), _("{count} plans; the limit is {limit}").format(
            count=format_integer(len(data["plans"])), limit=format_integer(MAX_PLANS)),
            _("split the routes into fewer, longer plans"))
        return []
    out = []
    for p in data["plans"]:
        if len(p["steps"]) > MAX_STEPS:
            report.add("too-large", p.at("steps"), _("{count} steps; the limit is {limit}")
                       .format(count=format_integer(len(p["steps"])),
                               limit=format_integer(MAX_STEPS)),
                       _("split the route into several plans"))
            continue
        steps = []
        for kind, value, pos in p["steps"]:
            if kind == "expect" and "score" in value and not _CMP.fullmatch(value["score"]):
                report.add("bad-value", value.at("score"), _not_a_comparison(value["score"]),
                           _("write e.g. \">= 4.2\" or \"< 600\""))
            steps.append(Step(kind, value, pos))
        out.append(Plan(p["name"], p["seed"], p.get("episode"), tuple(steps), p.pos,
                        p.get("lang")))
    return out


# ---- running -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Failure:
    """One way a plan did not hold: where in the plan file, and what was seen instead."""
    plan: str
    pos: Position
    message: str
    scene: str = ""

    def format(self) -> str:
        # Translators: {name} is the plan's name, {scene} a scene id, {problem} what went wrong.
        said = _("plan \"{name}\" (at `{scene}`): {problem}") if self.scene else \
            _("plan \"{name}\": {problem}")
        return f"{self.pos.file}:{self.pos.line}:{self.pos.column}: " + said.format(
            name=self.plan, scene=self.scene, problem=self.message)

    def to_json(self) -> Dict[str, Any]:
        return {"plan": self.plan, "file": self.pos.file, "line": self.pos.line,
                "column": self.pos.column, "scene": self.scene, "message": self.message}


@dataclass
class PlanResult:
    plan: Plan
    failures: List[Failure] = field(default_factory=list)
    path: List[int] = field(default_factory=list)  # choice numbers taken (0: next episode)

    @property
    def ok(self) -> bool:
        return not self.failures


def run_plans(pack: Pack, plans: Sequence[Plan], source: Optional[PackSource] = None
              ) -> List[PlanResult]:
    """Run each plan, in the pack's translation where the plan names a `lang`, with the game's
    own words (Continue, lock reasons, numbers) in the language of the pack it plays, so a
    plan passes or fails the same on every machine."""
    packs: Dict[Optional[str], Optional[Pack]] = {None: pack}
    out = []
    for p in plans:
        if p.lang is not None and p.lang not in packs:
            from .sources import open_source
            from .translation import in_language
            source = source or open_source(pack.root)
            packs[p.lang] = in_language(pack, source, p.lang)
        chosen = packs[p.lang]
        if chosen is None:
            out.append(PlanResult(p, [Failure(p.name, p.pos, _(
                "the pack has no translation into `{lang}` that loads").format(lang=p.lang))]))
        else:
            out.append(run_plan(chosen, p))
    return out


def seen(rt: Runtime) -> Tuple[str, List[ChoiceView]]:
    """The passage and the choices as a player of the pack's language reads them (the game's
    own words in it too: Continue, lock reasons), whatever this machine's language; the
    plan's failures are then told in this machine's."""
    with speaking(rt.pack.info.language):
        return plain(rt.passage.text), rt.choices


def run_plan(pack: Pack, plan: Plan) -> PlanResult:
    result = PlanResult(plan)
    try:
        rt = Runtime.start(pack, plan.episode, plan.seed)
    except RuntimeUsageError as e:
        result.failures.append(Failure(plan.name, plan.pos, str(e)))
        return result
    for step in plan.steps:
        if step.kind == "choose":
            problem = _choose(rt, str(step.value), result.path)
            if problem:  # the route cannot go on: later steps would only repeat the news
                result.failures.append(Failure(plan.name, step.pos, problem, rt.state.scene))
                break
        elif isinstance(step.value, Obj):  # an expect step holds its checked mapping
            result.failures += [Failure(plan.name, pos, msg, rt.state.scene)
                                for pos, msg in expect(rt, step.value)]
    return result


def _choose(rt: Runtime, want: str, path: List[int]) -> str:
    """Take the choice `want` names; "" on success, else why it could not be taken."""
    if rt.ending is not None:
        if rt.next_episode is None:
            return _("the story has ended (\"{title}\"); there is nothing to choose").format(
                title=rt.ending.title)
        rt.begin_next_episode()
        path.append(0)
    views = seen(rt)[1]
    index, problem = find_choice(views, want)
    if problem:
        return problem
    view = views[index]
    if not view.available:
        return _("\"{label}\" is locked: {reason}").format(label=plain(view.text),
                                                          reason=view.reason)
    rt.choose(index)
    path.append(index + 1)
    return ""


def find_choice(views: Sequence[ChoiceView], want: str) -> Tuple[int, str]:
    """The index of the choice `want` names: a 1-based number, an exact label, or a piece of
    exactly one label (ignoring case); otherwise -1 and a sentence listing what is shown."""
    shown = join_clauses(f"{v.index + 1}. {plain(v.text)}" for v in views) or _nothing()
    if want.strip().isdecimal():
        n = int(want)
        if 1 <= n <= len(views):
            return n - 1, ""
        # Translators: {shown} lists the choices on screen ("1. Pay; 2. Leave").
        return -1, _("there is no choice {n}; shown: {shown}").format(n=n, shown=shown)
    labels = [plain(v.text) for v in views]
    if want in labels:
        return labels.index(want), ""
    hits = [i for i, label in enumerate(labels) if want.casefold() in label.casefold()]
    if len(hits) == 1:
        return hits[0], ""
    if hits:
        return -1, _("\"{text}\" matches {count} choices; shown: {shown}").format(
            text=want, count=len(hits), shown=shown)
    return -1, _("no choice says \"{text}\"; shown: {shown}").format(text=want, shown=shown)


def _nothing() -> str:
    # Translators: what a plan failure lists when no choice is on screen.
    return pgettext("no choices shown", "nothing")


def _not_a_comparison(text: str) -> str:
    return _("`{text}` is not a comparison with a number").format(text=text)


def expect(rt: Runtime, e: Obj) -> List[Tuple[Position, str]]:
    """Every way the checked mapping `e` does not hold now, each at its key's position."""
    out: List[Tuple[Position, str]] = []
    passage, views = seen(rt)
    # A plan matches what the pack shows (`[locked: ...]` included); its failures list the
    # choices with this machine's word for "locked".
    lines = [plain(v.text) + ("" if v.available else f" [locked: {v.reason}]") for v in views]
    # Translators: a locked choice in a plan failure's list: its label, then why it is locked.
    shown = [plain(v.text) if v.available else _("{label} [locked: {reason}]").format(
        label=plain(v.text), reason=v.reason) for v in views]
    if "scene" in e and rt.state.scene != e["scene"]:
        out.append((e.at("scene"), _("expected scene `{want}`, at `{scene}`").format(
            want=e["scene"], scene=rt.state.scene)))
    for piece in e.get("text", ()):
        if piece not in passage:
            # Translators: {text} is what the plan wanted, {excerpt} the start of the passage.
            out.append((e.at("text"), _("the passage does not contain \"{text}\": {excerpt}")
                        .format(text=piece, excerpt=_excerpt(passage))))
    for piece in e.get("not_text", ()):
        if piece in passage:
            out.append((e.at("not_text"), _("the passage contains \"{text}\": {excerpt}").format(
                text=piece, excerpt=_excerpt(passage, piece))))
    for piece in e.get("choices", ()):
        if not any(piece in line for line in lines):
            out.append((e.at("choices"), _("no choice shows \"{text}\"; shown: {shown}").format(
                text=piece, shown=join_clauses(shown) or _nothing())))
    for piece in e.get("not_choices", ()):
        for line, said in zip(lines, shown):
            if piece in line:
                out.append((e.at("not_choices"), _("a choice shows \"{text}\": {choice}").format(
                    text=piece, choice=said)))
    for name, value in (e.get("vars") or {}).items():
        have = rt.var(name)
        if not _same(have, value):
            # Translators: {have} and {want} are values as written in Python: 3, 'cash', True.
            out.append((e["vars"].val_pos[name], _("`{name}` is {have}, expected {want}").format(
                name=name, have=repr(have), want=repr(value))))
    if "score" in e:
        out += _score(rt, e)
    if "tier" in e and rt.tier.id != e["tier"]:
        # Translators: {tier} is a tier id, {name} its name, {want} the tier id expected.
        out.append((e.at("tier"), _("tier is `{tier}` ({name}), expected `{want}`").format(
            tier=rt.tier.id, name=rt.tier.name, want=e["tier"])))
    if "ending" in e:
        out += _ending(rt, e)
    return out


def _score(rt: Runtime, e: Obj) -> List[Tuple[Position, str]]:
    m = _CMP.fullmatch(e["score"])
    if m is None:
        return [(e.at("score"), _not_a_comparison(e["score"]))]
    op, want = m.group(1) or "==", float(m.group(2))
    have = rt.shown_score
    ok = {">=": have >= want, "<=": have <= want, ">": have > want, "<": have < want,
          "!=": not math.isclose(have, want), "==": math.isclose(have, want),
          "=": math.isclose(have, want)}[op]
    # Translators: {want} is a comparison such as ">= 4.2".
    return [] if ok else [(e.at("score"), _("the score is {score}, expected {want}").format(
        score=rt.score_text, want=f"{op} {m.group(2)}"))]


def _ending(rt: Runtime, e: Obj) -> List[Tuple[Position, str]]:
    want = e["ending"]
    ending = rt.ending
    if ending is None:
        return [(e.at("ending"), _("expected the ending \"{want}\", but the story is at "
                                   "`{scene}`, not an ending").format(want=want,
                                                                      scene=rt.state.scene))]
    if want not in (ending.title, rt.state.scene):
        return [(e.at("ending"), _("reached the ending \"{title}\" (`{scene}`), expected "
                                   "\"{want}\"").format(title=ending.title, scene=rt.state.scene,
                                                        want=want))]
    return []


def _same(have: object, want: object) -> bool:
    if isinstance(have, bool) or isinstance(want, bool):
        return have is want or (isinstance(have, bool) and isinstance(want, bool)
                                and have == want)
    if isinstance(have, (int, float)) and isinstance(want, (int, float)):
        return math.isclose(have, want, abs_tol=1e-9)
    return str(have) == str(want)


def _excerpt(text: str, around: str = "", width: int = 160) -> str:
    start = max(0, text.find(around) - width // 2) if around else 0
    piece = text[start:start + width].replace("\n", " ")
    return ("..." if start else "") + f"\"{piece}\"" + ("..." if start + width < len(text)
                                                        else "")
