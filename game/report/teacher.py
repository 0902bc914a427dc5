"""The teacher's record: everything about a session, to keep.

The first run in full (every option on offer, votes, ratings, records, facts, endings with the
facilitator notes), the algorithm revealed, then each what-if run the session holds beside the
first (both score lines on one chart, the choices that differed, and the branch's own choices,
records, score and endings), and last the pack's facilitator guide.
"""
from __future__ import annotations

from typing import Any, Mapping, Optional, Sequence

from ..engine.compare import ChoiceLine, Comparison, compare_runs
from ..engine.debrief import Debrief, build_debrief
from ..engine.model import Pack, Regime
from ..engine.state import GameState
from . import parts, reveal
from .chart import Line, score_chart
from .html import footer, guide, page, read_guide
from .safe import Markup, html, join, when


def render_teacher_record(pack: Pack, runs: Sequence[GameState],
                          tallies: Optional[Mapping[str, Any]] = None,
                          guide_md: Optional[str] = None) -> str:
    """The record as HTML text. `runs[0]` is the first run, the others what-if runs of it.
    `tallies` (for the first run) defaults to the class votes kept in it; `guide_md`
    (Markdown) defaults to the pack's facilitator guide. StateError when a run is not of
    `pack`."""
    if not runs:
        raise ValueError("a teacher's record needs at least one run")
    first = build_debrief(pack, runs[0], tallies)
    body = [_header(pack, first, len(runs) - 1)]
    if len(runs) > 1:
        body.append(html('<h2 class="run-title">Run 1: the first run</h2>'))
    body += [parts.chart(first), parts.choices(first), parts.records(first),
             parts.facts(first), parts.endings(first), reveal.regime(first)]
    body += [_what_if(pack, runs[0], run, k) for k, run in enumerate(runs[1:], start=2)]
    body += [guide(read_guide(pack) if guide_md is None else guide_md), footer(pack)]
    return page(pack, f"{pack.info.title}: teacher's record", "teacher", body)


def _header(pack: Pack, d: Debrief, what_ifs: int) -> Markup:
    held = when(what_ifs, '<p class="sub">This record holds the first run, then {} rewound '
                "from it and played another way.</p>",
                "1 what-if run" if what_ifs == 1 else f"{what_ifs} what-if runs")
    return html('<header>\n<p class="kicker">Standing &middot; teacher&rsquo;s record</p>\n'
                '<h1>{title}</h1>\n<p class="sub">{line}</p>\n{held}\n{summary}\n</header>',
                title=pack.info.title, line=parts.run_line(pack, d), held=held,
                summary=parts.summary(d))


# ---- a what-if run beside the first ------------------------------------------------------

def _what_if(pack: Pack, first: GameState, run: GameState, k: int) -> Markup:
    c = compare_runs(pack, first, run)
    d = build_debrief(pack, run)
    start = c.shared + 1
    return html('<section class="whatif">\n<h2 class="run-title">Run {k}: what if&hellip;</h2>\n'
                "{parted}\n{summary}\n{chart}\n{differ}\n{choices}\n{records}\n{endings}\n"
                "{breakdown}\n</section>", k=k, parted=_parted(c, pack.regime),
                summary=parts.summary(d),
                chart=_both_lines(pack, c, k), differ=_differing(pack, c, k),
                choices=when(c.pairs, "{}", parts.choices(
                    d, first=start, heading=f"Run {k}: the choices from step {start}")),
                records=when(c.pairs, "{}", parts.records(d, first=start)),
                endings=parts.endings(d),
                breakdown=reveal.breakdown(d, f"Run {k}: how the final score is made"))


def _parted(c: Comparison, regime: Regime) -> Markup:
    if c.divergence is None:
        return html("<p>This run made the same {} choices as the first and went on from "
                    "there.</p>", c.shared) if c.pairs else \
            html("<p>This run made the same choices as the first.</p>")
    p = c.divergence
    return html("<p>The runs made the same {shared} and parted at step {step}: the first run "
                "chose &ldquo;{a}&rdquo;, this one &ldquo;{b}&rdquo;. It ended at {score_b} "
                "against the first run&rsquo;s {score_a} ({delta}).</p>",
                shared=parts.plural(c.shared, "choice"), step=p.step,
                a=p.a.text if p.a else "", b=p.b.text if p.b else "", score_b=c.b.final_text,
                score_a=c.a.final_text, delta=parts.change(regime, c.delta, "span", ""))


def _both_lines(pack: Pack, c: Comparison, k: int) -> Markup:
    svg = score_chart([Line(c.a.series.scores), Line(c.b.series.scores, "other")],
                      pack.regime, c.low, c.high, c.b.series.episodes,
                      title=f"Score over the first run and run {k}")
    return html('<h3>Both runs</h3>\n{svg}\n<p class="legend">Solid: the first run. Dashed: '
                "run {k}.</p>", svg=svg, k=k)


def _differing(pack: Pack, c: Comparison, k: int) -> Markup:
    rows = [html('<tr><td class="num">{step}</td>{a}{b}</tr>', step=p.step,
                 a=_side(pack, p.a), b=_side(pack, p.b)) for p in c.differing]
    return when(rows, '<h3>The choices that differed</h3>\n<table class="differ"><thead><tr>'
                '<th class="num">Step</th><th>First run</th><th>Run {k}</th></tr></thead>'
                "<tbody>{rows}</tbody></table>", k=k, rows=join(rows, "\n"))


def _side(pack: Pack, line: Optional[ChoiceLine]) -> Markup:
    if line is None:
        return html('<td class="muted">(over)</td>')
    return html('<td>{text} <span class="muted small">{score}</span></td>', text=line.text,
                score=pack.regime.scale.fmt(line.score_after))
