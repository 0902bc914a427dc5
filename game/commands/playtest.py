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
from typing import Dict, Iterator, List, Sequence, Tuple

from ..engine.conditions import unparse
from ..engine.model import Pack
from ..engine.runtime import Runtime
from ..cli import load_for_command
from ..i18n import _, ngettext, pgettext
from ..cli_argparse import positive, whole
from ..packs.diagnostics import join_clauses
from ..packs.discover import expand_paths
from ..packs.playtest import (MAX_STATES, MAX_STEPS, NEXT, ChoiceRef, Coverage, Problem,
                              explore, parse_replay, random_playtest)
from ..text.play import announce  # the terminal front end's wording for events
from ..textflow import columns
from ..engine.text import plain

EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2
SHOW_PATH = 200  # longer reproduction paths are printed in --json output only


def register(sub) -> None:
    p = sub.add_parser(
        "playtest", help=_("play a pack many times and report coverage and problems"),
        description=_("Play a pack through the real runtime: random runs (default) or an "
                      "exhaustive search of every state. Reports scenes never visited, choices "
                      "never available or taken, endings reached with their score range, and "
                      "every runtime error or dead end with the seed and choices that "
                      "reproduce it. Exit 0 when clean, 1 on problems, 2 when the pack does "
                      "not load."))
    p.add_argument("path", metavar="PATH", help=_("a pack folder or .zip (with --plans, also a "
                                                  "folder of packs such as story/)"))
    p.add_argument("--runs", type=positive("--runs"), default=1000,
                   help=_("random runs (default 1000)"))
    p.add_argument("--seed", type=whole("--seed"), default=0, help=_("seed for the runs (default 0)"))
    p.add_argument("--max-steps", type=positive("--max-steps"), default=MAX_STEPS,
                   help=_("choices per run before it counts as stuck (default {steps})").format(
                       steps=MAX_STEPS))
    p.add_argument("--exhaustive", action="store_true",
                   help=_("explore every distinct state instead of random runs"))
    p.add_argument("--max-states", type=positive("--max-states"), default=MAX_STATES,
                   help=_("bound for --exhaustive (default {states})").format(states=MAX_STATES))
    p.add_argument("--prove", action="store_true",
                   help=_("answer reachability, locked choices and dead ends by a proof search "
                          "that merges equivalent states (what --exhaustive falls back to when "
                          "a pack has too many states); says which answers are proofs"))
    p.add_argument("--replay", metavar="SEED:N,N,...",
                   help=_("replay one run verbosely, e.g. 42:1,2,1 (choice numbers as in "
                          "play --text; 0 begins the next episode)"))
    p.add_argument("--plans", action="store_true",
                   help=_("run the pack's story test plans (plans.yaml) instead of random "
                          "runs"))
    p.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    p.add_argument("--allow-unreached", action="store_true",
                   help=_("do not fail when an ending is never reached"))
    p.add_argument("--allow-dead-ends", action="store_true",
                   help=_("do not fail on dead ends or runs that hit --max-steps"))
    p.add_argument("--strict", action="store_true",
                   help=_("also fail on scenes never visited and choices never available"))
    p.set_defaults(run=run)


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
    if args.json:  # JSON is for machines: its failures stay in English
        data = cov.to_json()
        data.update(path=args.path, ok=not failures,
                    failures=[_english(what, n) for what, n in failures])
        json.dump(data, sys.stdout, indent=2)
        print()
    else:
        print(summary(cov, args.path))
        print(_verdict([_failure(what, n) for what, n in failures]))
    return EXIT_PROBLEMS if failures else EXIT_OK


def _verdict(failures: List[str]) -> str:
    # Translators: the last line of a playtest that failed; {failures} lists why, e.g.
    # "2 dead ends; 1 unreached ending".
    return _("FAIL: {failures}").format(failures=join_clauses(failures)) if failures else \
        _("PASS")


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
        print(_("{path}: exhaustive search cut off after {states} distinct states; answering "
                "by proof search instead").format(path=args.path, states=cut.states))
    print(proof_summary.summary(proof, args.path))
    print(_verdict(failures))
    return EXIT_PROBLEMS if failures else EXIT_OK


def failures_of(cov: Coverage, args: argparse.Namespace) -> List[Tuple[str, int]]:
    """What makes this run fail, given the relaxing switches: (one of FAILURES, how many)."""
    out = []
    errors = cov.by_kind("error")
    if errors:
        out.append(("runtime error", len(errors)))
    if not args.allow_dead_ends:
        stuck = cov.by_kind("dead-end") + cov.by_kind("step-limit")
        if stuck:
            out.append(("dead end", len(stuck)))
    if not args.allow_unreached and cov.unreached():
        out.append(("unreached ending", len(cov.unreached())))
    if args.strict:
        if cov.unvisited():
            out.append(("scene never visited", len(cov.unvisited())))
        if cov.never_available():
            out.append(("choice never available", len(cov.never_available())))
    return out


def _english(what: str, n: int) -> str:
    """A failure as the --json output names it: "2 dead ends", "1 scene never visited"."""
    noun, _space, rest = what.partition(" never ")
    return _count(n, noun) + (f" never {rest}" if rest else "")


def _failure(what: str, n: int) -> str:
    """A failure in the reader's language."""
    if what == "runtime error":
        return ngettext("{n} runtime error", "{n} runtime errors", n).format(n=n)
    if what == "dead end":
        return ngettext("{n} dead end", "{n} dead ends", n).format(n=n)
    if what == "unreached ending":
        return ngettext("{n} unreached ending", "{n} unreached endings", n).format(n=n)
    if what == "scene never visited":
        return ngettext("{n} scene never visited", "{n} scenes never visited", n).format(n=n)
    return ngettext("{n} choice never available", "{n} choices never available", n).format(n=n)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


# ---- the summary ---------------------------------------------------------------------------

def summary(cov: Coverage, path: str) -> str:
    lines = [_headline(cov, path)]
    lines += ["  " + _("note: {note}").format(note=n) for n in cov.notes]
    lines += _scenes(cov) + _choices(cov) + _endings(cov) + _problems(cov, path)
    return "\n".join(lines)


def _labels() -> Dict[str, str]:
    # Translators: the headings of the playtest summary's four sections; the column after
    # them is as wide as the longest.
    return {"scenes": pgettext("playtest", "scenes"), "choices": pgettext("playtest", "choices"),
            "endings": pgettext("playtest", "endings"),
            "problems": pgettext("playtest", "problems")}


def _head(section: str, text: str) -> str:
    """A section's first line: its heading, then `text` in the column after the headings."""
    label = _labels()[section]
    return "  " + label + " " * (_heading_width() + 2 - columns(label)) + text


def _more(text: str) -> str:
    """A further line of a section, in the column after the headings."""
    return " " * (4 + _heading_width()) + text


def _heading_width() -> int:
    """The terminal columns of the widest heading (a Chinese character takes two)."""
    return max(columns(v) for v in _labels().values())


def _headline(cov: Coverage, path: str) -> str:
    if cov.mode == "random":
        # Translators: e.g. "story/x: 1000 random runs from seed 0, 8123 choices".
        return _("{path}: {runs} from seed {seed}, {choices}").format(
            path=path, seed=cov.seed,
            runs=ngettext("{n} random run", "{n} random runs", cov.runs).format(n=cov.runs),
            choices=ngettext("{n} choice", "{n} choices", cov.steps).format(n=cov.steps))
    if cov.complete:
        return ngettext("{path}: exhaustive search, {n} distinct state (complete)",
                        "{path}: exhaustive search, {n} distinct states (complete)",
                        cov.states).format(path=path, n=cov.states)
    return ngettext("{path}: exhaustive search, {n} distinct state (incomplete)",
                    "{path}: exhaustive search, {n} distinct states (incomplete)",
                    cov.states).format(path=path, n=cov.states)


def _scenes(cov: Coverage) -> List[str]:
    total, missing = len(cov.pack.scenes), cov.unvisited()
    done = total - len(missing)
    lines = [_head("scenes", (_("{done}/{total} reachable") if cov.mode == "exhaustive" else
                              _("{done}/{total} visited")).format(done=done, total=total))]
    if missing:
        said = _("unreachable: {scenes}") if cov.mode == "exhaustive" and cov.complete else \
            _("never visited: {scenes}")
        lines.append(_more(said.format(scenes=", ".join(missing))))
    return lines


def _choices(cov: Coverage) -> List[str]:
    refs = cov.all_choices()
    taken = sum(1 for c in refs if cov.taken[c])
    lines = [_head("choices", _("{taken}/{total} taken").format(taken=taken, total=len(refs)))]
    for ref in cov.never_available():
        lines.append(_more(_("never available: {choice}").format(choice=_describe(cov, ref))))
    for ref in cov.never_taken():
        lines.append(_more(_("available, never taken: {choice}").format(
            choice=_describe(cov, ref))))
    return lines


def _describe(cov: Coverage, ref: ChoiceRef) -> str:
    c = cov.choice(ref)
    cond = [f"if {unparse(c.condition)}"] if c.condition is not None else []
    cond += [f"show_if {unparse(c.show_if)}"] if c.show_if is not None else []
    extra = f" [{'; '.join(cond)}]" if cond else ""
    # Translators: a choice in the playtest summary, e.g. `cafe` choice 2 "Pay" [if
    # score > 3] (story/x/ep1.yaml:12:9); {conditions} is empty or its conditions in brackets.
    return _("`{scene}` choice {number} \"{text}\"{conditions} ({where})").format(
        scene=ref[0], number=ref[1] + 1, text=c.text.source, conditions=extra, where=c.pos)


def _endings(cov: Coverage) -> List[str]:
    fmt = cov.pack.regime.scale.fmt
    stats = list(cov.endings.values())
    reached = sum(1 for e in stats if e.count)
    lines = [_head("endings", _("{reached}/{total} reached").format(reached=reached,
                                                                    total=len(stats)))]
    width = max((len(e.scene) for e in stats), default=0)
    title_width = max((columns(e.title) for e in stats), default=0) + 2  # Chinese titles too
    for e in stats:
        # Translators: an ending's title in the playtest summary; use your language's quotes.
        quoted = _("\"{title}\"").format(title=e.title)
        head = _more(f"{e.scene:<{width}}  {quoted}" + " " * (title_width - columns(quoted)))
        if not e.count:
            lines.append(f"{head}  {_missing(cov)}")
            continue
        length = sum(1 for n in e.path or () if n)
        # Translators: how an ending was reached, e.g. "12 runs, score 3.1 to 4.2, shortest 5
        # choices (--replay 0:1,2,1,1,2)"; {how} is "--replay ..." or "40 moves, see --json".
        lines.append(f"{head}  " + _("{count}, score {low} to {high}, {shortest} ({how})").format(
            count=_times(cov, e.count), low=fmt(e.min_score), high=fmt(e.max_score),
            shortest=ngettext("shortest {n} choice", "shortest {n} choices", length).format(
                n=length),
            how=_path_text(e.seed, e.path or (), e.replayable)))
    return lines


def _times(cov: Coverage, n: int) -> str:
    """How many runs (random) or paths (exhaustive) something happened in."""
    if cov.mode == "random":
        return ngettext("{n} run", "{n} runs", n).format(n=n)
    return ngettext("{n} state", "{n} states", n).format(n=n)


def _missing(cov: Coverage) -> str:
    if cov.mode == "random":
        return ngettext("NOT REACHED in {n} run", "NOT REACHED in {n} runs", cov.runs).format(
            n=cov.runs)
    return _("UNREACHABLE (proved)") if cov.complete else \
        _("NOT FOUND (the search was cut off)")


def _kind(kind: str) -> str:
    """A kind of problem a playtest finds, shown as "dead-end at `scene`"."""
    if kind == "error":
        return pgettext("playtest problem", "error")
    if kind == "dead-end":
        return pgettext("playtest problem", "dead-end")
    return pgettext("playtest problem", "step-limit") if kind == "step-limit" else kind


def _problems(cov: Coverage, path: str) -> List[str]:
    problems = list(cov.problems.values())
    if not problems:
        return [_head("problems", pgettext("playtest problems", "none"))]
    lines = [_head("problems", str(len(problems)))]
    for p in problems:
        times = ngettext("{n} run", "{n} runs", p.count) if cov.mode == "random" else \
            ngettext("{n} path", "{n} paths", p.count)
        # Translators: a problem found, e.g. "dead-end at `cafe` (3 runs): no choice is
        # available"; {kind} is error, dead-end or step-limit.
        lines.append("    " + _("{kind} at `{scene}` ({times}): {message}").format(
            kind=_kind(p.kind), scene=p.scene, times=times.format(n=p.count),
            message=p.message))
        if p.detail:
            lines.append("      " + _("raised at {where}").format(where=p.detail))
        lines.append("      " + _("reproduce: {how}").format(how=_reproduce(p, path)))
    return lines


def _reproduce(p: Problem, path: str) -> str:
    if len(p.path) > SHOW_PATH:
        return ngettext("a path of {n} choice from seed {seed} (see --json)",
                        "a path of {n} choices from seed {seed} (see --json)",
                        len(p.path)).format(n=len(p.path), seed=p.seed)
    command = f"standing playtest {path} --replay {p.replay}"
    return command if p.replayable else \
        command + "  " + _("(the path depends on dice rolls; results may differ)")


def _path_text(seed: int, moves: Sequence[int], replayable: bool) -> str:
    if len(moves) > SHOW_PATH:
        return ngettext("{n} move, see --json", "{n} moves, see --json", len(moves)).format(
            n=len(moves))
    spec = f"--replay {seed}:" + ",".join(str(n) for n in moves)
    return spec if replayable else _("{replay}, depends on dice rolls").format(replay=spec)


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
            yield ReplayStep("stop", _("step {step}: {problem}").format(step=i, problem=stop))
            return
        if n != NEXT:
            yield ReplayStep("choose", f"> {n}. {rt.choices[n - 1].text}")
        try:
            events = rt.begin_next_episode() if n == NEXT else rt.choose(n - 1)
        except Exception:
            yield ReplayStep("error", _("step {step} raised:").format(step=i) + "\n" +
                             traceback.format_exc())
            return
        yield from _events(rt, events)
        yield from _show(rt)
    yield from _final(rt)


def _refuse(rt: Runtime, n: int) -> str:
    """Why move `n` cannot be taken here, or "" when it can."""
    if n == NEXT:
        return "" if rt.next_episode is not None else \
            _("0 begins the next episode, but this scene is not an ending with one")
    views = rt.choices
    if not 1 <= n <= len(views):
        return ngettext("there is no choice {number} at `{scene}` (there is {n})",
                        "there is no choice {number} at `{scene}` (there are {n})",
                        len(views)).format(number=n, scene=rt.scene.id, n=len(views))
    if not views[n - 1].available:
        return _("choice {number} at `{scene}` is locked: {reason}").format(
            number=n, scene=rt.scene.id, reason=views[n - 1].reason)
    return ""


def _events(rt: Runtime, events: list) -> Iterator[ReplayStep]:
    for e in events:
        line = announce(e, rt)
        if line and line.strip():
            yield ReplayStep("event", "  " + line.strip())


def _show(rt: Runtime) -> Iterator[ReplayStep]:
    p = rt.passage
    # Translators: a speaker's line in a replay, e.g. "Lacie: Hi!"; {name} and {text} come
    # from the pack.
    said = _("{name}: {text}").format(name=p.speaker_name, text=p.text) if p.speaker_name \
        else p.text
    yield ReplayStep("passage", f"[{p.scene}] ({rt.score_text}, {rt.tier.name}) {said}")
    if p.ending is None:
        for v in rt.choices:
            lock = "" if v.available else " " + _("(locked: {reason})").format(reason=v.reason)
            yield ReplayStep("choice", f"  {v.index + 1}. {v.text}{lock}")


def _final(rt: Runtime) -> Iterator[ReplayStep]:
    if rt.ending is not None:
        nxt = rt.next_episode
        said = _("ending `{scene}` \"{title}\" with score {score}; next episode `{next}` (0 "
                 "begins it)") if nxt else _("ending `{scene}` \"{title}\" with score {score}")
        yield ReplayStep("ending", said.format(scene=rt.scene.id, title=rt.ending.title,
                                               score=rt.score_text, next=nxt.id if nxt else ""))
    elif not any(v.available for v in rt.choices):
        yield ReplayStep("stop", _("dead end at `{scene}`: no choice is available").format(
            scene=rt.scene.id))
    else:
        yield ReplayStep("stop", _("the path stops at `{scene}`, before any ending").format(
            scene=rt.scene.id))


def _replay(pack: Pack, spec: str) -> int:
    try:
        seed, moves = parse_replay(spec)
    except ValueError as e:
        print(_("--replay: {problem}").format(problem=e), file=sys.stderr)
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
             _("{path}: fix these errors before running its plans (`standing validate "
               "{path}`)").format(path=path))
        return EXIT_UNUSABLE, data
    plans, diags = read_plans(result.source)
    data["diagnostics"] = [d.to_json() for d in diags]
    if any(d.is_error for d in diags):
        _say(quiet, *[d.format() + "\n" for d in diags],
             _("{path}: the plan file is broken").format(path=path))
        return EXIT_UNUSABLE, data
    if not plans:
        _say(quiet, _("{path}: no plans.yaml (nothing to run)").format(path=path))
        return EXIT_OK, data
    results = run_all(result.pack, plans)
    # Translators: a story test plan's result, in a column before its name.
    marks = (pgettext("plan result", "pass"), pgettext("plan result", "FAIL"))
    width = max(len(m) for m in marks)
    for r in results:
        data["plans"].append({"name": r.plan.name, "ok": r.ok, "path": r.path,
                              "failures": [f.to_json() for f in r.failures]})
        _say(quiet, f"  {marks[0 if r.ok else 1]:<{width}}  {r.plan.name}",
             *[f"        {f.format()}" for f in r.failures])
    failed = sum(1 for r in results if not r.ok)
    passed = len(results) - failed
    # Translators: e.g. "story/x: 3/4 plans pass", 3 of 4 story test plans.
    _say(quiet, _("{path}: {passed}/{n} plans pass").format(path=path, passed=passed,
                                                             n=len(results))
         if not failed else
         ngettext("{path}: {passed}/{n} plans pass; FAIL: {failed} plan failed",
                  "{path}: {passed}/{n} plans pass; FAIL: {failed} plans failed",
                  failed).format(path=path, passed=passed, n=len(results), failed=failed))
    return (EXIT_PROBLEMS if failed else EXIT_OK), data


def _say(quiet: bool, *lines: str) -> None:
    if not quiet:
        print("\n".join(lines))
