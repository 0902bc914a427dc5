"""Every loader error an author can meet: its code, its exact position and its words."""
import textwrap

import pytest

from game.packs import load_pack
from game.packs.yamlsafe import MAX_FILE_BYTES
from hostile_packs import nested_alias_bomb
from packutil import EPISODE, PACK_YAML, diags, write_pack


def only(folder, code=None):
    found = [d for d in diags(folder) if code is None or d.code == code]
    assert len(found) == 1, "\n".join(d.format() for d in diags(folder))
    d = found[0]
    return d.code, d.file.rsplit("/", 1)[-1], d.line, d.column, d.message, d.hint


def with_episode(tmp_path, body):
    return write_pack(tmp_path / "p", episodes={"one.yaml": body})


CASES = {
    "yaml-syntax": (
        EPISODE.replace("text: Done.", "text: Done: really"),
        ("SP001", "one.yaml", 18, 15,
         "YAML syntax: a `: ` here would start a new key inside a value",
         "a `: ` inside text starts a mapping; quote the text or use a block scalar (`|`)")),
    "tab": (
        "episode: one\ntitle: One\nscenes:\n\tstart: {}\n",
        ("SP001", "one.yaml", 4, 1,
         "YAML syntax: a tab is used for indenting here, and YAML indents with spaces only",
         "indent with spaces, not tabs")),
    "duplicate-key": (
        EPISODE.replace("  done:\n", "  start:\n    text: again\n    goto: done\n  done:\n"),
        ("SP006", "one.yaml", 17, 3, "`start` appears twice in this mapping (first on line 4)",
         "rename or remove one of them")),
    "unknown-key": (
        EPISODE.replace("    choices:\n", "    choises: []\n    choices:\n"),
        ("SP007", "one.yaml", 6, 5, "`choises` is not a key of a scene",
         "did you mean `choices`?")),
    "bad-enum": (
        EPISODE.replace("prompts: [Why?]", "prompts: [Why?]\n      tone: sad"),
        ("SP010", "one.yaml", 23, 13, "`sad` is not one of: hopeful, bleak, mixed", "")),
    "unknown-scene": (
        EPISODE.replace("goto: done\n      - text: Fast", "goto: dnoe\n      - text: Fast"),
        ("SP011", "one.yaml", 11, 15, "`goto` names the scene `dnoe`, which does not exist",
         "did you mean `done`?")),
    "condition-syntax": (
        EPISODE.replace("if: cash >= 5", "if: cash => 5"),
        ("SP015", "one.yaml", 8, 18, "unexpected character '='", "write `>=`")),
    "text-syntax": (
        EPISODE.replace("Hello {maya}.", "Hello {if cash > 3}rich."),
        ("SP016", "one.yaml", 5, 17, "this `{if ...}` is never closed",
         "add `{end}` after its text")),
    "undefined-variable": (
        EPISODE.replace("if: cash >= 5", "if: cahs >= 5"),
        ("SP017", "one.yaml", 8, 13, "`cahs` is read here but nothing declares or sets it",
         "did you mean `cash`?")),
    "unknown-character": (
        EPISODE.replace("          - add: {cash: -5}",
                        "          - rate: {by: mya, stars: 5}\n          - add: {cash: -5}"),
        ("SP012", "one.yaml", 10, 24, "no character `mya` in pack.yaml",
         "did you mean `maya`?")),
    "tag-refused": (
        EPISODE.replace("text: Done.", "text: !!python/object/apply:os.system ['true']"),
        ("SP004", "one.yaml", 18, 11,
         "the YAML tag `!!python/object/apply:os.system` is not allowed in a pack",
         "remove the tag; packs hold plain values only")),
    "missing-key": (
        EPISODE.replace("      debrief: It ended.\n", ""),
        ("SP009", "one.yaml", 20, 7, "an ending needs `debrief`",
         "`debrief`: what the system recorded, what really happened")),
    "scene-shape": (
        EPISODE.replace("    text: Done.\n", "    text: Done.\n    goto: start\n"),
        ("SP021", "one.yaml", 20, 5, "the scene `done` has both `goto` and `ending`",
         "a scene has exactly one of `choices`, `goto` or `ending`")),
    "bad-path": (
        EPISODE.replace("    text: Done.\n", "    text: Done.\n    image: ../../etc/passwd\n"),
        ("SP019", "one.yaml", 19, 12, "the image path `../../etc/passwd` leaves the pack folder",
         "use a path inside the pack, relative to pack.yaml, with `/`")),
    "missing-image": (
        EPISODE.replace("    text: Done.\n", "    text: Done.\n    image: art/none.png\n"),
        ("SP019", "one.yaml", 19, 12, "the image `art/none.png` does not exist in the pack", "")),
    "unknown-tier": (
        EPISODE.replace("if: score >= 4.5", "if: tier >= 'gold'"),
        ("SP014", "one.yaml", 13, 22, "there is no tier `gold`", "tiers: low, mid, high")),
    "unknown-category": (
        EPISODE.replace("          - add: {cash: -5}",
                        "          - add: {cash: -5}\n"
                        "          - record: {category: helth, impact: -1, saw: x}"),
        ("SP013", "one.yaml", 11, 32, "the regime has no category `helth`",
         "categories: conduct")),
    "wrong-type": (
        EPISODE.replace("add: {cash: -5}", "add: {cash: lots}"),
        ("SP008", "one.yaml", 10, 25, "expected a number, found `lots`", "write digits, e.g. 4.2")),
    "out-of-range": (
        EPISODE.replace("          - add: {cash: -5}",
                        "          - add: {cash: -5}\n          - rate: {by: maya, stars: 7}"),
        ("SP010", "one.yaml", 11, 37, "7 is outside the allowed range 1 to 5",
         "use a number from 1 to 5")),
    "text-is-a-mapping": (
        EPISODE.replace("title: The End", "title: {The End}"),
        ("SP008", "one.yaml", 20, 14, "expected text, found a mapping",
         "a colon followed by a space starts a mapping; put the text in quotes or use a block "
         "scalar (`|`)")),
    "unused-variable": (
        EPISODE.replace("          - add: {cash: -5}",
                        "          - add: {cash: -5}\n          - set: {met_maya: true}"),
        ("SP025", "one.yaml", 11, 19, "`met_maya` is set but never read",
         "read it in a condition or text, or remove it")),
}


@pytest.mark.parametrize("name", list(CASES))
def test_each_error_has_code_position_message_and_hint(tmp_path, name):
    body, want = CASES[name]
    assert only(with_episode(tmp_path, body)) == want


def test_errors_are_formatted_with_the_source_line_and_a_caret(tmp_path):
    folder = with_episode(tmp_path, CASES["unknown-scene"][0])
    text = diags(folder)[0].format()
    assert text.endswith(
        "one.yaml:11:15: error[SP011]: `goto` names the scene `dnoe`, which does not exist\n"
        "   11 |         goto: dnoe\n"
        "      |               ^\n"
        "  hint: did you mean `done`?")


def test_all_problems_are_reported_in_one_run(tmp_path):
    body = (EPISODE.replace("if: cash >= 5", "if: cahs >= 5")
            .replace("goto: done\n      - text: Fast", "goto: dnoe\n      - text: Fast")
            .replace("    choices:\n", "    choises: []\n    choices:\n"))
    codes = sorted(d.code for d in diags(with_episode(tmp_path, body)))
    assert codes == ["SP007", "SP011", "SP017"]


def test_a_broken_definition_does_not_cascade_into_reference_errors(tmp_path):
    codes = [d.code for d in diags(with_episode(tmp_path, CASES["tag-refused"][0]))]
    assert codes == ["SP004"]  # the scene `done` is broken, not missing


def test_condition_error_inside_block_text_points_into_the_block(tmp_path):
    body = EPISODE.replace("    text: Hello {maya}. You have {cash} coins.\n",
                           "    text: |\n      Hello.\n      {if cash >> 3}Rich.{end}\n")
    assert only(with_episode(tmp_path, body))[:4] == ("SP016", "one.yaml", 7, 17)


def test_not_utf8(tmp_path):
    folder = with_episode(tmp_path, EPISODE)
    (folder / "one.yaml").write_bytes(EPISODE.encode().replace(b"Hello", b"H\xe9llo"))
    assert only(folder) == ("SP002", "one.yaml", 5, 12, "byte 0xE9 is not UTF-8 text",
                            "save the file as UTF-8 in your editor")


def test_oversize_file_is_refused_before_parsing(tmp_path):
    folder = with_episode(tmp_path, EPISODE)
    (folder / "big.yaml").write_bytes(b"# " + b"x" * MAX_FILE_BYTES + b"\n")
    code, file, *_ = only(folder, "SP003")
    assert (code, file) == ("SP003", "big.yaml")


def test_alias_bomb_is_refused(tmp_path):
    # 200 scenes x 200 choices x 200 effects through aliases: 8 million values from 1,000 lines.
    # How fast it is refused is measured in bench/hostile_loader.py.
    folder = nested_alias_bomb(tmp_path / "p")
    assert only(folder) == ("SP005", "one.yaml", 4, 7, "aliases of this value would make the "
                            "pack 40,683,383 values larger (the limit is 100,000 for a whole "
                            "pack)", "write the values out instead of repeating aliases")


def test_duplicate_scene_ids_across_files(tmp_path):
    two = "episode: two\ntitle: Two\nscenes:\n  done:\n    text: x\n    goto: start\n"
    folder = write_pack(tmp_path / "p", episodes={"one.yaml": EPISODE, "two.yaml": two})
    d = [x for x in diags(folder) if x.code == "SP018"][0]
    assert (d.file.rsplit("/", 1)[-1], d.line) == ("two.yaml", 4)
    assert d.message.startswith("the scene `done` is also declared in ")


def test_episode_list_must_match_the_files(tmp_path):
    pack = PACK_YAML + "episodes: [one, two]\n"
    folder = write_pack(tmp_path / "p", pack=pack)
    assert only(folder)[:5] == ("SP020", "pack.yaml", 18, 17,
                                "no episode file declares `episode: two`")


def test_newer_format_is_refused_with_advice(tmp_path):
    folder = write_pack(tmp_path / "p", pack=PACK_YAML.replace("format: 1", "format: 2"))
    assert only(folder) == ("SP026", "pack.yaml", 1, 9, "this pack uses format 2; this "
                            "Standing reads format 1", "update Standing, or set `format: 1` "
                            "if the pack needs nothing newer")


def test_not_a_pack(tmp_path):
    (tmp_path / "empty").mkdir()
    d = diags(tmp_path / "empty")
    assert [x.code for x in d] == ["SP027"] and d[0].message == "this folder has no pack.yaml"
    assert [x.code for x in diags(tmp_path / "missing")] == ["SP027"]


def test_variable_clashing_with_a_character(tmp_path):
    folder = write_pack(tmp_path / "p", pack=PACK_YAML + "  maya: 3\n")
    assert only(folder, "SP028")[4] == "the variable `maya` clashes with a character's id"


def test_yaml_1_1_booleans_do_not_eat_titles(tmp_path):
    folder = write_pack(tmp_path / "p", pack=PACK_YAML.replace("title: Mini", "title: no"))
    r = load_pack(str(folder))
    assert r.ok and r.pack.info.title == "no"


def test_yes_is_not_a_boolean(tmp_path):
    pack = PACK_YAML.replace("  jun: {name: Jun Park, score: 3.1, friend: true}",
                             "  jun: {name: Jun Park, score: 3.1, friend: yes}")
    assert only(write_pack(tmp_path / "p", pack=pack))[4:] == (
        "expected true or false, found `yes`", "write `true` or `false`")


def test_python_tag_in_pack_yaml_never_runs(tmp_path):
    marker = tmp_path / "pwned"
    pack = PACK_YAML.replace("title: Mini",
                             f"title: !!python/object/apply:os.system ['touch {marker}']")
    assert only(write_pack(tmp_path / "p", pack=pack))[0] == "SP004"
    assert not marker.exists()


def test_dead_end_loop_and_unreachable_scene(tmp_path):
    body = EPISODE + textwrap.indent(textwrap.dedent("""\
        lost:
          text: Nobody comes here.
          goto: loop
        loop:
          text: Round and round.
          goto: lost
        """), "  ")
    got = sorted((d.code, d.message) for d in diags(with_episode(tmp_path, body)))
    assert got == [
        ("SP022", "no path reaches the scene `loop`"),
        ("SP022", "no path reaches the scene `lost`"),
        ("SP023", "no ending can be reached from the scene `loop`"),
        ("SP023", "no ending can be reached from the scene `lost`"),
    ]


def test_every_choice_conditional_is_a_warning(tmp_path):
    body = EPISODE.replace("      - text: Walk away\n        goto: done\n", "")
    got = [d.code for d in diags(with_episode(tmp_path, body))]
    assert got == ["SP024"]


def _choices(*gates):
    lines = ["    choices:"]
    for key, expr in gates:
        lines += ["      - text: Go", f"        {key}: {expr}", "        goto: done"]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("gates, warned", [
    ([("show_if", "a and not b"), ("show_if", "a and b"), ("show_if", "not a and b"),
      ("show_if", "not a and not b")], False),
    ([("if", "score >= 4"), ("if", "score < 4")], False),
    ([("if", "4 > score"), ("show_if", "score >= 4")], False),
    ([("if", "score >= 4"), ("if", "score < 3")], True),
    ([("show_if", "a and b"), ("show_if", "not a")], True),
    ([("if", "friend(maya) or visited(done)"), ("if", "not friend(maya)")], False),
])
def test_stuck_check_proves_complementary_conditions(tmp_path, gates, warned):
    start = EPISODE.index("    choices:")
    end = EPISODE.index("  done:")
    body = EPISODE[:start] + _choices(*gates) + EPISODE[end:]
    pack = PACK_YAML.replace("  cash: 10", "  cash: 10\n  a: false\n  b: false")
    folder = write_pack(tmp_path / "p", pack=pack, episodes={"one.yaml": body})
    codes = [d.code for d in diags(folder)]
    assert ("SP024" in codes) is warned, codes


def test_names_in_block_text_are_pointed_at_exactly(tmp_path):
    body = EPISODE.replace("    text: Hello {maya}. You have {cash} coins.\n",
                           "    text: |\n      Hello {maya}.\n      You have {cahs} coins,\n"
                           "      {if friend(maya) and mony > 2}rich{end}.\n")
    got = sorted((d.code, d.line, d.column, d.message) for d in diags(with_episode(tmp_path, body)))
    assert got == [
        ("SP017", 7, 16, "`cahs` is read here but nothing declares or sets it"),
        ("SP017", 8, 28, "`mony` is read here but nothing declares or sets it"),
    ]


def test_a_quoted_condition_points_inside_the_quotes(tmp_path):
    body = EPISODE.replace("if: cash >= 5", "if: \"cash >= 5 and cahs\"")
    assert only(with_episode(tmp_path, body))[:4] == ("SP017", "one.yaml", 8, 28)


def test_a_typo_for_score_suggests_score(tmp_path):
    body = EPISODE.replace("Hello {maya}.", "Hello {scroe}.")
    assert only(with_episode(tmp_path, body))[4:] == (
        "`scroe` is read here but nothing declares or sets it", "did you mean `score`?")


def test_a_misspelt_choices_key_is_reported_once(tmp_path):
    body = EPISODE.replace("    choices:\n", "    choises:\n")
    assert [d.code for d in diags(with_episode(tmp_path, body))] == ["SP007"]


def test_a_broken_character_does_not_cascade_into_text(tmp_path):
    pack = PACK_YAML.replace("maya: {name: Maya Okafor, score: 4.8}",
                             "maya: {name: Maya Okafor, score: high}")
    body = EPISODE.replace("Hello {maya}.", "Hello {maya}, {maya.score}.")
    folder = write_pack(tmp_path / "p", pack=pack, episodes={"one.yaml": body})
    assert [d.code for d in diags(folder)] == ["SP008"]


def test_a_missing_pack_folder_has_no_zero_position(tmp_path):
    d = diags(tmp_path / "nope")[0]
    assert d.format().startswith(f"{tmp_path / 'nope'}: error[SP027]")


@pytest.mark.parametrize("body", [
    "x: " + "[" * 30000 + "]" * 30000 + "\n",
    "x:\n" + "- " * 5000 + "a\n",
])
def test_deep_nesting_is_refused_before_it_can_crash_the_parser(tmp_path, body):
    got = [(d.code, d.message) for d in diags(with_episode(tmp_path, body))]
    assert got == [("SP003", "the values here are nested more than 200 levels deep")]


@pytest.mark.parametrize("snippet, message", [
    ("variables:\n  big: " + "9" * 5000, "is too large a number"),
    ("variables:\n  big: " + "9" * 400, "is too large a number"),  # an int, past a float
    ("variables:\n  big: .nan", None),
    ("  association: nan", "is not a finite number"),
    ("  association: 1e999", "is not a finite number"),
    ("  association: " + "9" * 400, "is not a finite number"),
])
def test_huge_and_non_finite_numbers_are_diagnosed(tmp_path, snippet, message):
    pack = PACK_YAML.replace("variables:\n  cash: 10\n", "variables:\n  cash: 10\n") + \
        (snippet.replace("variables:\n", "") if snippet.startswith("variables") else "")
    if snippet.startswith("  association"):
        pack = PACK_YAML.replace("  association: 0.2", snippet)
    r = load_pack(str(write_pack(tmp_path / "p", pack=pack)))
    if message is None:
        assert r.ok and r.pack.variables["big"] == ".nan"  # not a number: stays text
    else:
        assert any(message in d.message for d in r.errors), [d.message for d in r.diagnostics]


def test_absurd_conditions_are_diagnosed_not_raised(tmp_path):
    for cond in ["(" * 400 + "cash" + ")" * 400, "cash > " + "9" * 5000,
                 " + ".join(["cash"] * 1500) + " > 1"]:
        body = EPISODE.replace("if: cash >= 5", f"if: {cond}")
        r = load_pack(str(with_episode(tmp_path / str(len(cond)), body)))
        assert r.errors and r.errors[0].code == ("SP031" if len(cond) > 2000 else "SP015")


def test_ids_must_start_with_a_letter_and_have_no_trailing_newline(tmp_path):
    body = EPISODE.replace("  done:\n", "  _done:\n").replace("goto: done", "goto: _done")
    assert "SP010" in [d.code for d in diags(with_episode(tmp_path, body))]
    pack = PACK_YAML.replace("id: mini", 'id: "mini\\n"')
    assert "SP010" in [d.code for d in diags(write_pack(tmp_path / "q", pack=pack))]


def test_comparing_the_score_with_text_is_an_error(tmp_path):
    body = EPISODE.replace("if: score >= 4.5", "if: score >= 'high'")
    assert only(with_episode(tmp_path, body))[0::4] == (
        "SP008", "`score` is a number, but it is compared with the text 'high'")


def test_a_name_in_folded_text_is_found_on_its_own_line(tmp_path):
    body = EPISODE.replace("    text: Hello {maya}. You have {cash} coins.\n",
                           "    text: >\n      Hello {maya}.\n      You have\n      {cassh} coins.\n")
    assert only(with_episode(tmp_path, body))[:4] == ("SP017", "one.yaml", 8, 7)
