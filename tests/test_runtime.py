"""The runtime API, as every client drives it: passage, choices, choose, events, undo."""
import pytest

from game.engine import RuntimeUsageError, StateError, replay
from game.engine import events as ev
from game.engine.runtime import Runtime
from packutil import EPISODE, PACK_YAML, start, write_pack

TWO = """\
episode: two
title: Two
scenes:
  gate:
    text: "{if friend(jun)}Jun waves.{else}Nobody waves.{end} Score {score}, {tier}."
    effects:
      - roll: {var: dice, min: 1, max: 6}
    choices:
      - text: Roll {dice}
        goto: fin
      - text: Unfriend Jun
        show_if: friend(jun)
        effects:
          - unfriend: jun
          - shift: {jun: -0.5}
        goto: fin
  fin:
    text: Jun is at {jun.score}.
    ending:
      title: Fin
      debrief: x
      prompts: [y]
"""


@pytest.fixture
def pack_dir(tmp_path):
    return write_pack(tmp_path / "p", pack=PACK_YAML + "episodes: [one, two]\n",
                      episodes={"one.yaml": EPISODE, "two.yaml": TWO})


def test_passage_interpolates_variables_and_characters(pack_dir):
    rt = start(pack_dir)
    assert rt.passage.text == "Hello Maya Okafor. You have 10 coins."
    assert rt.state.scene == "start" and rt.state.visits == {"start": 1}


def test_locked_choice_has_a_human_reason(pack_dir):
    rt = start(pack_dir)
    views = rt.choices
    assert [(c.text, c.available) for c in views] == [
        ("Pay", True), ("Fast lane", False), ("Walk away", True)]
    assert views[1].reason == f"needs 4.500, you have {rt.score_text}"
    with pytest.raises(RuntimeUsageError, match="locked"):
        rt.choose(1)
    with pytest.raises(RuntimeUsageError, match="no choice 7"):
        rt.choose(7)


def test_choose_returns_events_and_reaches_the_ending(pack_dir):
    rt = start(pack_dir)
    events = rt.choose(0)
    assert rt.state.vars["cash"] == 5
    kinds = [type(e).__name__ for e in events]
    assert kinds[:3] == ["VariableSet", "SceneEntered", "EndingReached"]
    end = [e for e in events if isinstance(e, ev.EndingReached)][0]
    assert end.ending.title == "The End" and end.next_episode == "two"
    assert rt.choices == [] and rt.ending.title == "The End"
    assert rt.state.history[0].text == "Pay"


def test_next_episode_carries_state_and_friends_matter(pack_dir):
    rt = start(pack_dir, seed=11)
    rt.choose(0)
    events = rt.begin_next_episode()
    assert isinstance(events[0], ev.EpisodeStarted) and events[0].title == "Two"
    assert rt.passage.text.startswith("Jun waves. Score ")
    assert rt.state.vars["cash"] == 5
    before = rt.score
    events = rt.choose(1)
    assert any(isinstance(e, ev.FriendRemoved) and e.name == "Jun Park" for e in events)
    assert any(isinstance(e, ev.CharacterScoreChanged) and e.new == pytest.approx(2.6)
               for e in events)
    assert rt.score > before  # Jun's 3.1 no longer drags the score down
    assert rt.passage.text == "Jun is at 2.600."
    assert rt.next_episode is None


def test_show_if_hides_a_choice(pack_dir):
    rt = start(pack_dir, episode="two")
    assert len(rt.choices) == 2
    rt.state.friends.remove("jun")
    rt._invalidate()
    assert [c.text for c in rt.choices] == [f"Roll {rt.state.vars['dice']}"]


def test_same_seed_same_roll(pack_dir):
    a = start(pack_dir, seed=5, episode="two").state.vars["dice"]
    b = start(pack_dir, seed=5, episode="two").state.vars["dice"]
    rolls = {start(pack_dir, seed=s, episode="two").state.vars["dice"] for s in range(40)}
    assert a == b and rolls == {1, 2, 3, 4, 5, 6}


def test_undo_restores_the_exact_state(pack_dir):
    rt = start(pack_dir)
    before = rt.state.to_dict()
    rt.choose(0)
    rt.undo()
    assert rt.state.to_dict() == before
    with pytest.raises(RuntimeUsageError):
        rt.undo()


def test_rewind_across_an_episode_boundary(pack_dir):
    rt = start(pack_dir, seed=3)
    rt.choose(2)
    rt.begin_next_episode()
    rt.choose(1)
    full = rt.state.to_dict()
    rt.rewind(1)
    assert rt.state.scene == "done" and len(rt.state.history) == 1
    again = replay(rt.pack, Runtime.restore(rt.pack, full).state, 2)
    assert again.state.to_dict() == full


def test_undo_reports_and_guards_an_episode_boundary(pack_dir):
    rt = start(pack_dir, seed=3)
    rt.choose(2)
    rt.begin_next_episode()
    begun = rt.state.to_dict()
    assert rt.undo_crosses_episode
    with pytest.raises(RuntimeUsageError, match="previous episode"):
        rt.undo()  # crossing must be asked for
    assert rt.state.to_dict() == begun
    rt.choose(1)
    assert not rt.undo_crosses_episode
    assert rt.undo() is False
    assert rt.state.to_dict() == begun, "back to this episode's start, not the last ending"
    assert rt.undo(cross_episode=True) is True
    assert rt.state.episode == begun["start_episode"] and not rt.state.history


def test_restore_refuses_another_packs_save(pack_dir, tmp_path):
    rt = start(pack_dir)
    other = write_pack(tmp_path / "q", pack=PACK_YAML.replace("id: mini", "id: other"))
    with pytest.raises(StateError, match="belongs to pack `mini`"):
        Runtime.restore(start(other).pack, rt.state.to_dict())


def test_restore_refuses_a_scene_that_no_longer_exists(pack_dir):
    rt = start(pack_dir)
    data = rt.state.to_dict()
    data["scene"] = "gone"
    with pytest.raises(StateError, match="mentions the scene `gone`, which this version"):
        Runtime.restore(rt.pack, data)


def test_tier_lock_reason(tmp_path):
    body = EPISODE.replace("if: score >= 4.5", "if: tier >= 'high'")
    rt = start(write_pack(tmp_path / "p", episodes={"one.yaml": body}))
    assert rt.choices[1].reason == "needs Trusted standing, you are Middling"


def test_friend_lock_reason(tmp_path):
    body = EPISODE.replace("if: score >= 4.5", "if: friend(maya) and cash > 1")
    rt = start(write_pack(tmp_path / "p", episodes={"one.yaml": body}))
    assert rt.choices[1].reason == "only if you are friends with Maya Okafor"


def test_variable_lock_reason(tmp_path):
    body = EPISODE.replace("if: cash >= 5", "if: cash >= 50")
    rt = start(write_pack(tmp_path / "p", episodes={"one.yaml": body}))
    assert rt.choices[0].reason == "needs 50 cash, you have 10"


def test_ratings_from_characters_are_weighted_by_their_score(tmp_path):
    body = EPISODE.replace("          - add: {cash: -5}",
                           "          - add: {cash: -5}\n"
                           "          - rate: {by: maya, stars: 5}\n"
                           "          - rate: {stars: 5, rater: 1.2, count: 40, label: bots}")
    rt = start(write_pack(tmp_path / "p", episodes={"one.yaml": body}))
    events = rt.choose(0)
    ratings = [e for e in events if isinstance(e, ev.RatingReceived)]
    assert ratings[0].name == "Maya Okafor" and ratings[0].weight == pytest.approx(0.9025)
    assert ratings[1].name == "bots" and ratings[1].weight == pytest.approx(40 * 0.05 ** 2)
    assert any(isinstance(e, ev.ScoreChanged) and e.delta > 0 for e in events)


def test_text_reflows_block_scalars_into_paragraphs(tmp_path):
    body = EPISODE.replace("    text: Hello {maya}. You have {cash} coins.\n",
                           "    text: |\n      One line\n      continues.\n\n      New para.\n")
    rt = start(write_pack(tmp_path / "p", episodes={"one.yaml": body}))
    assert rt.passage.text == "One line continues.\n\nNew para."


def test_emphasis_runs_and_plain_text():
    from game.engine.text import emphasis, plain
    assert emphasis("a **4.213** b *Trusted* c") == [
        ("a ", ""), ("4.213", "bold"), (" b ", ""), ("Trusted", "italic"), (" c", "")]
    assert plain("5 * 3 = *fifteen*, **not** 2*2") == "5 * 3 = fifteen, not 2*2"


def test_restore_refuses_a_save_whose_friend_left_the_pack(pack_dir, tmp_path):
    rt = start(pack_dir)
    other = write_pack(tmp_path / "q", pack=PACK_YAML.replace(
        "  jun: {name: Jun Park, score: 3.1, friend: true}\n", ""),
        episodes={"one.yaml": EPISODE})
    with pytest.raises(StateError, match="the character `jun`"):
        Runtime.restore(start(other).pack, rt.state.to_dict())


def test_literal_braces_in_plain_text_show_once(tmp_path):
    body = EPISODE.replace("Hello {maya}. You have {cash} coins.", "Set {{like this}}.").replace(
        "      - text: Walk away", "      - text: Pick {{A}}")
    rt = start(write_pack(tmp_path / "p", pack=PACK_YAML.replace("  cash: 10\n", "  cash: 10\n"),
                          episodes={"one.yaml": body}))
    assert rt.passage.text == "Set {like this}."
    assert rt.choices[2].text == "Pick {A}"


def test_rewind_drops_class_votes_for_choices_taken_back(pack_dir):
    rt = start(pack_dir)
    rt.state.extra["tallies"] = {"1": {"counts": [9, 1], "chosen": 0}}
    rt.choose(0)
    rt.rewind(0)
    assert rt.state.extra["tallies"] == {}


def test_tiers_follow_the_shown_score():
    from game.engine.model import Regime, Scale, Tier
    reg = Regime("S", Scale(1, 5, 4, 3), True, 10, 2, (), 0, 6,
                 (Tier("low", "Low", 1), Tier("high", "High", 4.2)))
    assert reg.tier_for(4.1996).id == "high" and reg.tier_for(4.1994).id == "low"
