"""The regime formula, pinned to the worked example in docs/pack-format.md."""
import pytest

from game.engine.model import Category, Regime, Scale, Tier
from game.engine.regime import (RatingEntry, RecordEntry, breakdown, rating_weight,
                                stars_on_scale)

REG = Regime("Standing", Scale(1.0, 5.0, 4.213, 3), True, 10, 2,
             (Category("credit", "Credit history", 1.0), Category("conduct", "Conduct", 0.5)),
             0.1, 4, (Tier("shadowed", "Shadowed", 1.0), Tier("trusted", "Trusted", 4.2)))
MAYA = RatingEntry(5, 4.8, 1, 1, "maya")
STRANGER = RatingEntry(1, 2.0, 1, 2)
CONDUCT = RecordEntry("conduct", -0.2, False, 3, "Bulk snacks", "Restaurant supplies")


def test_rating_weight_grows_with_the_raters_score():
    assert rating_weight(REG, 4.8) == pytest.approx(0.9025)
    assert rating_weight(REG, 2.0) == pytest.approx(0.0625)
    assert rating_weight(REG, 2.0, count=40) == pytest.approx(2.5)


def test_stars_map_onto_a_points_scale():
    points = Regime("S", Scale(350, 950, 600, 0), True, 10, 2, (), 0, 6, (Tier("a", "A", 350),))
    assert stars_on_scale(points, 1) == 350
    assert stars_on_scale(points, 5) == 950
    assert stars_on_scale(points, 3) == 650


def test_worked_example_step_by_step():
    assert breakdown(REG, [], [], [], 0).score == pytest.approx(4.213)
    assert round(breakdown(REG, [MAYA], [], [], 1).score, 3) == 4.278
    assert round(breakdown(REG, [MAYA, STRANGER], [], [], 2).score, 3) == 4.259
    bd = breakdown(REG, [MAYA, STRANGER], [CONDUCT], [], 5)
    assert bd.category("conduct") == pytest.approx(-0.0707107, abs=1e-7)
    assert round(bd.score, 3) == 4.189
    final = breakdown(REG, [MAYA, STRANGER], [CONDUCT], [3.1], 5)
    assert round(final.score, 3) == 4.080
    assert final.association == pytest.approx(-0.1088751, abs=1e-7)


def test_permanent_records_never_fade():
    perm = RecordEntry("credit", -0.3, True, 0, "Late payment", "A scam in your name")
    assert breakdown(REG, [], [perm], [], 100).category("credit") == pytest.approx(-0.3)


def test_fading_records_halve_each_half_life():
    assert breakdown(REG, [], [CONDUCT], [], 3 + 4).category("conduct") == pytest.approx(-0.05)


def test_score_is_clamped_to_the_scale():
    crash = RecordEntry("credit", -50, True, 0, "x", "y")
    assert breakdown(REG, [], [crash], [], 1).score == 1.0


def test_tiers_by_threshold():
    assert REG.tier_for(4.2).id == "trusted"
    assert REG.tier_for(4.19).id == "shadowed"
