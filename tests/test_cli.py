"""The command line through subprocess, as authors and CI use it."""
import json
import subprocess
import sys

from conftest import ROOT, TUTORIAL
from packutil import EPISODE, write_pack


def standing(*args, home, stdin=""):
    return subprocess.run([sys.executable, "-m", "game", *map(str, args)], input=stdin,
                          capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={"STANDING_HOME": str(home), "PATH": "/usr/bin:/bin"})


def test_validate_a_clean_pack_exits_0(tmp_path):
    r = standing("validate", TUTORIAL, home=tmp_path)
    assert r.returncode == 0, r.stdout
    assert "ok - 'Tutorial: The Morning Feed', 2 episodes, 11 scenes, 2 endings" in r.stdout


def test_validate_errors_exit_2_with_positions(tmp_path):
    folder = write_pack(tmp_path / "p", episodes={
        "one.yaml": EPISODE.replace("goto: done\n      - text: Fast", "goto: dnoe\n      - text: Fast")})
    r = standing("validate", folder, home=tmp_path)
    assert r.returncode == 2
    assert f"{folder}/one.yaml:11:15: error[SP011]: `goto` names the scene `dnoe`" in r.stdout
    assert "hint: did you mean `done`?" in r.stdout
    assert "1 pack: 1 error, 0 warnings" in r.stdout


def test_warnings_exit_0_or_1_with_strict(tmp_path):
    body = EPISODE.replace("          - add: {cash: -5}",
                           "          - add: {cash: -5}\n          - set: {met: true}")
    folder = write_pack(tmp_path / "p", episodes={"one.yaml": body})
    assert standing("validate", folder, home=tmp_path).returncode == 0
    r = standing("validate", "--strict", folder, home=tmp_path)
    assert r.returncode == 1 and "warning[SP025]" in r.stdout


def test_validate_json(tmp_path):
    r = standing("validate", "--json", TUTORIAL, tmp_path / "nope", home=tmp_path)
    data = json.loads(r.stdout)
    assert r.returncode == 2 and data["errors"] == 1
    assert data["packs"][0]["ok"] is True
    assert data["packs"][1]["diagnostics"][0]["code"] == "SP027"


def test_validate_a_folder_of_packs(tmp_path):
    r = standing("validate", ROOT / "story", home=tmp_path)
    assert "story/tutorial: ok" in r.stdout


def test_play_text_refuses_a_broken_pack_with_exit_2(tmp_path):
    folder = write_pack(tmp_path / "p", episodes={"one.yaml": "episode: [\n"})
    r = standing("play", "--text", folder, home=tmp_path)
    assert r.returncode == 2 and "error[SP001]" in r.stderr


def test_codes_catalogue(tmp_path):
    r = standing("codes", "SP011", home=tmp_path)
    assert r.stdout.startswith("SP011 unknown-scene (error):")


def test_version(tmp_path):
    assert standing("--version", home=tmp_path).stdout.startswith("standing 0.")
