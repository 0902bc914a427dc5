"""The JSON Schema: generated from the loader's own specs, shipped in docs/schema/, and
accepting every bundled pack's files."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from conftest import ROOT, STORY
from game.packs.schema import CHOICE, EPISODE, PACK, SCENE, json_schema
from game.packs.template import TEMPLATE_DIR, render, schema_file_name, schema_text

SCHEMA_DIR = ROOT / "docs" / "schema"
KINDS = ("pack", "episode")


def validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(json_schema(kind))


def kind_of(path: Path) -> str:
    if path.parent.name == "translations":
        return "translation"
    return "pack" if path.name in ("pack.yaml", "pack.yml") else "episode"


def errors(kind: str, text: str):
    return sorted(e.message for e in validator(kind).iter_errors(yaml.safe_load(text)))


@pytest.mark.parametrize("kind", KINDS)
def test_the_schema_is_valid_json_schema(kind):
    Draft202012Validator.check_schema(json_schema(kind))


@pytest.mark.parametrize("kind", KINDS)
def test_shipped_schema_files_match_the_generated_ones(kind):
    shipped = (SCHEMA_DIR / schema_file_name(kind)).read_text(encoding="utf-8")
    assert shipped == schema_text(kind), \
        "regenerate with: python -m game schema --write docs/schema"


def test_the_schema_has_the_keys_the_loader_knows():
    pack, episode = json_schema("pack"), json_schema("episode")
    assert list(pack["properties"]) == list(PACK.fields)
    assert list(episode["properties"]) == list(EPISODE.fields)
    scene = episode["properties"]["scenes"]["additionalProperties"]
    assert list(scene["properties"]) == list(SCENE.fields)
    assert list(scene["properties"]["choices"]["items"]["properties"]) == list(CHOICE.fields)
    assert pack["required"] == ["format", "id", "title", "regime"]


BUNDLED = sorted(p for p in STORY.glob("*/**/*.y*ml") if p.suffix in (".yaml", ".yml")
                 and p.stem != "plans")  # story test plans: tests/test_plans.py


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: str(p.relative_to(STORY)))
def test_every_bundled_pack_file_is_valid(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
             for e in validator(kind_of(path)).iter_errors(data)]
    assert found == []


def test_new_pack_template_files_are_valid():
    files = render("Title", "title", "Ana")
    for rel, text in files.items():
        if rel.endswith(".yaml"):
            assert not list(validator(kind_of(Path(rel))).iter_errors(yaml.safe_load(text))), rel
    assert files[".schema/pack.schema.json"] == schema_text("pack")


def test_bundled_files_point_editors_at_the_schema():
    for path in BUNDLED:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        if first.startswith("# yaml-language-server: $schema="):
            target = (path.parent / first.split("=", 1)[1]).resolve()
            assert target == (SCHEMA_DIR / schema_file_name(kind_of(path))).resolve(), path


MINI = "format: 1\nid: x\ntitle: X\nregime: {scale: {min: 1, max: 5, start: 3}}\n"
EPISODE_HEAD = "episode: e\ntitle: E\nscenes:\n  a:\n"


def test_the_schema_rejects_what_the_loader_rejects():
    assert errors("pack", MINI) == []
    assert errors("pack", MINI + "titel: Y\n") == \
        ["Additional properties are not allowed ('titel' was unexpected)"]
    assert errors("pack", MINI.replace("id: x", "id: My Pack")) == \
        ["'My Pack' does not match '^[a-z0-9][a-z0-9_-]*$'"]
    assert errors("pack", MINI.replace("title: X\n", "")) == ["'title' is a required property"]
    ending = EPISODE_HEAD + "    text: T\n    ending: {title: T, debrief: D, prompts: [P], " \
        "tone: sad}\n"
    assert errors("episode", ending) == ["'sad' is not one of ['hopeful', 'bleak', 'mixed']"]
    effect = EPISODE_HEAD + "    text: T\n    goto: a\n    effects: [{rate: {stars: 7}}]\n"
    assert len(errors("episode", effect)) == 1  # stars above 5 fails the only matching effect
    assert errors("episode", EPISODE_HEAD + "    text: T\n    choises: []\n") == \
        ["Additional properties are not allowed ('choises' was unexpected)"]


# What the loader accepts, the schema must accept too (or editors would show false errors).
LOADER_ACCEPTS = {
    "a single author as text": ("pack", MINI + "authors: Ana Lima\n"),
    "an empty section": ("pack", MINI + "characters:\n"),
    "a number where text is expected": ("pack", MINI + "version: 1.0\nage: 12\n"),
    "a condition that is a bare boolean": (
        "episode", EPISODE_HEAD + "    text: T\n    choices: [{text: Go, goto: a, if: true}]\n"),
    "a single prompt as text": (
        "episode", EPISODE_HEAD + "    text: T\n    ending: {title: T, debrief: D, prompts: P}\n"),
}


@pytest.mark.parametrize("case", sorted(LOADER_ACCEPTS))
def test_the_schema_accepts_what_the_loader_accepts(case):
    from game.packs.diagnostics import Report
    from game.packs.spec import Ctx
    from game.packs.yamlsafe import compose
    kind, text = LOADER_ACCEPTS[case]
    report = Report()
    (PACK if kind == "pack" else EPISODE).convert(compose(text, "x.yaml", report),
                                                  Ctx("x.yaml", report))
    assert report.items == []  # the loader is happy...
    assert errors(kind, text) == []  # ...so the schema should be too


def standing(*args):
    return subprocess.run([sys.executable, "-m", "game", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def test_cli_prints_and_writes_the_schema(tmp_path):
    for kind in KINDS:
        r = standing("schema", kind)
        assert r.returncode == 0 and r.stdout == schema_text(kind)
        assert json.loads(r.stdout)["title"].startswith("Standing ")
    assert standing("schema").stdout == schema_text("pack")
    r = standing("schema", "--write", tmp_path / "out")
    assert r.returncode == 0
    for kind in KINDS:
        assert (tmp_path / "out" / schema_file_name(kind)).read_text(encoding="utf-8") == \
            schema_text(kind)
    assert TEMPLATE_DIR.is_dir()
