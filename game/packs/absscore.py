"""The score as intervals, for the prover (prove.py): abstract interpretation of the regime.

A `ScoreBox` holds, for a set of runs merged into one state, an interval for each quantity the
regime formula (regime.py) reads: the ratings average R and its weight W, each category's
permanent and fading parts, and each character's score. Every update is sound: each result is
an interval holding the result for every combination of the inputs' values, so a condition on
the score that is false over the whole interval is false in every merged run. Intervals lose
the correlations between quantities, so "true somewhere in the interval" is only "may be
true": the prover says so.

Why corners suffice: the new ratings average (W*R + w*v) / (W + w) is monotone in each of R, W
and w when the other two are fixed, so its extremes over a box are at the box's corners.
"""
from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Iterable, Tuple

from ..engine.model import Pack, Rate, Record, Regime, Shift
from ..engine.regime import rating_weight, stars_on_scale

Interval = Tuple[float, float]
INF = math.inf


def hull(a: Interval, b: Interval) -> Interval:
    return (min(a[0], b[0]), max(a[1], b[1]))


def add(a: Interval, b: Interval) -> Interval:
    return (a[0] + b[0], a[1] + b[1])


def _clamp(a: Interval, lo: float, hi: float) -> Interval:
    return (min(hi, max(lo, a[0])), min(hi, max(lo, a[1])))


@dataclass(frozen=True)
class ScoreBox:
    ratings: Interval  # R, the weighted ratings average
    weight: Interval  # W, prior + the ratings' weights
    parts: Tuple[Tuple[str, Interval, Interval], ...]  # (category, permanent, fading)
    chars: Tuple[Tuple[str, Interval], ...]  # character scores

    @classmethod
    def start(cls, pack: Pack) -> "ScoreBox":
        r = pack.regime
        cats = tuple((c.id, (0.0, 0.0), (0.0, 0.0)) for c in r.categories)
        chars = tuple((cid, (c.score, c.score)) for cid, c in pack.characters.items())
        return cls((r.scale.start,) * 2, (r.prior,) * 2, cats, chars)

    # ---- reading ---------------------------------------------------------------------

    def char(self, who: str) -> Interval:
        return dict(self.chars)[who]

    def category(self, cid: str) -> Interval:
        for c, perm, fading in self.parts:
            if c == cid:
                return add(perm, fading)
        return (0.0, 0.0)

    def score(self, regime: Regime, friends: Iterable[str]) -> Interval:
        """The score's interval (regime.breakdown over the box): R + B, pulled toward the
        friends' mean (monotone in both), then held inside the scale."""
        raw = self.ratings
        for _, perm, fading in self.parts:
            raw = add(raw, add(perm, fading))
        friends = list(friends)
        if friends:
            chars = dict(self.chars)
            lo = sum(chars[f][0] for f in friends) / len(friends)
            hi = sum(chars[f][1] for f in friends) / len(friends)
            a = regime.association
            raw = ((1 - a) * raw[0] + a * lo, (1 - a) * raw[1] + a * hi)
        return _clamp(raw, regime.scale.min, regime.scale.max)

    # ---- changing --------------------------------------------------------------------

    def tick(self, regime: Regime) -> "ScoreBox":
        """One choice made: every fading record fades by the same factor."""
        if regime.half_life <= 0:
            return self
        k = 0.5 ** (1 / regime.half_life)
        parts = tuple((c, p, (f[0] * k, f[1] * k)) for c, p, f in self.parts)
        return ScoreBox(self.ratings, self.weight, parts, self.chars)

    def rate(self, pack: Pack, e: Rate) -> "ScoreBox":
        regime = pack.regime
        if e.by:
            rater = self.char(e.by)
        else:
            fixed = float(e.rater if e.rater is not None else regime.scale.start)
            rater = (fixed, fixed)
        w = (rating_weight(regime, rater[0], e.count), rating_weight(regime, rater[1], e.count))
        v = stars_on_scale(regime, min(5.0, max(1.0, e.stars)))
        values = [_average(r, big_w, small_w, v, regime.scale.start)
                  for r, big_w, small_w in itertools.product(self.ratings, self.weight, w)]
        return ScoreBox((min(values), max(values)), add(self.weight, w), self.parts, self.chars)

    def record(self, regime: Regime, e: Record) -> "ScoreBox":
        cat = regime.category(e.category)
        value = (cat.weight if cat else 1.0) * e.impact
        parts = list(self.parts)
        for i, (c, perm, fading) in enumerate(parts):
            if c == e.category:
                parts[i] = (c, add(perm, (value, value)), fading) if e.permanent else \
                    (c, perm, add(fading, (value, value)))
                break
        else:  # a category the regime does not list still counts, at weight 1
            zero = (0.0, 0.0)
            parts.append((e.category, (value, value) if e.permanent else zero,
                          zero if e.permanent else (value, value)))
        return ScoreBox(self.ratings, self.weight, tuple(parts), self.chars)

    def shift(self, regime: Regime, e: Shift) -> "ScoreBox":
        chars = dict(self.chars)
        for who, delta in e.values:
            chars[who] = _clamp(add(chars[who], (delta, delta)), regime.scale.min,
                                regime.scale.max)
        return ScoreBox(self.ratings, self.weight, self.parts, tuple(chars.items()))

    # ---- merging ---------------------------------------------------------------------

    def join(self, other: "ScoreBox") -> "ScoreBox":
        parts = tuple((c, hull(p, q), hull(f, g)) for (c, p, f), (_, q, g)
                      in zip(self.parts, other.parts))
        parts += self.parts[len(other.parts):] + other.parts[len(self.parts):]
        chars = tuple((c, hull(a, b)) for (c, a), (_, b) in zip(self.chars, other.chars))
        return ScoreBox(hull(self.ratings, other.ratings), hull(self.weight, other.weight),
                        parts, chars)

    def widen(self, old: "ScoreBox", regime: Regime) -> "ScoreBox":
        """Every bound still moving after many merges jumps to its limit, so a loop that keeps
        adding ratings or records settles (the classic widening of abstract interpretation)."""
        lo, hi = regime.scale.min, regime.scale.max

        def w(new: Interval, was: Interval, floor: float, ceiling: float) -> Interval:
            return (floor if new[0] < was[0] else new[0], ceiling if new[1] > was[1] else new[1])

        parts = tuple((c, w(p, q, -INF, INF), w(f, g, -INF, INF)) for (c, p, f), (_, q, g)
                      in zip(self.parts, old.parts))
        parts += self.parts[len(old.parts):]
        chars = tuple((c, w(a, b, lo, hi)) for (c, a), (_, b) in zip(self.chars, old.chars))
        return ScoreBox(w(self.ratings, old.ratings, lo, hi), w(self.weight, old.weight, 0, INF),
                        parts, chars)


def _average(r: float, big_w: float, small_w: float, v: float, start: float) -> float:
    if big_w == INF:
        return r
    total = big_w + small_w
    return (big_w * r + small_w * v) / total if total > 0 else start


def shown(regime: Regime, score: Interval) -> Interval:
    """The interval of the score as shown (what conditions compare)."""
    return (regime.shown(score[0]), regime.shown(score[1]))


def tier_ranks(regime: Regime, score: Interval) -> Tuple[int, int]:
    lo, hi = regime.tier_for(score[0]), regime.tier_for(score[1])
    return (regime.tier_rank(lo.id), regime.tier_rank(hi.id))
