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
from ..i18n import _, ngettext, pgettext
from .safe import Markup, html, join, trusted, when


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
        body.append(html('<h2 class="run-title">{}</h2>', _("Run 1: the first run")))
    body += [parts.chart(first), parts.choices(first), parts.records(first),
             parts.facts(first), parts.endings(first), reveal.regime(first)]
    body += [_what_if(pack, runs[0], run, k) for k, run in enumerate(runs[1:], start=2)]
    body += [guide(read_guide(pack) if guide_md is None else guide_md), footer(pack)]
    # Translators: the record's title in the browser; `title` is the pack's.
    return page(pack, _("{title}: teacher's record").format(title=pack.info.title), "teacher", body)


def _header(pack: Pack, d: Debrief, what_ifs: int) -> Markup:
    held = when(what_ifs, '<p class="sub">{}</p>', ngettext(
        "This record holds the first run, then {n} what-if run rewound from it and played "
        "another way.", "This record holds the first run, then {n} what-if runs rewound from it "
        "and played another way.", what_ifs).format(n=what_ifs))
    return html('<header>\n<p class="kicker">{kicker}</p>\n'
                '<h1>{title}</h1>\n<p class="sub">{line}</p>\n{held}\n{summary}\n</header>',
                # Translators: HTML; keep the entities (or write the characters).
                kicker=trusted(_("Standing &middot; teacher&rsquo;s record")),
                title=pack.info.title, line=parts.run_line(pack, d), held=held,
                summary=parts.summary(d))


# ---- a what-if run beside the first ------------------------------------------------------

def _what_if(pack: Pack, first: GameState, run: GameState, k: int) -> Markup:
    c = compare_runs(pack, first, run)
    d = build_debrief(pack, run)
    start = c.shared + 1
    return html('<section class="whatif">\n<h2 class="run-title">{title}</h2>\n'
                "{parted}\n{summary}\n{chart}\n{differ}\n{choices}\n{records}\n{endings}\n"
                "{breakdown}\n</section>",
                # Translators: HTML; `k` numbers the run; keep &hellip; (or write the character).
                title=html(_("Run {k}: what if&hellip;"), k=k), parted=_parted(c, pack.regime),
                summary=parts.summary(d),
                chart=_both_lines(pack, c, k), differ=_differing(pack, c, k),
                choices=when(c.pairs, "{}", parts.choices(
                    d, first=start,
                    heading=_("Run {k}: the choices from step {step}").format(k=k, step=start))),
                records=when(c.pairs, "{}", parts.records(d, first=start)),
                endings=parts.endings(d),
                breakdown=reveal.breakdown(d, _("Run {k}: how the final score is made").format(
                    k=k)))


def _parted(c: Comparison, regime: Regime) -> Markup:
    if c.divergence is None:
        return html("<p>{}</p>", ngettext(
            "This run made the same {n} choice as the first and went on from there.",
            "This run made the same {n} choices as the first and went on from there.",
            c.shared).format(n=c.shared)) if c.pairs else \
            html("<p>{}</p>", _("This run made the same choices as the first."))
    p = c.divergence
    # Translators: HTML; `shared` is "3 choices", `a` and `b` the choices each run took,
    # `score_a` and `score_b` the runs' final scores, `delta` their difference.
    return html("<p>" + _("The runs made the same {shared} and parted at step {step}: the first "
                          "run chose &ldquo;{a}&rdquo;, this one &ldquo;{b}&rdquo;. It ended at "
                          "{score_b} against the first run&rsquo;s {score_a} ({delta}).") + "</p>",
                shared=parts.choices_text(c.shared), step=p.step,
                a=p.a.text if p.a else "", b=p.b.text if p.b else "", score_b=c.b.final_text,
                score_a=c.a.final_text, delta=parts.change(regime, c.delta, "span", ""))


def _both_lines(pack: Pack, c: Comparison, k: int) -> Markup:
    svg = score_chart([Line(c.a.series.scores), Line(c.b.series.scores, "other")],
                      pack.regime, c.low, c.high, c.b.series.episodes,
                      title=_("Score over the first run and run {k}").format(k=k))
    return html('<h3>{}</h3>\n{}\n<p class="legend">{}</p>', _("Both runs"), svg,
                _("Solid: the first run. Dashed: run {k}.").format(k=k))


def _differing(pack: Pack, c: Comparison, k: int) -> Markup:
    rows = [html('<tr><td class="num">{step}</td>{a}{b}</tr>', step=p.step,
                 a=_side(pack, p.a), b=_side(pack, p.b)) for p in c.differing]
    return when(rows, '<h3>{head}</h3>\n<table class="differ"><thead><tr>'
                '<th class="num">{step}</th><th>{first}</th><th>{run}</th></tr></thead>'
                "<tbody>{rows}</tbody></table>", head=_("The choices that differed"),
                step=pgettext("report column", "Step"), first=_("First run"),
                run=_("Run {k}").format(k=k),
                rows=join(rows, "\n"))


def _side(pack: Pack, line: Optional[ChoiceLine]) -> Markup:
    if line is None:
        # Translators: in a table of two runs' choices, where one run had already ended.
        return html('<td class="muted">{}</td>', _("(over)"))
    return html('<td>{text} <span class="muted small">{score}</span></td>', text=line.text,
                score=pack.regime.scale.fmt(line.score_after))
