"""A variable's display form (`{value, display, label}`): lock reasons say "1,200 marks", not
"1200 cash", everywhere a reason is shown; the plain `cash: 240` form keeps loading."""
from packutil import EPISODE, PACK_YAML, diags, start, write_pack
from game.engine.debrief import trace

MARKS = PACK_YAML.replace("  cash: 10\n", """\
  cash: {value: 1181, display: "{} marks", label: savings}
  owes: {value: false, label: a loan from Dot}
""")
DEPOSIT = EPISODE.replace("cash >= 5", "cash >= 1200").replace(
    "      - text: Walk away\n", """\
      - text: Repay Dot
        if: owes
        goto: done
      - text: Borrow again
        if: not owes
        goto: done
      - text: Walk away
""")


def test_plain_variables_keep_their_old_reasons(tmp_path):
    plain = PACK_YAML.replace("  cash: 10\n", "  cash: 10\n  owes: false\n")
    rt = start(write_pack(tmp_path / "p", plain, {"one.yaml": DEPOSIT}))
    assert rt.choices[0].reason == "needs 1,200 cash, you have 10"
    assert rt.choices[2].reason == "needs owes"


def test_display_form_and_label_in_lock_reasons(tmp_path):
    rt = start(write_pack(tmp_path / "p", MARKS, {"one.yaml": DEPOSIT}))
    assert rt.var("cash") == 1181  # the starting value
    assert "You have 1,181 coins" in rt.passage.text  # prose keeps the bare number
    assert rt.choices[0].reason == "needs 1,200 marks, you have 1,181 marks"
    assert rt.choices[2].reason == "needs a loan from Dot"
    rt.state.vars["owes"] = True
    rt._invalidate()
    assert rt.choices[3].reason == "not possible with a loan from Dot"


def test_the_debrief_shows_the_same_reason(tmp_path):
    rt = start(write_pack(tmp_path / "p", MARKS, {"one.yaml": DEPOSIT}))
    rt.choose(4)
    step = trace(rt.pack, rt.state).steps[0]
    assert step.offered[0].reason == "needs 1,200 marks, you have 1,181 marks"


def test_a_display_form_needs_a_place_for_the_value(tmp_path):
    bad = PACK_YAML.replace("  cash: 10\n", "  cash: {value: 10, display: marks}\n")
    found = [(d.code, d.message) for d in diags(write_pack(tmp_path / "p", bad))]
    assert found == [("SP010", "the display form of `cash` has no `{}` for the value")]


def test_a_variable_mapping_needs_a_value(tmp_path):
    bad = PACK_YAML.replace("  cash: 10\n", "  cash: {display: \"{} marks\"}\n")
    assert [d.code for d in diags(write_pack(tmp_path / "p", bad))] == ["SP009"]
