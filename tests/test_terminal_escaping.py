"""Every command that prints author text to a terminal prints its control characters as
visible placeholders: a pack's title, prose, ids or file names cannot recolour, clear or retitle
the author's terminal (issue 14 §1)."""
from __future__ import annotations

import io
import re
import zipfile

import pytest

from game.cli import main
from packutil import EPISODE, PACK_YAML, write_pack

# ESC (CSI colour, clear screen), OSC retitle ending in BEL, C1 CSI, carriage return, and a
# right-to-left override: each would change what the terminal shows.
HOSTILE = r"\e[31mred\e[2J\e]0;pwned\a\x9b1m\r\u202eevil"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def hostile_pack(folder, broken: bool = False):
    pack = PACK_YAML.replace("title: Mini", f'title: "Mini {HOSTILE}"')
    episode = (EPISODE.replace("text: Hello {maya}.", f'text: "Hello {HOSTILE} {{maya}}.')
               .replace("{cash} coins.", '{cash} coins."')
               .replace("title: The End", f'title: "The End {HOSTILE}"'))
    if broken:  # a diagnostic quotes the bad value and its source line
        episode = episode.replace("goto: done\n      - text: Fast",
                                  f'goto: "dn{HOSTILE}"\n      - text: Fast')
    return write_pack(folder, pack, {"one.yaml": episode})


def run(capsys, monkeypatch, *argv, stdin: str = ""):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    assert not RAW.search(out.out), repr(out.out)
    assert not RAW.search(out.err), repr(out.err)
    return code, out.out + out.err


def test_validate_escapes_the_title_of_a_good_pack(tmp_path, capsys, monkeypatch):
    code, out = run(capsys, monkeypatch, "validate", hostile_pack(tmp_path / "p"))
    assert code == 0 and "Mini \u241b[31mred\u241b[2J" in out


def test_validate_escapes_what_a_diagnostic_quotes(tmp_path, capsys, monkeypatch):
    code, out = run(capsys, monkeypatch, "validate", hostile_pack(tmp_path / "p", broken=True))
    assert code == 2 and "error[SP010]" in out and "\u241b]0;pwned\u2407" in out


@pytest.mark.parametrize("command", ["play", "playtest", "graph"])
def test_commands_that_need_a_good_pack_escape_its_errors(tmp_path, capsys, monkeypatch, command):
    extra = ["--text"] if command == "play" else []
    code, out = run(capsys, monkeypatch, command, hostile_pack(tmp_path / "p", broken=True), *extra)
    assert code == 2 and "<U+009B>" in out


def test_play_text_escapes_prose_and_ending(tmp_path, capsys, monkeypatch):
    code, out = run(capsys, monkeypatch, "play", hostile_pack(tmp_path / "p"), "--text", "--seed", "1",
                    stdin="3\n\n\n\n")
    assert "Hello \u241b[31mred" in out and "The End \u241b" in out


def test_playtest_escapes_its_summary_and_replay(tmp_path, capsys, monkeypatch):
    folder = hostile_pack(tmp_path / "p")
    run(capsys, monkeypatch, "playtest", folder, "--runs", "5")
    code, out = run(capsys, monkeypatch, "playtest", folder, "--replay", "1:3")
    assert "Hello \u241b[31mred" in out and "<U+202E>evil" in out


@pytest.mark.parametrize("fmt", ["dot", "mmd"])
def test_graph_to_the_terminal_is_escaped(tmp_path, capsys, monkeypatch, fmt):
    code, out = run(capsys, monkeypatch, "graph", hostile_pack(tmp_path / "p"), "--format", fmt)
    assert code == 0


def test_import_pack_escapes_the_title_it_announces(tmp_path, capsys, monkeypatch):
    folder = hostile_pack(tmp_path / "p")
    archive = tmp_path / "p.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for f in folder.rglob("*"):
            zf.write(f, f.relative_to(folder))
    code, out = run(capsys, monkeypatch, "import-pack", archive)
    assert code == 0 and "Mini \u241b[31mred" in out


def test_codes_escapes_the_unknown_code_it_quotes(capsys, monkeypatch):
    code, out = run(capsys, monkeypatch, "codes", "\x1b[2JSP0\u202e")
    assert code == 2 and "\u241b[2J" in out
