"""What if: a run and the branch taken after rewinding it, side by side."""
import pytest

from conftest import TUTORIAL
from game.engine import Runtime, StateError, play_path
from game.engine.compare import compare_runs
from game.packs import load_pack
from packutil import start, write_pack


@pytest.fixture(scope="module")
def tutorial():
    return load_pack(str(TUTORIAL)).pack


@pytest.fixture
def branches(tutorial):
    """Run A drives Bea home; run B rewinds to that choice and unfriends her instead."""
    rt = play_path(Runtime.start(tutorial, seed=3), [0, 0, 0, 0, 1, 0])
    a = rt.state.clone()
    rt.rewind(2)
    play_path(rt, [2, 0, 1, 0])  # unfriend Bea, continue, (part 2) join the queue, continue
    return a, rt.state


def test_the_shared_start_and_the_first_divergence(tutorial, branches):
    c = compare_runs(tutorial, *branches)
    assert c.shared == 2
    assert c.divergence is not None and c.divergence.step == 3
    assert c.divergence.a.text == "Leave the counter and drive her home"
    assert c.divergence.b.text == "Unfriend her before her score drags yours"
    assert c.divergence.a.score_before == c.divergence.b.score_before


def test_differing_choices_side_by_side(tutorial, branches):
    c = compare_runs(tutorial, *branches)
    assert [p.step for p in c.pairs] == [3, 4, 5, 6]
    assert [p.same for p in c.pairs] == [False, False, True, True]  # both join the queue
    assert [p.step for p in c.differing] == [3, 4]
    step4 = c.pairs[1]
    assert (step4.a.scene, step4.b.scene) == ("drive", "alone")  # both "Continue", elsewhere


def test_both_score_lines_and_the_outcomes(tutorial, branches):
    a, b = branches
    c = compare_runs(tutorial, a, b)
    assert c.a.series.scores[1:] == tuple(s.score_after for s in a.history)
    assert c.b.series.scores[1:] == tuple(s.score_after for s in b.history)
    assert c.a.series.scores[:3] == c.b.series.scores[:3]
    # Without Bea's pull and with Greta's two stars never given, B ends higher.
    assert c.delta == pytest.approx(c.b.final_score - c.a.final_score)
    assert c.delta > 0
    assert c.a.final_text == Runtime(tutorial, a).score_text
    assert (c.a.tier.id, c.b.tier.id) == ("ordinary", Runtime(tutorial, b).tier.id)
    assert c.a.ending.title == c.b.ending.title == "The Queue"
    assert [e.title for e in c.b.endings] == ["First Shift", "The Queue"]
    assert (c.a.steps, c.b.steps) == (6, 6)
    assert c.low <= min(c.a.series.scores + c.b.series.scores)
    assert c.high >= max(c.a.series.scores + c.b.series.scores)


def test_a_run_compared_with_itself(tutorial, branches):
    a, _ = branches
    c = compare_runs(tutorial, a, a.clone())
    assert c.shared == 6 and c.divergence is None and c.pairs == () and c.delta == 0


def test_a_run_compared_with_its_own_beginning(tutorial, branches):
    a, _ = branches
    rt = Runtime(tutorial, a.clone())
    rt.rewind(4)
    c = compare_runs(tutorial, a, rt.state)
    assert c.shared == 4 and c.divergence is None
    assert [(p.step, p.a is not None, p.b) for p in c.pairs] == [(5, True, None),
                                                                 (6, True, None)]
    assert c.differing == c.pairs
    assert c.b.ending is not None and c.b.ending.title == "First Shift"


def test_runs_of_another_pack_are_refused(tutorial, branches, tmp_path):
    other = start(write_pack(tmp_path / "mini")).state
    with pytest.raises(StateError):
        compare_runs(tutorial, branches[0], other)
