"""The playtester: random runs, the exhaustive search, replays and the CLI's exit codes."""
import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, TUTORIAL
from packutil import PACK_YAML, write_pack
from game.engine import Runtime
from game.engine import effects as engine_effects
from game.engine.model import AddVars
from game.engine.state import GameState
from game.packs import load_pack
from game.commands.playtest import replay
from game.packs.playtest import (NEXT, Coverage, explore, parse_replay, play_random,
                                 random_playtest, state_key, visit_reads)


def load(folder):
    r = load_pack(str(folder))
    assert r.ok, "\n".join(d.format() for d in r.diagnostics)
    return r.pack


def pack_with(tmp_path, scenes: str, name: str = "p"):
    """A mini pack (see packutil) whose single episode has these scenes."""
    body = "episode: one\ntitle: One\nscenes:\n" + scenes
    return load(write_pack(tmp_path / name, episodes={"one.yaml": body}))


ENDING = """\
    ending:
      title: {title}
      debrief: It ended.
      prompts: [Why?]
"""

# `vault` needs cash >= 100, but cash starts at 10 and only ever falls.
LOCKED_VAULT = """\
  start:
    text: A door.
    choices:
      - text: Open the vault
        if: cash >= 100
        goto: vault
      - text: Pay at the desk
        effects:
          - add: {cash: -5}
        goto: desk
  vault:
    text: Gold.
""" + ENDING.format(title=("Rich")) + """\
  desk:
    text: Paid.
""" + ENDING.format(title=("Paid"))

# The only way on from `gate` needs cash >= 5; paying twice at `shop` leaves 0.
DEAD_END = """\
  shop:
    text: You have {cash}.
    choices:
      - text: Buy
        effects:
          - add: {cash: -5}
        goto: shop2
      - text: Leave
        goto: gate
  shop2:
    text: You have {cash}.
    choices:
      - text: Buy again
        effects:
          - add: {cash: -5}
        goto: gate
      - text: Leave
        goto: gate
  gate:
    text: The gate costs 5.
    choices:
      - text: Pay the gate
        if: cash >= 5
        goto: out
  out:
    text: Out.
""" + ENDING.format(title="Out")


# ---- random mode -----------------------------------------------------------------------------

def test_tutorial_random_runs_cover_the_story_without_problems():
    pack = load(TUTORIAL)
    cov = random_playtest(pack, runs=300, seed=3)
    assert cov.runs == 300 and not cov.problems
    assert cov.unvisited() == [] and cov.unreached() == []
    lo, hi = pack.regime.scale.min, pack.regime.scale.max
    for stat in cov.endings.values():
        assert stat.count == 300  # every run plays both episodes to their endings
        assert lo <= stat.min_score <= stat.max_score <= hi
    final = pack.episodes[-1].start
    assert cov.visits[final] == 300


def test_random_runs_are_reproducible_from_the_seed():
    pack = load(TUTORIAL)
    a = random_playtest(pack, runs=50, seed=11).to_json()
    b = random_playtest(pack, runs=50, seed=11).to_json()
    c = random_playtest(pack, runs=50, seed=12).to_json()
    assert a == b
    assert a["endings"] != c["endings"]  # other seeds, other runs (and shortest-path seeds)


def test_an_ending_behind_an_impossible_condition_is_unreached(tmp_path):
    pack = pack_with(tmp_path, LOCKED_VAULT)
    cov = random_playtest(pack, runs=100)
    assert cov.unreached() == ["vault"]
    assert cov.unvisited() == ["vault"]
    assert cov.never_available() == [("start", 0)]
    assert cov.taken[("start", 1)] == 100 and cov.never_taken() == []
    assert cov.endings["desk"].count == 100


def test_a_dead_end_is_reported_with_a_path_that_reproduces_it(tmp_path):
    pack = pack_with(tmp_path, DEAD_END)
    cov = random_playtest(pack, runs=200, seed=5)
    [problem] = cov.by_kind("dead-end")
    assert problem.scene == "gate" and problem.count > 10
    assert problem.path == (1, 1)  # the shortest way in: buy, buy again
    assert problem.message.startswith('no choice is available: "Pay the gate" locked (')
    steps = list(replay(pack, problem.seed, problem.path))
    assert steps[-1].kind == "stop" and "dead end at `gate`" in steps[-1].text
    assert cov.endings["out"].count + problem.count == 200


def test_a_runtime_error_is_caught_with_where_it_was_raised(tmp_path, monkeypatch):
    pack = pack_with(tmp_path, LOCKED_VAULT)

    def broken_add(rt, effect):
        raise ZeroDivisionError("the till is empty")
    monkeypatch.setitem(engine_effects.APPLY, AddVars, broken_add)
    cov = random_playtest(pack, runs=20, seed=1)
    [problem] = cov.by_kind("error")
    assert problem.message == "ZeroDivisionError: the till is empty"
    assert problem.count == 20 and problem.path == (2,)  # the path ends with the crashing choice
    assert "test_playtest.py" in problem.detail and "broken_add" in problem.detail
    steps = list(replay(pack, problem.seed, problem.path))
    assert steps[-1].kind == "error" and "the till is empty" in steps[-1].text


def test_a_loop_that_never_ends_hits_the_step_limit(tmp_path):
    loop = """\
  hall:
    text: A hall.
    choices:
      - text: Walk around
        goto: hall
      - text: Leave
        if: visits(hall) > 1000000
        goto: out
  out:
    text: Out.
""" + ENDING.format(title="Out")
    pack = pack_with(tmp_path, loop)
    cov = random_playtest(pack, runs=3, seed=0, max_steps=50)
    [problem] = cov.by_kind("step-limit")
    assert problem.count == 3 and len(problem.path) == 50 and problem.scene == "hall"


def test_an_ending_that_leads_on_begins_the_next_episode(tmp_path):
    pack = load(TUTORIAL)
    cov = Coverage(pack, "random")
    play_random(pack, 7, cov)
    first, second = cov.endings.values()
    assert first.count == second.count == 1
    assert NEXT in second.path and second.path[:len(first.path)] == first.path


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2 ** 31 - 1))
def test_every_shortest_path_replays_to_its_ending(seed):
    pack = load(TUTORIAL)
    cov = random_playtest(pack, runs=5, seed=seed)
    for stat in cov.endings.values():
        last = list(replay(pack, stat.seed, stat.path))[-1]
        assert last.kind == "ending" and f"ending `{stat.scene}`" in last.text


# ---- exhaustive mode -------------------------------------------------------------------------

def test_exhaustive_search_proves_reachability(tmp_path):
    cov = explore(pack_with(tmp_path, LOCKED_VAULT))
    assert cov.complete and cov.states == 2  # the start and the desk; never the vault
    assert cov.unreached() == ["vault"] and cov.unvisited() == ["vault"]
    assert cov.endings["desk"].path == (2,)


def test_exhaustive_search_finds_the_shortest_path_to_each_ending(tmp_path):
    scenes = """\
  a:
    text: A.
    choices:
      - text: The long way
        goto: b
      - text: Wait
        goto: a2
      - text: The short way
        if: visited(a2)
        goto: end
  a2:
    text: Waited.
    goto: a
  b:
    text: B.
    goto: c
  c:
    text: C.
    goto: end
  end:
    text: The end.
""" + ENDING.format(title="End")
    pack = pack_with(tmp_path, scenes)
    cov = explore(pack)
    assert cov.complete and not cov.problems
    stat = cov.endings["end"]
    assert stat.path == (1, 1, 1)  # three choices; the short way needs four (2, 1, 3)
    last = list(replay(pack, stat.seed, stat.path))[-1]
    assert last.kind == "ending"


def test_exhaustive_search_reports_a_dead_end_as_proof(tmp_path):
    cov = explore(pack_with(tmp_path, DEAD_END))
    [problem] = cov.by_kind("dead-end")
    assert problem.path == (1, 1) and cov.complete
    assert cov.endings["out"].path == (2, 1)


def test_exhaustive_search_tries_every_roll_outcome(tmp_path):
    scenes = """\
  dice:
    text: Roll.
    effects:
      - roll: {var: d, min: 1, max: 6}
    choices:
      - text: Claim the prize
        if: d == 6
        goto: prize
      - text: Go home
        goto: home
  prize:
    text: Six!
""" + ENDING.format(title="Prize") + """\
  home:
    text: Home.
""" + ENDING.format(title="Home")
    pack = pack_with(tmp_path, scenes)
    cov = explore(pack)
    assert cov.complete and cov.unreached() == []
    assert cov.visits["dice"] == 6  # one state per face
    assert cov.endings["prize"].path == (1,)


def test_a_loop_through_a_hub_converges(tmp_path):
    hub = """\
  hub:
    text: The hub.
    choices:
      - text: Go round
        goto: side
      - text: Leave
        goto: out
  side:
    text: Round.
    goto: hub
  out:
    text: Out.
""" + ENDING.format(title="Out")
    cov = explore(pack_with(tmp_path, hub))
    assert cov.complete and cov.states == 3


# A hub the player may loiter in forever; each visit adds a fading record, so states differ.
LOITER_LOOP = """\
  hub:
    text: The hub.
    choices:
      - text: Loiter
        effects:
          - record: {category: conduct, impact: -0.1, saw: Loitering}
        goto: hub
      - text: Leave
        goto: out
  out:
    text: Out.
""" + ENDING.format(title="Out")


def test_fading_records_in_a_loop_stop_at_max_states(tmp_path):
    loop = LOITER_LOOP
    cov = explore(pack_with(tmp_path, loop), max_states=200)
    assert not cov.complete and cov.states == 200
    assert cov.notes == ["episode `one` was cut off after 200 states (raise --max-states to "
                         "explore further)"]
    assert cov.endings["out"].path == (2,)


# ---- the state key ---------------------------------------------------------------------------

def test_each_episode_gets_a_share_of_the_state_budget(tmp_path):
    loop = LOITER_LOOP
    two = "episode: two\ntitle: Two\nscenes:\n  last:\n    text: Last.\n" + \
        ENDING.format(title="Last")
    folder = write_pack(tmp_path / "p", pack=PACK_YAML + "episodes: [one, two]\n", episodes={
        "one.yaml": "episode: one\ntitle: One\nscenes:\n" + loop, "two.yaml": two})
    cov = explore(load(folder), max_states=100)
    # The first episode never converges; it gets half the budget, the second the rest.
    assert not cov.complete and cov.unreached() == []
    assert cov.endings["last"].path == (2, NEXT)
    assert cov.notes[0].startswith("episode `one` was cut off after 50 states")


def test_the_state_key_ignores_history_but_not_what_matters(tmp_path):
    pack = load(TUTORIAL)
    rt = Runtime.start(pack, seed=1)
    base = state_key(rt.state, {})
    later = GameState.from_dict(rt.state.to_dict())
    later.step, later.seed, later.draws = 9, 77, 3
    later.episode_scores = {"x": 1.0}
    assert state_key(later, {}) == base
    later.vars["tips"] = 1
    assert state_key(later, {}) != base
    visited = GameState.from_dict(rt.state.to_dict())
    visited.visits["alarm"] = 5
    assert state_key(visited, {}) == base
    assert state_key(visited, {"alarm": True}) != state_key(rt.state, {"alarm": True})
    again = GameState.from_dict(visited.to_dict())
    again.visits["alarm"] = 6  # visited() only asks whether: 5 and 6 visits are alike
    assert state_key(again, {"alarm": False}) == state_key(visited, {"alarm": False})


def test_fading_records_make_their_age_part_of_the_key():
    pack = load(TUTORIAL)
    rt = Runtime.start(pack, seed=1)
    rt.choose(0)
    rt.choose(1)  # the free taster: a fading payments record
    assert rt.state.records and not rt.state.records[0].permanent
    older = GameState.from_dict(rt.state.to_dict())
    older.step += 1  # one choice later, the record has faded a little
    assert state_key(older, {}) != state_key(rt.state, {})


def test_visit_reads_are_the_scenes_choice_conditions_count(tmp_path):
    pack = pack_with(tmp_path, """\
  a:
    text: "{if visited(b)}Back.{end}"
    choices:
      - text: On
        show_if: visits(a) < 3
        goto: b
      - text: Stop
        goto: b
  b:
    text: B.
""" + ENDING.format(title="B"))
    assert visit_reads(pack) == {"a": True}  # text conditions cannot change where a run goes


# ---- replay --------------------------------------------------------------------------------

def test_parse_replay():
    assert parse_replay("42:1,2,1") == (42, [1, 2, 1])
    assert parse_replay("7:") == (7, [])
    with pytest.raises(ValueError, match="SEED:N,N"):
        parse_replay("x:1")
    with pytest.raises(ValueError, match="start at 1"):
        parse_replay("1:-1")


def test_replay_tells_what_happens_and_stops_at_a_locked_choice():
    pack = load(TUTORIAL)
    steps = list(replay(pack, 3, [1, 2, 2, 1, 0, 1]))
    kinds = [s.kind for s in steps]
    assert kinds[0] == "passage" and "[alarm]" in steps[0].text
    assert "> 2. Try the new bean on him, free" in [s.text for s in steps]
    assert any(s.kind == "event" and "rated you 3 stars" in s.text for s in steps)
    assert steps[-1].kind == "stop"
    assert "choice 1 at `gates` is locked: needs Trusted standing" in steps[-1].text


# ---- the command ---------------------------------------------------------------------------

def standing(*args, home):
    return subprocess.run([sys.executable, "-m", "game", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, timeout=300,
                          env={"STANDING_HOME": str(home), "PATH": "/usr/bin:/bin"})


def test_cli_summary_and_exit_0_on_a_clean_pack(tmp_path):
    r = standing("playtest", TUTORIAL, "--runs", 100, home=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"{TUTORIAL}: 100 random runs from seed 0" in r.stdout
    assert "  endings   2/2 reached" in r.stdout and "  problems  none" in r.stdout
    assert r.stdout.rstrip().endswith("PASS")


def test_cli_json_and_exit_1_on_a_dead_end(tmp_path):
    folder = write_pack(tmp_path / "p", episodes={
        "one.yaml": "episode: one\ntitle: One\nscenes:\n" + DEAD_END})
    r = standing("playtest", folder, "--runs", 100, "--json", home=tmp_path)
    assert r.returncode == 1
    data = json.loads(r.stdout)
    assert data["ok"] is False and data["failures"] == ["1 dead end"]
    [problem] = data["problems"]
    assert problem["kind"] == "dead-end" and problem["replay"].endswith(":1,1")
    relaxed = standing("playtest", folder, "--runs", 100, "--allow-dead-ends", home=tmp_path)
    assert relaxed.returncode == 0 and "reproduce: standing playtest" in relaxed.stdout


def test_cli_exhaustive_unreached_ending_fails_unless_allowed(tmp_path):
    folder = write_pack(tmp_path / "p", episodes={
        "one.yaml": "episode: one\ntitle: One\nscenes:\n" + LOCKED_VAULT})
    r = standing("playtest", folder, "--exhaustive", home=tmp_path)
    assert r.returncode == 1 and "FAIL: 1 unreached ending" in r.stdout
    assert "exhaustive search, 2 distinct states (complete)" in r.stdout
    assert "unreachable: vault" in r.stdout and "UNREACHABLE (proved)" in r.stdout
    ok = standing("playtest", folder, "--exhaustive", "--allow-unreached", home=tmp_path)
    assert ok.returncode == 0
    strict = standing("playtest", folder, "--exhaustive", "--allow-unreached", "--strict",
                      home=tmp_path)
    assert strict.returncode == 1 and "1 choice never available" in strict.stdout


def test_cli_replay_and_unusable_input(tmp_path):
    r = standing("playtest", TUTORIAL, "--replay", "3:1,1,1,1", home=tmp_path)
    assert r.returncode == 0 and "ending `coffee_end`" in r.stdout
    bad = standing("playtest", TUTORIAL, "--replay", "nonsense", home=tmp_path)
    assert bad.returncode == 2 and "SEED:N,N" in bad.stderr
    broken = write_pack(tmp_path / "broken", pack=PACK_YAML.replace("format: 1", "format: x"))
    r = standing("playtest", broken, home=tmp_path)
    assert r.returncode == 2 and "error[SP008]" in r.stderr
