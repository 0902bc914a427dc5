"""`standing playtest PATH`: random or exhaustive playthroughs, a coverage summary, CI exit codes.

Exit codes: 0 when nothing is wrong; 1 when a run hit a runtime error, a dead end or the step
limit, or an ending was never reached (each relaxable except errors); 2 when the pack does not
load or the arguments are wrong. With --plans, the pack's story test plans (plans.yaml) run
instead: 1 when a plan fails, 2 when the plan file is broken.
"""
from __future__ import annotations

import argparse
import json
import sys
import traceback
from dataclasses import dataclass
from typing import Iterator, List, Sequence

from ..engine.conditions import unparse
from ..engine.model import Pack
from ..engine.runtime import Runtime
from ..cli import load_for_command
from ..packs.discover import expand_paths
from ..packs.playtest import (MAX_STATES, MAX_STEPS, NEXT, ChoiceRef, Coverage, Problem,
                              explore, parse_replay, random_playtest)
from ..text.play import announce  # the terminal front end's wording for events
from ..engine.text import plain

EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2
SHOW_PATH = 200  # longer reproduction paths are printed in --json output only


def register(sub) -> None:
    p = sub.add_parser(
        "playtest", help="play a pack many times and report coverage and problems",
        description="Play a pack through the real runtime: random runs (default) or an "
        "exhaustive search of every state. Reports scenes never visited, choices never "
        "available or taken, endings reached with their score range, and every runtime error "
        "or dead end with the seed and choices that reproduce it. Exit 0 when clean, 1 on "
        "problems, 2 when the pack does not load.")
    p.add_argument("path", metavar="PATH", help="a pack folder or .zip (with --plans, also a "
                   "folder of packs such as story/)")
    p.add_argument("--runs", type=_positive, default=1000, help="random runs (default 1000)")
    p.add_argument("--seed", type=int, default=0, help="seed for the runs (default 0)")
    p.add_argument("--max-steps", type=_positive, default=MAX_STEPS,
                   help=f"choices per run before it counts as stuck (default {MAX_STEPS})")
    p.add_argument("--exhaustive", action="store_true",
                   help="explore every distinct state instead of random runs")
    p.add_argument("--max-states", type=_positive, default=MAX_STATES,
                   help=f"bound for --exhaustive (default {MAX_STATES})")
    p.add_argument("--prove", action="store_true",
                   help="answer reachability, locked choices and dead ends by a proof search "
                   "that merges equivalent states (what --exhaustive falls back to when a pack "
                   "has too many states); says which answers are proofs")
    p.add_argument("--replay", metavar="SEED:N,N,...",
                   help="replay one run verbosely, e.g. 42:1,2,1 (choice numbers as in "
                   "play --text; 0 begins the next episode)")
    p.add_argument("--plans", action="store_true",
                   help="run the pack's story test plans (plans.yaml) instead of random runs")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--allow-unreached", action="store_true",
                   help="do not fail when an ending is never reached")
    p.add_argument("--allow-dead-ends", action="store_true",
                   help="do not fail on dead ends or runs that hit --max-steps")
    p.add_argument("--strict", action="store_true",
                   help="also fail on scenes never visited and choices never available")
    p.set_defaults(run=run)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def run(args: argparse.Namespace) -> int:
    if args.plans:
        return run_plans(args.path, args.json)
    pack = load_for_command(args.path, "playtesting")
    if pack is None:
        return EXIT_UNUSABLE
    if args.replay:
        return _replay(pack, args.replay)
    if args.prove:
        return _prove(pack, args, None)
    cov = explore(pack, args.max_states, args.seed) if args.exhaustive else \
        random_playtest(pack, args.runs, args.seed, args.max_steps)
    if args.exhaustive and not cov.complete and not cov.by_kind("error"):
        return _prove(pack, args, cov)  # too many states to enumerate: prove instead
    failures = failures_of(cov, args)
    if args.json:
        data = cov.to_json()
        data.update(path=args.path, ok=not failures, failures=failures)
        json.dump(data, sys.stdout, indent=2)
        print()
    else:
        print(summary(cov, args.path))
        print(("FAIL: " + "; ".join(failures)) if failures else "PASS")
    return EXIT_PROBLEMS if failures else EXIT_OK


def _prove(pack: Pack, args: argparse.Namespace, cut: "Coverage | None") -> int:
    from ..packs import proof_summary
    from ..packs.prove import prove
    proof = prove(pack)
    failures = proof_summary.failures(proof, args.allow_unreached, args.allow_dead_ends,
                                      args.strict)
    if args.json:
        data = proof_summary.to_json(proof)
        data.update(path=args.path, mode="prove", ok=not failures, failures=failures)
        json.dump(data, sys.stdout, indent=2)
        print()
        return EXIT_PROBLEMS if failures else EXIT_OK
    if cut is not None:
        print(f"{args.path}: exhaustive search cut off after {cut.states} distinct states; "
              "answering by proof search instead")
    print(proof_summary.summary(proof, args.path))
    print(("FAIL: " + "; ".join(failures)) if failures else "PASS")
    return EXIT_PROBLEMS if failures else EXIT_OK


def failures_of(cov: Coverage, args: argparse.Namespace) -> List[str]:
    """What makes this run fail, given the relaxing switches."""
    out = []
    errors = cov.by_kind("error")
    if errors:
        out.append(_count(len(errors), "runtime error"))
    if not args.allow_dead_ends:
        stuck = cov.by_kind("dead-end") + cov.by_kind("step-limit")
        if stuck:
            out.append(_count(len(stuck), "dead end"))
    if not args.allow_unreached and cov.unreached():
        out.append(_count(len(cov.unreached()), "unreached ending"))
    if args.strict:
        if cov.unvisited():
            out.append(_count(len(cov.unvisited()), "scene") + " never visited")
        if cov.never_available():
            out.append(_count(len(cov.never_available()), "choice") + " never available")
    return out


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


# ---- the summary ---------------------------------------------------------------------------

def summary(cov: Coverage, path: str) -> str:
    lines = [_headline(cov, path)]
    lines += [f"  note: {n}" for n in cov.notes]
    lines += _scenes(cov) + _choices(cov) + _endings(cov) + _problems(cov, path)
    return "\n".join(lines)


def _headline(cov: Coverage, path: str) -> str:
    if cov.mode == "random":
        return f"{path}: {cov.runs} random runs from seed {cov.seed}, {cov.steps} choices"
    state = "complete" if cov.complete else "incomplete"
    return f"{path}: exhaustive search, {cov.states} distinct states ({state})"


def _scenes(cov: Coverage) -> List[str]:
    total, missing = len(cov.pack.scenes), cov.unvisited()
    word = "reachable" if cov.mode == "exhaustive" else "visited"
    lines = [f"  scenes    {total - len(missing)}/{total} {word}"]
    if missing:
        label = "unreachable" if cov.mode == "exhaustive" and cov.complete else "never visited"
        lines.append(f"            {label}: " + ", ".join(missing))
    return lines


def _choices(cov: Coverage) -> List[str]:
    refs = cov.all_choices()
    taken = sum(1 for c in refs if cov.taken[c])
    lines = [f"  choices   {taken}/{len(refs)} taken"]
    for ref in cov.never_available():
        lines.append("            never available: " + _describe(cov, ref))
    for ref in cov.never_taken():
        lines.append("            available, never taken: " + _describe(cov, ref))
    return lines


def _describe(cov: Coverage, ref: ChoiceRef) -> str:
    c = cov.choice(ref)
    cond = [f"if {unparse(c.condition)}"] if c.condition is not None else []
    cond += [f"show_if {unparse(c.show_if)}"] if c.show_if is not None else []
    extra = f" [{'; '.join(cond)}]" if cond else ""
    return f"`{ref[0]}` choice {ref[1] + 1} \"{c.text.source}\"{extra} ({c.pos})"


def _endings(cov: Coverage) -> List[str]:
    fmt = cov.pack.regime.scale.fmt
    stats = list(cov.endings.values())
    reached = sum(1 for e in stats if e.count)
    lines = [f"  endings   {reached}/{len(stats)} reached"]
    unit = "runs" if cov.mode == "random" else "states"
    width = max((len(e.scene) for e in stats), default=0)
    title_width = max((len(e.title) for e in stats), default=0) + 2
    for e in stats:
        quoted = f"\"{e.title}\""
        head = f"            {e.scene:<{width}}  {quoted:<{title_width}}"
        if not e.count:
            lines.append(f"{head}  {_missing(cov)}")
            continue
        lines.append(f"{head}  {e.count} {unit}, score {fmt(e.min_score)} to "
                     f"{fmt(e.max_score)}, shortest {sum(1 for n in e.path or () if n)} "
                     f"choices ({_path_text(e.seed, e.path or (), e.replayable)})")
    return lines


def _missing(cov: Coverage) -> str:
    if cov.mode == "random":
        return f"NOT REACHED in {cov.runs} runs"
    return "UNREACHABLE (proved)" if cov.complete else "NOT FOUND (the search was cut off)"


def _problems(cov: Coverage, path: str) -> List[str]:
    problems = list(cov.problems.values())
    if not problems:
        return ["  problems  none"]
    unit = "run" if cov.mode == "random" else "path"
    lines = [f"  problems  {len(problems)}"]
    for p in problems:
        times = f"{p.count} {unit}{'s' if p.count != 1 else ''}"
        lines.append(f"    {p.kind} at `{p.scene}` ({times}): {p.message}")
        if p.detail:
            lines.append(f"      raised at {p.detail}")
        lines.append(f"      reproduce: {_reproduce(p, path)}")
    return lines


def _reproduce(p: Problem, path: str) -> str:
    if len(p.path) > SHOW_PATH:
        return f"a path of {len(p.path)} choices from seed {p.seed} (see --json)"
    return f"standing playtest {path} --replay {p.replay}" + \
        ("" if p.replayable else "  (the path depends on dice rolls; results may differ)")


def _path_text(seed: int, moves: Sequence[int], replayable: bool) -> str:
    if len(moves) > SHOW_PATH:
        return f"{len(moves)} moves, see --json"
    spec = f"--replay {seed}:" + ",".join(str(n) for n in moves)
    return spec if replayable else spec + ", depends on dice rolls"


# ---- replay --------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReplayStep:
    """One part of a verbose replay."""
    kind: str  # passage | choice | choose | event | ending | stop | error
    text: str


def replay(pack: Pack, seed: int, path: Sequence[int]) -> Iterator[ReplayStep]:
    """Walk `path` from the start with `seed`, saying everything that happens.

    As in `play_path`, a choice number given at an ending begins the next episode first."""
    try:
        rt = Runtime.start(pack, seed=seed)
    except Exception:
        yield ReplayStep("error", traceback.format_exc())
        return
    yield from _show(rt)
    for i, n in enumerate(path, 1):
        if n != NEXT and rt.ending is not None and rt.next_episode is not None:
            yield from _events(rt, rt.begin_next_episode())
            yield from _show(rt)
        stop = _refuse(rt, n)
        if stop:
            yield ReplayStep("stop", f"step {i}: {stop}")
            return
        if n != NEXT:
            yield ReplayStep("choose", f"> {n}. {rt.choices[n - 1].text}")
        try:
            events = rt.begin_next_episode() if n == NEXT else rt.choose(n - 1)
        except Exception:
            yield ReplayStep("error", f"step {i} raised:\n{traceback.format_exc()}")
            return
        yield from _events(rt, events)
        yield from _show(rt)
    yield from _final(rt)


def _refuse(rt: Runtime, n: int) -> str:
    """Why move `n` cannot be taken here, or "" when it can."""
    if n == NEXT:
        return "" if rt.next_episode is not None else \
            "0 begins the next episode, but this scene is not an ending with one"
    views = rt.choices
    if not 1 <= n <= len(views):
        return f"there is no choice {n} at `{rt.scene.id}` (there are {len(views)})"
    if not views[n - 1].available:
        return f"choice {n} at `{rt.scene.id}` is locked: {views[n - 1].reason}"
    return ""


def _events(rt: Runtime, events: list) -> Iterator[ReplayStep]:
    for e in events:
        line = announce(e, rt)
        if line and line.strip():
            yield ReplayStep("event", "  " + line.strip())


def _show(rt: Runtime) -> Iterator[ReplayStep]:
    p = rt.passage
    who = f"{p.speaker_name}: " if p.speaker_name else ""
    yield ReplayStep("passage", f"[{p.scene}] ({rt.score_text}, {rt.tier.name}) {who}{p.text}")
    if p.ending is None:
        for v in rt.choices:
            lock = "" if v.available else f" (locked: {v.reason})"
            yield ReplayStep("choice", f"  {v.index + 1}. {v.text}{lock}")


def _final(rt: Runtime) -> Iterator[ReplayStep]:
    if rt.ending is not None:
        nxt = rt.next_episode
        more = f"; next episode `{nxt.id}` (0 begins it)" if nxt else ""
        yield ReplayStep("ending", f"ending `{rt.scene.id}` \"{rt.ending.title}\" with score "
                         f"{rt.score_text}{more}")
    elif not any(v.available for v in rt.choices):
        yield ReplayStep("stop", f"dead end at `{rt.scene.id}`: no choice is available")
    else:
        yield ReplayStep("stop", f"the path stops at `{rt.scene.id}`, before any ending")


def _replay(pack: Pack, spec: str) -> int:
    try:
        seed, moves = parse_replay(spec)
    except ValueError as e:
        print(f"--replay: {e}", file=sys.stderr)
        return EXIT_UNUSABLE
    status = EXIT_OK
    for step in replay(pack, seed, moves):
        if step.kind == "passage":
            print()
        print(plain(step.text))  # like `play --text`: no emphasis asterisks
        if step.kind in ("error", "stop"):
            status = EXIT_PROBLEMS
    return status


# ---- story test plans ----------------------------------------------------------------------

def run_plans(path: str, as_json: bool) -> int:
    """Run the plans of each pack under `path`; 1 if a plan fails, 2 if a pack or plan file is
    broken (after running every pack that is not)."""
    status, out = EXIT_OK, []
    for one in expand_paths([path]):
        code, data = _plans_of(one, quiet=as_json)
        status = max(status, code)
        out.append(data)
    if as_json:
        json.dump({"packs": out, "ok": status == EXIT_OK}, sys.stdout, indent=2)
        print()
    return status


def _plans_of(path: str, quiet: bool):
    from ..packs import load_pack
    from ..packs.plans import read_plans, run_plans as run_all
    result = load_pack(path)
    data: dict = {"path": path, "plans": [], "diagnostics": []}
    if not result.ok or result.source is None:
        data["diagnostics"] = [d.to_json() for d in result.errors]
        _say(quiet, *[d.format() + "\n" for d in result.errors],
             f"{path}: fix these errors before running its plans (`standing validate {path}`)")
        return EXIT_UNUSABLE, data
    plans, diags = read_plans(result.source)
    data["diagnostics"] = [d.to_json() for d in diags]
    if any(d.is_error for d in diags):
        _say(quiet, *[d.format() + "\n" for d in diags], f"{path}: the plan file is broken")
        return EXIT_UNUSABLE, data
    if not plans:
        _say(quiet, f"{path}: no plans.yaml (nothing to run)")
        return EXIT_OK, data
    results = run_all(result.pack, plans)
    for r in results:
        data["plans"].append({"name": r.plan.name, "ok": r.ok, "path": r.path,
                              "failures": [f.to_json() for f in r.failures]})
        _say(quiet, f"  {'pass' if r.ok else 'FAIL'}  {r.plan.name}",
             *[f"        {f.format()}" for f in r.failures])
    failed = sum(1 for r in results if not r.ok)
    _say(quiet, f"{path}: {len(results) - failed}/{len(results)} plans pass"
         + ("" if not failed else f"; FAIL: {_count(failed, 'plan')} failed"))
    return (EXIT_PROBLEMS if failed else EXIT_OK), data


def _say(quiet: bool, *lines: str) -> None:
    if not quiet:
        print("\n".join(lines))
