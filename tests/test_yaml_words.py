"""YAML syntax errors in plain words an author can act on (and a translator can translate),
whichever of PyYAML's parsers (C or Python) read the file, at the place the mistake began."""
import pytest
import yaml

from game import i18n
from game.packs import yamlsafe
from game.packs.diagnostics import Report


class _PythonLoader(yaml.SafeLoader):
    resolve = yamlsafe._Loader.resolve


@pytest.fixture(params=["C", "Python"])
def parser(request, monkeypatch):
    if request.param == "Python":
        monkeypatch.setattr(yamlsafe, "_Loader", _PythonLoader)
    elif not yamlsafe.HAS_C_LOADER:  # pragma: no cover - depends on how PyYAML was built
        pytest.skip("PyYAML without its C parser")


def syntax(text):
    report = Report()
    assert yamlsafe.compose(text, "f.yaml", report) is None
    [d] = report.items
    assert d.code == "SP001"
    return d.line, d.column, d.message.split(": ", 1)[1], d.hint


@pytest.mark.parametrize("text, where, said", [
    ("a:\n  b: 1\n c: 2\n", (3, 2), "a line here does not fit the indentation of the lines "
                                    "around it"),
    ("title: She said: hi\n", (1, 16), "a `: ` here would start a new key inside a value"),
    ("a:\n\tb: 1\n", (2, 1), "a tab is used for indenting here, and YAML indents with spaces "
                             "only"),
    ("a: *x\n", (1, 4), "this alias (`*name`) names an anchor that is not defined before it"),
    ("a: &x 1\nb: &x 2\n", (2, 4), "this anchor (`&name`) is already used earlier in the file"),
    ("a: 1\nb\nc: 2\n", (2, 1), "this line is neither a `key: value` line nor part of the "
                                "value before it"),
    ("a: [1, 2\nb: 3\n", (1, 4), "this list in brackets (`[ ]`) is never closed"),
    ("a: {x: 1\nb: 3\n", (1, 4), "this mapping in braces (`{ }`) is never closed"),
    ("a: 1\n---\nb: 2\n", (2, 1), "a `---` or `...` line here starts a second document in the "
                                  "file"),
    ("a: @x\n", (1, 4), "a value cannot start with the character @ (YAML keeps it for itself)"),
    ("a: |x\n  b\n", (1, 5), "after `|` or `>` only `-`, `+` or a digit may follow on the same "
                             "line"),
])
def test_common_mistakes_are_said_in_plain_words(parser, text, where, said):
    assert syntax(text)[:3] == (*where, said)


def test_an_unclosed_quote_is_reported_where_it_opens(parser):
    text = 'id: one\ntitle: "Hello\nnext: 2\nmore: 3\n\n'
    line, column, said, hint = syntax(text)
    assert (line, column) == (2, 8)  # the quote, not the end of the file (6:1)
    assert said == "this quoted text is never closed: the file ends before its closing quote"
    assert hint.startswith("close the quote where the text ends")


def test_the_english_hints_still_follow_the_parsers_words(parser):
    assert syntax("a:\n\tb: 1\n")[3] == "indent with spaces, not tabs"
    assert syntax("a: *x\n")[3] == "define the anchor (`&name`) before using the alias (`*name`)"
    assert syntax("a: Mini: more\n")[3].startswith("a `: ` inside text starts a mapping")
    assert syntax('a: "\\q"\n')[3] == "write `\\\\` for a backslash, or put the text in single " \
                                      "quotes"


def test_the_sentences_go_through_the_catalogue(parser):
    i18n.set_language("qps")
    try:
        said = syntax("a:\n  b: 1\n c: 2\n")[2]
    finally:
        i18n.set_language("en")
    assert said == i18n.pseudo("a line here does not fit the indentation of the lines around "
                               "it")


def test_a_problem_not_listed_keeps_the_parsers_words():
    assert yamlsafe._explain("some new problem", "", "x") == "some new problem"
