"""Hostile text from a pack (issue 14 §3, §4, §8): long operator chains, deep nesting, crafted
Markdown and prose, huge answers and control characters. Nothing crashes, nothing hangs, and
what the validator accepts every reader can handle. Times live in bench/hostile_text.py; these
tests bound the work by counting steps instead."""
import io
import json
import sys

import pytest

from game.engine import conditions as c
from game.engine import delimiters, text
from game.engine.conditions import ConditionError
from game.engine.text import TemplateError, emphasis, parse_template, render
from game.markdown import parse as parse_markdown
from game.packs import graph, load_pack
from game.packs.cache import load_cached
from game.packs.playtest import random_playtest
from game.report.markdown import inline, markdown_to_html
from game.text.escape import for_terminal
from game.text.play import MAX_ANSWER, TextPlayer, choice_number
from packutil import EPISODE, start, write_pack
from test_conditions import Env

SIZE = 100_000


def crafted(unit: str, size: int = SIZE) -> str:
    return (unit * (size // len(unit) + 1))[:size]


# ---- §3 conditions: chains are flat, nesting is bounded --------------------------------------

CHAINS = ["1+" * 998 + "1 > 0", " and ".join(["cash"] * 333), " or ".join(["not owes"] * 222),
          "1 - 2 * 3 / 4 + " * 120 + "1 < 100", "-1 * " * 300 + "1 != 0"]


@pytest.mark.parametrize("src", CHAINS, ids=["sum", "and", "or", "mixed", "product"])
def test_long_chains_make_shallow_trees_that_every_walk_handles(src):
    e = c.parse(src)
    assert c.depth(e) <= 4
    assert e.eval(Env(cash=7, owes=False)) is True
    assert c.from_data(json.loads(json.dumps(c.to_data(e)))) == e
    assert c.parse(c.unparse(e)) == e
    assert len(c.walk(e)) > 200


def test_chains_evaluate_left_to_right_like_binary_operators():
    env = Env(cash=10)
    assert c.parse("cash - 2 - 3 == 5").eval(env) is True
    assert c.parse("cash / 2 / 5 == 1").eval(env) is True
    assert c.parse("2 + 3 * 4 - 6 / 3 == 12").eval(env) is True
    assert c.parse("false or false or cash > 3").eval(env) is True


def test_huge_products_become_floats_instead_of_huge_integers():
    e = c.parse("999999999999999999999999999999 * " * 60 + "1 / 7 > 0")
    assert e.eval(Env()) is True  # an integer this large could not even be divided


@pytest.mark.parametrize("src, col", [
    ("(" * 17 + "cash" + ")" * 17, 17),
    ("not " * 17 + "cash", 65),
    ("-" * 17 + "cash > 0", 17),
    ("(not " * 8 + "(cash" + ")" * 9, 41),
])
def test_nesting_beyond_the_limit_is_refused_where_it_starts(src, col):
    with pytest.raises(ConditionError) as e:
        c.parse(src)
    assert (e.value.message, e.value.column) == ("this condition is nested too deeply", col)
    assert "16" in e.value.hint


def test_nesting_at_the_limit_is_accepted_and_stays_within_the_tree_bound():
    deepest = "(" * 8 + "not " * 8 + "cash" + ")" * 8
    e = c.parse(deepest)
    assert c.depth(e) <= c.MAX_TREE_DEPTH
    worst = "(" * 15 + "a or b and c == 1 + 2 * -x" + ")" * 15
    assert c.depth(c.parse(worst)) <= c.MAX_TREE_DEPTH


def test_the_deepest_accepted_tree_survives_a_shallow_stack():
    layer = "(a or b and c == 1 + 2 * -{})"
    src = "x"
    for _ in range(c.MAX_NESTING // 2):
        src = layer.format(src)
    e = c.parse(src)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(c.MAX_TREE_DEPTH * 4 + 100)
    try:
        e.eval(Env())
        c.from_data(json.loads(json.dumps(c.to_data(e))))
        c.unparse(e)
    finally:
        sys.setrecursionlimit(limit)


# ---- §3 templates ----------------------------------------------------------------------------

def test_ifs_nested_beyond_the_limit_are_refused_at_the_first_too_many():
    deep = "{if a}" * (text.MAX_IF_NESTING + 1) + "x" + "{end}" * (text.MAX_IF_NESTING + 1)
    with pytest.raises(TemplateError) as e:
        parse_template(deep)
    assert e.value.message == "this `{if}` is nested too deeply"
    assert e.value.offset == len("{if a}") * text.MAX_IF_NESTING


def test_ifs_at_the_limit_render_and_walk():
    ok = "{if cash}" * text.MAX_IF_NESTING + "x" + "{else}y{end}" * text.MAX_IF_NESTING
    t = parse_template(ok)
    assert render(t, Env(cash=1), lambda n, a: "") == "x"
    assert render(t, Env(cash=0), lambda n, a: "") == "y"
    assert sum(1 for _ in text.walk_parts(t)) == 2 * text.MAX_IF_NESTING + 1


def test_a_ten_thousand_term_condition_inside_text_renders():
    t = parse_template("{if " + " and ".join(["cash"] * 10_000) + "}rich{end}")
    assert render(t, Env(cash=1), lambda n, a: "") == "rich"


# ---- §3 through the whole pack: validate, play, playtest, graph, cache -----------------------

def _episode(cond: str, prose: str = "Hello.") -> str:
    body = EPISODE.replace("if: cash >= 5", f"if: {json.dumps(cond)}")
    return body.replace("text: Hello {maya}. You have {cash} coins.",
                        f"text: {json.dumps(prose)}")


@pytest.mark.parametrize("cond, prose", [
    ("1+" * 997 + "1 > 0", "Hello."),
    ("cash >= 5", "{if " + "1+" * 9_000 + "1 > 0}Rich.{end}"),  # under the 20,000-character cap
    ("cash >= 5", "{if " + " and ".join(["cash"] * 2_000) + "}Rich.{end}"),
], ids=["condition", "sum-in-text", "and-in-text"])
def test_what_validates_plays_playtests_graphs_and_caches(tmp_path, cond, prose):
    folder = write_pack(tmp_path / "p", episodes={"one.yaml": _episode(cond, prose)})
    rt = start(folder)
    assert rt.choices[0].available
    out = io.StringIO()
    TextPlayer(rt, io.StringIO("1\nq\n"), out).run()
    assert "The End" in out.getvalue()
    pack = load_pack(str(folder)).pack
    assert not random_playtest(pack, runs=5).problems
    assert "if " in graph.to_dot(graph.build(pack))
    assert load_cached(str(folder)).ok and load_cached(str(folder)).pack == pack  # warm too


@pytest.mark.parametrize("field, cond, prose, offset", [
    ("if", "(" * 17 + "cash > 1" + ")" * 17, "Hello.", 16),
    ("text", "cash >= 5", "{if cash}" * 9 + "x" + "{end}" * 9, 72),
], ids=["condition", "text"])
def test_too_deep_is_a_positioned_diagnostic(tmp_path, field, cond, prose, offset):
    folder = write_pack(tmp_path / "p", episodes={"one.yaml": _episode(cond, prose)})
    d = load_pack(str(folder)).diagnostics[0]
    assert d.code == ("SP015" if field == "if" else "SP016")
    assert "nested too deeply" in d.message
    line = (folder / "one.yaml").read_text().splitlines()[d.line - 1]
    value_col = line.index(f'{field}: "') + len(field) + 4  # 1-based, after the quote
    assert d.column == value_col + offset


# ---- §4 the Markdown reader and the emphasis scanner -----------------------------------------

def _count_lines(fn, *args):
    """Run fn, counting the Python lines it executes in the game package: a bound on work
    that does not depend on the machine's speed."""
    steps = 0

    def tracer(frame, event, arg):
        nonlocal steps
        if "/game/" not in frame.f_code.co_filename:
            return None
        if event == "line":
            steps += 1
        return tracer
    sys.settrace(tracer)
    try:
        result = fn(*args)
    finally:
        sys.settrace(None)
    return result, steps


@pytest.mark.parametrize("unit", ["**x ", "*x ", "**x *y ", "* ", "** **", "*\n"])
def test_emphasis_on_crafted_prose_takes_linear_steps(unit):
    runs, steps = _count_lines(emphasis, crafted(unit, 20_000))
    assert "".join(t for t, _ in runs).replace("*", "") == crafted(unit, 20_000).replace("*", "")
    assert steps < 40 * 20_000


def test_the_delimiter_scanner_asks_each_rule_a_bounded_number_of_times():
    calls = 0

    def counted(a, b):
        nonlocal calls
        calls += 1
        return not b.isspace() if b else False
    mark = delimiters.Mark("b", "**", counted, counted)
    delimiters.find_spans(crafted("**x ", SIZE), [mark])
    assert calls <= 2 * SIZE // 2


GUIDES = {"bold": "**x ", "underscore": "_x ", "link": "[", "link-open": "[a](",
          "code": "`x ", "heading": "# " + " " * 5000 + "x\n", "table": "| a |\n|" + " " * 5000,
          "rule": "- " * 3000 + "x\n", "list": "1" * 5000 + ". x\n", "quote": "> " * 3000}


@pytest.mark.parametrize("unit", list(GUIDES.values()), ids=list(GUIDES))
def test_crafted_guides_read_in_linear_steps_for_the_report_and_the_window(unit):
    from game.ui.screens.guide import parse as window_parse
    md = crafted(unit, 20_000)
    page, steps = _count_lines(markdown_to_html, md)
    assert steps < 60 * 20_000 and "<script" not in page
    blocks, steps = _count_lines(window_parse, md)
    assert steps < 60 * 20_000 and blocks


def test_a_hundred_kilobyte_crafted_guide_is_read():
    md = "\n".join(crafted(unit, SIZE // len(GUIDES)) for unit in GUIDES.values())
    assert markdown_to_html(md)
    assert parse_markdown(md)


def test_inline_markup_nests_properly_and_escapes():
    assert inline("*a **b** c*") == "<em>a <strong>b</strong> c</em>"
    assert inline("**a *b* c**") == "<strong>a <em>b</em> c</strong>"
    assert inline("*a **b* c**") == "*a <strong>b* c</strong>"  # marks cross, tags never do
    assert inline("[[x](y) <b>") == "[x (y) &lt;b&gt;"


def test_every_regex_in_the_text_readers_is_one_reviewed_as_linear():
    """A new regular expression in these modules must be reviewed for backtracking first."""
    import re
    from game.engine import conditions
    from game import markdown
    from game.report import markdown as report_markdown
    from game.ui.screens import guide
    reviewed = {conditions._TOKEN.pattern, text._TAG.pattern, text._NAME.pattern,
                markdown._STOP.pattern}
    for module in (conditions, text, markdown, report_markdown, guide, delimiters):
        found = {v.pattern for v in vars(module).values() if isinstance(v, re.Pattern)}
        assert found <= reviewed, (module.__name__, found - reviewed)


# ---- §8 the terminal: huge answers and control characters ------------------------------------

def _play(tmp_path, answers: str, episode: str = EPISODE) -> str:
    rt = start(write_pack(tmp_path / "p", episodes={"one.yaml": episode}))
    out = io.StringIO()
    TextPlayer(rt, io.StringIO(answers), out).run()
    return out.getvalue()


@pytest.mark.parametrize("answer", ["9" * 5000, "1" * 5000, " " * 100_000 + "1"])
def test_a_huge_answer_is_ignored_and_asked_again(tmp_path, answer):
    out = _play(tmp_path, answer + "\n3\nq\n")
    assert f"over {MAX_ANSWER} characters; it was ignored" in out
    assert "The End" in out  # the next answer, 3, still chose
    assert answer not in out


def test_choice_numbers_are_read_without_converting_long_digit_strings():
    assert [choice_number(s, 3) for s in ("1", "03", "4", "0", "1" * 5000, "१")] == \
        [1, 3, 0, 0, 0, 0]


def test_control_characters_from_a_pack_never_reach_the_terminal(tmp_path):
    nasty = "Hi\\e[2J\\e]0;pwned\\a\\rX\\x9b31m\\u202eevil"
    episode = EPISODE.replace("text: Hello {maya}. You have {cash} coins.",
                              f'text: "{nasty}"').replace("title: The End", f'title: "{nasty}"')
    out = _play(tmp_path, "3\nq\n", episode)
    assert not any(ch in out for ch in "\x1b\x07\r\x9b\u202e")
    assert "Hi\u241b[2J\u241b]0;pwned\u2407\u240dX<U+009B>31m<U+202E>evil" in out


def test_the_escaper_keeps_text_newlines_and_tabs():
    assert for_terminal("a\tb\nc \u00e9 \u2603") == "a\tb\nc \u00e9 \u2603"
    assert for_terminal("\x00\x1f\x7f\x85") == "\u2400\u241f\u2421<U+0085>"


def test_the_deepest_accepted_text_round_trips_through_the_cache(tmp_path):
    layer = "(cash or cash > 2 and cash == 1 + 2 * -{})"
    cond = "cash"
    for _ in range(c.MAX_NESTING // 2):
        cond = layer.format(cond)
    n = text.MAX_IF_NESTING
    prose = "{if cash}" * (n - 1) + "{if " + cond + "}deep{end}" + "{end}" * (n - 1)
    folder = write_pack(tmp_path / "p", episodes={"one.yaml": _episode("cash >= 5", prose)})
    cold = load_cached(str(folder))
    warm = load_cached(str(folder))
    assert cold.ok and warm.ok and warm.pack.scenes["start"] == cold.pack.scenes["start"]
