"""The classroom's sentences in the game's language (game/classroom): shown translated, kept in
English in the save, and the teacher's notes said again when the language changes."""
from pathlib import Path
from types import SimpleNamespace

import pytest

from game import i18n
from game.classroom import ClassroomSession
from game.classroom.vote import decide, join_letters, store, tie_break_rng

TUTORIAL = Path(__file__).resolve().parent.parent / "story" / "tutorial"


@pytest.fixture
def pseudo():
    i18n.set_language("qps")
    yield
    i18n.set_language("en")


def tie(seed: int = 42, step: int = 5):
    return decide([6, 6, 6], [True, True, True], seed, step)


def test_a_tie_break_is_shown_in_the_language_and_kept_in_english(pseudo):
    result = tie()
    won = "ABC"[tie_break_rng(42, 5).choice((0, 1, 2))]
    english = f"Tie between A, B and C \u2014 broken by a draw from the run's seed: {won}"
    assert result.kept_tie_break == english
    assert result.tie_break == i18n.pseudo(
        "Tie between {letters} \u2014 broken by a draw from the run's seed: {chosen}").format(
        letters="A, B " + i18n.pseudo("and") + " C", chosen=won)
    state = SimpleNamespace(extra={}, history=[])  # all that store() reads
    store(state, result)
    assert state.extra["tallies"]["1"]["tie_break"] == english, "a save holds no translation"


def test_the_vote_sentences_go_through_the_catalogue(pseudo):
    locked = decide([2, 9], [True, False], 1, 1)
    assert locked.locked_note.startswith("B " + i18n.pseudo("had the most hands"))
    assert locked.summary().endswith(i18n.pseudo(": the class chose ") + "A")
    with pytest.raises(ValueError) as e:
        decide([0, 0], [True, True], 1, 1)
    assert str(e.value) == i18n.pseudo("No hands for an open choice yet: type a count for at "
                                       "least one.")


def test_letters_are_listed_the_way_the_language_lists(monkeypatch):
    assert join_letters(["A", "B", "C"]) == "A, B and C"  # English as it always was
    monkeypatch.setattr(i18n, "_current", "de")
    assert join_letters(["A", "B", "C"]) == "A, B und C"
    monkeypatch.setattr(i18n, "_current", "zh-Hans")
    assert join_letters(["A", "B"]) == "A和B"


def test_the_teachers_notes_follow_a_change_of_language():
    from game.engine import Runtime
    from game.packs import load_pack
    rt = Runtime.start(load_pack(str(TUTORIAL)).pack, None, 1)  # its first scene has a myth
    room = ClassroomSession()
    assert room.follow(rt) and room.notes.fact.startswith("Myth: ")
    assert not room.follow(rt)
    i18n.set_language("qps")
    try:
        assert room.follow(rt), "a new language: the notes are made again"
        assert room.notes.fact.startswith(i18n.pseudo("Myth") + ": ")
        assert i18n.pseudo("(source: ") in room.notes.fact
    finally:
        i18n.set_language("en")


def test_a_stored_tie_is_worded_again_in_the_readers_language():
    """The save keeps the tied choices beside its English sentence, so the debrief and the
    report word a tie in the language they are read in; a save from before keeps its English."""
    from game.classroom.vote import shown_tie_break
    from game.engine.debrief import parse_tallies
    result = decide([4, 4, 1], [True, True, True], 42, 5)
    state = SimpleNamespace(extra={}, history=[])
    store(state, result)
    assert state.extra["tallies"]["1"]["tied"] == [0, 1]
    tally = parse_tallies(state.extra["tallies"])[1]
    english = shown_tie_break(tally)
    assert english == state.extra["tallies"]["1"]["tie_break"]
    i18n.set_language("de")
    german = shown_tie_break(tally)
    assert german != english and "A und B" in german
    old = parse_tallies({"1": {"counts": [4, 4], "chosen": 0, "tie_break": english}})[1]
    assert shown_tie_break(old) == english
