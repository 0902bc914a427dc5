"""The session report: one self-contained, printable, escaped HTML page, and its command."""
import json
from html.parser import HTMLParser

import pytest

from conftest import TUTORIAL
from game import saves
from game.cli import main
from game.engine import Runtime, play_path
from game.engine.debrief import build_debrief
from game.packs import load_pack
from game.report import render_report
from game.report.markdown import inline, markdown_to_html
from packutil import start, write_pack

PATH = [0, 1, 0, 0, 1, 0]


class Page(HTMLParser):
    """The parts of a page the tests look at."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags = []  # (tag, attrs dict)
        self.text_parts = []
        self.title = ""
        self._in_title = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_title = tag == "title" and not self.title

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        self.text_parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())

    def find(self, tag, css=None):
        return [a for t, a in self.tags if t == tag and (css is None or css in
                                                           a.get("class", "").split())]


def has(page: Page, text: str) -> bool:
    return " ".join(text.split()) in page.text


@pytest.fixture(scope="module")
def tutorial():
    return load_pack(str(TUTORIAL)).pack


@pytest.fixture
def played(tutorial):
    return play_path(Runtime.start(tutorial, seed=3), PATH)


@pytest.fixture
def page(played):
    return Page(render_report(played.pack, played.state))


def test_title_and_summary(page, played):
    assert page.title == "Tutorial: The Morning Feed: teacher's record"
    assert has(page, "Tutorial: The Morning Feed")
    assert has(page, f"Final score {played.score_text} {played.tier.name}")
    assert has(page, "Part 1: Coffee · Part 2: The Station")


def test_every_choice_is_listed(page, played):
    for step in played.state.history:
        assert has(page, step.text), step.text
    assert has(page, "Take the fast lane (locked: needs Trusted standing, you are Shadowed)")
    assert has(page, "Rui Tanaka (4.800) rated 3★, counted ×0.90")


def test_records_beside_the_truth(page, played):
    assert played.state.records
    for rec in played.state.records:
        assert has(page, rec.saw) and has(page, rec.truth)
    assert has(page, "Payments A drink rung up at zero A free taster to win a regular over "
                     "−0.050 −0.025")


def test_the_chart_has_a_point_per_step_and_the_thresholds(page, played):
    svg, = page.find("svg")
    assert svg["viewbox"] == "0 0 720 260" and svg["role"] == "img"
    line, = page.find("polyline", "run")
    points = line["points"].split()
    assert len(points) == len(played.state.history) + 1
    assert all(len(p.split(",")) == 2 for p in points)
    tiers = page.find("line", "tier")
    assert len(tiers) == 2  # Ordinary (3.8) and Trusted (4.25) are in the chart's band
    assert has(page, "Trusted 4.250") and has(page, "Ordinary 3.800")
    assert len(page.find("line", "episode")) == 1


def test_the_regime_is_revealed(page):
    assert has(page, "“Standing” runs from 1.000 to 5.000; before any rating, record or friend, everyone stands at 4.213.")
    assert has(page, "Friends pull the score 10% of the way toward their average.")
    assert has(page, "Behaviour and preferences 0.5 −0.059")
    assert has(page, "Trusted 4.250 Fast lane at the station; Free umbrella at kiosks")
    assert has(page, "Score 3.817")


def test_prompts_notes_facts_and_the_guide(page, played):
    d = build_debrief(played.pack, played.state)
    for ending in d.endings:
        assert has(page, f"Ending: {ending.title}")
        for prompt in ending.prompts:
            assert has(page, prompt), prompt
    assert has(page, "For facilitators: The tutorial's regime is small enough to work out "
                     "on the board.")
    assert has(page, "myth A popular myth says China gives every citizen one national score")
    assert has(page, "Is it fair that a friend's low score can pull yours down?")
    assert has(page, "Facilitator guide")
    assert has(page, "Learning goals")
    assert has(page, "10 minutes of play, 10 minutes of talk.")


def test_the_page_is_self_contained(played):
    html = render_report(played.pack, played.state)
    page = Page(html)
    assert page.find("script") == [] and page.find("link") == [] and page.find("img") == []
    assert page.find("iframe") == [] and page.find("object") == []
    for tag, attrs in page.tags:
        for name in attrs:
            assert name not in ("src", "href", "xlink:href", "srcset", "action"), (tag, name)
            assert not name.startswith("on"), (tag, name)
    assert "url(" not in html and "@import" not in html
    assert len(page.find("style")) == 1
    assert "@media print" in html


def test_class_votes_appear_beside_their_choices(played):
    played.state.extra["tallies"] = {"2": {"counts": [3, 14, 0], "chosen": 1},
                                     "3": {"counts": [9, 9, 4], "chosen": 0,
                                           "tie_break": "the teacher tossed a coin"}}
    page = Page(render_report(played.pack, played.state))
    assert has(page, "Try the new bean on him, free 14 votes")
    assert has(page, "Make it exactly the usual way 3 votes")
    assert has(page, "Tie broken: the teacher tossed a coin")
    override = Page(render_report(played.pack, played.state, tallies={}))
    assert not has(override, "14 votes")


def test_a_report_mid_run(tutorial):
    rt = play_path(Runtime.start(tutorial, seed=3), [0, 1])
    page = Page(render_report(tutorial, rt.state, guide=""))
    assert has(page, "The run has not reached an ending yet.")
    assert has(page, "Ending Not reached yet")
    assert not has(page, "Facilitator guide")
    assert len(page.find("polyline", "run")[0]["points"].split()) == 3


HOSTILE = """\
format: 1
id: hostile
title: "<b>Bold</b> & co"
guide: GUIDE.md
regime:
  name: "<i>The Eye</i>"
  scale: {min: 1.0, max: 5.0, start: 4.0, decimals: 3}
  categories:
    conduct: {label: "<u>Conduct</u>", weight: 1.0}
  tiers:
    low: {name: "<s>Low</s>", min: 1.0, penalties: ["<em>none</em>"]}
"""
HOSTILE_EP = """\
episode: e
title: "<h1>Episode</h1>"
scenes:
  a:
    text: A
    choices:
      - text: "<script>alert(1)</script>"
        effects:
          - record: {category: conduct, impact: -0.1, saw: "<img src=x onerror=alert(1)>",
                     truth: "\\"quoted\\" & <i>it</i>"}
        goto: b
  b:
    text: B
    ending:
      title: "</h3><script>x()</script>"
      debrief: "<style>body{{display:none}}</style>"  # `{{` is a brace: debriefs are templates
      prompts: ["</li><a href='http://evil.example'>click</a>"]
      notes: "<iframe src=http://evil.example></iframe>"
"""
HOSTILE_GUIDE = """\
# Guide <script>alert(1)</script>
See [the article](javascript:alert(1)) and <a href="http://evil.example">this</a>.
- **bold** and `<code>`
"""


def test_all_pack_text_is_escaped(tmp_path):
    folder = write_pack(tmp_path / "hostile", pack=HOSTILE, episodes={"e.yaml": HOSTILE_EP})
    (folder / "GUIDE.md").write_text(HOSTILE_GUIDE, encoding="utf-8")
    rt = play_path(start(folder), [0])
    html = render_report(rt.pack, rt.state)
    page = Page(html)
    for tag in ("script", "img", "a", "iframe", "b", "i", "u", "s"):
        assert page.find(tag) == [], tag
    assert len(page.find("h1")) == 1  # the report's own title
    assert len(page.find("style")) == 1
    for literal in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                    '"quoted" & <i>it</i>', "</h3><script>x()</script>",
                    "<style>body{display:none}</style>",
                    "</li><a href='http://evil.example'>click</a>",
                    "<iframe src=http://evil.example></iframe>", "<b>Bold</b> & co",
                    "<i>The Eye</i>", "<u>Conduct</u>", "<em>none</em>",
                    "Guide <script>alert(1)</script>",
                    "the article (javascript:alert(1))", "<code>"):
        assert has(page, literal), literal
    assert page.title == "<b>Bold</b> & co: teacher's record"


def test_markdown_subset():
    html = markdown_to_html("# Title\n\nSome **bold**, *em*, _em_ and `x < y`.\n"
                            "- one\n- two\n  continued\n\n1. first\n2. second\n\n> quoted\n\n---\n"
                            "snake_case_name stays")
    assert html.splitlines() == [
        "<h3>Title</h3>",
        "<p>Some <strong>bold</strong>, <em>em</em>, <em>em</em> and <code>x &lt; y</code>.</p>",
        "<ul><li>one</li><li>two continued</li></ul>",
        "<ol><li>first</li><li>second</li></ol>",
        "<blockquote><p>quoted</p></blockquote>",
        "<hr>",
        "<p>snake_case_name stays</p>",
    ]
    assert inline("[site](https://example.org/a?b=1&c=2)") == \
        "site (https://example.org/a?b=1&amp;c=2)"
    assert markdown_to_html("## Sub", top_level=2) == "<h3>Sub</h3>"


# ---- the command ---------------------------------------------------------------------------------

def _save(tmp_path, rt, pack_path=str(TUTORIAL), name="run.json"):
    path = tmp_path / name
    path.write_text(json.dumps(saves.to_dict(rt, pack_path)), encoding="utf-8")
    return path


def test_report_command_writes_the_page(tmp_path, played, capsys):
    save = _save(tmp_path, played)
    out = tmp_path / "report.html"
    assert main(["report", str(save), "-o", str(out)]) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    page = Page(out.read_text(encoding="utf-8"))
    assert has(page, "Take the fast lane") and page.find("script") == []


def test_report_command_defaults_and_stdout(tmp_path, played, capsys):
    save = _save(tmp_path, played)
    assert main(["report", str(save)]) == 0
    assert (tmp_path / "run.html").exists()
    capsys.readouterr()
    assert main(["report", str(save), "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")


def test_a_bare_state_and_the_pack_found_by_id(tmp_path, played):
    bare = tmp_path / "state.json"
    bare.write_text(json.dumps(played.state.to_dict()), encoding="utf-8")
    assert main(["report", str(bare), "-o", str(tmp_path / "a.html")]) == 0
    moved = _save(tmp_path, played, pack_path=str(tmp_path / "gone"), name="moved.json")
    assert main(["report", str(moved), "-o", str(tmp_path / "b.html")]) == 0
    assert main(["report", str(moved), "--pack", str(TUTORIAL), "-o",
                 str(tmp_path / "c.html")]) == 0


@pytest.mark.parametrize("content, message", [
    (None, "no such save file"),
    ("{not json", "the file is damaged"),
    ("[1, 2]", "not a save file written by Standing"),
    ('{"save_format": 7, "state": {}}', "format 7"),
    ('{"pack_id": "tutorial", "history": [], "format": 1}', "the saved run is damaged"),
])
def test_bad_saves_exit_2_with_a_message(tmp_path, capsys, content, message):
    path = tmp_path / "bad.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["report", str(path), "-o", str(tmp_path / "x.html")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("standing report: ") and message in err
    assert not (tmp_path / "x.html").exists()


def test_a_save_that_does_not_fit_its_pack_exits_2(tmp_path, played, capsys):
    data = saves.to_dict(played, str(TUTORIAL))
    data["state"]["history"][1]["scene"] = "bea_calls"
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["report", str(path), "-o", str(tmp_path / "x.html")]) == 2
    assert "does not fit the pack 'Tutorial: The Morning Feed'" in capsys.readouterr().err


def test_a_save_of_another_pack_exits_2(tmp_path, capsys):
    mini = start(write_pack(tmp_path / "mini"))
    path = _save(tmp_path, mini, pack_path=str(tmp_path / "mini"))
    assert main(["report", str(path), "--pack", str(TUTORIAL), "-o",
                 str(tmp_path / "x.html")]) == 2
    assert "played in pack `mini`, not `tutorial`" in capsys.readouterr().err
    gone = _save(tmp_path, mini, pack_path=str(tmp_path / "nowhere"), name="gone.json")
    assert main(["report", str(gone), "-o", str(tmp_path / "x.html")]) == 2
    assert "cannot find the pack `mini`" in capsys.readouterr().err


def test_guide_tables_become_html_tables():
    html = markdown_to_html("| Time | What |\n|---|---|\n| 5 min | **Intro** |\n| 10 min | Play |")
    assert html == ("<table><thead><tr><th>Time</th><th>What</th></tr></thead><tbody>"
                    "<tr><td>5 min</td><td><strong>Intro</strong></td></tr>"
                    "<tr><td>10 min</td><td>Play</td></tr></tbody></table>")


# ---- two forms: the student handout and the teacher's record ----------------------------------

def test_the_handout_keeps_to_what_a_class_takes_home(played):
    from game.report import render_handout
    page = Page(render_handout(played.pack, played.state))
    assert page.title == "Tutorial: The Morning Feed: class handout"
    assert has(page, "What we chose") and has(page, "Talk about it")
    for rec in played.state.records:
        assert has(page, rec.saw) and has(page, rec.truth)
    d = build_debrief(played.pack, played.state)
    for prompt in d.endings[-1].prompts:
        assert has(page, prompt)
    assert len(page.find("span", "ruled")) == len(d.endings[-1].prompts)
    assert len(page.find("polyline", "run")) == 1
    for teacher_only in ("For facilitators", "Facilitator guide", "The algorithm, revealed",
                         "Take the fast lane (locked", "rated 3★"):
        assert not has(page, teacher_only), teacher_only


def _what_if(rt, step=2, path=(0, 0, 0, 1, 0)):
    """The run rewound to before choice `step` and played on another way."""
    first = rt.state.clone()
    rt.rewind(step - 1)
    play_path(rt, list(path))
    return first, rt.state


def test_the_teachers_record_holds_every_what_if_run(tutorial):
    from game.report import render_teacher_record
    first, other = _what_if(play_path(Runtime.start(tutorial, seed=3), PATH))
    page = Page(render_teacher_record(tutorial, [first, other]))
    assert has(page, "This record holds the first run, then 1 what-if run rewound from it")
    assert has(page, "Run 1: the first run") and has(page, "Run 2: what if")
    assert has(page, "The runs made the same 1 choice and parted at step 2")
    assert len(page.find("polyline", "other")) == 1  # run 2 beside the first on one chart
    assert has(page, "The choices that differed") and has(page, "Run 2: the choices from step 2")
    assert page.text.count("For facilitators:") >= 2  # the notes of both runs' endings


def test_export_writes_both_forms_side_by_side(tmp_path, tutorial):
    from game.report.files import write_reports
    first, other = _what_if(play_path(Runtime.start(tutorial, seed=3), PATH))
    a = write_reports(tutorial, other, tmp_path, first)
    b = write_reports(tutorial, other, tmp_path, first)  # the same second: a new folder
    assert a.teacher.parent == a.handout.parent != b.teacher.parent
    assert a.teacher.name == "teacher.html" and a.handout.name == "handout.html"
    assert "Run 2: what if" in a.teacher.read_text(encoding="utf-8")
    assert "For facilitators" not in a.handout.read_text(encoding="utf-8")


def test_report_command_forms_and_what_if_runs(tmp_path, tutorial, capsys):
    first, other = _what_if(play_path(Runtime.start(tutorial, seed=3), PATH))
    save = tmp_path / "run.json"
    save.write_text(json.dumps({**saves.to_dict(play_path(Runtime.start(tutorial, seed=3), PATH),
                                                str(TUTORIAL)), "state": first.to_dict()}),
                    encoding="utf-8")
    branch = tmp_path / "branch.json"
    branch.write_text(json.dumps(other.to_dict()), encoding="utf-8")
    assert main(["report", str(save), "--form", "handout"]) == 0
    assert f"wrote {tmp_path / 'run-handout.html'}" in capsys.readouterr().out
    assert "class handout" in (tmp_path / "run-handout.html").read_text(encoding="utf-8")
    assert main(["report", str(save), "--what-if", str(branch)]) == 0
    assert "Run 2: what if" in (tmp_path / "run.html").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["report", str(save), "--form", "handout", "--what-if", str(branch)]) == 2
    assert "--what-if runs go in the teacher's record" in capsys.readouterr().err
