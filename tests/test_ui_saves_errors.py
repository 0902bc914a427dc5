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
    slot = saves.latest_autosave()
    assert slot.ok and slot.get("state")["scene"] == "counter"
    key(app, "1")
    assert saves.latest_autosave().get("state")["scene"] == "bea_calls"


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
    assert app.top.name == "confirm", "loading over the game in progress asks first"
    key(app, "up")  # "Load it" (Cancel has the focus)
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
    assert next(b for b in screen.buttons if b.label.startswith("Autosave: Tutorial")).enabled


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


def title_focus(app, label):
    labels = [b.label for b in app.top.buttons]
    while app.top.buttons[app.top.focus].label != label:
        key(app, "down" if app.top.focus < labels.index(label) else "up")


def back_to_title(app):
    key(app, "escape")
    title_focus(app, "Title screen")
    key(app, "return")
    assert app.top.name == "title"


def test_new_game_asks_before_replacing_that_packs_autosave(app):
    start(app, TUTORIAL)
    key(app, "1")
    key(app, "1")
    before = saves.latest_autosave().get("state")
    back_to_title(app)
    assert app.top.buttons[app.top.focus].label == "Continue"
    title_focus(app, "New game")
    key(app, "return")
    dialog = app.top
    assert dialog.name == "confirm"
    assert "Tutorial" in dialog.intro and "stay in Load" in dialog.intro
    assert dialog.buttons[dialog.focus].label == "Cancel"  # the safe answer has the focus
    key(app, "escape")
    assert app.top.name == "title" and saves.latest_autosave().get("state") == before
    key(app, "return")  # New game still focused
    assert app.top.name == "confirm"
    key(app, "up")
    key(app, "return")  # Continue that game
    assert app.top.name == "play" and app.session.rt.state.to_dict() == before
    back_to_title(app)
    title_focus(app, "New game")
    key(app, "return")
    key(app, "home")
    key(app, "return")  # Start a new game
    assert app.top.name == "play" and app.session.rt.state.scene == "alarm"
    assert saves.latest_autosave().get("state")["scene"] == "alarm"


def test_new_game_of_another_pack_keeps_this_packs_autosave(app, tutorial):
    yaml_path = tutorial / "pack.yaml"
    yaml_path.write_text(yaml_path.read_text().replace("id: tutorial", "id: my-test", 1)
                         .replace('title: "Tutorial: The Morning Feed"', 'title: "My Test"', 1))
    start(app, TUTORIAL)
    key(app, "1")
    mine = saves.read(saves.auto_slot("tutorial")).get("state")
    app.new_game(str(tutorial))  # no dialog: nothing of that pack would be replaced
    assert app.top.name == "play" and app.session.pack.id == "my-test"
    key(app, "1")
    key(app, "1")
    assert saves.read(saves.auto_slot("tutorial")).get("state") == mine
    back_to_title(app)
    assert app.top.buttons[0].sub.startswith("My Test")  # Continue: the newest autosave
    title_focus(app, "Load game")
    key(app, "return")
    labels = [b.label for b in app.top.buttons]
    assert labels[:2] == ["Autosave: My Test", "Autosave: Tutorial: The Morning Feed"]
    key(app, "down")
    key(app, "return")  # the tutorial's autosave, untouched
    assert app.top.name == "play" and app.session.rt.state.to_dict() == mine


def test_closing_settings_gives_the_focus_back_to_settings(app):
    start(app, TUTORIAL)
    key(app, "1")
    back_to_title(app)
    title_focus(app, "Settings")
    key(app, "return")
    assert app.top.name == "settings"
    key(app, "escape")
    assert app.top.name == "title"
    assert app.top.buttons[app.top.focus].label == "Settings"
    key(app, "up")
    assert app.top.buttons[app.top.focus].label == "Packs"


def test_quit_says_the_game_is_autosaved(app):
    quit_button = app.top.buttons[-1]
    assert quit_button.label == "Quit" and quit_button.sub == ""
    start(app, TUTORIAL)
    key(app, "1")
    back_to_title(app)
    assert app.top.buttons[-1].sub == "Your game is autosaved"


def test_saving_to_a_slot_says_where_and_what(app):
    start(app, TUTORIAL)
    key(app, "1")
    menu_item(app, "Save game")
    key(app, "return")
    toast_text = app.feed.last_text
    assert toast_text.startswith("Saved: Part 1: Coffee at ") and toast_text.endswith("in slot 1")
    assert "Saved to" not in toast_text


def test_error_screen_source_lines_are_monospaced_with_tabs_expanded(app, tutorial):
    from game.ui.screens.error import source_view
    assert source_view("\tgoto:\tbea_cals", 8) == ("    goto:   bea_cals", 12)
    assert source_view("  if: tipz >= 1\n", 7) == ("  if: tipz >= 1", 6)
    path = tutorial / "episodes" / "01-coffee.yaml"
    lines = path.read_text().split("\n")
    i = next(n for n, ln in enumerate(lines) if ln.strip() == "goto: bea_calls")
    lines[i] = lines[i].replace("goto: bea_calls", "goto:\tbea_cals")
    path.write_text("\n".join(lines))
    assert app.start_game(str(tutorial)) is False
    err = app.top
    d = next(d for d in err.diagnostics if d.source_line and "\t" in d.source_line)
    err.diagnostics = [d]
    err.layout()
    app.draw()
    first, col, cw, sx = err.source_cols
    text, want = source_view(d.source_line, d.column)
    assert col == want and text[col] == "b"  # the caret sits under the scene name
    font = app.theme.font_px("mono", app.theme.text_px("small"))
    assert font.size("i")[0] == font.size("W")[0] == cw  # really monospaced (the bundled font)
    from game.paths import assets_dir
    assert (assets_dir() / "fonts" / "AtkinsonHyperlegibleMono_400Regular.ttf").is_file()
    assert (assets_dir() / "fonts" / "OFL-AtkinsonHyperlegibleMono.txt").is_file()


def test_error_screen_caret_stands_under_its_character_after_chinese(app, tutorial):
    from dataclasses import replace
    path = tutorial / "episodes" / "01-coffee.yaml"
    path.write_text(path.read_text().replace("goto: bea_calls", "goto: bea_cals", 1))
    assert app.start_game(str(tutorial)) is False
    err = app.top
    line = "    text: 日常很普通。门口放着{nmae}一张桌子。"
    d = replace(err.diagnostics[0], source_line=line, column=line.index("{") + 1, caret=0)
    err.diagnostics = [d]
    err.layout()
    app.draw()
    first, col, cw, sx = err.source_cols
    px = app.theme.text_px("small")
    drawn = app.rend.text("mono", px, line[first:col], app.theme.pal.text).get_width()
    assert err.caret_x == sx + drawn > sx + (col - first) * cw  # the fallback font is wider
    down = app.theme.pal.down
    assert any(tuple(app.surface.get_at((x, y)))[:3] == tuple(down)[:3]
               for x in range(err.caret_x, err.caret_x + cw) for y in range(app.surface.get_height()))
