"""Story test plans (plans.yaml): every bundled pack's plans pass, and the runner reports
failures as data at the plan file's line and column."""
import textwrap

import pytest

from conftest import STORY
from packutil import write_pack
from game.cli import main
from game.packs import load_pack
from game.packs.discover import is_pack
from game.packs.plans import read_plans, run_plans

PACKS = sorted(p for p in STORY.iterdir() if is_pack(p))


def _plans(folder):
    r = load_pack(str(folder))
    assert r.ok, "\n".join(d.format() for d in r.diagnostics)
    plans, diags = read_plans(r.source)
    return r.pack, plans, diags


@pytest.mark.parametrize("path", PACKS, ids=lambda p: p.name)
def test_bundled_plans_pass(path):
    pack, plans, diags = _plans(path)
    assert not diags, "\n".join(d.format() for d in diags)
    if not plans:
        pytest.skip(f"{path.name} has no plans.yaml")
    failures = [f.format() for r in run_plans(pack, plans) for f in r.failures]
    assert not failures, "\n".join(failures)


def test_the_flagship_has_plans():
    assert (STORY / "standing-city" / "plans.yaml").is_file()


def _mini(tmp_path, plans: str):
    folder = write_pack(tmp_path / "mini")
    (folder / "plans.yaml").write_text(textwrap.dedent(plans), encoding="utf-8")
    return folder


GOOD = """\
plans:
  - name: paying leaves five coins
    steps:
      - expect: {scene: start, text: "You have 10 coins", choices: "needs 4.500"}
      - choose: Pay
      - expect: {ending: The End, vars: {cash: 5}, score: "< 3.9", tier: mid}
"""


def test_a_passing_plan(tmp_path):
    pack, plans, diags = _plans(_mini(tmp_path, GOOD))
    assert not diags
    (result,) = run_plans(pack, plans)
    assert result.ok and result.path == [1]


def test_the_plan_file_is_not_an_episode(tmp_path):
    r = load_pack(str(_mini(tmp_path, GOOD)))
    assert r.ok and [e.id for e in r.pack.episodes] == ["one"]


def test_failures_are_data_with_positions(tmp_path):
    folder = _mini(tmp_path, """\
        plans:
          - name: wrong on purpose
            steps:
              - expect: {scene: done, not_text: "Hello", vars: {cash: 3}}
              - choose: Fast lane
              - expect: {ending: The End}
        """)
    pack, plans, _ = _plans(folder)
    (result,) = run_plans(pack, plans)
    got = [(f.pos.line, f.pos.column, f.message.split(":")[0]) for f in result.failures]
    assert got == [
        (4, 25, "expected scene `done`, at `start`"),
        (4, 41, "the passage contains \"Hello\""),
        (4, 63, "`cash` is 10, expected 3"),
        (5, 9, "\"Fast lane\" is locked"),  # the route stops: the ending is never checked
    ]
    assert result.failures[3].format().startswith(f"{folder}/plans.yaml:5:9: plan \"wrong on")


def test_choices_by_number_and_ambiguity(tmp_path):
    folder = _mini(tmp_path, """\
        plans:
          - name: number three walks away
            steps: [{choose: "3"}, {expect: {ending: done}}]
          - name: an ambiguous piece
            steps: [{choose: "a"}]
          - name: the story is over
            steps: [{choose: "3"}, {choose: "1"}]
        """)
    pack, plans, _ = _plans(folder)
    walk, vague, over = run_plans(pack, plans)
    assert walk.ok
    assert "matches 3 choices" in vague.failures[0].message
    assert "the story has ended" in over.failures[0].message


def test_broken_plan_files_are_diagnostics(tmp_path):
    folder = _mini(tmp_path, """\
        plans:
          - name: typo
            steps:
              - chose: Pay
              - expect: {score: "about four", colour: red}
        """)
    _, plans, diags = _plans(folder)
    assert plans == []
    assert [(d.code, d.line, d.column) for d in diags] == [
        ("SP007", 4, 9), ("SP010", 5, 25), ("SP007", 5, 39)]


def test_plan_tags_are_refused(tmp_path):
    folder = _mini(tmp_path, "plans: !!python/object:os.system [x]\n")
    assert [d.code for d in _plans(folder)[2]] == ["SP004"]


def test_the_command_exit_codes(tmp_path, capsys):
    assert main(["playtest", "--plans", str(_mini(tmp_path / "a", GOOD))]) == 0
    assert "1/1 plans pass" in capsys.readouterr().out
    bad = _mini(tmp_path / "b", "plans:\n  - name: x\n    steps: [{choose: Fast lane}]\n")
    assert main(["playtest", "--plans", str(bad)]) == 1
    assert "is locked: needs 4.500" in capsys.readouterr().out
    broken = _mini(tmp_path / "c", "plans: [")
    assert main(["playtest", "--plans", str(broken)]) == 2
    assert main(["validate", str(broken)]) == 2


@pytest.mark.parametrize("path", sorted(STORY.glob("*/plans.yaml")), ids=lambda p: p.parent.name)
def test_bundled_plan_files_match_the_plans_schema(path):
    import yaml
    from jsonschema import Draft202012Validator
    from game.packs.plans import PLANS
    schema = Draft202012Validator(PLANS.schema())
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert [e.message for e in schema.iter_errors(data)] == []
