"""The numbers in docs/recipes.md come from the game's own score formula (game/engine/regime.py):
each table is recomputed here and compared with the page, cell by cell."""
import re

import pytest

from conftest import ROOT
from game.engine.model import Regime, Scale
from game.engine.regime import RatingEntry, breakdown

PAGE = (ROOT / "docs" / "recipes.md").read_text(encoding="utf-8")
SCALES = [(1.0, 5.0, 3), (0.0, 100.0, 1), (350.0, 950.0, 1)]  # (min, max, decimals shown)


def regime(lo, hi):
    """The documented defaults: prior 10, rater influence 2, no friends."""
    return Regime("Standing", Scale(lo, hi, lo + 0.75 * (hi - lo), 3), True, 10.0, 2.0, (),
                  0.0, 6.0, ())


def table(heading):
    """The body rows of the table whose header line starts with `heading`, as cell lists."""
    lines = PAGE.split(heading, 1)[1].splitlines()[2:]  # the rest of the header, the rule
    rows = []
    for line in lines:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in line.strip("|").split("|")])
    return rows


def change(reg, stars, where, count=1):
    s = reg.scale
    rater = s.min + where * (s.max - s.min)
    b = breakdown(reg, [RatingEntry(stars, rater, count, 0)], [], [], 0)
    return b.score - s.start


def test_impact_sizes_are_shares_of_the_span():
    rows = table("| how it should feel |")
    for row in rows:
        share = float(row[1].rstrip(" %")) / 100
        for (lo, hi, _), cell in zip(SCALES, row[2:]):
            assert float(cell) == pytest.approx(share * (hi - lo)), row


@pytest.mark.parametrize("index, stars, where, count", [
    (0, 5, 1.0, 1), (1, 1, 1.0, 1), (2, 5, 0.5, 1), (3, 1, 0.5, 1), (4, 5, 0.075, 40)])
def test_one_rating_moves_the_score_as_the_page_says(index, stars, where, count):
    row = table("| rating |")[index]
    for (lo, hi, decimals), cell in zip(SCALES, row[1:]):
        assert float(cell) == round(change(regime(lo, hi), stars, where, count), decimals), row


def test_the_page_states_its_starting_point():
    assert re.search(r"starting at 75 % of the scale \(4\.0 on 1 to 5, 75 on\s+0 to 100, 800 on "
                     r"350 to 950\)", PAGE)
