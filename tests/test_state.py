"""The run state saves and loads exactly, seed included; damaged saves are refused clearly."""
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine import GameState, StateError
from game.engine.runtime import Runtime
from packutil import start, write_pack

scalars = st.one_of(st.booleans(), st.integers(-10 ** 6, 10 ** 6),
                    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=20))
ids = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)
ratings = st.builds(lambda s, r, c, step, by: {"stars": s, "rater": r, "count": c,
                                                "step": step, "by": by, "label": ""},
                    st.floats(1, 5), st.floats(0, 1000), st.integers(1, 50),
                    st.integers(0, 99), ids)
records = st.builds(lambda cat, imp, perm, step, saw, truth: {
    "category": cat, "impact": imp, "permanent": perm, "step": step, "saw": saw,
    "truth": truth, "scene": "s"}, ids, st.floats(-10, 10), st.booleans(),
    st.integers(0, 99), st.text(max_size=30), st.text(max_size=30))
states = st.fixed_dictionaries({
    "format": st.just(1), "pack_id": ids, "pack_version": st.just("1.0.0"),
    "seed": st.integers(0, 2 ** 31), "start_episode": ids, "episode": ids, "scene": ids,
    "vars": st.dictionaries(ids, scalars, max_size=5),
    "friends": st.lists(ids, max_size=4, unique=True),
    "char_scores": st.dictionaries(ids, st.floats(1, 5), max_size=3),
    "ratings": st.lists(ratings, max_size=4), "records": st.lists(records, max_size=4),
    "visits": st.dictionaries(ids, st.integers(1, 9), max_size=4), "history": st.just([]),
    "episode_scores": st.dictionaries(ids, st.floats(1, 5), max_size=2),
    "draws": st.integers(0, 100), "step": st.integers(0, 100), "ended": st.booleans(),
    "extra": st.dictionaries(ids, scalars, max_size=2),
})


@settings(max_examples=200, deadline=None)
@given(states)
def test_state_round_trips_exactly_through_json(data):
    text = json.dumps(GameState.from_dict(data).to_dict())
    assert GameState.from_dict(json.loads(text)).to_dict() == data


def test_a_played_state_round_trips_and_plays_on_identically(tmp_path):
    folder = write_pack(tmp_path / "p")
    rt = start(folder, seed=9)
    rt.choose(0)
    saved = json.loads(json.dumps(rt.state.to_dict()))
    back = Runtime.restore(rt.pack, saved)
    assert back.state.to_dict() == rt.state.to_dict()
    assert back.score == rt.score and back.passage == rt.passage
    assert back.state.seed == 9


@pytest.mark.parametrize("damage, message", [
    (lambda d: d.pop("scene"), "incomplete: it has no `scene`"),
    (lambda d: d.update(format=99), "state format 99"),
    (lambda d: d.update(vars=[1, 2]), "`vars` is not a dict"),
    (lambda d: d["ratings"].append({"stars": 5}), "incomplete or damaged"),
])
def test_damaged_states_are_refused_with_a_reason(tmp_path, damage, message):
    rt = start(write_pack(tmp_path / "p"))
    data = rt.state.to_dict()
    damage(data)
    with pytest.raises(StateError, match=message):
        GameState.from_dict(data)


def test_not_an_object():
    with pytest.raises(StateError, match="not a JSON object"):
        GameState.from_dict([1, 2])
