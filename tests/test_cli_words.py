"""Issue 13, what testers reading German and Chinese found: every word the command line and
the validator show comes whole from the catalogue (colons, semicolons and quotes included), and
the hints say what authors writing in another script need to hear. The pseudo-language `qps`
accents every letter it looks up."""
from __future__ import annotations

import pytest

from conftest import ROOT
from game import i18n
from game.cli import main
from game.engine.conditions import ConditionError, parse
from game.packs import load_pack
from game.packs.graph import FONTS, build, to_dot
from packutil import EPISODE, write_pack

TUTORIAL = str(ROOT / "story" / "tutorial")
SPOKEN = EPISODE.replace("    text: Hello", "    speaker: maya\n    text: Hello", 1)


@pytest.fixture
def pseudo(monkeypatch):
    """The system's language is the pseudo-language (main() chooses the system's)."""
    monkeypatch.setenv("LANGUAGE", "qps")
    yield
    i18n.set_language("en")


@pytest.fixture
def english(monkeypatch):
    monkeypatch.setenv("LANGUAGE", "en")
    yield
    i18n.set_language("en")


def usage_error(capsys, *argv) -> str:
    with pytest.raises(SystemExit) as done:
        main(list(argv))
    assert done.value.code == 2
    return capsys.readouterr().err.rstrip("\n").rsplit("\n", 1)[-1]


@pytest.mark.parametrize("argv, said", [
    (["playtest", TUTORIAL, "--runs", "abc"],
     "argument --runs: --runs needs a whole number above 0, not 'abc'"),
    (["playtest", TUTORIAL, "--max-states", "0"],
     "argument --max-states: --max-states needs a whole number above 0, not '0'"),
    (["playtest", TUTORIAL, "--seed", "x"], "argument --seed: --seed needs a whole number, not 'x'"),
    (["play", TUTORIAL, "--audience-display", "two"],
     "argument --audience-display: --audience-display needs a whole number, not 'two'"),
    (["screenshot", TUTORIAL, "--text-size", "big"],
     "argument --text-size: --text-size needs a whole number, not 'big'"),
])
def test_a_number_option_says_what_it_needs(english, capsys, argv, said):
    assert usage_error(capsys, *argv) == f"standing {argv[0]}: error: {said}"


def test_a_number_option_says_it_in_the_language(pseudo, capsys):
    said = i18n.pseudo("{option} needs a whole number above 0, not '{value}'").format(
        option="--runs", value="abc")
    assert usage_error(capsys, "playtest", TUTORIAL, "--runs", "abc").endswith(said)


def test_codes_translate_the_severity(pseudo, capsys):
    assert main(["codes", "SP011"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith(i18n.pseudo("{code} {name} (error): {summary}").split("{summary}")[0]
                            .format(code="SP011", name="unknown-scene"))
    assert main(["codes", "SP034"]) == 0
    assert i18n.pseudo("(warning)") in capsys.readouterr().out


def test_codes_in_english_are_unchanged(english, capsys):
    assert main(["codes", "SP011"]) == 0
    assert capsys.readouterr().out.startswith("SP011 unknown-scene (error): A `goto`")


def test_replay_and_proof_lines_carry_their_punctuation_in_the_catalogue(pseudo, tmp_path,
                                                                          capsys):
    pack = str(write_pack(tmp_path / "p", episodes={"one.yaml": SPOKEN}))
    main(["playtest", pack, "--replay", "1:3"])
    out = capsys.readouterr().out
    assert i18n.pseudo("{name}: {text}").format(
        name="Maya Okafor", text="Hello Maya Okafor. You have 10 coins.") in out
    main(["playtest", pack, "--prove"])
    out = capsys.readouterr().out
    assert i18n.pseudo("reachable (proved, replayed): {path}").format(path="--replay 0:1") in out
    assert i18n.pseudo("{clauses}; {clause}").format(
        clauses=i18n.pseudo("{n} proved by replaying the search's path").format(n=1),
        clause=i18n.pseudo("{n} proved impossible by the search").format(n=1)) in out
    main(["playtest", pack, "--runs", "3"])
    assert i18n.pseudo('"{title}"').format(title="The End") in capsys.readouterr().out


def test_replay_and_proof_lines_in_english_are_unchanged(english, tmp_path, capsys):
    pack = str(write_pack(tmp_path / "p", episodes={"one.yaml": SPOKEN}))
    main(["playtest", pack, "--replay", "1:3"])
    assert "(3.820, Middling) Maya Okafor: Hello Maya Okafor." in capsys.readouterr().out
    main(["playtest", pack, "--prove"])
    out = capsys.readouterr().out
    assert "done  reachable (proved, replayed): --replay 0:1" in out
    assert "(1 proved by replaying the search's path; 1 proved impossible by the search)" in out


def test_translate_refuses_the_packs_own_language(english, capsys, tmp_path):
    pack = write_pack(tmp_path / "p")
    assert main(["translate", str(pack), "--lang", "EN"]) == 2
    assert capsys.readouterr().err == (f"{pack}: this pack is written in en; a translation into "
                                       "its own language is not needed\n")
    assert not (pack / "translations").exists()


def test_story_maps_ask_for_a_chinese_font():
    dot = to_dot(build(load_pack(TUTORIAL).pack))
    assert dot.count(f'fontname="{FONTS}"') == 3  # graph, node and edge
    assert "Noto Sans CJK SC" in FONTS and "Helvetica" not in dot.replace(FONTS, "")


def condition_hint(src: str) -> str:
    with pytest.raises(ConditionError) as e:
        parse(src)
    return e.value.hint


@pytest.mark.parametrize("src", ["tips >== 1", "tips <== 1", "tips === 1", "tips !== 1"])
def test_one_equals_sign_too_many_lists_the_comparisons(src):
    assert condition_hint(src) == "compare with one of `==`, `!=`, `<`, `<=`, `>`, `>=`"


def test_the_other_equals_sign_hints_stay():
    assert condition_hint("tips = 1") == "use `==` to compare"
    assert condition_hint("tips => 1") == "write `>=`"
    assert condition_hint("tips =! 1") == "write `!=`"


def test_a_broken_if_is_not_also_a_missing_if(tmp_path):
    body = EPISODE.replace("if: cash >= 5", "if: cash >== 5\n        locked: Too poor")
    codes = [d.code for d in load_pack(str(write_pack(tmp_path / "p",
                                                      episodes={"one.yaml": body}))).diagnostics]
    assert codes == ["SP015"]
    body = EPISODE.replace("if: cash >= 5", "locked: Too poor")
    codes = [d.code for d in load_pack(str(write_pack(tmp_path / "q",
                                                      episodes={"one.yaml": body}))).diagnostics]
    assert codes == ["SP034"]


def test_hints_for_ids_say_ascii_letters(tmp_path):
    pack = write_pack(tmp_path / "p", episodes={"one.yaml": EPISODE.replace("  done:", "  结束:")
                                                .replace("goto: done", "goto: 结束")})
    hints = {d.hint for d in load_pack(str(pack)).diagnostics if d.code == "SP010"}
    assert hints == {"use ASCII letters (a-z, A-Z), digits and `_`, starting with a letter "
                     "(no spaces or `-`)"}


@pytest.mark.parametrize("body", [
    EPISODE.replace("if: cash >= 5", "if: 小费 >= 5"),
    EPISODE.replace("Hello {maya}.", "Hello {名字}."),
])
def test_names_in_another_script_get_the_ascii_hint(tmp_path, body):
    pack = write_pack(tmp_path / "p", episodes={"one.yaml": body})
    [d] = load_pack(str(pack)).diagnostics
    assert d.hint == ("ids and the names in conditions and `{...}` use ASCII letters (a-z, A-Z), "
                      "digits and `_`; the text players see can be in any language")
