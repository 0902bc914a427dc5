"""The number patterns of the pack spec and the plan reader, rewritten to run in linear time,
accept exactly what the old backtracking patterns accepted (issue 14 §4). Their speed on long
runs is measured in bench/hostile_loader.py, not here."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from game.packs import load_pack
from game.packs.plans import _CMP
from game.packs.spec import _NUMBER
from packutil import EPISODE, PACK_YAML, write_pack

OLD_NUMBER = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")
OLD_CMP = re.compile(r"\s*(>=|<=|==|!=|>|<|=)?\s*([-+]?(?:\d+\.?\d*|\.\d+))\s*")

numberish = st.text(alphabet="0123456789.eE+-x", max_size=12)
comparison = st.text(alphabet="0123456789.+- \t<>=!x", max_size=12)


@settings(max_examples=2000)
@given(numberish)
def test_the_number_pattern_accepts_what_it_did(text):
    assert bool(_NUMBER.fullmatch(text)) == bool(OLD_NUMBER.match(text))


@settings(max_examples=2000)
@given(comparison)
def test_the_score_comparison_reads_what_it_did(text):
    new, old = _CMP.fullmatch(text), OLD_CMP.fullmatch(text)
    assert bool(new) == bool(old)
    if new and old:
        assert (new.group(1), new.group(2)) == (old.group(1), old.group(2))


def test_a_long_unquoted_run_of_digits_and_a_letter_is_text_too_long_for_a_value(tmp_path):
    pack = PACK_YAML.replace("  cash: 10", "  cash: 10\n  code: " + "1" * 20_000 + "x")
    r = load_pack(str(write_pack(tmp_path / "p", pack, {"one.yaml": EPISODE})))
    assert [d.code for d in r.errors] == ["SP031"]  # text over the length cap, not a number
