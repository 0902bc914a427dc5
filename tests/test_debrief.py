"""The debrief data: timeline, records versus truth, the score series, the regime revealed."""
import pytest

from conftest import TUTORIAL
from game.engine import Runtime, StateError, play_path
from game.engine.debrief import (build_debrief, chart_range, parse_tallies, scene_path,
                                 thresholds, trace)
from game.packs import load_pack
from packutil import start, write_pack

# In the tutorial: get up, try the new bean on Rui (3 stars + a payments record), drive Bea home
# (a conduct record + Greta's 2 stars), continue, then in part 2 join the queue and continue.
PATH = [0, 1, 0, 0, 1, 0]


@pytest.fixture(scope="module")
def tutorial():
    return load_pack(str(TUTORIAL)).pack


@pytest.fixture
def played(tutorial):
    return play_path(Runtime.start(tutorial, seed=3), PATH)


def test_the_timeline_lists_every_choice_with_its_scores(played):
    d = build_debrief(played.pack, played.state)
    assert [e.text for e in d.timeline] == [
        "Get up", "Try the new bean on him, free", "Leave the counter and drive her home",
        "Continue", "Join the queue (about 3 trains)", "Continue"]
    assert [e.step for e in d.timeline] == [1, 2, 3, 4, 5, 6]
    assert [e.episode for e in d.timeline] == ["coffee"] * 4 + ["commute"] * 2
    assert d.timeline[0].episode_title == "Part 1: Coffee"
    for entry, step in zip(d.timeline, played.state.history):
        assert (entry.score_before, entry.score_after) == (step.score_before, step.score_after)
    assert d.timeline[2].tier_name == "Shadowed"


def test_scores_follow_the_regime_formula_exactly(played):
    d = build_debrief(played.pack, played.state)
    # Bea (3.1) is a friend from the start: S = 4.213 + 0.1 * (3.1 - 4.213).
    assert d.series.scores[0] == pytest.approx(4.1017, abs=1e-12)
    # Rui (4.8) gives 3 stars: w = (3.8/4)^2 = 0.9025 on a value of 3.0; payments -0.05 now.
    r = (10 * 4.213 + 0.9025 * 3.0) / 10.9025
    raw = r - 0.05
    assert d.timeline[1].score_after == pytest.approx(raw + 0.1 * (3.1 - raw), abs=1e-12)
    assert round(d.timeline[1].score_after, 3) == 3.966


def test_records_show_what_the_system_saw_beside_the_truth(played):
    d = build_debrief(played.pack, played.state)
    payments, = d.timeline[1].records
    assert payments.saw == "A drink rung up at zero"
    assert payments.truth == "A free taster to win a regular over"
    assert payments.label == "Payments"
    assert payments.initial == pytest.approx(-0.05)
    # Recorded at step 2, six choices made: half-life 4 halves it exactly once.
    assert payments.contribution == pytest.approx(-0.025)
    conduct, = d.timeline[2].records
    assert conduct.label == "Behaviour and preferences"
    assert conduct.initial == pytest.approx(-0.1)  # weight 0.5 * impact -0.2
    assert conduct.contribution == pytest.approx(-0.1 * 0.5 ** (3 / 4))
    assert conduct.fact is not None and conduct.fact.kind == "fact"
    assert [r.saw for r in d.records] == [payments.saw, conduct.saw]


def test_ratings_name_their_raters_and_weights(played):
    d = build_debrief(played.pack, played.state)
    rui, = d.timeline[1].ratings
    assert (rui.name, rui.by, rui.stars, rui.rater_score) == ("Rui Tanaka", "rui", 3.0, 4.8)
    assert rui.weight == pytest.approx(0.9025)
    greta, = d.timeline[2].ratings
    assert greta.name == "Greta Lind" and greta.weight == pytest.approx((3.4 / 4) ** 2)


def test_offered_choices_include_locked_doors_with_their_reason(played):
    d = build_debrief(played.pack, played.state)
    counter = d.timeline[1].offered
    assert [o.text for o in counter] == ["Make it exactly the usual way",
                                         "Try the new bean on him, free",
                                         "Offer the loyalty shot (0 tips so far)"]
    assert counter[2].available is False
    assert counter[2].reason == "Only for customers you have served before"
    gates = d.timeline[4].offered
    assert gates[0].text == "Take the fast lane" and not gates[0].available
    assert gates[0].reason == "needs Trusted standing, you are Shadowed"
    # Hidden choices are not offered: Bea is still a friend, so she needs no making up with.
    assert "Make up with Bea on the platform" not in [o.text for o in gates]
    assert [o.source for o in gates][:2] == [0, 1]


def test_movers_rank_records_by_their_part_of_the_final_score(played):
    d = build_debrief(played.pack, played.state)
    assert [m.category for m in d.movers] == ["conduct", "payments"]
    assert sum(m.contribution for m in d.movers) == pytest.approx(d.breakdown.behaviour)


def test_the_final_breakdown_and_the_regime_are_revealed(played):
    d = build_debrief(played.pack, played.state)
    assert d.final_score == pytest.approx(played.score)
    assert d.final_text == played.score_text == "3.817"
    assert d.tier.id == "ordinary"
    assert d.breakdown.category("payments") == pytest.approx(-0.025)
    assert [(c.id, c.weight) for c in d.categories] == [("payments", 1.0), ("conduct", 0.5)]
    assert d.categories[1].contribution == pytest.approx(d.breakdown.category("conduct"))
    r = d.regime
    assert (r.prior, r.rater_influence, r.association, r.half_life) == (10, 2, 0.1, 4)
    assert [(t.id, t.min) for t in r.tiers] == [("shadowed", 1.0), ("ordinary", 3.8),
                                                ("trusted", 4.25)]
    assert r.tiers[2].perks == ("Fast lane at the station", "Free umbrella at kiosks")


def test_the_series_has_a_point_per_choice_and_its_episodes(played):
    s = build_debrief(played.pack, played.state).series
    assert len(s.scores) == 7
    assert s.scores[1:] == tuple(h.score_after for h in played.state.history)
    assert s.tiers[3] == "shadowed" and s.tiers[6] == "ordinary"
    assert [(e.episode, e.first, e.last) for e in s.episodes] == [("coffee", 0, 4),
                                                                    ("commute", 4, 6)]
    assert s.episodes[1].title == "Part 2: The Station"
    # The chart band reaches the thresholds around the run: Ordinary below, Trusted above.
    assert s.low < 3.765 and s.high > 4.25
    assert [t.id for t in thresholds(played.pack.regime, s.low, s.high)] == ["ordinary",
                                                                             "trusted"]


def test_endings_prompts_and_notes(played):
    d = build_debrief(played.pack, played.state)
    assert d.ending is not None and d.ending.title == "The Queue"
    assert d.ending.prompts[0] == "Who benefits from a fast lane for high scores?"
    assert [e.title for e in d.endings] == ["First Shift", "The Queue"]
    first = d.endings[0]
    assert first.notes == "The tutorial's regime is small enough to work out on the board."
    assert "\n" not in first.debrief  # block-scalar line breaks are reflowed
    assert d.episodes == ("coffee", "commute")


def test_facts_and_pauses_met_along_the_way(played):
    d = build_debrief(played.pack, played.state)
    assert [(f.kind, f.origin, f.scene) for f in d.facts] == [
        ("myth", "scene", "alarm"), ("fact", "record", "bea_calls")]
    assert d.pauses == ("Is it fair that a friend's low score can pull yours down?",)


def test_a_debrief_on_demand_mid_run(tutorial):
    rt = play_path(Runtime.start(tutorial, seed=3), [0, 1])
    d = build_debrief(tutorial, rt.state)
    assert d.ending is None and d.endings == ()
    assert len(d.timeline) == 2 and len(d.series.scores) == 3
    assert d.final_score == pytest.approx(rt.score)


def test_a_debrief_at_the_first_episodes_ending(tutorial):
    rt = play_path(Runtime.start(tutorial, seed=3), [0, 0, 2, 0])  # unfriends Bea
    d = build_debrief(tutorial, rt.state)
    assert d.ending is not None and d.ending.title == "First Shift"
    assert d.pauses == ()  # the "alone" branch has no pause
    assert [s for _, s in scene_path(tutorial, rt.state)] == [
        "alarm", "counter", "bea_calls", "alone", "coffee_end"]


def test_a_debrief_after_the_next_episode_began(tutorial):
    rt = play_path(Runtime.start(tutorial, seed=3), [0, 0, 0, 0])
    rt.begin_next_episode()
    d = build_debrief(tutorial, rt.state)
    assert d.episodes == ("coffee", "commute")
    assert d.ending is None and [e.title for e in d.endings] == ["First Shift"]
    assert trace(tutorial, rt.state).end.now == 4


def test_an_empty_run(tutorial):
    rt = Runtime.start(tutorial, seed=3)
    d = build_debrief(tutorial, rt.state)
    assert d.timeline == () and d.series.scores == (pytest.approx(4.1017),)
    assert d.series.low < d.series.high


def test_class_votes_are_attached_to_their_step(played):
    played.state.extra["tallies"] = {"2": {"counts": [3, 14, 0], "chosen": 1,
                                           "tie_break": ""}}
    d = build_debrief(played.pack, played.state)
    assert d.timeline[1].votes is not None and d.timeline[1].votes.counts == (3, 14, 0)
    assert d.timeline[0].votes is None
    given = build_debrief(played.pack, played.state, tallies={"1": {"counts": [20]}})
    assert given.timeline[0].votes.counts == (20,) and given.timeline[1].votes is None


def test_damaged_tallies_are_skipped():
    votes = parse_tallies({"1": {"counts": [1, 2], "chosen": 0, "tie_break": "coin"},
                           "x": {"counts": [1]}, "2": {"counts": "many"}, "3": None,
                           "4": {"chosen": 1}})
    assert list(votes) == [1] and votes[1].tie_break == "coin"
    assert parse_tallies(["not", "a", "dict"]) == {}


def test_a_run_of_another_pack_is_refused(played, tmp_path):
    other = start(write_pack(tmp_path / "mini"))
    with pytest.raises(StateError, match="belongs to pack `mini`"):
        build_debrief(played.pack, other.state)


def test_a_run_that_no_longer_fits_is_refused(played):
    state = played.state.clone()
    state.history[1].scene = "cellar"
    with pytest.raises(StateError, match="cellar"):
        build_debrief(played.pack, state)
    state = played.state.clone()
    state.history[1].scene = "bea_calls"  # a real scene, but not where the replay is
    with pytest.raises(StateError, match="replaying the run reaches `counter`"):
        build_debrief(played.pack, state)
    state = played.state.clone()
    state.history[2].choice = 2  # "unfriend" is shown there, so make it a hidden one instead
    state.history[4].choice = 2  # "make up with Bea" is hidden while she is a friend
    with pytest.raises(StateError):
        build_debrief(played.pack, state)
    state = played.state.clone()
    state.scene = "fast"  # a real scene, but not where the run ends
    with pytest.raises(StateError, match="stands in `fast`"):
        build_debrief(played.pack, state)


def test_chart_range_on_a_points_scale(tmp_path):
    rt = start(write_pack(tmp_path / "pts", pack=POINTS, episodes={"e.yaml": POINTS_EP}))
    low, high = chart_range([610.0, 612.0], rt.pack.regime)
    assert low < 600 < 650 < high <= 950  # widened to Average below and VIP above
    low, high = chart_range([940.0], rt.pack.regime)
    assert high == 950 and low < 940


POINTS = """\
format: 1
id: points
title: Points
regime:
  scale: {min: 350, max: 950, start: 610, decimals: 0}
  tiers:
    low: {min: 350}
    average: {min: 600}
    vip: {min: 650}
"""
POINTS_EP = """\
episode: e
title: E
scenes:
  a:
    text: A
    ending: {title: T, debrief: D, prompts: [P]}
"""


# ---- the worked example of docs/pack-format.md, played through the runtime -----------------

WORKED = """\
format: 1
id: worked
title: Worked example
regime:
  scale: {min: 1.0, max: 5.0, start: 4.213, decimals: 3}
  ratings: {prior: 10, rater_influence: 2}
  categories:
    credit: {label: Credit history, weight: 1.0}
    conduct: {label: Behaviour and preferences, weight: 0.5}
  association: 0.1
  fading: {half_life: 4}
  tiers:
    shadowed: {name: Shadowed, min: 1.0, penalties: [No train tickets]}
    ordinary: {name: Ordinary, min: 3.5}
    trusted: {name: Trusted, min: 4.2, perks: [Deposit-free rentals, Fast lane]}
characters:
  maya: {name: Maya, score: 4.8}
  jun: {name: Jun, score: 3.1}
"""
WORKED_EP = """\
episode: day
title: Day
scenes:
  s1:
    text: Maya.
    choices:
      - text: Smile at Maya
        effects: [{rate: {by: maya, stars: 5}}]
        goto: s2
  s2:
    text: A stranger.
    choices:
      - text: Ignore the stranger
        effects: [{rate: {stars: 1, rater: 2.0, label: a stranger}}]
        goto: s3
  s3:
    text: Snacks.
    choices:
      - text: Buy snacks in bulk
        effects:
          - record: {category: conduct, impact: -0.2, saw: Bulk snacks, truth: Restaurant supplies}
        goto: s4
  s4:
    text: Wait.
    goto: s5
  s5:
    text: Jun.
    choices:
      - text: Befriend Jun
        effects: [{befriend: jun}]
        goto: end
  end:
    text: End.
    ending: {title: Worked, debrief: D, prompts: [P], notes: N}
"""


def test_the_worked_example_through_the_debrief(tmp_path):
    rt = start(write_pack(tmp_path / "worked", pack=WORKED, episodes={"day.yaml": WORKED_EP}))
    play_path(rt, [0, 0, 0, 0, 0])
    d = build_debrief(rt.pack, rt.state)
    assert d.series.scores[0] == pytest.approx(4.213)
    assert [round(s, 3) for s in d.series.scores[1:3]] == [4.278, 4.259]
    assert d.breakdown.category("conduct") == pytest.approx(-0.0707107, abs=1e-7)
    assert d.breakdown.association == pytest.approx(-0.1088751, abs=1e-7)
    assert d.final_text == "4.080" and d.tier.name == "Ordinary"
    stranger = d.timeline[1].ratings[0]
    assert stranger.name == "a stranger" and stranger.weight == pytest.approx(0.0625)
