"""Packs built to break the loader: every one is refused with a positioned diagnostic, and
floods of diagnostics are capped. How fast is measured in bench/hostile_loader.py."""
import subprocess
import sys

import pytest

from conftest import ROOT
from game.packs.diagnostics import MAX_PER_CODE, Diagnostic, excerpt
from hostile_packs import (EPISODE_HEAD, END, _pack, alias_unknown_keys, dangling_gotos,
                           billion_laughs, many_episodes, one_line_megabyte)
from packutil import diags


def codes(folder):
    return [d.code for d in diags(folder)]


def test_a_billion_laughs_is_refused_at_its_largest_anchor(tmp_path):
    (d,) = diags(billion_laughs(tmp_path / "p"))
    assert (d.code, d.file.rsplit("/", 1)[-1], d.line) == ("SP005", "one.yaml", 15)
    assert "490,329,045 values larger" in d.message


def test_unknown_keys_multiplied_by_aliases_count_against_the_budget(tmp_path):
    # 200 unknown keys in 600 aliased scenes: 120,000 unknown keys once expanded
    (d,) = diags(alias_unknown_keys(tmp_path / "p", keys=200, scenes=600))
    assert (d.code, d.line, d.column) == ("SP005", 4, 7)


def test_a_few_aliases_are_fine(tmp_path):
    body = EPISODE_HEAD + ("  start:\n    text: Hi\n    choices:\n"
                           "      - &c {text: Go, goto: end}\n      - *c\n") + END
    assert codes(_pack(tmp_path / "p", body)) == []


def test_an_alias_inside_its_own_anchor_is_refused(tmp_path):
    body = EPISODE_HEAD + "  start:\n    text: Hi\n    goto: end\n    pause: &a [*a]\n" + END
    (d,) = diags(_pack(tmp_path / "p", body))
    assert (d.code, d.line, d.column) == ("SP005", 7, 12)
    assert "contains it" in d.message


def test_nesting_made_deep_by_aliases_is_refused(tmp_path):
    lines = [EPISODE_HEAD.rstrip("\n"), "  start:", "    text: Hi", "    goto: end",
             "    pause: &l0 " + "[" * 50 + "x" + "]" * 50]
    lines += [f"    x{k}: &l{k} " + "[" * 50 + f"*l{k - 1}" + "]" * 50 for k in range(1, 5)]
    (d,) = diags(_pack(tmp_path / "p", "\n".join(lines) + "\n" + END))
    assert d.code == "SP005" and "nest more than 200 levels" in d.message


def test_a_flood_of_one_kind_is_capped_with_a_count_of_the_rest(tmp_path):
    found = diags(dangling_gotos(tmp_path / "p", n=300))
    assert [d.code for d in found] == ["SP011"] * (MAX_PER_CODE + 1)
    assert found[-1].message == f"and {300 - MAX_PER_CODE:,} more like this"
    assert found[-1].file.endswith("one.yaml") and found[0].hint == "did you mean `scene_00000`?"


def test_suggestions_in_a_large_set_of_ids_find_the_near_one(tmp_path):
    found = diags(dangling_gotos(tmp_path / "p", n=3000))
    assert [d.hint for d in found[:3]] == [f"did you mean `scene_0000{i}`?" for i in range(3)]


def test_a_long_episode_list_reports_each_problem_once(tmp_path):
    pack = many_episodes(tmp_path / "p", n=400)
    text = (pack / "pack.yaml").read_text().replace("  - ep3\n", "  - one\n  - one\n")
    (pack / "pack.yaml").write_text(text)
    found = diags(pack)
    dup = [d for d in found if d.code == "SP018"]
    assert len(dup) == 1 and dup[0].message == "`one` is listed twice in `episodes`"
    unknown = [d for d in found if d.code == "SP020"]
    assert unknown[-1].message == f"and {399 - len(unknown) + 1:,} more like this"


def test_a_one_line_file_prints_a_short_excerpt_with_the_caret_in_place(tmp_path):
    folder = one_line_megabyte(tmp_path / "p", size_limit=200_000)
    found = diags(folder)
    assert len(found) < 200
    d = next(d for d in found if d.code == "SP007" and d.column > 1_000)
    text = d.format()
    assert len(text) < 600
    src, caret = text.splitlines()[1:3]
    at = caret.index("^")
    assert src[at:].startswith("colour: red")


def test_excerpt_keeps_short_lines_whole_and_clips_long_ones():
    assert excerpt("goto: cave", 7) == ("goto: cave", 7)
    line = "x" * 5000 + "HERE" + "y" * 5000
    text, caret = excerpt(line, 5001, width=40)
    assert text.startswith("...") and text.endswith("...") and len(text) == 46
    assert text[caret - 1:].startswith("HERE")


def test_long_author_values_in_messages_are_clipped(tmp_path):
    body = EPISODE_HEAD + "  start:\n    text: Hi\n    goto: end\n" + \
        END.replace("prompts: [Why?]", "prompts: [Why?], tone: " + "k" * 100_000)
    (d,) = diags(_pack(tmp_path / "p", body))
    assert d.code == "SP010" and len(d.message) <= 400 and " ... " in d.message


@pytest.mark.parametrize("key, limit", [("text", 20_000), ("continue", 200), ("pause", 5_000)])
def test_every_text_field_has_a_length_limit(tmp_path, key, limit):
    body = EPISODE_HEAD + f"  start:\n    text: Hi\n    goto: end\n    {key}: " + \
        "word " * (limit // 5) + "more\n" + END
    body = body.replace("    text: Hi\n    goto: end\n    text:", "    goto: end\n    text:")
    (d,) = diags(_pack(tmp_path / "p", body))
    assert (d.code, d.line) == ("SP031", 6 if key == "text" else 7)
    assert d.message == f"this text is {limit + 4:,} characters long; the limit here is {limit:,}"


def test_ids_have_a_length_limit(tmp_path):
    body = EPISODE_HEAD + "  start:\n    text: Hi\n    goto: " + "e" * 65 + "\n" + END
    (d,) = diags(_pack(tmp_path / "p", body))
    assert (d.code, d.message) == ("SP031", "this id is 65 characters long; the limit is 64")


def test_the_first_error_survives_a_flood_of_warnings():
    from game.packs.diagnostics import Report
    from game.engine.model import Position
    r = Report()
    for i in range(1000):
        r.add("unused-variable", Position(f"f{i}.yaml", 1, 1), "w")
    r.add("unknown-scene", Position("a.yaml", 2, 3), "e")
    assert [d.code for d in r.errors] == ["SP011"]
    assert isinstance(r.sorted()[-1], Diagnostic)


# ---- work that grows with the pack, not with its square -----------------------------------

def test_a_suggestion_compares_the_word_with_a_bounded_set_of_ids(monkeypatch):
    from game.engine import suggest
    pools = []
    real = suggest.difflib.get_close_matches
    monkeypatch.setattr(suggest.difflib, "get_close_matches",
                        lambda w, pool, **kw: pools.append(len(pool)) or real(w, pool, **kw))
    names = suggest.Suggester(f"scene_{i:05d}" for i in range(20_000))
    assert names.hint("scene_01234x") == "did you mean `scene_01234`?"
    assert names.hint("sceen_01234") == "did you mean `scene_01234`?"
    assert names.hint("q" * 10_000) == ""
    assert max(pools) <= suggest.MAX_CANDIDATES


def test_hints_are_worked_out_only_for_the_diagnostics_that_are_listed(tmp_path, monkeypatch):
    from game.engine import suggest
    asked = []
    real = suggest.Suggester.hint
    monkeypatch.setattr(suggest.Suggester, "hint", lambda s, w: asked.append(w) or real(s, w))
    diags(dangling_gotos(tmp_path / "p", n=2000))
    assert len(asked) == MAX_PER_CODE


def test_the_stuck_choice_proof_gives_up_before_trying_too_many_cases(monkeypatch):
    from game.engine import conditions as cond
    from game.engine.model import Choice
    from game.packs import validate
    tried = []
    monkeypatch.setattr(validate, "_holds", lambda *a: tried.append(1) or False)
    gate = cond.parse(" and ".join(f"v{i} > 0" for i in range(10)))
    choices = [Choice(("c",), "end", gate) for _ in range(60)]
    assert not validate.covers_every_case(choices)
    assert tried == []  # 60 choices x 1,024 combinations is past MAX_CASES


def test_the_error_screen_puts_the_caret_under_the_column_of_a_clipped_line(tmp_path):
    from game.ui.screens.error import source_view
    folder = one_line_megabyte(tmp_path / "p", size_limit=50_000)
    d = next(d for d in diags(folder) if d.code == "SP007" and d.column > 1_000)
    text, caret = source_view(d.source_line, d.caret_column)
    assert len(text) < 120 and text[caret:].startswith("colour: red")


def validate(folder, home):
    """`standing validate FOLDER` in its own process, as an author runs it."""
    return subprocess.run([sys.executable, "-m", "game", "validate", str(folder)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120,
                          env={"STANDING_HOME": str(home), "PATH": "/usr/bin:/bin"})


def test_validate_answers_a_one_line_flood_briefly_with_exit_2(tmp_path):
    folder = one_line_megabyte(tmp_path / "p", size_limit=300_000)
    r = validate(folder, tmp_path)
    assert r.returncode == 2
    assert len(r.stdout) < 30_000  # was the whole 300 KB line for each of 11,000 problems
    assert f"{folder}/one.yaml:1:77: error[SP007]: `colour` is not a key of a scene" in r.stdout
    assert "more like this" in r.stdout


def test_validate_counts_the_problems_it_did_not_list(tmp_path):
    r = validate(dangling_gotos(tmp_path / "p", n=300), tmp_path)
    assert r.stdout.rstrip().endswith("1 pack: 300 errors, 0 warnings")
