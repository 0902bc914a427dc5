"""The algorithm lab: the same run, scored by a regime whose weights the class has changed.

Changing a weight changes nothing the player did. The ratings, records and friendships stay as
they happened (the ratings keep the rater's score at the time, the friends are those of each
moment, from the run's trace), and only the arithmetic is redone; the choices whose `if:` or
`show_if:` reads the score, the tier or a category are then re-evaluated at the step they were
offered, to show which doors would have opened or closed.

    lab = Lab(pack, state)                     # replays the run once
    result = lab.rescore(Overrides(categories={"conduct": 2.0}, rater_influence=0))
    result.scores, result.tiers, result.doors, result.blocked_at

`rescore(pack, state, overrides)` does the same with a small cache of Labs, so a window can call
it on every slider move: after the first call (one replay) a 100-step run rescores in a few
milliseconds.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field, replace
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from ..i18n import N_, _, current
from .conditions import Call, Expr, Name, truthy, unparse, walk
from .debrief import Moment, Trace, TracedStep, chart_range, trace
from .model import Choice, Pack, Regime, Tier
from .reasons import explain
from .regime import (Breakdown, RatingEntry, RecordEntry, breakdown, category_totals, fade,
                     rating_weight, stars_on_scale)
from .state import GameState


class LabError(ValueError):
    """Overrides that name a category or tier the regime does not have, or an impossible value."""


@dataclass(frozen=True)
class Overrides:
    """What the class changed; anything left as None (or out of a mapping) keeps its value."""
    categories: Mapping[str, float] = field(default_factory=dict)  # category id -> weight
    tiers: Mapping[str, float] = field(default_factory=dict)  # tier id -> threshold (min)
    prior: Optional[float] = None
    rater_influence: Optional[float] = None
    association: Optional[float] = None
    half_life: Optional[float] = None

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Overrides":
        unknown = set(d) - {"categories", "tiers", "prior", "rater_influence", "association",
                            "half_life"}
        if unknown:
            raise LabError(_("unknown override `{name}`").format(name=sorted(unknown)[0]))
        return cls(**d)


def apply_overrides(regime: Regime, o: Overrides) -> Regime:
    """A new frozen Regime with the overrides applied. Tiers keep their rank (their order in the
    pack) even when a threshold is moved past another's: a tier whose threshold is raised above
    the next one's simply cannot be reached, which is what a class moving the slider expects."""
    # Translators: `key` is an id the lab was given, `known` the ids the pack has.
    _check_ids(_("the regime has no category `{key}` (it has {known})"), o.categories,
               [c.id for c in regime.categories])
    _check_ids(_("the regime has no tier `{key}` (it has {known})"), o.tiers,
               [t.id for t in regime.tiers])
    cats = tuple(replace(c, weight=float(o.categories[c.id])) if c.id in o.categories else c
                 for c in regime.categories)
    tiers = tuple(replace(t, min=float(o.tiers[t.id])) if t.id in o.tiers else t
                  for t in regime.tiers)
    changes: Dict[str, Any] = {"categories": cats, "tiers": tiers}
    for name in ("prior", "rater_influence", "association", "half_life"):
        value = getattr(o, name)
        if value is not None:
            changes[name] = _checked(name, float(value))
    return replace(regime, **changes)


def _check_ids(problem: str, given: Mapping[str, float], known: Sequence[str]) -> None:
    for key in given:
        if key not in known:
            raise LabError(problem.format(key=key, known=", ".join(known)))


def _checked(name: str, value: float) -> float:
    if value < 0 or (name == "association" and value > 1):
        # Translators: `name` is a setting of the rating regime; `value` a number.
        problem = _("`{name}` must be from 0 to 1, not {value}") if name == "association" \
            else _("`{name}` must be 0 or more, not {value}")
        raise LabError(problem.format(name=name, value=f"{value:g}"))
    return value


# ---- fast scoring at the run's moments ---------------------------------------------------------

class _Scorer:
    """The regime formula (regime.breakdown) at many moments of one run: the ratings average
    from prefix sums, so scoring every step costs one pass over the ratings, not one per step."""

    def __init__(self, regime: Regime, ratings: Sequence[RatingEntry],
                 records: Sequence[RecordEntry]):
        self.regime = regime
        total_w, total = regime.prior, regime.prior * regime.scale.start
        self._w, self._wv = [total_w], [total]
        for r in ratings:
            w = rating_weight(regime, r.rater, r.count)
            total_w += w
            total += w * stars_on_scale(regime, r.stars)
            self._w.append(total_w)
            self._wv.append(total)
        weights = {c.id: c.weight for c in regime.categories}
        self._records = records
        self._base = [weights.get(rec.category, 1.0) * rec.impact for rec in records]

    def score(self, m: Moment) -> float:
        regime = self.regime
        w = self._w[m.ratings]
        raw = self._wv[m.ratings] / w if w > 0 else regime.scale.start
        for base, rec in zip(self._base[:m.records], self._records):
            raw += base * fade(regime, rec, m.now)
        if m.friend_scores:
            raw += regime.association * (sum(m.friend_scores) / len(m.friend_scores) - raw)
        return min(regime.scale.max, max(regime.scale.min, raw))

    def category(self, m: Moment, cid: str) -> float:
        return category_totals(self.regime, self._records[:m.records], m.now).get(cid, 0.0)


class _StepEnv:
    """conditions.Env (and what reasons.explain reads) for one traced step under one regime."""

    def __init__(self, pack: Pack, scorer: _Scorer, step: TracedStep, score: float):
        self.pack, self._scorer, self._step, self.score = pack, scorer, step, score
        self.tier: Tier = pack.regime.tier_for(score)
        self.score_text = pack.regime.scale.fmt(score)

    def var(self, name: str) -> object:
        return self._step.vars.get(name, False)

    def special(self, name: str) -> object:
        if name == "score":
            return self.pack.regime.shown(self.score)  # as the runtime: the score on screen
        if name == "tier":
            return self.tier.id
        return len(self._step.before.friends)

    def call(self, fn: str, arg: str) -> object:
        s = self._step
        if fn == "friend":
            return arg in s.before.friends
        if fn == "visits":
            return s.visits.get(arg, 0)
        if fn == "visited":
            return s.visits.get(arg, 0) > 0
        if fn == "score_of":
            return self.score_of(arg)
        return self._scorer.category(s.before, arg)

    def score_of(self, who: str) -> float:
        return self._step.char_scores.get(who, self.pack.characters[who].score)

    def tier_rank(self, tier_id: str) -> int:
        return self.pack.regime.tier_rank(tier_id)


def reads_regime(e: Optional[Expr]) -> bool:
    """Whether a condition can change with the regime: it reads the score, the tier or a
    category's contribution (variables, friends and visits are what the player did)."""
    if e is None:
        return False
    return any((isinstance(n, Name) and n.name in ("score", "tier")) or
               (isinstance(n, Call) and n.fn == "category") for n in walk(e))


# A door's status is data (compared, and kept in DoorChange.was / .now); shown with status_label.
# Translators: whether a choice was open, locked or hidden (the algorithm lab).
_STATUS = {"open": N_("open"), "locked": N_("locked"), "hidden": N_("hidden")}


def status_label(status: str) -> str:
    """"open", "locked" or "hidden" in the current language, for display."""
    return _(_STATUS[status]) if status in _STATUS else status


def door_status(c: Choice, env: _StepEnv) -> str:
    if c.show_if is not None and not truthy(c.show_if.eval(env)):
        return "hidden"
    if c.condition is not None and not truthy(c.condition.eval(env)):
        return "locked"
    return "open"


# ---- results -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class DoorChange:
    """A choice that would have been open, locked or hidden differently at the step it was met."""
    step: int
    scene: str
    choice: int  # source index in the scene's choices
    text: str
    condition: str  # the condition that decides it, as the pack wrote it
    was: str  # open | locked | hidden, as the player met it
    now: str  # the same under the changed regime
    reason: str  # why it would be locked now ("" when it would be open)
    taken: bool  # the player took this choice

    @property
    def opened(self) -> bool:
        return self.now == "open"


@dataclass(frozen=True)
class LabResult:
    regime: Regime  # the changed regime
    scores: Tuple[float, ...]  # the same points as debrief.ScoreSeries.scores
    tiers: Tuple[str, ...]
    original: Tuple[float, ...]
    original_tiers: Tuple[str, ...]
    final: Breakdown
    tier: Tier
    original_tier: Tier
    doors: Tuple[DoorChange, ...]
    blocked_at: Optional[int]  # first step whose taken choice would not have been open: past
    # it the real run could not have happened, and the line shows "the same choices" only
    low: float  # a chart band that holds both lines and the thresholds near them
    high: float

    @property
    def changed(self) -> bool:
        return self.scores != self.original or bool(self.doors)


@dataclass(frozen=True)
class _Candidate:
    step: TracedStep
    source: int
    choice: Choice
    text: str


class Lab:
    """One run, ready to be rescored many times (the replay is done once, here)."""

    def __init__(self, pack: Pack, state: GameState, run: Optional[Trace] = None):
        self.pack, self.state = pack, state
        self.trace = run or trace(pack, state)
        self._candidates = self._find_candidates()
        base = _Scorer(pack.regime, state.ratings, state.records)
        self._base_scores = self._scores(base)
        self._base_status = [status for status, _ in self._statuses(pack, base)]
        self._base_final = self._final(pack.regime).score

    def _find_candidates(self) -> Tuple[_Candidate, ...]:
        out = []
        for ts in self.trace.steps:
            shown = {o.source: o.text for o in ts.offered}
            for src, c in enumerate(self.pack.scenes[ts.scene].choices):
                if reads_regime(c.condition) or reads_regime(c.show_if):
                    out.append(_Candidate(ts, src, c, shown.get(src, c.text.source)))
        return tuple(out)

    def _moments(self) -> List[Moment]:
        return [self.trace.start] + [ts.after for ts in self.trace.steps]

    def _scores(self, scorer: _Scorer) -> Tuple[float, ...]:
        return tuple(scorer.score(m) for m in self._moments())

    def _statuses(self, pack: Pack, scorer: _Scorer) -> List[Tuple[str, _StepEnv]]:
        out = []
        envs: Dict[int, _StepEnv] = {}
        for cand in self._candidates:
            ts = cand.step
            if ts.index not in envs:
                envs[ts.index] = _StepEnv(pack, scorer, ts, scorer.score(ts.before))
            out.append((door_status(cand.choice, envs[ts.index]), envs[ts.index]))
        return out

    def rescore(self, overrides: Union[Overrides, Mapping[str, Any], None] = None) -> LabResult:
        o = overrides if isinstance(overrides, Overrides) else Overrides.from_dict(overrides or {})
        regime = apply_overrides(self.pack.regime, o)
        pack = replace(self.pack, regime=regime)
        scorer = _Scorer(regime, self.state.ratings, self.state.records)
        scores = self._scores(scorer)
        doors = self._changes(self._statuses(pack, scorer))
        final = self._final(regime)
        old = self.pack.regime
        blocked = next((d.step for d in doors if d.taken and d.now != "open"), None)
        low, high = chart_range(scores + self._base_scores, regime)
        return LabResult(regime, scores, tuple(regime.tier_for(s).id for s in scores),
                         self._base_scores, tuple(old.tier_for(s).id for s in self._base_scores),
                         final, regime.tier_for(final.score), old.tier_for(self._base_final),
                         doors, blocked, low, high)

    def _final(self, regime: Regime) -> Breakdown:
        end = self.trace.end
        return breakdown(regime, self.state.ratings, self.state.records, end.friend_scores,
                         end.now)

    def _changes(self, now: Sequence[Tuple[str, _StepEnv]]) -> Tuple[DoorChange, ...]:
        out = []
        for cand, was, (status, env) in zip(self._candidates, self._base_status, now):
            if status != was:
                c = cand.choice
                written = c.condition if c.condition is not None else c.show_if
                out.append(DoorChange(cand.step.index, cand.step.scene, cand.source, cand.text,
                                      unparse(written) if written is not None else "", was,
                                      status, _why(c, status, env),
                                      cand.source == cand.step.choice))
        return tuple(out)


def _why(c: Choice, status: str, env: _StepEnv) -> str:
    """The lock reason the player would have read (reasons.explain only reads what _StepEnv
    offers, so it serves here as it does for the runtime)."""
    if status == "locked" and c.condition is not None:
        return c.locked or explain(c.condition, env)  # type: ignore[arg-type]
    if status == "hidden" and c.show_if is not None:
        return explain(c.show_if, env)  # type: ignore[arg-type]
    return ""


# ---- the cached entry point for sliders ------------------------------------------------------

_CACHE: "OrderedDict[Tuple[object, ...], Lab]" = OrderedDict()
_CACHE_SIZE = 4


def lab_for(pack: Pack, state: GameState) -> Lab:
    """A Lab for this run, reused while neither the pack object nor the run has changed. The Lab
    holds both objects, so their ids cannot be reused by others while it is cached."""
    key = (id(pack), id(state), state.step, len(state.history), len(state.ratings),
           len(state.records), current())  # a Lab keeps the choices' words as shown
    lab = _CACHE.get(key)
    if lab is None or lab.pack is not pack or lab.state is not state:
        lab = Lab(pack, state)
        _CACHE[key] = lab
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    _CACHE.move_to_end(key)
    return lab


def rescore(pack: Pack, state: GameState,
            overrides: Union[Overrides, Mapping[str, Any], None] = None) -> LabResult:
    """How the same choices would have scored under the regime with `overrides`."""
    return lab_for(pack, state).rescore(overrides)
