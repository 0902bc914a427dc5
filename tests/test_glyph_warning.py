"""SP050: the validator warns when no font on this machine can draw some of a pack's text."""
from packutil import EPISODE, write_pack

from game.packs import load_pack

NO_FONT = "\ue000"  # private use: no bundled font and no installed font maps it


def _warnings(folder):
    return [d for d in load_pack(str(folder)).diagnostics if d.code == "SP050"]


def test_characters_no_font_draws_are_named_with_their_place_and_script(tmp_path):
    ep = EPISODE.replace("text: Hello {maya}.", f"text: Hello {{maya}}. 中文 ok {NO_FONT}x{NO_FONT}.")
    folder = write_pack(tmp_path / "p", episodes={"one.yaml": ep})
    (w,) = _warnings(folder)
    line = (folder / "one.yaml").read_text("utf-8").splitlines()[w.line - 1]
    assert line[w.column - 1] == NO_FONT  # the first one, exactly
    assert w.file.endswith("one.yaml")
    assert "U+E000" in w.message and "script" in w.message
    assert load_pack(str(folder)).ok  # a warning: the pack still plays


def test_scripts_with_a_bundled_font_are_not_reported(tmp_path):
    ep = EPISODE.replace("text: Hello {maya}.", "text: 你好 {maya}. مرحبا नमस्ते Привет.")
    assert _warnings(write_pack(tmp_path / "p", episodes={"one.yaml": ep})) == []

