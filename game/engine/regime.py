"""The rating regime's arithmetic: pure functions from what happened to a score.

The formula is documented in docs/pack-format.md ("The formula") with a worked example that
tests/test_regime.py pins.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterable, Optional, Sequence, Tuple

from .model import Regime


@dataclass(frozen=True)
class RatingEntry:
    stars: float
    rater: float  # the rater's own score when they rated
    count: int
    step: int
    by: str = ""  # character id, or "" for anonymous raters
    label: str = ""


@dataclass(frozen=True)
class RecordEntry:
    category: str
    impact: float
    permanent: bool
    step: int
    saw: str
    truth: str
    scene: str = ""


@dataclass(frozen=True)
class Breakdown:
    """Where the score comes from; every figure is in scale units."""
    ratings: float  # R: the weighted ratings average
    categories: Tuple[Tuple[str, float], ...]  # contribution of each category (sum = B)
    association: float  # the pull of friends (S - (R + B)), before clamping
    score: float

    @property
    def behaviour(self) -> float:
        return sum(v for _, v in self.categories)

    def category(self, cid: str) -> float:
        return dict(self.categories).get(cid, 0.0)


def rating_weight(regime: Regime, rater: float, count: int = 1) -> float:
    scale = regime.scale
    position = min(1.0, max(0.0, (rater - scale.min) / scale.span))
    return float(position ** regime.rater_influence * count)


def stars_on_scale(regime: Regime, stars: float) -> float:
    scale = regime.scale
    return scale.min + (stars - 1.0) / 4.0 * scale.span


@dataclass(frozen=True)
class RatingSums:
    """The running sums behind the ratings average, so a run's score can be extended one
    rating at a time instead of re-summed on every read."""
    count: int  # how many entries are summed
    weight: float  # prior + sum(w)
    total: float  # prior * start + sum(w * v)

    def average(self, regime: Regime) -> float:
        return self.total / self.weight if self.weight > 0 else regime.scale.start


def rating_sums(regime: Regime, ratings: Sequence[RatingEntry],
                since: Optional[RatingSums] = None) -> RatingSums:
    """Sums over `ratings`, continuing from `since` (which covered the first entries)."""
    if since is None or since.count > len(ratings):
        since = RatingSums(0, regime.prior, regime.prior * regime.scale.start)
    weight, total = since.weight, since.total
    for r in ratings[since.count:]:
        w = rating_weight(regime, r.rater, r.count)
        weight += w
        total += w * stars_on_scale(regime, r.stars)
    return RatingSums(len(ratings), weight, total)


def ratings_average(regime: Regime, ratings: Sequence[RatingEntry]) -> float:
    return rating_sums(regime, ratings).average(regime)


def fade(regime: Regime, record: RecordEntry, now: int) -> float:
    if record.permanent:
        return 1.0
    age = max(0, now - record.step)
    return 0.5 ** (age / regime.half_life) if regime.half_life > 0 else 1.0


def record_contribution(regime: Regime, record: RecordEntry, now: int) -> float:
    cat = regime.category(record.category)
    weight = cat.weight if cat else 1.0
    return weight * record.impact * fade(regime, record, now)


def category_totals(regime: Regime, records: Iterable[RecordEntry], now: int) -> Dict[str, float]:
    totals = {c.id: 0.0 for c in regime.categories}
    for rec in records:
        totals[rec.category] = totals.get(rec.category, 0.0) + record_contribution(regime, rec, now)
    return totals


def breakdown(regime: Regime, ratings: Sequence[RatingEntry], records: Sequence[RecordEntry],
              friend_scores: Sequence[float], now: int,
              sums: Optional[RatingSums] = None) -> Breakdown:
    """The score and where it comes from; `sums` may carry the ratings already summed."""
    r = (sums if sums is not None and sums.count == len(ratings)
         else rating_sums(regime, ratings, sums)).average(regime)
    cats = category_totals(regime, records, now)
    raw = r + sum(cats.values())
    pulled = raw
    if friend_scores:
        mean = sum(friend_scores) / len(friend_scores)
        pulled = raw + regime.association * (mean - raw)
    score = min(regime.scale.max, max(regime.scale.min, pulled))
    return Breakdown(r, tuple(cats.items()), pulled - raw, score)
