"""`standing new-pack`: the template validates clean, plays to every ending, and its comments
teach every key of the format."""
import re
import subprocess
import sys

import pytest

from conftest import ROOT
from game.packs import load_pack
from game.packs.playtest import explore, random_playtest
from game.packs.schema import CHOICE, EFFECT, ENDING, EPISODE, FACT, PACK, REGIME, SCENE
from game.packs.template import ScaffoldError, scaffold, slugify, title_from


@pytest.fixture
def pack_dir(tmp_path):
    folder = tmp_path / "my-first-pack"
    scaffold(folder, "My First Pack", author="Ana Lima")
    return folder


def test_the_new_pack_validates_with_only_the_reminder_to_write_its_guide(pack_dir):
    r = load_pack(str(pack_dir))
    assert r.ok and [d.code for d in r.diagnostics] == ["SP035"], \
        "\n".join(d.format() for d in r.diagnostics)
    assert r.diagnostics[0].message == ("the guide `GUIDE.md` is still the `new-pack` "
                                        "template, and reports would print it as it is")
    (pack_dir / "GUIDE.md").write_text("# My First Pack\n\nPlay it twice.\n")
    assert load_pack(str(pack_dir)).diagnostics == []
    info = r.pack.info
    assert (info.id, info.title, info.authors) == ("my-first-pack", "My First Pack", ("Ana Lima",))


def test_the_new_pack_plays_to_every_ending_with_nothing_unused(pack_dir):
    pack = load_pack(str(pack_dir)).pack
    for cov in (random_playtest(pack, runs=300), explore(pack)):
        assert not cov.problems and cov.unreached() == []
        assert cov.unvisited() == [] and cov.never_available() == []
    assert explore(pack).complete


def test_the_files_written(pack_dir):
    names = sorted(p.relative_to(pack_dir).as_posix() for p in pack_dir.rglob("*") if p.is_file())
    assert names == [".schema/episode.schema.json", ".schema/pack.schema.json", "GUIDE.md",
                     "episodes/01-first-day.yaml", "episodes/02-second-day.yaml", "pack.yaml"]
    assert (pack_dir / "GUIDE.md").read_text(encoding="utf-8").startswith(
        "# My First Pack: facilitator guide")


def template_text(pack_dir) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(pack_dir.rglob("*.yaml")))


def test_every_key_of_the_format_appears_in_the_template(pack_dir):
    text = template_text(pack_dir)
    keys = set()
    for spec in (PACK, REGIME, EPISODE, SCENE, CHOICE, ENDING, FACT):
        keys.update(spec.fields)
    keys.update(EFFECT.options)
    missing = sorted(k for k in keys if not re.search(rf"(^|[\s{{,-]){k}:", text, re.M))
    assert missing == []


def test_every_key_line_in_pack_yaml_is_explained(pack_dir):
    """Top-level keys and the regime's keys each carry a comment on their line or above."""
    lines = (pack_dir / "pack.yaml").read_text(encoding="utf-8").splitlines()
    unexplained = []
    for i, line in enumerate(lines):
        if re.match(r"^( {2})?[a-z_]+:", line) and "#" not in line and \
                not lines[i - 1].lstrip().startswith("#"):
            unexplained.append(line)
    assert unexplained == []


def test_the_editor_schema_line_resolves_inside_the_new_pack(pack_dir):
    for path in pack_dir.rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        assert (path.parent / first.split("=", 1)[1]).is_file(), path


@pytest.mark.parametrize("title", ['Rent "Day": Part 1', "Ünïcode — café", "no", "#hash & 'quotes'",
                                   "  {score} braces  "])
def test_any_title_survives_the_template(tmp_path, title):
    folder = tmp_path / "p"
    scaffold(folder, title, author='Jo "JJ" Doe')
    r = load_pack(str(folder))
    assert r.ok and r.pack.info.title == title.strip()
    assert r.pack.info.authors == ('Jo "JJ" Doe',)


def test_ids_and_titles_from_the_folder(tmp_path):
    assert slugify("Café Day 1!") == "cafe-day-1" and slugify("!!!") == "my-pack"
    assert title_from(tmp_path / "rent_day-two") == "Rent Day Two"
    scaffold(tmp_path / "Rent Day")
    assert load_pack(str(tmp_path / "Rent Day")).pack.info.id == "rent-day"


def test_refuses_bad_ids_and_folders_in_use(tmp_path):
    with pytest.raises(ScaffoldError, match="not a valid pack id"):
        scaffold(tmp_path / "a", pack_id="My Pack")
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="already exists and is not empty"):
        scaffold(tmp_path / "used")
    assert [p.name for p in (tmp_path / "used").iterdir()] == ["notes.txt"]
    scaffold(tmp_path / "empty-but-there")  # an existing empty folder is fine


def standing(*args, home):
    return subprocess.run([sys.executable, "-m", "game", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, timeout=120,
                          env={"STANDING_HOME": str(home), "PATH": "/usr/bin:/bin"})


def test_cli_new_pack_then_validate_and_playtest(tmp_path):
    folder = tmp_path / "rent"
    r = standing("new-pack", folder, "--title", "Rent Day", "--author", "Ana", home=tmp_path)
    assert r.returncode == 0, r.stderr
    assert f"Created {folder} ('Rent Day', id `rent`, from the folder's name unless --id is given):" in r.stdout
    assert f"standing play {folder} --text" in r.stdout
    assert standing("validate", folder, home=tmp_path).returncode == 0
    strict = standing("validate", "--strict", folder, home=tmp_path)
    assert strict.returncode == 1 and "warning[SP035]" in strict.stdout  # write the guide first
    (folder / "GUIDE.md").write_text("# Rent Day\n\nNotes for the room.\n")
    assert standing("validate", "--strict", folder, home=tmp_path).returncode == 0
    assert standing("playtest", folder, "--strict", "--runs", 200, home=tmp_path).returncode == 0
    again = standing("new-pack", folder, home=tmp_path)
    assert again.returncode == 2 and "already exists and is not empty" in again.stderr
