"""The one rounding rule (game/engine/numbers.py): shown parts add up to the shown score."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.model import Category, Regime, Scale
from game.engine.numbers import (apportion, breakdown_rows, delta_text, score_text,
                                 signed_text, units)
from game.engine.regime import Breakdown

REGIMES = {  # (min, max, decimals): stars, a 0-100 scale, Sesame's 350-950
    "stars": (1.0, 5.0, 3), "percent": (0.0, 100.0, 0), "sesame": (350.0, 950.0, 0)}


def test_scores_and_changes_read_as_on_screen():
    assert score_text(0, 612.5) == "612"  # half to even, as round() and the tiers
    assert score_text(3, -0.0001) == "0.000"
    assert signed_text(3, -0.0001) == "0.000"
    assert signed_text(0, 1.828) == "+2"
    assert signed_text(0, -1.828) == "\u22122"
    assert delta_text(0, 612.4, 598.6) == "\u221213"
    assert delta_text(3, 4.1024, 3.9656) == "\u22120.136"
    assert delta_text(0, 50.2, 50.4) == "0"


def test_apportion_gives_the_missing_steps_to_the_largest_remainders():
    assert apportion(0, [601.4, 3.3, -0.4], 604.3) == [601, 3, 0]
    assert apportion(0, [601.6, 3.6, -0.2], 605.0) == [602, 3, 0]
    assert apportion(0, [], 3.0) == []


@st.composite
def breakdowns(draw):
    name = draw(st.sampled_from(sorted(REGIMES)))
    lo, hi, decimals = REGIMES[name]
    span = hi - lo
    part = st.floats(-span / 4, span / 4, allow_nan=False)
    ratings = draw(st.floats(lo, hi, allow_nan=False))
    cats = draw(st.lists(part, min_size=0, max_size=6))
    pull = draw(part)
    raw = ratings + sum(cats) + pull
    bd = Breakdown(ratings, tuple((f"c{i}", v) for i, v in enumerate(cats)), pull,
                   min(hi, max(lo, raw)))
    return decimals, bd


@settings(max_examples=400, deadline=None)
@given(breakdowns())
def test_shown_parts_sum_to_the_shown_total(case):
    decimals, bd = case
    limit = bd.score - (bd.ratings + bd.behaviour + bd.association)  # the clamp, if any
    parts = [bd.ratings] + [v for _, v in bd.categories] + [bd.association, limit]
    shown = apportion(decimals, parts, bd.score)
    assert sum(units(decimals, v) for v in shown) == units(decimals, bd.score)
    for exact, rounded in zip(parts, shown):  # each part moves by less than one shown step
        assert abs(exact - rounded) < 10 ** -decimals + 1e-9


@settings(max_examples=200, deadline=None)
@given(breakdowns())
def test_breakdown_rows_add_up_to_the_score_text(case):
    decimals, bd = case
    regime = _regime(decimals, len(bd.categories))
    rows = breakdown_rows(regime, bd)
    total = sum(float(text.replace("\u2212", "-")) for _, text, _ in rows)
    assert score_text(decimals, total) == score_text(decimals, bd.score)


def _regime(decimals: int, count: int) -> Regime:
    cats = tuple(Category(f"c{i}", f"Part {i}", 1.0) for i in range(count))
    return Regime("test", Scale(0.0, 1000.0, 500.0, decimals), True, 1.0, 1.0, cats, 0.0, 0.0, ())
