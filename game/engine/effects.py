"""Applying effects to the run state. One small function per effect, chosen from a table."""
from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Type

from ..i18n import _
from . import events as ev
from .model import (AddVars, Befriend, Effect, Rate, Record, Roll, SetVars, Shift, Unfriend)
from .regime import RatingEntry, RecordEntry, rating_weight

if TYPE_CHECKING:
    from .runtime import Runtime


def _rate(rt: "Runtime", e: Rate) -> List[ev.Event]:
    s = rt.state
    if e.by:
        rater, name = rt.score_of(e.by), rt.pack.characters[e.by].name
    else:
        rater, name = float(e.rater if e.rater is not None else rt.pack.regime.scale.start), e.label
    stars = min(5.0, max(1.0, e.stars))
    s.ratings.append(RatingEntry(stars, rater, e.count, s.step, e.by or "", e.label))
    weight = rating_weight(rt.pack.regime, rater, e.count)
    return [ev.RatingReceived(stars, rater, weight, e.count, e.by or "",
                               # Translators: who rated the player, when the pack names no one.
                               name or _("anonymous"))]


def _record(rt: "Runtime", e: Record) -> List[ev.Event]:
    s = rt.state
    s.records.append(RecordEntry(e.category, e.impact, e.permanent, s.step, e.saw, e.truth,
                                 s.scene))
    cat = rt.pack.regime.category(e.category)
    label = cat.label if cat else e.category
    return [ev.BehaviourRecorded(e.category, label, e.impact, e.saw, e.truth, e.permanent, e.fact)]


def _set(rt: "Runtime", e: SetVars) -> List[ev.Event]:
    out: List[ev.Event] = []
    for name, value in e.values:
        rt.state.vars[name] = value
        out.append(ev.VariableSet(name, value))
    return out


def _add(rt: "Runtime", e: AddVars) -> List[ev.Event]:
    out: List[ev.Event] = []
    for name, amount in e.values:
        old = rt.state.vars.get(name, 0)
        new = (old if isinstance(old, (int, float)) and not isinstance(old, bool) else 0) + amount
        rt.state.vars[name] = new
        out.append(ev.VariableSet(name, new))
    return out


def _befriend(rt: "Runtime", e: Befriend) -> List[ev.Event]:
    if e.who in rt.state.friends:
        return []
    rt.state.friends.append(e.who)
    return [ev.FriendAdded(e.who, rt.pack.characters[e.who].name)]


def _unfriend(rt: "Runtime", e: Unfriend) -> List[ev.Event]:
    if e.who not in rt.state.friends:
        return []
    rt.state.friends.remove(e.who)
    return [ev.FriendRemoved(e.who, rt.pack.characters[e.who].name)]


def _shift(rt: "Runtime", e: Shift) -> List[ev.Event]:
    out: List[ev.Event] = []
    scale = rt.pack.regime.scale
    for who, delta in e.values:
        old = rt.score_of(who)
        new = min(scale.max, max(scale.min, old + delta))
        rt.state.char_scores[who] = new
        out.append(ev.CharacterScoreChanged(who, rt.pack.characters[who].name, old, new))
    return out


def _roll(rt: "Runtime", e: Roll) -> List[ev.Event]:
    s = rt.state
    # One generator per draw, seeded from (seed, draw number): a saved run needs no RNG state.
    value = random.Random(f"{s.seed}:{s.draws}").randint(e.min, e.max)
    s.draws += 1
    s.vars[e.var] = value
    return [ev.VariableSet(e.var, value)]


APPLY: Dict[Type[Effect], Callable[["Runtime", Any], List[ev.Event]]] = {
    Rate: _rate, Record: _record, SetVars: _set, AddVars: _add, Befriend: _befriend,
    Unfriend: _unfriend, Shift: _shift, Roll: _roll,
}


def apply(rt: "Runtime", effect: Effect) -> List[ev.Event]:
    return APPLY[type(effect)](rt, effect)
