"""The command line in the player's language: every word it shows goes through the catalogue,
argparse's own included. The pseudo-language `qps` (game/i18n.py) accents every letter it looks
up, so an English word left in the output was never looked up."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT
from game import i18n
from game.cli import build_parser, main

TUTORIAL = str(ROOT / "story" / "tutorial")
COMMANDS = sorted(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


@pytest.fixture
def pseudo(monkeypatch):
    """The system's language is the pseudo-language (main() chooses the system's)."""
    monkeypatch.setenv("LANGUAGE", "qps")
    yield
    i18n.set_language("en")


def _english_words(text: str) -> list:
    """Words of plain ASCII letters left in `text`, apart from what is typed or named: options,
    metavars, `code`, paths and file names, e.g. and i.e."""
    text = re.sub(r"`[^`]*`|<[^>]*>|\S*[/.]\S+|--?[\w-]+|\b[A-Z][A-Z0-9_.,]+\b|\{[^}]*\}", " ", text)
    return [w for w in re.findall(r"\b[a-zA-Z]{3,}\b", text)
            if w not in ("standing", "yaml", "json", "zip", "mmd", "svg", "png", "dot")]


def _help(command, capsys) -> str:
    with pytest.raises(SystemExit) as done:
        main([*command, "--help"])
    assert done.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", [[], *[[c] for c in COMMANDS]])
def test_every_help_page_is_looked_up(command, pseudo, capsys):
    out = _help(command, capsys)
    assert out.startswith(i18n.pseudo("usage: "))
    assert i18n.pseudo("show this help message and exit") in out
    assert _english_words(_described(out)) == [], out


def _described(help_text: str) -> str:
    """A help page without the usage lines and the names in the argument column (what is
    typed stays as it is)."""
    body = help_text.split("\n\n", 1)[1]
    lines = [re.sub(r"^ {2,4}\S.*?(\s{2,}|$)", "", line) for line in body.splitlines()]
    return "\n".join(lines).replace("{" + ",".join(COMMANDS) + "}", "")


def test_argparse_errors_are_looked_up(pseudo, capsys):
    with pytest.raises(SystemExit) as done:
        main(["validate"])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert i18n.pseudo("the following arguments are required: %s") % "PATH" in err
    assert err.startswith(i18n.pseudo("usage: "))
    with pytest.raises(SystemExit):
        main(["validate", TUTORIAL, "--no-such-option"])
    err = capsys.readouterr().err
    assert i18n.pseudo("unrecognized arguments: %s") % "--no-such-option" in err
    assert i18n.pseudo("%(prog)s: error: %(message)s\n").split("%(message)s")[0] % {
        "prog": "standing"} in err


def test_a_command_speaks_the_language(pseudo, capsys):
    assert main(["validate", TUTORIAL]) == 0
    out = capsys.readouterr().out
    assert f"{TUTORIAL}: {i18n.pseudo('ok')} - 'Tutorial: The Morning Feed', " in out
    assert i18n.pseudo("2 episodes") in out  # counts through ngettext
    assert main(["codes", "SP9999"]) == 2
    assert _english_words(capsys.readouterr().err) == []


def test_english_stays_english(capsys):
    i18n.set_language("en")
    out = _help(["playtest"], capsys)
    assert out.startswith("usage: standing playtest")
    assert "  -h, --help            show this help message and exit" in out


def test_the_playtest_report_speaks_the_language(pseudo, capsys):
    main(["playtest", TUTORIAL, "--runs", "5", "--strict"])
    out = capsys.readouterr().out
    assert i18n.pseudo("{n} random runs").format(n=5) in out
    assert "  " + i18n.pseudo("endings").ljust(10) in out  # the headings' column
    last = out.rstrip("\n").rsplit("\n", 1)[1]
    assert last == i18n.pseudo("PASS") or last.startswith(i18n.pseudo("FAIL: "))


def test_a_twine_import_speaks_the_language(pseudo, tmp_path, capsys):
    story = tmp_path / "s.twee"
    story.write_text(":: Start\n<<audio \"x\">> [[Go->Nowhere]]\n", encoding="utf-8")
    main(["import-twee", str(story), "-o", str(tmp_path / "pack")])
    out = capsys.readouterr().out
    assert i18n.pseudo("{where}: not converted: {what}").format(
        where=f"{story}:2:1", what=i18n.pseudo(
            "the macro `{macro}` was left out: Standing has no equivalent").format(
                macro="audio")) in out


def test_a_broken_argparse_translation_falls_back_to_english(monkeypatch, capsys):
    # a translator's slip renames a %-field argparse fills: the usage error is still said,
    # in English, never a traceback
    monkeypatch.setattr(i18n, "gettext", lambda m: m.replace("%(value)r", "%(wert)r"))
    with pytest.raises(SystemExit) as done:
        main(["no-such-command"])
    assert done.value.code == 2
    assert "invalid choice: 'no-such-command' (choose from " in capsys.readouterr().err
