"""Hostile text in every field of a save and of a pack never becomes markup in either report.

The save check (game/savecheck, the saves helper's) refuses many bad saves at load; these tests
hold the report to its own promise for any value that gets past it: every value reaches the page
escaped, whatever its type (a step number edited into a string holding a tag, too).
"""
import ast
import json
import re
from pathlib import Path

import pytest

from conftest import TUTORIAL
from game import saves
from game.cli import main
from game.engine import Runtime, play_path
from game.packs import load_pack
from game.report import render_handout, render_report, render_teacher_record
from game.report.safe import Markup, escape, html, join
from game.report.style import css
from packutil import start, write_pack
from test_report import Page

REPORT = Path(__file__).resolve().parent.parent / "game" / "report"
PAYLOAD = ("</style></title>\"'><script>alert(1)</script><a href=\"javascript:alert(1)\">x</a>"
           "<svg onload=alert(1)><text>&amp;</text>")
ALLOWED = {"html", "head", "meta", "title", "style", "body", "header", "section", "footer",
           "h1", "h2", "h3", "h4", "p", "div", "span", "strong", "em", "code", "ul", "ol", "li",
           "table", "thead", "tbody", "tr", "th", "td", "blockquote", "hr", "svg", "rect",
           "line", "text", "polyline", "circle"}


def assert_inert(page_html: str, form: str) -> Page:
    """Nothing but the report's own tags and attributes; the stylesheet whole and alone."""
    page = Page(page_html)
    for tag, attrs in page.tags:
        assert tag in ALLOWED, tag
        for name in attrs:
            assert not name.startswith("on") and name not in ("href", "src", "style"), (tag, name)
    assert "<script" not in page_html.lower() and "<a " not in page_html
    assert page_html.count("<style>") == 1 and f"<style>{css(form)}</style>" in page_html
    assert page_html.count("</style>") == 1
    return page


# ---- the escaping layer ------------------------------------------------------------------

def test_every_value_is_escaped_unless_it_is_markup():
    assert html('<td class="{}">{}</td>', '"x" onclick=', "<b>") == \
        '<td class="&quot;x&quot; onclick=">&lt;b&gt;</td>'
    assert html("{n}|{f:.2f}|{m}", n="1<2", f=0.5, m=Markup("<i>ok</i>")) == \
        "1&lt;2|0.50|<i>ok</i>"
    assert html("{}", 42) == "42" and escape(["<x>"]) == "[&#x27;&lt;x&gt;&#x27;]"
    assert join(["<a>", Markup("<b></b>")], "<br>") == "&lt;a&gt;&lt;br&gt;<b></b>"
    # a format spec on a string holding a tag still escapes what it formats
    assert html("{:>6}", "<i>") == "   &lt;i&gt;"


def _templates(path: Path):
    """The string constants of a module that look like HTML templates."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            yield node.lineno, "f-string", text
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, "str", node.value


@pytest.mark.parametrize("module", ["chart.py", "handout.py", "html.py", "parts.py",
                                    "reveal.py", "teacher.py"])
def test_templates_quote_attributes_and_never_use_f_strings_for_markup(module):
    """All markup goes through safe.html: an f-string holding a tag would skip the escaping,
    and an unquoted attribute (`class={}`) would let a value add attributes."""
    for line, kind, text in _templates(REPORT / module):
        if kind == "f-string":
            assert not re.search(r"<[a-z/!]", text), f"{module}:{line}: markup in an f-string"
        assert not re.search(r"=\{", text), f"{module}:{line}: an unquoted attribute value"


# ---- hostile packs ---------------------------------------------------------------------------

HOSTILE_PACK = f"""\
format: 1
id: hostile
title: {json.dumps(PAYLOAD)}
version: {json.dumps(PAYLOAD)}
licence: {json.dumps(PAYLOAD)}
language: {json.dumps(PAYLOAD)}
guide: GUIDE.md
regime:
  name: {json.dumps(PAYLOAD)}
  scale: {{min: 1.0, max: 5.0, start: 4.0, decimals: 3}}
  categories:
    conduct: {{label: {json.dumps(PAYLOAD)}, weight: 1.0}}
  tiers:
    low: {{name: {json.dumps(PAYLOAD)}, min: 1.0, penalties: [{json.dumps(PAYLOAD)}]}}
    high: {{name: {json.dumps("T" + PAYLOAD)}, min: 4.05, perks: [{json.dumps(PAYLOAD)}]}}
characters:
  eve: {{name: {json.dumps(PAYLOAD)}, score: 4.5}}
"""
HOSTILE_EPISODE = f"""\
episode: e
title: {json.dumps(PAYLOAD)}
scenes:
  a:
    text: A
    fact: {{kind: fiction, note: {json.dumps(PAYLOAD)}, source: {json.dumps(PAYLOAD)}}}
    pause: {json.dumps(PAYLOAD)}
    choices:
      - text: {json.dumps(PAYLOAD)}
        effects:
          - rate: {{by: eve, stars: 5}}
          - record: {{category: conduct, impact: -0.1, saw: {json.dumps(PAYLOAD)},
                     truth: {json.dumps(PAYLOAD)}, permanent: true}}
        goto: b
      - text: {json.dumps("locked " + PAYLOAD)}
        if: score > 4.9
        locked: {json.dumps(PAYLOAD)}
        goto: b
  b:
    text: B
    ending:
      title: {json.dumps(PAYLOAD)}
      tone: bleak
      debrief: {json.dumps(PAYLOAD)}
      prompts: [{json.dumps(PAYLOAD)}, {json.dumps("2 " + PAYLOAD)}]
      notes: {json.dumps(PAYLOAD)}
"""
HOSTILE_GUIDE = f"""\
# {PAYLOAD}
See [the article](javascript:alert(1)) and <a href="http://evil.example">this</a>.
| {PAYLOAD} | b |
|---|---|
| `</style>` | **{PAYLOAD}** |
"""


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    folder = write_pack(tmp_path_factory.mktemp("packs") / "hostile", pack=HOSTILE_PACK,
                        episodes={"e.yaml": HOSTILE_EPISODE})
    (folder / "GUIDE.md").write_text(HOSTILE_GUIDE, encoding="utf-8")
    return play_path(start(folder), [0])


def test_hostile_pack_text_stays_text_in_the_teachers_record(hostile_run):
    rt = hostile_run
    first = rt.state.clone()
    other = Runtime(rt.pack, rt.state.clone())
    other.rewind(0)
    page = assert_inert(render_teacher_record(rt.pack, [first, other.state]), "teacher")
    assert page.title == f"{PAYLOAD}: teacher's record"
    assert page.find("html")[0]["lang"] == "en"  # the game's words; the pack's tag is not used
    assert page.text.count(" ".join(PAYLOAD.split())) >= 12  # each field, shown as written
    svg_titles = [a for t, a in page.tags if t == "svg"]
    assert all(a["aria-label"].startswith("Score over") for a in svg_titles)


def test_hostile_pack_text_stays_text_in_the_handout(hostile_run):
    page = assert_inert(render_handout(hostile_run.pack, hostile_run.state), "handout")
    assert page.title == f"{PAYLOAD}: class handout"
    assert page.text.count(" ".join(PAYLOAD.split())) >= 6


# ---- hostile saves ---------------------------------------------------------------------------

def _leaves(value, path=()):
    """Every place in a JSON value where text could go: each leaf, and each key of a mapping."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield path + (("key", k),)
            yield from _leaves(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _leaves(v, path + (i,))
    else:
        yield path


def _poisoned(data, path):
    data = json.loads(json.dumps(data))
    *parents, last = path
    node = data
    for p in parents:
        node = node[p]
    if isinstance(last, tuple):  # rename a key
        node[PAYLOAD] = node.pop(last[1])
    else:
        node[last] = PAYLOAD
    return data


@pytest.fixture(scope="module")
def voted_save():
    pack = load_pack(str(TUTORIAL)).pack
    rt = play_path(Runtime.start(pack, seed=3), [0, 1, 0, 0, 1, 0])
    rt.state.extra["tallies"] = {"2": {"counts": [3, 14, 0], "chosen": 1, "tie_break": "coin"}}
    return saves.to_dict(rt, str(TUTORIAL))


def test_every_field_of_an_edited_save_is_refused_or_escaped(tmp_path, voted_save, capsys):
    """Each field (and key) of the save in turn holds the payload: the report either refuses the
    save (exit 2, a sentence) or writes a page where the payload is only text."""
    written = 0
    paths = list(_leaves(voted_save))
    assert len(paths) > 100
    for n, path in enumerate(paths):
        save = tmp_path / f"s{n}.json"
        save.write_text(json.dumps(_poisoned(voted_save, path)), encoding="utf-8")
        for form in ("teacher", "handout"):
            out = tmp_path / f"s{n}-{form}.html"
            code = main(["report", str(save), "--form", form, "-o", str(out)])
            assert code in (0, 2), path
            if code == 0:
                assert_inert(out.read_text(encoding="utf-8"), form)
                written += 1
            else:
                assert capsys.readouterr().err.startswith("standing report: "), path
    assert written > 20  # text fields (choice text, records, tallies...) still make a report


def test_a_step_number_holding_a_tag_is_text(tmp_path, voted_save):
    """Issue 14 §1: the step number of a history entry went into the page unescaped."""
    data = json.loads(json.dumps(voted_save))
    data["state"]["history"][0]["index"] = "<script>alert(1)</script>"
    save = tmp_path / "step.json"
    save.write_text(json.dumps(data), encoding="utf-8")
    for form in ("teacher", "handout"):
        out = tmp_path / f"{form}.html"
        code = main(["report", str(save), "--form", form, "-o", str(out)])
        if code == 0:
            assert_inert(out.read_text(encoding="utf-8"), form)


def test_state_text_reaches_the_page_only_escaped(voted_save):
    """Bypassing every check: a state built in memory with tags in its text fields."""
    pack = load_pack(str(TUTORIAL)).pack
    state = Runtime.restore(pack, voted_save["state"]).state
    for step in state.history:
        step.text = PAYLOAD
    state.history[0].index = PAYLOAD  # a string where a number belongs
    state.extra["tallies"] = {"2": {"counts": [1, 2, 3], "tie_break": PAYLOAD}}
    for render, form in ((render_report, "teacher"), (render_handout, "handout")):
        page = assert_inert(render(pack, state), form)
        assert " ".join(PAYLOAD.split()) in page.text
