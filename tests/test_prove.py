"""The prover (game/packs/prove.py, absscore.py, abscond.py): merged states, score intervals,
and answers that say whether they are proofs."""
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from packutil import write_pack
from game.engine import Runtime
from game.engine.effects import apply
from game.engine.model import Rate, Record, Shift
from game.packs import load_pack
from game.packs.absscore import ScoreBox
from game.packs.prove import live_reads, prove
from game.packs.proof_summary import summary
from test_playtest import DEAD_END, ENDING, LOCKED_VAULT, pack_with


def test_a_locked_choice_that_never_opens_is_proved_so(tmp_path):
    proof = prove(pack_with(tmp_path, LOCKED_VAULT))
    assert proof.complete and proof.all_proved
    lock = proof.locks[("start", 0)]
    assert (lock.verdict, lock.proved, lock.how) == ("never", True, "search")
    assert proof.scenes["vault"].verdict == "unreachable" and proof.scenes["vault"].proved
    desk = proof.scenes["desk"]
    assert (desk.verdict, desk.proved, desk.path) == ("reachable", True, (2,))


def test_a_dead_end_is_proved_with_a_path_that_reproduces_it(tmp_path):
    proof = prove(pack_with(tmp_path, DEAD_END))
    [stuck] = proof.dead_ends
    assert stuck.proved and stuck.path == (1, 1) and stuck.how == "replayed"
    assert not proof.maybe_dead_ends


def _chain(days: int, last_if: str) -> str:
    """`days` scenes of two choices each (a 5-star or a 1-star rating, and a flag nobody
    reads): 2**days paths, but one merged state per scene."""
    out = []
    for d in range(days):
        nxt = f"d{d + 1}" if d + 1 < days else "gate"
        out.append(f"""\
  d{d}:
    text: Day {d}.
    choices:
      - text: Frown
        effects:
          - rate: {{by: maya, stars: 1}}
        goto: {nxt}
      - text: Smile
        effects:
          - rate: {{by: maya, stars: 5}}
          - set: {{smiled_{d}: true}}
        goto: {nxt}
""")
    out.append(f"""\
  gate:
    text: The gate.
    choices:
      - text: The fast lane
        if: {last_if}
        goto: fast
      - text: The queue
        goto: slow
  fast:
    text: Fast.
""" + ENDING.format(title="Fast") + """\
  slow:
    text: Slow.
""" + ENDING.format(title="Slow"))
    return "".join(out)


def test_states_that_differ_only_in_what_nothing_reads_merge(tmp_path):
    pack = pack_with(tmp_path, _chain(40, "score >= 1.5"))  # 2**40 paths
    proof = prove(pack)
    assert proof.complete and proof.states <= 2 * 40 + 4
    assert proof.scenes["fast"].verdict == "reachable" and proof.scenes["fast"].proved


def test_an_interval_that_straddles_a_threshold_is_said_to_be_a_maybe(tmp_path):
    # Only 40 smiles in a row reach 4.4 (4.446): the interval allows it, no sampled run finds it,
    # and the answer says it is not a proof.
    pack = pack_with(tmp_path, _chain(40, "score >= 4.4"))
    proof = prove(pack, sample_runs=50)
    lock = proof.locks[("gate", 0)]
    assert (lock.verdict, lock.proved, lock.how) == ("maybe", False, "over-approximation")
    assert not proof.all_proved
    text = summary(proof, "p")
    assert "MAY open (over-approximation, no run found)" in text
    assert "answers marked MAY are over-approximations, not proofs" in text


def test_liveness_keeps_only_what_a_later_condition_reads(tmp_path):
    scenes = """\
  a:
    text: A.
    effects:
      - set: {flag: true, cash: 3}
    goto: b
  b:
    text: B.
    effects:
      - set: {flag: false}
    choices:
      - text: On
        if: flag and cash > 1
        goto: c
      - text: Off
        goto: c
  c:
    text: C.
""" + ENDING.format(title="C")
    live = live_reads(pack_with(tmp_path, scenes))
    assert live["b"] == {"flag", "cash"}
    assert live["a"] == {"cash"}  # b sets flag on entry before anything reads it
    assert live["c"] == frozenset()


def test_cli_prove_says_which_answers_are_proofs(tmp_path):
    folder = write_pack(tmp_path / "p", episodes={"one.yaml": "episode: one\ntitle: One\n"
                                                  "scenes:\n" + DEAD_END})
    r = subprocess.run([sys.executable, "-m", "game", "playtest", str(folder), "--prove"],
                       cwd=ROOT, capture_output=True, text=True,
                       env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert r.returncode == 1, r.stderr
    assert "dead ends 1 proved, 0 possible" in r.stdout
    assert "dead end (proved): --replay 0:1,1" in r.stdout
    assert "FAIL: 1 dead end" in r.stdout


# ---- the intervals are sound --------------------------------------------------------------

EFFECTS = st.one_of(
    st.builds(Rate, stars=st.floats(1, 5), by=st.sampled_from(["maya", "jun", None]),
              rater=st.one_of(st.none(), st.floats(1, 5)), count=st.integers(1, 30)),
    st.builds(Record, category=st.just("conduct"), impact=st.floats(-1, 1), saw=st.just("x"),
              permanent=st.booleans()),
    st.builds(lambda who, d: Shift(((who, d),)), st.sampled_from(["maya", "jun"]),
              st.floats(-2, 2)))


def _run(pack, effects):
    """The real score after `effects` (one choice each), and the box's interval."""
    rt = Runtime.start(pack, seed=0)
    box = ScoreBox.start(pack)
    for e in effects:
        rt.state.step += 1
        box = box.tick(pack.regime)
        apply(rt, e)
        box = _box_apply(box, pack, e)
        rt._invalidate()
    return rt.score, box, rt.state.friends


def _box_apply(box, pack, e):
    if isinstance(e, Rate):
        return box.rate(pack, e)
    if isinstance(e, Record):
        return box.record(pack.regime, e)
    return box.shift(pack.regime, e)


@settings(max_examples=150, deadline=None)
@given(st.lists(EFFECTS, max_size=12), st.lists(EFFECTS, max_size=12),
       st.lists(EFFECTS, max_size=6))
def test_every_merged_run_keeps_its_score_inside_the_interval(tmp_path_factory, one, two, tail):
    pack = load_pack(str(write_pack(tmp_path_factory.mktemp("p")))).pack
    s1, b1, friends = _run(pack, one)
    s2, b2, _ = _run(pack, two)
    for score, box in ((s1, b1), (s2, b2), (s1, b1.join(b2)), (s2, b1.join(b2))):
        lo, hi = box.score(pack.regime, friends)
        assert lo - 1e-9 <= score <= hi + 1e-9
    # and after the same continuation, from the merged box
    joined = b1.join(b2)
    for e in tail:
        joined = _box_apply(joined.tick(pack.regime), pack, e)
    lo, hi = joined.score(pack.regime, friends)
    for score, _, _ in (_run(pack, one + tail), _run(pack, two + tail)):
        assert lo - 1e-9 <= score <= hi + 1e-9


# ---- three-valued conditions --------------------------------------------------------------

def _env(score=(4.0, 4.0), tiers=(1, 1), cash=10):
    from game.packs.abscond import AbstractEnv, exact_or_range
    return AbstractEnv(lambda n: {"cash": cash, "flag": True}.get(n, False),
                       lambda n: exact_or_range(*score) if n == "score" else 0,
                       lambda fn, arg: False, {"low": 0, "mid": 1, "high": 2}.__getitem__,
                       lambda: tiers)


def test_conditions_are_decided_only_when_the_whole_interval_agrees():
    from game.engine.conditions import parse
    from game.packs.abscond import holds
    wide = _env(score=(3.9, 4.3), tiers=(1, 2))
    assert holds(parse("score >= 4.2"), wide) is None
    assert holds(parse("score >= 3.5"), wide) is True
    assert holds(parse("score > 4.3"), wide) is False
    assert holds(parse("tier >= 'mid'"), wide) is True
    assert holds(parse("tier >= 'high'"), wide) is None
    assert holds(parse("'high' > tier"), _env(tiers=(0, 1))) is True
    # Kleene: a decided side decides `and`/`or`; `not` keeps unknown unknown
    assert holds(parse("score >= 4.2 and cash > 100"), wide) is False
    assert holds(parse("score >= 4.2 or flag"), wide) is True
    assert holds(parse("not (score >= 4.2)"), wide) is None
    assert holds(parse("score * 2 >= 7.8"), wide) is True
    assert holds(parse("cash == 10 and score >= 4"), _env()) is True


# ---- agreement with the exhaustive search on packs small enough for it ---------------------

def _random_pack(seed: int) -> str:
    """Eight scenes, each choice gated on the score, the tier, cash or a flag, with ratings,
    records, cash and flags as effects; forward edges and the odd loop back."""
    import random
    rng = random.Random(seed)
    n = 8
    conds = ["score >= 4.1", "score < 3.9", "tier >= 'high'", "cash >= 12", "cash == 20",
             "cash < 8", "category(conduct) < -0.1", "visits(s1) >= 2"]
    effects = ["- rate: {by: maya, stars: 5}", "- rate: {by: jun, stars: 1}",
               "- record: {category: conduct, impact: -0.3, saw: x}",
               "- add: {cash: 3}", "- add: {cash: -4}", "- set: {cash: 20}"]
    out = []
    for i in range(n):
        out.append(f"  s{i}:\n    text: S{i}.\n    choices:\n")
        for k in range(rng.randint(1, 3)):
            back = rng.random() < 0.1  # the odd loop back
            target = f"s{rng.randint(i + 1, n - 1) if not back else max(0, i - 1)}" \
                if i < n - 1 else "end"
            target = "end" if rng.random() < 0.15 else target
            if k == 0:  # a way on, so the validator accepts the pack (it may still be locked)
                target = f"s{i + 1}" if i < n - 1 else "end"
            out.append(f"      - text: Go\n        goto: {target}\n")
            if k and rng.random() < 0.6:
                out.append(f"        if: {rng.choice(conds)}\n")
            picked = rng.sample(effects, rng.randint(0, 2))
            if picked:
                out.append("        effects:\n" + "".join(f"          {e}\n" for e in picked))
    out.append("  end:\n    text: End.\n" + ENDING.format(title="End"))
    return "".join(out)


def test_the_prover_never_contradicts_a_complete_exhaustive_search(tmp_path):
    from game.packs.playtest import explore
    checked = 0
    for seed in range(30):
        pack = pack_with(tmp_path, _random_pack(seed), name=f"p{seed}")
        cov = explore(pack, max_states=3_000)
        if not cov.complete:
            continue
        checked += 1
        proof = prove(pack, sample_runs=200)
        for sid, answer in proof.scenes.items():
            visited = bool(cov.visits[sid])
            assert answer.verdict != "unreachable" or not visited, (seed, sid)
            assert not (answer.verdict == "reachable" and answer.proved) or visited, (seed, sid)
        for ref, answer in proof.locks.items():
            opened = bool(cov.available[ref])
            assert answer.verdict != "never" or not opened, (seed, ref)
            assert answer.verdict != "opens" or opened, (seed, ref)
        stuck = {p.scene for p in cov.by_kind("dead-end")}
        assert not stuck or proof.dead_ends or proof.maybe_dead_ends, seed
    assert checked >= 15
