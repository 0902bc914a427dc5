"""The terminal front end, driven with piped input as a screen-reader user would."""
import io
import subprocess
import sys

from conftest import ROOT, TUTORIAL
from game.packs import load_pack
from game.engine import Runtime
from game.text import TextPlayer


def play(answers: str, seed: int = 4, episode=None) -> str:
    rt = Runtime.start(load_pack(str(TUTORIAL)).pack, episode, seed)
    out = io.StringIO()
    assert TextPlayer(rt, io.StringIO(answers), out).run() == 0
    return out.getvalue()


def test_numbered_choices_and_locked_reasons():
    out = play("1\n")
    assert "1. Make it exactly the usual way" in out
    assert "3. (locked: Only for customers you have served before) Offer the loyalty shot" in out


def test_score_changes_are_announced_in_words():
    out = play("1\n1\n")
    assert "Rui Tanaka (4.800) rated you 5 stars." in out
    assert "Your score rose from 4.102 to 4.160." in out


def test_a_locked_choice_is_refused_and_the_prompt_repeats():
    out = play("1\n3\n1\n")
    assert "That door is locked: Only for customers you have served before." in out
    assert "Rui Tanaka (4.800) rated you 5 stars." in out


def test_bad_input_gets_help_not_a_crash():
    out = play("1\nbanana\n9\n")
    assert out.count("Type a number from 1 to 3, or h for help.") == 2


def test_undo_and_breakdown_commands():
    out = play("1\n1\nu\ns\n")
    assert "Undone." in out
    assert ("Ratings average: 4.213\nPayments: 0.000\nBehaviour and preferences: 0.000\n"
            "Friends' pull: \u22120.111\n") in out


def test_plays_through_both_episodes_to_the_end():
    out = play("1\n1\n2\n1\n1\n\n2\n1\n1\n")
    assert "== Ending: First Shift ==" in out and "Discussion prompts:" in out
    assert "== Part 2: The Station ==" in out
    assert "== Ending: The Queue ==" in out and "The end. Final score" in out


def test_cli_with_piped_input(tmp_path):
    env = {"STANDING_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    r = subprocess.run([sys.executable, "-m", "game", "play", "--text", str(TUTORIAL),
                        "--seed", "4"], input="1\n1\n2\n1\n1\nq\n", capture_output=True,
                       text=True, cwd=ROOT, env=env, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "== Ending: First Shift ==" in r.stdout and "Goodbye." in r.stdout
    assert "\x1b[" not in r.stdout  # no cursor or colour codes for screen readers
