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


def test_is_true_in_a_condition_points_at_the_real_mistake(tmp_path):
    r = _load(tmp_path, extra="if: friend(jun) is true")
    [d] = r.diagnostics
    assert (d.code, d.line, d.column) == ("SP015", 8, 25)  # at `is`
    assert d.message == "conditions do not use the word `is`"
    assert d.hint == "`friend(jun)` is already true or false: write just `friend(jun)`"


def test_is_false_and_is_a_value_get_their_own_hints():
    from game.engine.conditions import ConditionError, parse
    for src, hint in (("friend(jun) is false", "write `not friend(jun)`"),
                      ("cash is 5", "use `==` to compare"),
                      ("tier is not 'low'", "use `!=` to compare")):
        try:
            parse(src)
        except ConditionError as e:
            assert (e.message, e.hint) == ("conditions do not use the word `is`", hint)
        else:
            raise AssertionError(src)


def test_nested_double_quotes_get_a_hint_about_quoting(tmp_path):
    folder = write_pack(tmp_path / "q", PACK_YAML.replace("title: Mini",
                                                          'title: "She said "hi" to me"'))
    r = load_pack(str(folder))
    [d] = [d for d in r.diagnostics if d.code == "SP001"]
    assert (d.line, d.column) == (3, 19)
    assert d.hint == (
        "a quote inside the text ended the quoted text early. Write text that holds double "
        "quotes in single quotes ('She said \"hi\"'), text that holds single quotes in double "
        "quotes (\"It's fine\"), and text that holds both in single quotes with each ' doubled "
        "('It''s \"fine\"') or as a block scalar: `|` after the key, then the text on the next "
        "lines, indented")


def test_other_yaml_mistakes_keep_their_hint(tmp_path):
    folder = write_pack(tmp_path / "q", PACK_YAML.replace("title: Mini", "title: Mini: more"))
    [d] = [d for d in load_pack(str(folder)).diagnostics if d.code == "SP001"]
    assert d.hint.startswith("a `: ` inside text starts a mapping")


ENDING_TEMPLATES = """\
episode: one
title: One
scenes:
  start:
    text: A gate.
    choices:
      - text: Pay
        effects:
          - add: {cash: -5}
        goto: done
  done:
    text: Done.
    ending:
      title: The End
      debrief: "You end on {score} with {cash} coins{if cash < 10}, poorer{end}."
      prompts: ["Was {tier} fair?"]
      notes: "{jun} stays at {jun.score}."
"""


def test_templates_in_a_debrief_prompts_and_notes_are_rendered_at_the_ending(tmp_path):
    from game.engine.debrief import build_debrief
    r = load_pack(str(write_pack(tmp_path / "p", PACK_YAML, {"one.yaml": ENDING_TEMPLATES})))
    assert r.ok, [d.format() for d in r.diagnostics]
    rt = Runtime.start(r.pack, seed=1)
    rt.choose(0)
    end = rt.ending
    assert end.debrief == f"You end on {rt.score_text} with 5 coins, poorer."
    assert end.prompts == (f"Was {rt.tier.name} fair?",)
    assert end.notes == "Jun Park stays at 3.100."
    d = build_debrief(r.pack, rt.state)
    assert d.ending.debrief == end.debrief and d.ending.notes == end.notes


def test_a_mistake_in_an_ending_template_is_reported_where_it_is(tmp_path):
    body = ENDING_TEMPLATES.replace("{cash} coins", "{cahs} coins")
    r = load_pack(str(write_pack(tmp_path / "p", PACK_YAML, {"one.yaml": body})))
    [d] = r.errors
    assert (d.code, d.line, d.message, d.hint) == (
        "SP017", 15, "`cahs` is read here but nothing declares or sets it", "did you mean `cash`?")
    broken = ENDING_TEMPLATES.replace("{end}.", ".")
    [d] = load_pack(str(write_pack(tmp_path / "q", PACK_YAML, {"one.yaml": broken}))).errors
    assert (d.code, d.line, d.message) == ("SP016", 15, "this `{if ...}` is never closed")
