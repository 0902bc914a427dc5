"""Privacy through the window: a class session played to the end (projector mode, a class vote,
the discussion pause, the debrief and its prompts, the report export, what if, the algorithm lab
and the facilitator guide) with every socket call patched to refuse and record. Nothing may even
try to connect."""
import json

import pygame

from privacy_helpers import no_network, run_guarded  # noqa: F401
from ui_helpers import REPO, TUTORIAL, continue_to_next_episode, home, key, make_app  # noqa: F401


def test_a_whole_class_session_in_the_window_touches_no_network(home, no_network):
    from game.ui.settings import Settings
    app = make_app(Settings(projector=True, reduced_motion=True))
    assert no_network.attempts == []
    assert app.start_game(str(TUTORIAL), seed=3)
    rt = app.session.rt
    key(app, "a")  # get up
    key(app, "t")  # the class votes on the counter: 4 hands for A, 9 for B
    for k in ("4", "b", "9"):
        key(app, k)
    key(app, "return")
    key(app, "return")
    assert rt.state.extra["tallies"]["2"]["chosen"] == 1
    key(app, "a")  # drive Bea home: the discussion pause
    assert app.top.room.pause_pending
    key(app, "return")
    assert app.top.name == "pause"
    key(app, "return")
    key(app, "a")
    assert rt.ending is not None
    key(app, "return")  # the ending
    continue_to_next_episode(app)  # on to Part 2
    key(app, "b")  # the queue
    key(app, "a")
    assert rt.ending is not None and rt.next_episode is None
    key(app, "return")
    # The debrief, every tab, the prompts and the report.
    ending = app.top
    i = [b.label for b in ending.buttons].index("Debrief")
    ending.activate(i)
    d = app.top
    assert d.name == "debrief"
    for tab in "12345":
        key(app, tab)
        app.draw()
    key(app, "p")
    for _ in range(4):
        key(app, "right")
    assert app.top.name == "debrief"
    key(app, "e")
    assert d.exported and '<span class="votes">9 votes</span>' in open(
        d.exported, encoding="utf-8").read(), "the class's votes are in the report"
    key(app, "l")  # the lab
    for k in ("left", "down", "right", "right"):
        key(app, k)
    app.draw()
    key(app, "escape")
    key(app, "w")  # what if: back before choice 3, the other branch, then compare
    app.top.activate(2)
    key(app, "b")  # the bus timetable this time
    key(app, "a")  # the discussion pause again
    key(app, "return")
    assert app.top.name == "play"
    key(app, "escape")
    labels = [b.label for b in app.top.buttons]
    app.top.activate(labels.index("Debrief so far"))
    key(app, "c")
    assert app.top.name == "compare" and app.top.c is not None
    app.draw()
    # The facilitator guide, from the pack picker.
    app.home()
    from game.ui.screens.picker import PickerScreen
    app.push(PickerScreen(app))
    key(app, "g")
    assert app.top.name == "guide"
    app.draw()
    pygame.quit()
    assert no_network.attempts == [], no_network.attempts


def test_the_projector_flag_in_the_real_program_touches_no_network(home):
    (home / "config").mkdir(parents=True)
    (home / "config" / "settings.json").write_text(json.dumps({"reduced_motion": True}))
    # get up, the usual way, the bus timetable, the pause card (open, continue), continue,
    # the ending, the next episode, the queue, continue, the ending, back to the title.
    script = "a a b a return a return tab tab tab return b a return return"
    env = {**__import__("os").environ, "STANDING_HOME": str(home), "PYTHONPATH": str(REPO),
           "STANDING_SCRIPT": script, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    run = run_guarded(["game", "play", "--projector", str(TUTORIAL)], env=env, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.attempts == []
    auto = json.loads((home / "saves" / "autosave-tutorial.json").read_text())
    assert auto["state"]["scene"] == "commute_end" and auto["state"]["ended"] is True
    assert [s["text"] for s in auto["state"]["history"]][:3] == [
        "Get up", "Make it exactly the usual way", "Send her the bus timetable"]
    saved = json.loads((home / "config" / "settings.json").read_text())
    assert saved.get("projector") is not True, "--projector is for the session only"
