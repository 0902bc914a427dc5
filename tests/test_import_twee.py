"""`standing import-twee`: hand-written Twine stories (tests/twine/) import to packs that validate
clean of errors and play, through the real runtime, to the same endings as the source; what
could not be converted is listed with its line and column, and hostile input is refused."""
import json
from pathlib import Path

import pytest

from conftest import ROOT
from game.cli import main
from game.engine import Runtime
from game.packs import load_pack
from game.twine import Converter, TwineError, read_story
from game.twine.markup import MAX_DEPTH

STORIES = ROOT / "tests" / "twine"


def imported(tmp_path, name, capsys):
    out = tmp_path / "pack"
    code = main(["import-twee", str(STORIES / name), "-o", str(out)])
    printed = capsys.readouterr().out
    result = load_pack(str(out))
    assert result.ok, "\n".join(d.format() for d in result.diagnostics)
    return code, printed, result.pack


def not_converted(printed):
    return [line.split(": not converted: ")[0].rsplit("/", 1)[-1] + ": " +
            line.split(": not converted: ")[1]
            for line in printed.splitlines() if ": not converted: " in line]


def reachable_endings(pack, depth=8):
    """Every ending title a sequence of at most `depth` choices reaches (states deduplicated;
    the stories are small, and every ending is within a few choices of the start)."""
    seen, found = set(), set()
    todo = [(Runtime.start(pack, seed=1).state.to_dict(), 0)]
    while todo:
        state, steps = todo.pop(0)
        rt = Runtime.restore(pack, state)
        key = (rt.state.scene, json.dumps(rt.state.vars, sort_keys=True))
        if key in seen:
            continue
        seen.add(key)
        if rt.ending is not None:
            found.add(rt.ending.title)
            continue
        for c in rt.choices if steps < depth else []:
            if c.available:
                nxt = Runtime.restore(pack, state)
                nxt.choose(c.index)
                todo.append((nxt.state.to_dict(), steps + 1))
    return found


def play(pack, *labels):
    """Choose by label; returns the runtime at the end."""
    rt = Runtime.start(pack, seed=1)
    for label in labels:
        shown = [c for c in rt.choices if c.available]
        match = [c for c in shown if c.text == label]
        assert match, f"{label!r} not among {[c.text for c in shown]}"
        rt.choose(match[0].index)
    return rt


def test_harlowe_sets_ifs_prints_and_link_macros(tmp_path, capsys):
    code, printed, pack = imported(tmp_path, "harlowe.twee", capsys)
    assert code == 1
    assert not_converted(printed) == [
        "harlowe.twee:39:29: the styling macro `textcolour` (its text was kept)",
        "harlowe.twee:40:1: the macro `live` and its content were left out: Standing has no "
        "equivalent",
    ]
    assert reachable_endings(pack) == {"Refund", "Fast", "Queue"}
    rt = play(pack, "Five stars")
    assert rt.passage.text == ("The clerk smiles. You now have 4 stars.\n\nYou feel *trusted*.")
    assert [c.text for c in play(pack, "Five stars", "Leave").choices] == ["Take the fast lane"]
    rt = play(pack, "One star")
    assert "dips to two" in rt.passage.text and rt.state.vars["stars"] == 2
    assert play(pack, "One star", "Leave quietly", "Join the queue").ending.title == "Queue"
    rt = play(pack, "Pay for a boost", "Walk out")
    assert [c.text for c in rt.choices] == ["Claim your refund", "Take the fast lane"]
    assert play(pack, "Pay for a boost", "Walk out", "Claim your refund").ending.title == "Refund"
    assert Runtime.start(pack, seed=1).state.vars["visits_var"] == 1  # `it + 1` on entry


def test_sugarcube_init_if_chains_setter_links_and_link_macros(tmp_path, capsys):
    code, printed, pack = imported(tmp_path, "sugarcube.twee", capsys)
    assert code == 1
    assert not_converted(printed) == [
        "sugarcube.twee:12:1: the special passage 'StoryCaption' was left out: Standing has no "
        "sidebar, banner or per-passage code",
        "sugarcube.twee:20:1: the macro `script` and its content were left out: Standing has "
        "no equivalent",
        "sugarcube.twee:32:1: the HTML element <img> was left out (any text inside it was kept)",
    ]
    assert pack.variables == {"cash": 40, "flagged": False, "name": "Ana"}
    rt = Runtime.start(pack, seed=1)
    assert rt.passage.text == "Ana walks in with 40 marks.\n\nThe clerk shrugs."
    rt = play(pack, "Sell your watch", "Continue")
    assert rt.state.vars["cash"] == 70 and rt.passage.text.endswith("The clerk nods.")
    rt = play(pack, "Ask for a loan")
    assert rt.state.vars == {"cash": 140, "flagged": True, "name": "Ana"}
    assert [c.text for c in rt.choices] == ["Appeal the flag"]  # the flat needs no flag
    rt = play(pack, "Ask for a loan", "Appeal the flag")
    assert rt.state.vars["flagged"] is False
    assert play(pack, "Ask for a loan", "Appeal the flag", "Give up").ending.title == "Street"
    # As in SugarCube, Desk flags you on entry, so the flat is never on offer.
    assert reachable_endings(pack) == {"Street"}


def test_plain_twee_links_of_every_form(tmp_path, capsys):
    code, printed, pack = imported(tmp_path, "plain.twee", capsys)
    assert code == 1
    assert not_converted(printed) == [
        "plain.twee:19:1: the passage 'Style' (a stylesheet (CSS)) was left out"]
    rt = Runtime.start(pack, seed=1)
    assert [c.text for c in rt.choices] == ["red door", "Blue", "the green door"]
    assert rt.passage.text == ("You stand before three doors.\n\n"
                               "Take the red door, or one of these:")
    assert play(pack, "red door", "Try again").scene.id == "start"
    assert reachable_endings(pack) == {"Blue", "Green"}


def test_a_published_twine_2_html_file(tmp_path, capsys):
    code, printed, pack = imported(tmp_path, "published.html", capsys)
    assert code == 1
    assert not_converted(printed) == [
        "published.html:6:1: story stylesheet (CSS): Standing runs no code and has one look",
        "published.html:7:1: story JavaScript (the Story JavaScript): Standing runs no code and "
        "has one look",
    ]
    assert pack.info.title == "The Quiet Feed"
    rt = Runtime.start(pack, seed=1)
    assert rt.passage.text == "Your feed is quiet & calm."
    rt = play(pack, "Post a photo")
    assert rt.passage.text == "You get 10 likes."
    assert play(pack, "Post a photo", "Post again").passage.text == \
        "Everyone **knows** your face now."
    assert reachable_endings(pack) == {"Viral", "Log off"}


def test_a_clean_story_exits_0_and_the_pack_has_no_diagnostics(tmp_path, capsys):
    src = tmp_path / "clean.twee"
    src.write_text(":: Start\n(set: $n to 1)Hello.\n(if: $n is 1)[[[On->End]]]\n[[End]]\n\n"
                   ":: End\nBye, $n.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["import-twee", str(src), "-o", str(out)]) == 0
    assert load_pack(str(out)).diagnostics == []
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "clean.twee", "out", "out/episodes", "out/episodes/01-imported-story.yaml",
        "out/pack.yaml"]  # nothing written outside -o


@pytest.mark.parametrize("text, where", [
    ("Hello\n:: Start\nHi", "1:1"),
    (":: Start [open\nHi", "1:10"),
    (":: A\nx\n:: A\ny", "3:4"),
    (":: Start\n" + "(if: true)[" * (MAX_DEPTH + 5) + "deep", f"2:{11 * MAX_DEPTH + 1}"),
    ("<tw-storydata name='x'><tw-passagedata name='A'>open", "1:1"),
])
def test_unusable_input_exits_2_with_file_line_column(tmp_path, capsys, text, where):
    src = tmp_path / "bad.twee"
    src.write_text(text, encoding="utf-8")
    assert main(["import-twee", str(src), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert f"bad.twee:{where}: error:" in err, err
    assert not (tmp_path / "out").exists()


def test_non_utf8_and_oversized_files_are_refused(tmp_path, monkeypatch):
    bad = tmp_path / "latin.twee"
    bad.write_bytes(b":: Start\ncaf\xe9\n")
    with pytest.raises(TwineError) as e:
        read_story(bad)
    assert (e.value.line, e.value.column) == (2, 4) and "UTF-8" in e.value.message
    import game.twine.story as story
    monkeypatch.setattr(story, "MAX_INPUT_BYTES", 10)
    with pytest.raises(TwineError, match="limit"):
        read_story(bad)


def test_an_existing_folder_is_kept_unless_forced(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    src = STORIES / "plain.twee"
    assert main(["import-twee", str(src), "-o", str(out)]) == 2
    assert "not empty" in capsys.readouterr().err and not (out / "pack.yaml").exists()
    assert main(["import-twee", str(src), "-o", str(out), "--force"]) == 1
    assert (out / "pack.yaml").exists() and (out / "notes.txt").read_text() == "mine"


def test_unclosed_openers_keep_the_rest_as_text_in_one_pass(tmp_path):
    """A passage of 20,000 unclosed macro and link openers converts (as text), listed once."""
    src = tmp_path / "open.twee"
    src.write_text(":: Start\n" + "(if: <<x [img[ " * 20000 + "\n[[Start]]\n", encoding="utf-8")
    conv = Converter(read_story(src)).run()
    assert [w for _, _, w in conv.problems] == [
        "the passage's text was cut to 20000 characters", "the macro `(if:` is never closed"]


def test_ids_are_safe_and_unique_and_names_stay_as_titles(tmp_path, capsys):
    src = tmp_path / "names.twee"
    src.write_text(":: 1st step\n[[Café!]] [[café]] [[score]]\n\n:: Café!\nA.\n\n:: café\nB.\n\n"
                   ":: score\n$score\n", encoding="utf-8")
    conv = Converter(read_story(src)).run()
    assert [s.id for s in conv.scenes] == ["p_1st_step", "caf", "caf_2", "score"]
    assert conv.names.vars["$score"].id == "score_var"
    out = tmp_path / "out"
    main(["import-twee", str(src), "-o", str(out)])
    assert load_pack(str(out)).ok
    assert "title: \"Café!\"" in next((out / "episodes").glob("*.yaml")).read_text()


def test_expressions_that_do_not_map_are_listed(tmp_path):
    src = tmp_path / "expr.twee"
    src.write_text(":: Start\n(set: $bag to (a: 1, 2))(set: $n to $m * 2)"
                   "(if: $bag contains 1)[x](print: $bag's 1st)\n[[Start]]\n", encoding="utf-8")
    problems = [w for _, _, w in Converter(read_story(src)).run().problems]
    assert problems == [
        "an assignment Standing cannot express: `$bag` given the value of an expression "
        "(`( a : 1 , 2 )`); Standing sets plain values and adds numbers",
        "an assignment Standing cannot express: `$n` given the value of an expression "
        "(`$m * 2`); Standing sets plain values and adds numbers",
        "a condition Standing cannot express: `contains`",
        "this `if` and the branches after it were left out",
        "the macro `(print:` is never closed",  # `'s` opens a string that never ends
    ]


def test_what_has_no_equivalent_is_listed_and_a_conditional_goto_hides_the_rest(tmp_path):
    src = tmp_path / "edge.twee"
    src.write_text(":: Start\n(if: $a)[(set: $b to 1)]\n(link: \"Peek\")[A secret.]\n"
                   "(if: $a)[(goto: \"End\")]\n[[Stay->Start]]\n[[End]]\n\n"
                   ":: End\nDone $b.\n", encoding="utf-8")
    conv = Converter(read_story(src)).run()
    assert [(line, col, w[:40]) for line, col, w in conv.problems] == [
        (2, 10, "an assignment inside an `if`: Standing h"),
        (3, 1, "a `link` that shows text instead of goin"),
    ]
    start = conv.scenes[0]
    assert [(c.label, " and ".join(c.conds)) for c in start.choices] == [
        ("Continue", "(a)"), ("Stay", "not ((a))"), ("End", "not ((a))")]
    assert conv.names.vars["$a"].id == "a" and start.text == "Start"


def test_unreachable_passages_are_left_out_and_endless_loops_get_a_way_out(tmp_path, capsys):
    src = tmp_path / "loop.twee"
    src.write_text(":: Start\nRound and round.\n[[Again->Start]]\n[[On->Next]]\n\n"
                   ":: Next\n(goto: \"Start\")\n\n:: Orphan\nNobody comes here.\n",
                   encoding="utf-8")
    out = tmp_path / "out"
    assert main(["import-twee", str(src), "-o", str(out)]) == 1
    assert not_converted(capsys.readouterr().out) == [
        "loop.twee:1:1: no ending can be reached from the passage 'Start' (a loop); a choice "
        "\"End the story here\" was added",
        "loop.twee:9:1: no link reaches the passage 'Orphan' from the start passage; it was "
        "left out",
    ]
    pack = load_pack(str(out)).pack
    assert sorted(pack.scenes) == ["next", "start", "story_end"]
    assert play(pack, "On", "Continue", "End the story here").ending.title == "The End"


TOKENS = ["(if: $a is 1)[", "(else:)[", "(else-if: $b > 2)[", "]", "[[A]]", "[[go->B]]",
          "[[C<-x]]", "[[x|A]]", "(set: $a to 1)", "(set: $b to it + 2)", "(print: $a)", "$a",
          "$b.c", "(link: \"L\")[", "(goto: \"B\")", "(link-goto: \"Q\", \"C\")", "<<if $a eq 1>>",
          "<<elseif $b>>", "<<else>>", "<</if>>", "<<set $a to 2>>", "<<link \"k\" \"A\">>",
          "<</link>>", "<<goto \"C\">>", "{", "}", "''", "//", "\n", " text ", ":", "\"", "'",
          "<b>", "</b>", "<img src=x>", "/*", "*/", "`", "<<script>>", "<</script>>", "|n>[",
          "]<n|", "<<print $a>>", "\\", "#", "* ", "[img[a]]", "<<nobr>>", "<</nobr>>", "é"]


@pytest.mark.parametrize("seed", range(40))
def test_any_mix_of_markup_imports_to_a_pack_that_validates(tmp_path, seed):
    import random
    rnd = random.Random(seed)
    fam = rnd.choice(["Harlowe", "SugarCube", ""])
    parts = [f':: StoryData\n{{"format": "{fam}", "start": "A"}}\n'] if fam else []
    for name in ["A", "B", "C", "StoryInit"]:
        parts.append(f":: {name}\n" + "".join(rnd.choice(TOKENS) for _ in range(25)) + "\n")
    src = tmp_path / "mix.twee"
    src.write_text("\n".join(parts), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["import-twee", str(src), "-o", str(out)]) in (0, 1)
    result = load_pack(str(out))
    assert result.ok, "\n".join(d.format() for d in result.errors)


def test_a_passage_too_long_for_a_scene_is_cut_with_its_ifs_closed(tmp_path):
    src = tmp_path / "long.twee"
    src.write_text(":: Start\n(set: $a to 1)\n" + "(if: $a is 1)[\n" + "Line of prose.\n" * 3000
                   + "]\n[[Start]]\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["import-twee", str(src), "-o", str(out)]) == 1
    result = load_pack(str(out))
    assert result.ok and result.errors == []
    text = Runtime.start(result.pack, seed=1).passage.text
    assert text.startswith("Line of prose.") and len(text) < 20_000
