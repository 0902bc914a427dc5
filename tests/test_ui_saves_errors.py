"""Saving and loading through the window, the error screen, and F5 reload."""
from game import saves
from ui_helpers import TUTORIAL, app, home, key, start, tutorial  # noqa: F401


def menu_item(app, label):
    key(app, "escape")
    assert app.top.name == "menu"
    labels = [b.label for b in app.top.buttons]
    for _ in range(labels.index(label)):
        key(app, "down")
    key(app, "return")


def test_autosave_after_every_choice(app):
    start(app, TUTORIAL)
    key(app, "1")
    slot = saves.read(saves.AUTO)
    assert slot.ok and slot.get("state")["scene"] == "counter"
    key(app, "1")
    assert saves.read(saves.AUTO).get("state")["scene"] == "bea_calls"


def test_save_to_a_slot_then_load_restores_the_same_state(app):
    start(app, TUTORIAL)
    key(app, "1")
    key(app, "2")
    saved_state = app.session.rt.state.to_dict()
    menu_item(app, "Save game")
    assert app.top.name == "saves" and app.top.saving
    key(app, "return")  # slot 1
    assert app.top.name == "play"
    assert saves.read("1").ok
    key(app, "1")  # move on, then load slot 1 back
    assert app.session.rt.state.to_dict() != saved_state
    menu_item(app, "Load game")
    assert app.top.name == "saves" and not app.top.saving
    labels = [b.label for b in app.top.buttons]
    for _ in range(labels.index("Slot 1") - app.top.focus):
        key(app, "down")
    key(app, "return")
    assert app.top.name == "play"
    assert app.session.rt.state.to_dict() == saved_state


def test_a_damaged_slot_is_listed_and_cannot_be_loaded(app):
    start(app, TUTORIAL)
    saves.slot_path("2").write_text("garbage")
    menu_item(app, "Load game")
    screen = app.top
    b = next(b for b in screen.buttons if b.label == "Slot 2")
    assert not b.enabled and "Damaged" in b.sub
    assert next(b for b in screen.buttons if b.label == "Autosave").enabled


def test_a_save_that_no_longer_fits_shows_a_clear_message(app, tutorial):
    start(app, tutorial)
    key(app, "1")
    app.session.save("1")
    text = (tutorial / "episodes" / "01-coffee.yaml").read_text()
    (tutorial / "episodes" / "01-coffee.yaml").write_text(
        text.replace("  counter:", "  kounter:").replace("goto: counter", "goto: kounter"))
    app.home()
    assert app.open_save(saves.read("1")) is False
    assert app.top.name == "error"
    assert "no longer fits" in app.top.summary
    key(app, "escape")
    assert app.top.name == "title"


def break_pack(path):
    f = path / "episodes" / "01-coffee.yaml"
    f.write_text(f.read_text().replace("goto: bea_calls", "goto: bea_cals", 1))


def test_a_broken_pack_opens_the_error_screen_not_a_crash(app, tutorial):
    break_pack(tutorial)
    assert app.start_game(str(tutorial)) is False
    err = app.top
    assert err.name == "error"
    assert any(d.code == "SP011" for d in err.diagnostics)
    d = err.diagnostics[0]
    assert d.where.endswith("01-coffee.yaml:%d:%d" % (d.line, d.column))
    app.draw()
    key(app, "escape")
    assert app.top.name == "title"


def test_the_picker_lists_packs_and_starts_one(app):
    title = app.top
    for _ in range([b.label for b in title.buttons].index("Packs") - title.focus):
        key(app, "down")
    key(app, "return")
    picker = app.top
    assert picker.name == "picker"
    titles = [e.info.title for e in picker.entries if not e.broken]
    assert "Tutorial: The Morning Feed" in titles
    i = next(i for i, e in enumerate(picker.entries) if e.info and e.info.id == "tutorial")
    while picker.focus != i:
        key(app, "down")
    app.draw()
    key(app, "return")
    assert app.top.name == "play" and app.session.pack.id == "tutorial"


def test_f5_reload_keeps_the_state_and_picks_up_edits(app, tutorial):
    start(app, tutorial)
    key(app, "1")
    f = tutorial / "episodes" / "01-coffee.yaml"
    f.write_text(f.read_text().replace("leans on the counter", "drums on the counter"))
    key(app, "f5")
    assert app.top.name == "play"
    assert app.session.rt.state.scene == "counter"
    assert "drums on the counter" in app.top.passage.text
    # The current scene removed: keep playing the old version, with a message.
    f.write_text(f.read_text().replace("  counter:", "  kounter:")
                 .replace("goto: counter", "goto: kounter"))
    key(app, "f5")
    assert app.top.name == "play" and "drums" in app.top.passage.text
    # A broken pack: the error screen, and Esc goes back to the game.
    break_pack(tutorial)
    key(app, "f5")
    assert app.top.name == "error" and app.top.diagnostics
    key(app, "escape")
    assert app.top.name == "play"
