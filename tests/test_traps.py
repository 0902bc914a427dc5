"""Issue 15 §1: silent traps an author falls into become messages (or are fixed quietly)."""
from packutil import PACK_YAML, write_pack
from game.engine import Runtime
from game.packs import load_pack

SCENES = """\
episode: one
title: One
scenes:
  start:
    text: A gate.
    choices:
      - text: {label}
        {extra}
        goto: done
      - text: Walk away
        goto: done
  done:
    text: Done.
    ending:
      title: The End
      debrief: It ended.
      prompts: [Why?]
"""


def _load(tmp_path, label="Go", extra=""):
    body = SCENES.replace("{label}", label).replace("{extra}", extra or "effects: []")
    return load_pack(str(write_pack(tmp_path / "p", PACK_YAML, {"one.yaml": body})))


def test_locked_without_if_warns_with_where_and_a_fix(tmp_path):
    r = _load(tmp_path, extra="locked: Trusted citizens only")
    [d] = [d for d in r.diagnostics if d.code == "SP034"]
    assert (d.severity, d.line, d.column) == ("warning", 8, 17)
    assert d.message == ("`locked:` says why a choice is locked, but this choice has no `if:`, "
                         "so it is never locked")
    assert d.hint == "add the `if:` condition that locks it, or remove `locked:`"


def test_locked_with_if_says_nothing(tmp_path):
    r = _load(tmp_path, extra="if: score >= 4.5\n        locked: Trusted citizens only")
    assert r.ok and not [d for d in r.diagnostics if d.code == "SP034"]


def test_a_block_scalar_label_loses_its_trailing_newline(tmp_path):
    r = _load(tmp_path, label="|\n          Take the {tier} lane\n")
    assert r.ok, [d.format() for d in r.diagnostics]
    rt = Runtime.start(r.pack, seed=1)
    assert rt.choices[0].text == "Take the Middling lane"


def test_a_wrong_tier_names_caret_points_at_the_name(tmp_path):
    r = _load(tmp_path, extra="if: tier >= 'gold'")
    [d] = [d for d in r.diagnostics if d.code == "SP014"]
    assert (d.line, d.column, d.message) == (8, 22, "there is no tier `gold`")
    assert "^" in d.format() and d.format().splitlines()[2].index("^") == \
        d.format().splitlines()[1].index("gold")
