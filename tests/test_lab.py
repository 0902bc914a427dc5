"""The algorithm lab: the same choices rescored under changed weights, and the doors that move."""
import time
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TUTORIAL
from game.engine import Runtime, play_path, replay
from game.engine.debrief import build_debrief
from game.engine.runtime import RuntimeUsageError
from game.engine.state import StateError
from game.engine.lab import Lab, LabError, Overrides, apply_overrides, lab_for, rescore
from game.packs import load_pack
from packutil import start, write_pack
from test_debrief import WORKED, WORKED_EP


@pytest.fixture(scope="module")
def tutorial():
    return load_pack(str(TUTORIAL)).pack


@pytest.fixture
def worked(tmp_path):
    rt = start(write_pack(tmp_path / "worked", pack=WORKED, episodes={"day.yaml": WORKED_EP}))
    return play_path(rt, [0, 0, 0, 0, 0])


def test_no_overrides_reproduce_the_run_exactly(tutorial):
    rt = play_path(Runtime.start(tutorial, seed=3), [0, 1, 0, 0, 1, 0])
    r = rescore(tutorial, rt.state)
    series = build_debrief(tutorial, rt.state).series
    assert r.scores == pytest.approx(series.scores, abs=1e-12)
    assert r.original == pytest.approx(series.scores, abs=1e-12)
    assert r.tiers == series.tiers == r.original_tiers
    assert r.final.score == pytest.approx(rt.score, abs=1e-12)
    assert r.doors == () and r.blocked_at is None and not r.changed
    assert r.regime == tutorial.regime


def test_association_off_gives_the_worked_examples_score(worked):
    assert worked.score_text == "4.080"
    r = rescore(worked.pack, worked.state, {"association": 0})
    assert round(r.final.score, 3) == 4.189  # the worked example's step 3
    assert r.final.association == 0
    assert r.final.category("conduct") == pytest.approx(-0.0707107, abs=1e-7)


def test_rater_influence_zero_counts_every_rating_alike(worked):
    r = rescore(worked.pack, worked.state, Overrides(rater_influence=0))
    assert r.scores[1] == pytest.approx((10 * 4.213 + 5.0) / 11, abs=1e-12)
    assert r.scores[2] == pytest.approx((10 * 4.213 + 5.0 + 1.0) / 12, abs=1e-12)
    assert r.regime.rater_influence == 0 and worked.pack.regime.rater_influence == 2


def test_a_category_weight_rescales_its_records(worked):
    base = rescore(worked.pack, worked.state)
    doubled = rescore(worked.pack, worked.state, {"categories": {"conduct": 1.0}})
    assert doubled.final.category("conduct") == pytest.approx(
        2 * base.final.category("conduct"))
    off = rescore(worked.pack, worked.state, {"categories": {"conduct": 0}})
    assert off.scores[3] == pytest.approx(off.scores[2], abs=1e-12)  # the record weighs nothing
    assert off.scores[:3] == base.scores[:3]


def test_prior_and_half_life(worked):
    no_prior = rescore(worked.pack, worked.state, {"prior": 0})
    assert no_prior.scores[0] == pytest.approx(4.213)  # nothing to average yet: the start
    assert no_prior.scores[1] == pytest.approx(5.0)  # Maya's five stars are all there is
    never_fades = rescore(worked.pack, worked.state, {"half_life": 0})
    assert never_fades.final.category("conduct") == pytest.approx(-0.1)


def test_moving_a_threshold_changes_tiers_without_changing_scores(tutorial):
    rt = play_path(Runtime.start(tutorial, seed=3), [0, 0, 0, 0, 1, 0])
    r = rescore(tutorial, rt.state, {"tiers": {"trusted": 3.9}})
    assert r.scores == r.original
    assert set(r.tiers) == {"trusted"} and r.tier.id == "trusted"
    assert r.original_tier.id == "ordinary"
    lane, = [d for d in r.doors if d.scene == "gates"]
    assert (lane.step, lane.choice, lane.text) == (5, 0, "Take the fast lane")
    assert (lane.was, lane.now, lane.opened, lane.taken) == ("locked", "open", True, False)
    assert lane.condition == "tier >= 'trusted'"
    assert r.blocked_at is None and r.changed


def test_tiers_keep_their_rank_when_a_threshold_passes_another(tutorial):
    regime = apply_overrides(tutorial.regime, Overrides(tiers={"ordinary": 4.5}))
    assert [t.id for t in regime.tiers] == ["shadowed", "ordinary", "trusted"]
    assert regime.tier_for(4.3).id == "trusted"
    assert regime.tier_for(4.0).id == "shadowed"
    assert tutorial.regime.tier_for(4.0).id == "ordinary"  # the pack itself is untouched


DOORS = """\
format: 1
id: doors
title: Doors
regime:
  scale: {min: 1.0, max: 5.0, start: 4.0, decimals: 3}
  categories:
    conduct: {label: Conduct, weight: 1.0}
  tiers:
    low: {name: Low, min: 1.0}
    mid: {name: Middling, min: 3.5}
    high: {name: High, min: 4.2}
"""
DOORS_EP = """\
episode: e
title: E
scenes:
  a:
    text: A
    choices:
      - text: Arrive late
        effects:
          - record: {category: conduct, impact: -0.1, saw: Late, truth: A bus strike}
        goto: b
  b:
    text: B
    choices:
      - text: Enter the lounge
        if: tier >= 'high'
        goto: c
      - text: Apply for the loan
        if: score >= 3.85
        goto: c
      - text: Ask for a review
        show_if: category(conduct) < -0.15
        goto: c
      - text: Walk on
        goto: c
  c:
    text: C
    ending: {title: End, debrief: D, prompts: [P]}
"""


@pytest.fixture
def doors(tmp_path):
    rt = start(write_pack(tmp_path / "doors", pack=DOORS, episodes={"e.yaml": DOORS_EP}))
    return play_path(rt, [0, 1])  # at b the score is 3.9: the loan is open, the lounge locked


def test_a_door_the_player_took_would_have_closed(doors):
    r = rescore(doors.pack, doors.state, {"categories": {"conduct": 2.0}})
    assert r.scores[1] == pytest.approx(3.8)  # when the loan was offered
    by_text = {d.text: d for d in r.doors}
    loan = by_text["Apply for the loan"]
    assert (loan.was, loan.now, loan.taken) == ("open", "locked", True)
    assert loan.reason == "needs 3.850, you have 3.800"
    assert r.blocked_at == 2
    review = by_text["Ask for a review"]  # category(conduct) is now -0.2
    assert (review.was, review.now, review.taken) == ("hidden", "open", False)
    assert review.text == "Ask for a review"
    assert "Enter the lounge" not in by_text and "Walk on" not in by_text


def test_the_lock_reason_uses_the_changed_tier(doors):
    r = rescore(doors.pack, doors.state, {"tiers": {"mid": 3.95}})
    assert r.doors == ()  # tier >= 'high' stays locked either way
    opened = rescore(doors.pack, doors.state, {"tiers": {"high": 3.9}})
    lounge, = opened.doors
    assert (lounge.text, lounge.was, lounge.now) == ("Enter the lounge", "locked", "open")
    closed = rescore(doors.pack, doors.state, {"categories": {"conduct": 1.6}})
    loan, = [d for d in closed.doors if d.text == "Apply for the loan"]
    assert loan.reason == "needs 3.850, you have 3.840"


def test_bad_overrides_are_refused(tutorial):
    rt = Runtime.start(tutorial, seed=1)
    with pytest.raises(LabError, match="no category `credit`"):
        rescore(tutorial, rt.state, {"categories": {"credit": 1}})
    with pytest.raises(LabError, match="no tier `vip`"):
        rescore(tutorial, rt.state, {"tiers": {"vip": 4.9}})
    with pytest.raises(LabError, match="association"):
        rescore(tutorial, rt.state, {"association": 1.5})
    with pytest.raises(LabError, match="half_life"):
        rescore(tutorial, rt.state, Overrides(half_life=-1))
    with pytest.raises(LabError, match="unknown override `scale`"):
        rescore(tutorial, rt.state, {"scale": 3})


def test_the_lab_is_cached_per_run(tutorial):
    rt = play_path(Runtime.start(tutorial, seed=3), [0, 1])
    lab = lab_for(tutorial, rt.state)
    assert lab_for(tutorial, rt.state) is lab
    play_path(rt, [0])
    assert lab_for(tutorial, rt.state) is not lab
    assert len(rescore(tutorial, rt.state).scores) == 4


def _walk(pack, picks):
    rt = Runtime.start(pack, seed=picks[0] if picks else 0)
    for p in picks:
        if rt.ending is not None:
            if rt.next_episode is None:
                break
            rt.begin_next_episode()
        open_ = [c.index for c in rt.choices if c.available]
        rt.choose(open_[p % len(open_)])
    return rt


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(picks=st.lists(st.integers(0, 5), max_size=9),
       weight=st.floats(0, 3), influence=st.floats(0, 4), threshold=st.floats(3.5, 4.5))
def test_rescoring_matches_the_engine_for_any_run(tutorial, picks, weight, influence,
                                                  threshold):
    rt = _walk(tutorial, picks)
    assert rescore(tutorial, rt.state).scores == pytest.approx(
        build_debrief(tutorial, rt.state).series.scores, abs=1e-12)
    # Replaying the same choices in a pack whose regime really has these weights gives the
    # same numbers, whenever the changed regime leaves every taken choice open.
    o = Overrides(categories={"conduct": weight}, rater_influence=influence,
                  tiers={"trusted": threshold})
    changed = replace(tutorial, regime=apply_overrides(tutorial.regime, o))
    r = rescore(tutorial, rt.state, o)
    if r.blocked_at is None:
        again = replay(changed, rt.state, len(rt.state.history))
        assert r.scores == pytest.approx(
            build_debrief(changed, again.state).series.scores, abs=1e-12)
        assert r.final.score == pytest.approx(again.score, abs=1e-12)
    else:
        with pytest.raises((StateError, RuntimeUsageError)):
            replay(changed, rt.state, len(rt.state.history))
    assert r.tier.id == changed.regime.tier_for(r.final.score).id


def long_pack(steps: int) -> dict:
    scenes = []
    for i in range(steps):
        nxt = f"s{i + 1}" if i + 1 < steps else "end"
        scenes.append(f"""\
  s{i}:
    text: Step {i}.
    choices:
      - text: Please Maya
        effects:
          - rate: {{by: maya, stars: 5}}
          - record: {{category: conduct, impact: -0.02, saw: Seen {i}, truth: True {i}}}
          - {"befriend" if i % 2 else "unfriend"}: jun
        goto: {nxt}
      - text: VIP door
        if: tier >= 'high' or score >= 3.0
        effects:
          - rate: {{stars: 2, rater: 2.5, count: 3, label: the crowd}}
        goto: {nxt}
      - text: Sulk
        show_if: category(conduct) < -0.1
        goto: {nxt}
""")
    body = "episode: e\ntitle: E\nscenes:\n" + "".join(scenes) + """\
  end:
    text: End.
    ending: {title: End, debrief: D, prompts: [P]}
"""
    return {"e.yaml": body}


def test_rescoring_a_hundred_step_run_for_a_slider(tmp_path):
    """Each slider move rescores the whole run; its speed is measured in bench/lab.py."""
    from packutil import PACK_YAML
    rt = start(write_pack(tmp_path / "long", pack=PACK_YAML, episodes=long_pack(100)))
    play_path(rt, [i % 2 if i % 3 else 0 for i in range(100)])
    assert len(rt.state.history) == 100
    lab = Lab(rt.pack, rt.state)
    for w in (0.1, 0.5, 1.0, 2.0, 3.0):
        r = lab.rescore({"categories": {"conduct": w}, "tiers": {"high": 4.0 + w / 10}})
        assert len(r.scores) == 101
