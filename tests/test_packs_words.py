"""What the loader, the validator and the author tools say goes through the catalogue (issue 13
§3): in the pseudo-language every word of a message is accented, while codes, keys and the
author's own values stay as written; docs/errors.md stays English; the compiled-pack cache keeps
its warnings per language."""
import pytest

from game import i18n
from game.i18n import pseudo
from game.packs import load_pack
from game.packs.cache import load_cached
from game.packs.codes import CODES, markdown
from game.packs.diagnostics import MAX_PER_CODE, Report
from game.packs.images import ImageError, check
from game.engine.model import Position
from packutil import EPISODE, PACK_YAML, png_bytes, write_pack


@pytest.fixture
def pseudo_words():
    i18n.set_language("qps")
    yield
    i18n.set_language("en")


def _one(diags, code):
    (d,) = [d for d in diags if d.code == code]
    return d


def test_an_error_is_said_in_the_current_language_around_the_authors_words(tmp_path,
                                                                            pseudo_words):
    folder = write_pack(tmp_path / "p", episodes={"one.yaml": EPISODE.replace(
        "goto: done\n      - text: Walk", "goto: cove\n      - text: Walk")})
    d = _one(load_pack(str(folder)).diagnostics, "SP011")
    assert d.message == pseudo("{key} names the scene `{scene}`, which does not exist").format(
        key="`goto`", scene="cove")
    assert "`goto`" in d.message and "`cove`" in d.message and "scene" not in d.message
    shown = d.format()
    assert ": error[SP011]: " in shown  # the header editors and CI parse stays as it is
    assert "  " + pseudo("hint: {hint}").format(hint=d.hint) in shown


def test_a_spec_error_names_the_kind_of_value_in_the_current_language(tmp_path, pseudo_words):
    folder = write_pack(tmp_path / "p", episodes={"one.yaml": EPISODE.replace(
        "title: The End", "title: [The, End]")})
    d = _one(load_pack(str(folder)).diagnostics, "SP008")
    assert d.message == pseudo("expected {expected}, found {found}").format(
        expected=pseudo("text"), found=pseudo("a list"))


def test_the_capped_report_line_is_counted_in_the_current_language(pseudo_words):
    report = Report()
    for i in range(MAX_PER_CODE + 3):
        report.add("unknown-key", Position("a.yaml", i + 1, 1), "x")
    last = report.sorted()[-1]
    assert last.count == 3
    assert last.message == pseudo("and {n} more like this").format(n=3)


def test_cached_warnings_follow_the_language(tmp_path):
    folder = write_pack(tmp_path / "p", PACK_YAML.replace("cash: 10", "cash: 10\n  spare: 1"))
    english = "`spare` is declared but never read"
    assert [d.message for d in load_cached(str(folder)).warnings] == [english]
    i18n.set_language("qps")
    try:
        assert [d.message for d in load_cached(str(folder)).warnings] == [
            pseudo("`{name}` is declared but never read").format(name="spare")]
    finally:
        i18n.set_language("en")
    assert [d.message for d in load_cached(str(folder)).warnings] == [english]


def test_the_catalogue_of_codes_is_shown_translated_but_docs_stay_english(pseudo_words):
    c = CODES["SP011"]
    assert i18n._(c.summary) == pseudo(c.summary) != c.summary
    assert "\n" + c.summary + "\n" in markdown()  # docs/errors.md is generated in English


def test_a_refused_picture_is_one_sentence_in_the_current_language(pseudo_words):
    with pytest.raises(ImageError) as e:
        check(png_bytes(0, 5), "a.png")
    assert str(e.value) == "is 0 x 5 pixels: it is empty"  # for logs, whatever the language
    assert e.value.about("p/a.png") == pseudo(
        "the picture `{path}` is {width} x {height} pixels: it is empty").format(
            path="p/a.png", width="0", height="5")
