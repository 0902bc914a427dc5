"""Fuzzing the condition and template parsers (issue 14 §11): arbitrary text in, only the
project's own error types out, and whatever parses stays within the bounds every reader
relies on. Short by default; STANDING_FUZZ_EXAMPLES=20000 runs them long."""
import json

from hypothesis import given
from hypothesis import strategies as st

from fuzzutil import fuzz
from game.engine import conditions as c
from game.engine import text
from game.engine.conditions import ConditionError
from game.engine.text import TemplateError, parse_template, render
from test_conditions import Env


# Pieces of the language, so the fuzzer reaches deep nesting and long chains often.
WORDS = ["cash", "owes", "score", "tier", "friends", "'mid'", "1", "2.5", "0", "true", "false",
         "friend(maya)", "visits(cafe)", "and", "or", "not", "(", ")", "+", "-", "*", "/",
         "==", "!=", "<", "<=", ">", ">=", " ", "'", "=", "&", "9" * 40]
pieces = st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join)
condition_text = st.text(max_size=200) | pieces | st.builds(
    lambda n, core: "(" * n + core + ")" * n, st.integers(0, 40), pieces) | st.builds(
    lambda n, op, atom: f" {op} ".join([atom] * n), st.integers(1, 2000),
    st.sampled_from(["and", "or", "+", "-", "*", "/"]), st.sampled_from(["cash", "1", "not owes"]))


def _env() -> Env:
    return Env(cash=3, owes=True, name="x")


def _check_tree(e) -> None:
    assert c.depth(e) <= c.MAX_TREE_DEPTH
    e.eval(_env())
    assert c.from_data(json.loads(json.dumps(c.to_data(e)))) == e
    again = c.parse(c.unparse(e))  # the same tree, bar columns
    assert c.unparse(again) == c.unparse(e) and c.truthy(again.eval(_env())) == c.truthy(e.eval(_env()))


@fuzz(200)
@given(condition_text)
def test_conditions_parse_or_fail_with_a_column_and_stay_bounded(src):
    try:
        e = c.parse(src)
    except ConditionError as err:
        assert 1 <= err.column <= len(src) + 1 and err.message
        return
    _check_tree(e)


TEMPLATE_WORDS = ["{if cash}", "{if not owes and cash > 1}", "{else}", "{end}", "{cash}",
                  "{maya.score}", "{{", "}}", "{", "}", "text ", "**bold** ", "{if (((}",
                  "{ if cash }", "{if}", "{bad name}"]
template_text = st.text(max_size=200) | st.lists(
    st.sampled_from(TEMPLATE_WORDS), max_size=120).map("".join) | st.builds(
    lambda n: "{if cash}" * n + "x" + "{end}" * n, st.integers(0, 30))


@fuzz(200)
@given(template_text)
def test_templates_parse_or_fail_with_an_offset_and_render(src):
    try:
        t = parse_template(src)
    except TemplateError as err:
        assert 0 <= err.offset <= len(src) and err.message
        return
    render(t, _env(), lambda name, attr: name)
    for part in text.walk_parts(t):
        if hasattr(part, "cond"):
            assert c.depth(part.cond) <= c.MAX_TREE_DEPTH
