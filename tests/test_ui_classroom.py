"""The classroom screens through the window: the debrief (records beside the truth, the chart, the
algorithm, the prompts one at a time, the report export), what if (rewind, branch, compare), the
algorithm lab and the facilitator guide. Real key and mouse events on the dummy video driver."""
from html.parser import HTMLParser

import pygame
import pytest

from ui_helpers import (TUTORIAL, app, button_centre, click, continue_to_next_episode,  # noqa: F401
                        home, key, pump)

TUTORIAL_END = ("1", "2", "1", "1")  # get up, the new bean, drive Bea, continue: First Shift


def text_of(block) -> str:
    return " ".join(run.text for line in block.lines for run in line.runs)


def to_ending(app):
    assert app.start_game(str(TUTORIAL), seed=1)
    for k in TUTORIAL_END:
        key(app, k)
    assert app.session.rt.ending is not None
    key(app, "return")  # See the debrief
    assert app.top.name == "ending"


def press(app, label: str) -> None:
    """Focus the button with `label` by Tab and activate it with Enter."""
    screen = app.top
    labels = [b.label for b in screen.buttons]
    assert label in labels, labels
    for _ in range(len(labels) + 1):
        if screen.buttons[screen.focus].label == label:
            break
        key(app, "tab")
    key(app, "return")


def open_debrief(app):
    to_ending(app)
    press(app, "Debrief")
    assert app.top.name == "debrief"
    return app.top


# ---- the debrief ---------------------------------------------------------------------------

def test_the_debrief_opens_at_an_ending_with_records_beside_the_truth(app):
    d = open_debrief(app)
    assert d.d is not None and d.d.ending.title == "First Shift"
    records = [p for kind, p, _ in d.items if kind == "record"]
    assert len(records) == 2
    saw = [text_of(p[1]) for p in records]
    truth = [text_of(p[2]) for p in records]
    assert saw == ["A drink rung up at zero", "Left the workplace during a shift"]
    assert truth == ["A free taster to win a regular over",
                     "Collected a friend the taxi apps refused"]
    chosen = [text_of(p[0]) for kind, p, _ in d.items if kind == "text"]
    assert "Try the new bean on him, free" in chosen
    app.draw()
    # The two boxes of the first record are drawn side by side, inside the view.
    _, payload, y = next(i for i in d.items if i[0] == "record")
    half = payload[4]
    top = d.scroll.view.y + y - d.scroll.offset
    left_x = d.scroll.view.x + app.theme.px(6) + payload[6]
    assert app.surface.get_at((left_x + 4, top + 4)) != app.surface.get_at(
        (left_x + half + app.theme.px(8), top + 4)), "a gap separates the two boxes"


def test_debrief_tabs_show_the_chart_the_algorithm_and_the_facts(app):
    d = open_debrief(app)
    key(app, "right")
    assert d.tab == 1 and any(kind == "chart" for kind, _, _ in d.items)
    app.draw()
    assert d.chart.renders == 1
    app.draw()
    app.draw()
    assert d.chart.renders == 1, "the chart surface is drawn once, then only blitted"
    key(app, "3")
    texts = " ".join(text_of(p[0]) for kind, p, _ in d.items if kind in ("pair", "text"))
    for word in ("Rater influence", "Payments", "Behaviour and preferences", "Friends' pull",
                 "Trusted from 4.250", "Left the workplace during a shift"):
        assert word in texts, word
    key(app, "4")
    badges = [p for kind, p, _ in d.items if kind == "badge"]
    assert badges == ["myth", "fact"]


def test_prompts_advance_one_at_a_time(app):
    open_debrief(app)
    key(app, "p")
    prompts = app.top
    assert prompts.name == "prompts"
    end = app.session.rt.ending
    assert prompts.prompts == end.prompts and prompts.index == 0
    assert text_of(prompts.blocks[0]) == end.prompts[0]
    assert prompts.blocks[0].px >= app.theme.text_px("h1"), "large enough for the back row"
    key(app, "right")
    assert prompts.index == 1
    key(app, "left")
    assert prompts.index == 0
    key(app, "space")
    key(app, "return")
    assert prompts.index == 2
    click(app, prompts.card.center)  # the last one: a click goes back to the debrief
    assert app.top.name == "debrief"


def test_export_report_writes_parseable_html_and_shows_where(app, home):
    d = open_debrief(app)
    press(app, "Export report")
    assert d.exported, "the path is kept for the screen"
    path = d.exported
    assert path.startswith(str(home)) and path.endswith(".html")
    html = open(path, encoding="utf-8").read()
    tags = []

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append(tag)
    P().feed(html)
    assert tags[:1] == ["html"] and "svg" in tags
    assert "A drink rung up at zero" in html and "First Shift" in html
    assert text_of(d.notice).startswith("Report saved:") and path in text_of(d.notice)


def test_the_report_saved_toast_fits_and_covers_no_button(app, home):
    d = open_debrief(app)
    key(app, "e")
    app.draw()
    assert d.exported and app.feed.rects
    toast = app.feed.rects[0]
    for b in d.buttons:
        assert not toast.colliderect(d.to_screen(b.rect)), b.label
    name = d.exported.rsplit("/", 1)[-1]
    said = app.feed.last_text
    assert said.startswith("Report saved: ") and said.endswith(name)  # the file name is whole
    font = app.theme.font("body", "small")
    path_shown = said[len("Report saved: "):]
    assert font.size(path_shown)[0] <= app.feed.inner_width()
    assert "\u2026" in path_shown or path_shown == d.exported


def test_the_debrief_on_demand_from_the_menu(app):
    assert app.start_game(str(TUTORIAL), seed=1)
    key(app, "1")
    key(app, "2")
    key(app, "escape")
    press(app, "Debrief so far")
    d = app.top
    assert d.name == "debrief" and d.d.ending is None
    assert [e.text for e in d.d.timeline] == ["Get up", "Try the new bean on him, free"]
    key(app, "escape")
    assert app.top.name == "play"


# ---- what if ---------------------------------------------------------------------------------

def test_what_if_rewinds_to_a_step_and_compares_the_branch(app):
    to_ending(app)
    first = app.session.rt.state.clone()
    press(app, "What if\u2026")
    w = app.top
    assert w.name == "whatif"
    assert [b.label for b in w.buttons][:4] == ["1.  Get up", "2.  Try the new bean on him, free",
                                                 "3.  Leave the counter and drive her home",
                                                 "4.  Continue"]
    click(app, button_centre(w, 2))  # rewind to just before choice 3
    rt = app.session.rt
    assert app.top.name == "play"
    assert rt.state.scene == "bea_calls" and len(rt.state.history) == 2
    assert rt.state.history[-1].text == "Try the new bean on him, free"
    assert app.session.original.to_dict() == first.to_dict(), "the first run is kept as it was"
    key(app, "3")  # another branch: unfriend Bea
    key(app, "1")  # continue
    assert rt.ending is not None
    key(app, "return")
    press(app, "What if\u2026")
    press(app, "Compare with the first run")
    c = app.top
    assert c.name == "compare" and c.c is not None
    assert c.c.shared == 2 and c.c.divergence.step == 3
    texts = [(p.a.text, p.b.text) for p in c.c.differing]
    assert texts[0] == ("Leave the counter and drive her home",
                        "Unfriend her before her score drags yours")
    shown = [text_of(p[1]) + " | " + text_of(p[2]) for kind, p, _ in c.items if kind == "pair"]
    assert any("Leave the counter and drive her home" in s and "Unfriend her" in s
               for s in shown), "the differing choice is listed side by side"
    app.draw()
    assert c.chart.renders == 1
    from game.engine.compare import compare_runs
    again = compare_runs(app.session.pack, first, rt.state)
    assert c.c.b.final_text == again.b.final_text == rt.score_text
    assert c.c.a.series.scores == again.a.series.scores


def test_what_if_from_the_history_and_votes_after_the_rewind_are_dropped(app):
    assert app.start_game(str(TUTORIAL), seed=1)
    key(app, "1")
    app.session.rt.state.extra["tallies"] = {"2": {"counts": [1, 5, 0], "chosen": 1}}
    key(app, "2")
    key(app, "1")
    key(app, "h")
    key(app, "w")
    assert app.top.name == "whatif"
    press(app, "2.  Try the new bean on him, free")
    st = app.session.rt.state
    assert len(st.history) == 1 and st.extra.get("tallies") == {}
    assert app.session.original.extra["tallies"] == {"2": {"counts": [1, 5, 0], "chosen": 1}}


# ---- the algorithm lab -----------------------------------------------------------------------

def test_lab_keys_change_a_weight_and_the_rescored_score_matches_the_engine(app):
    from game.engine.lab import rescore
    open_debrief(app)
    key(app, "l")
    lab = app.top
    assert lab.name == "lab"
    assert [s.label for s in lab.sliders][:2] == ["Payments", "Behaviour and preferences"]
    before = lab.result.final.score
    assert before == pytest.approx(app.session.rt.score, abs=1e-12)
    key(app, "down")  # Behaviour and preferences (weight 0.5)
    for _ in range(10):
        key(app, "left")  # 0.5 -> 0.0: the category stops counting
    assert lab.sliders[1].value == 0.0
    res = lab.result
    assert res.final.score > before, "the 'left the workplace' record no longer pulls it down"
    want = rescore(app.session.pack, app.session.rt.state, {"categories": {"conduct": 0.0}})
    assert res.final.score == want.final.score and res.scores == want.scores
    app.draw()
    renders = lab.chart.renders
    key(app, "right")
    app.draw()
    assert lab.chart.renders == renders + 1, "one chart render per change"
    key(app, "r")  # reset that one
    assert lab.result.final.score == pytest.approx(before, abs=1e-12)


def test_lab_tier_threshold_opens_a_door_and_the_mouse_drags_a_slider(app):
    from game.engine.lab import rescore
    assert app.start_game(str(TUTORIAL), seed=1)
    for k in ("1", "1", "1", "1"):  # First Shift, at the Ordinary tier
        key(app, k)
    key(app, "return")
    continue_to_next_episode(app)  # on to Part 2: the fast lane needs Trusted
    key(app, "2")  # join the queue
    key(app, "1")
    key(app, "return")
    press(app, "Debrief")
    key(app, "l")
    lab = app.top
    i = [s.key for s in lab.sliders].index("tier:trusted")
    for _ in range(i):
        key(app, "down")
    assert lab.sel == i
    key(app, "left", mod=pygame.KMOD_SHIFT)  # 4.25 -> 4.05
    key(app, "left", mod=pygame.KMOD_SHIFT)  # -> 3.85: below the score at the gates
    res = lab.result
    assert lab.sliders[i].value == pytest.approx(3.85)
    doors = [d for d in res.doors if d.text == "Take the fast lane"]
    assert doors and doors[0].was == "locked" and doors[0].now == "open"
    want = rescore(app.session.pack, app.session.rt.state, {"tiers": {"trusted": 3.85}})
    assert res.doors == want.doors
    # Drag the Payments slider's handle to the far left with the mouse.
    track = lab._track(0)
    start = (track.x + round(track.w * lab.sliders[0].fraction()), track.centery)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=start, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(track.x - 40, track.centery),
                                         rel=(-99, 0), buttons=(1, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(track.x - 40, track.centery),
                                         button=1))
    pump(app)
    assert lab.sliders[0].value == 0.0 and lab.sel == 0
    want = rescore(app.session.pack, app.session.rt.state,
                   {"tiers": {"trusted": 3.85}, "categories": {"payments": 0.0}})
    assert lab.result.final.score == want.final.score


# ---- the facilitator guide -------------------------------------------------------------------

def open_picker(app):
    t = app.top
    labels = [b.label for b in t.buttons]
    for _ in range(labels.index("Packs") - t.focus):
        key(app, "down")
    key(app, "return")
    assert app.top.name == "picker"
    return app.top


def test_the_guide_opens_from_the_picker_and_renders_markdown(app):
    picker = open_picker(app)
    titles = [e.info.title for e in picker.entries]
    i = titles.index("Sesame Month")
    while picker.focus != i:
        key(app, "down")
    key(app, "g")
    g = app.top
    assert g.name == "guide" and g.title == "Sesame Month"
    kinds = {b.kind for b in g.blocks}
    assert {"h", "p", "li", "table"} <= kinds
    tables = [p for kind, p, _ in g.items if kind == "table"]
    laid, widths, gap = tables[0]
    assert text_of(laid[0][0][0]) == "minutes" and laid[0][2], "the header row, in bold"
    assert sum(widths) + gap * (len(widths) - 1) <= g.inner
    assert all(len(cells) == len(widths) for cells, _, _ in laid), "rows aligned in columns"
    key(app, "pagedown")
    assert g.scroll.offset > 0
    key(app, "escape")
    assert app.top.name == "picker"
    click(app, picker.guide_button.rect.center)  # the button opens it too
    assert app.top.name == "guide"


def test_guide_markdown_subset():
    from game.ui.screens.guide import parse
    md = ("# Title\n\nSome **bold** and *soft* text\ncontinued.\n\n- one\n  more\n- two\n\n"
          "1. first\n\n| a | b |\n|---|:--:|\n| 1 | **2** |\n\n> quoted\n\n---\n")
    blocks = parse(md)
    assert [(b.kind, b.text) for b in blocks if b.kind != "table"] == [
        ("h", "Title"), ("p", "Some **bold** and *soft* text continued."), ("li", "one more"),
        ("li", "two"), ("li", "first"), ("quote", "quoted"), ("rule", "")]
    table = next(b for b in blocks if b.kind == "table")
    assert table.rows == [["a", "b"], ["1", "**2**"]]


def test_guide_draws_italics(app):
    from game.ui.screens.guide import inline, parse
    assert inline("an _aside_ and *another*, `code*x*`") == "an *aside* and *another*, code*x*"
    para = parse("Read *this* slowly.")[0]
    block = app.rend.block(para.text, 600)
    roles = {run.text: run.role for line in block.lines for run in line.runs}
    assert roles.get("this") == "italic"
    assert "*" not in " ".join(roles)


def test_picker_details_scroll_and_never_run_under_the_guide_button(app):
    from ui_helpers import key as press_key
    title = app.top
    for _ in range([b.label for b in title.buttons].index("Packs") - title.focus):
        press_key(app, "down")
    press_key(app, "return")
    picker = app.top
    assert picker.name == "picker"
    app.settings.high_contrast = True
    app.settings.text_size = 3
    app.relayout()
    app.draw()
    ds = picker.detail_scroll
    assert ds.view.bottom <= picker.guide_button.rect.top
    if ds.max_offset > 0:
        press_key(app, "pagedown")
        assert ds.offset > 0
        press_key(app, "down")  # another pack: its card from the top
        assert ds.offset == 0
    press_key(app, "g")
    assert app.top.name == "guide"
