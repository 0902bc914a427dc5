"""The session report: one run as a single printable HTML page, for a class handout.

Self-contained on purpose: the stylesheet and the chart (SVG) are inline, there is no script,
no image, no font or link to fetch, so the file opens the same on any machine, offline, years
later, and prints cleanly. All pack text is escaped; the facilitator guide's Markdown goes
through game.report.markdown, which escapes before it marks up.

The report holds no names or personal data: a run has none (the game never asks), only the
choices made and the pack's own text.
"""
from __future__ import annotations

from html import escape
from typing import Any, List, Mapping, Optional, Sequence

from .. import __version__
from ..engine.debrief import (Debrief, EndingLine, Offer, RatingLine, TimelineEntry,
                              build_debrief)
from ..engine.model import Pack, Regime
from ..engine.numbers import breakdown_rows, signed_text
from ..engine.state import GameState
from ..packs.sources import SourceError, open_source
from .chart import Line, score_chart
from .markdown import markdown_to_html
from .style import CSS


def render_report(pack: Pack, state: GameState, tallies: Optional[Mapping[str, Any]] = None,
                  guide: Optional[str] = None) -> str:
    """The report as HTML text. `tallies` defaults to the class votes kept in
    `state.extra["tallies"]`; `guide` (Markdown) defaults to the pack's facilitator guide.
    Raises StateError when `state` is not a run of `pack`."""
    d = build_debrief(pack, state, tallies)
    guide_md = read_guide(pack) if guide is None else guide
    sections = [_header(pack, d), _chart(d), _choices(d), _records(d), _regime(d), _facts(d),
                _endings(d), _guide(guide_md), _footer(pack)]
    title = f"{pack.info.title}: session report"
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{_e(pack.info.language or "en")}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        *[s for s in sections if s],
        "</body>",
        "</html>",
        "",
    ])


def read_guide(pack: Pack) -> str:
    """The pack's facilitator guide (Markdown), or "" when it has none or it cannot be read."""
    if not pack.info.guide or not pack.root:
        return ""
    try:
        data = open_source(pack.root).read(pack.info.guide)
    except (SourceError, OSError):
        return ""
    return data.decode("utf-8", errors="replace") if data else ""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _signed(regime: Regime, value: float) -> str:
    return signed_text(regime.scale.decimals, value)  # no "+0.000"; a true minus sign


def _trend(signed: str) -> str:
    """The colour class for a change as _signed wrote it (none when it rounds to zero)."""
    return "up" if signed.startswith("+") else "down" if signed.startswith("\u2212") else ""


def _change(regime: Regime, value: float, tag: str = "td", css: str = "num") -> str:
    """A signed change, coloured: <td class="num down">−0.050</td>."""
    text = _signed(regime, value)
    classes = " ".join(c for c in (css, _trend(text)) if c)
    return f'<{tag} class="{classes}">{_e(text)}</{tag}>'


# ---- header and chart ------------------------------------------------------------------------

def _header(pack: Pack, d: Debrief) -> str:
    fmt = d.regime.scale.fmt
    titles = [pack.episode(e).title for e in d.episodes]
    start = d.series.scores[0]
    change = d.final_score - start
    ending = d.ending or (d.endings[-1] if d.endings else None)
    ending_card = (f'<div class="title">{_e(ending.title)}</div><div class="muted">'
                   f'{_e(ending.tone)}</div>') if ending else \
        '<div class="title">Not reached yet</div>'
    choices = len(d.timeline)
    return f"""<header>
<p class="kicker">Standing &middot; classroom session report</p>
<h1>{_e(pack.info.title)}</h1>
<p class="sub">{_e(" · ".join(titles))} &middot; {choices} step{"s" if choices != 1 else ""}
&middot; the system is called &ldquo;{_e(d.regime.name)}&rdquo;</p>
<div class="summary">
<div class="card"><div class="label">Final score</div><div class="big">{_e(d.final_text)}</div>
<div>{_e(d.tier.name)}</div></div>
<div class="card"><div class="label">Change over the run</div>
{_change(d.regime, change, "div", "big")}
<div class="muted">from {_e(fmt(start))}</div></div>
<div class="card"><div class="label">Ending</div>{ending_card}</div>
</div>
</header>"""


def _chart(d: Debrief) -> str:
    s = d.series
    svg = score_chart([Line(s.scores)], d.regime, s.low, s.high, s.episodes,
                      title=f"Score over the run, from {d.regime.scale.fmt(s.scores[0])} "
                            f"to {d.final_text}")
    return f"""<section id="chart">
<h2>The score over the run</h2>
{svg}
<p class="legend">The line is the score before the first choice and after each one. Dashed lines
are tier thresholds: cross one and doors open or close.</p>
</section>"""


# ---- the choices -------------------------------------------------------------------------------

def _choices(d: Debrief) -> str:
    if not d.timeline:
        return '<section id="choices"><h2>The choices</h2><p>No choices were made.</p></section>'
    rows: List[str] = []
    episode = None
    for entry in d.timeline:
        if entry.episode != episode:
            episode = entry.episode
            rows.append(f'<tr class="episode"><th colspan="5">{_e(entry.episode_title)}</th></tr>')
        rows.append(_choice_row(d.regime, entry))
    return f"""<section id="choices">
<h2>The choices</h2>
<table class="choices">
<thead><tr><th class="num">Step</th><th>Choice</th><th class="num">Score</th>
<th class="num">Change</th><th>Tier</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
</section>"""


def _choice_row(regime: Regime, entry: TimelineEntry) -> str:
    quiet = len(entry.offered) <= 1 and not entry.records and not entry.ratings
    css = ' class="continue"' if quiet and entry.votes is None else ""
    return (f'<tr{css}><td class="num">{entry.step}</td>'
            f'<td><span class="choice">{_e(entry.text)}</span>{_options(entry)}'
            f'{_events(regime, entry.ratings)}</td>'
            f'<td class="num">{_e(regime.scale.fmt(entry.score_after))}</td>'
            f"{_change(regime, entry.delta)}"
            f"<td>{_e(entry.tier_name)}</td></tr>")


def _options(entry: TimelineEntry) -> str:
    """The class vote on the taken choice, then the other choices that were on offer (locked
    ones with the reason the player read), each with its votes."""
    votes = entry.votes
    counts = votes.counts if votes and len(votes.counts) == len(entry.offered) else ()
    out = ""
    items = []
    for i, o in enumerate(entry.offered):
        count = counts[i] if counts else None
        if o.source == entry.choice:
            out += _votes(count)
        else:
            items.append(_option(o, count))
    if items:
        out += f'<ul class="options">{"".join(items)}</ul>'
    if votes and not counts:  # votes that do not line up with the options: show them plainly
        out += f'<div class="events">Class vote: {_e(" / ".join(map(str, votes.counts)))}</div>'
    if votes and votes.tie_break:
        out += f'<div class="events">Tie broken: {_e(votes.tie_break)}</div>'
    return out


def _votes(count: Optional[int]) -> str:
    if count is None:
        return ""
    return f' <span class="votes">{count} vote{"s" if count != 1 else ""}</span>'


def _option(o: Offer, count: Optional[int]) -> str:
    text = _e(o.text)
    if not o.available:
        text += f' <span class="small">(locked: {_e(o.reason)})</span>'
    css = "" if o.available else ' class="locked"'
    return f"<li{css}>{text}{_votes(count)}</li>"


def _events(regime: Regime, ratings: Sequence[RatingLine]) -> str:
    if not ratings:
        return ""
    fmt = regime.scale.fmt
    said = []
    for r in ratings:
        who = f"{r.count} × {r.name}" if r.count > 1 else r.name
        said.append(f"{_e(who)} ({_e(fmt(r.rater_score))}) rated {r.stars:g}\u2605, "
                    f"counted \u00d7{r.weight:.2f}")
    return f'<div class="events">{"; ".join(said)}</div>'


# ---- records versus truth ------------------------------------------------------------------

def _records(d: Debrief) -> str:
    records = d.records
    head = "<h2>What the system recorded, and what really happened</h2>"
    if not records:
        return f'<section id="records">{head}<p>The system recorded nothing about this run.' \
               "</p></section>"
    rows = []
    for r in records:
        permanent = ' <span class="badge">permanent</span>' if r.permanent else ""
        rows.append(f'<tr><td class="num">{r.step}</td><td>{_e(r.label)}{permanent}</td>'
                    f'<td class="saw">{_e(r.saw)}</td><td class="truth">'
                    f'{_e(r.truth) or "<span class=muted>(not told)</span>"}</td>'
                    f"{_change(d.regime, r.initial)}{_change(d.regime, r.contribution)}</tr>")
    return f"""<section id="records">
{head}
<table class="records">
<thead><tr><th class="num">Step</th><th>Category</th><th>The system saw</th>
<th>What really happened</th><th class="num">Counted</th><th class="num">Now</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
<p class="legend">&ldquo;Counted&rdquo; is the record's effect on the score when it was made
(category weight &times; impact); &ldquo;Now&rdquo; is what is left of it at the end.</p>
</section>"""


# ---- the regime, revealed ------------------------------------------------------------------

def _regime(d: Debrief) -> str:
    r = d.regime
    fmt = r.scale.fmt
    return f"""<section id="regime">
<h2>The algorithm, revealed</h2>
<p>&ldquo;{_e(r.name)}&rdquo; runs from {_e(fmt(r.scale.min))} to {_e(fmt(r.scale.max))};
before any rating, record or friend, everyone stands at {_e(fmt(r.scale.start))}.
{_rules(r)}</p>
{_breakdown_table(d)}
{_categories_table(d)}
{_tiers_table(r)}
{_movers(d)}
</section>"""


def _rules(r: Regime) -> str:
    sentences = [
        f"The starting score counts as {r.prior:g} ratings.",
        f"A rating's weight is the rater's own position on the scale raised to the power "
        f"{r.rater_influence:g}, so a rating from a high scorer counts for more.",
    ]
    if r.association > 0:
        sentences.append(f"Friends pull the score {r.association * 100:g}% of the way toward "
                         "their average.")
    else:
        sentences.append("Friends' scores do not count.")
    sentences.append(f"Records fade by half every {r.half_life:g} choices unless they are "
                     "permanent." if r.half_life > 0 else "Records never fade.")
    if not r.visible:
        sentences.append("During play the system did not show how it reached the number.")
    return _e(" ".join(sentences))


def _breakdown_table(d: Debrief) -> str:
    body = "".join(f'<tr><td>{_e(label)}</td><td class="num">{_e(text)}</td></tr>'
                   for label, text, _ in breakdown_rows(d.regime, d.breakdown))
    return f"""<h3>How the final score is made</h3>
<table class="breakdown compact"><tbody>{body}
<tr><th>Score</th><th class="num">{_e(d.final_text)}</th></tr></tbody></table>"""


def _categories_table(d: Debrief) -> str:
    if not d.categories:
        return "<p>This system records no behaviour categories.</p>"
    rows = "".join(f'<tr><td>{_e(c.label)}</td><td class="num">{c.weight:g}</td>'
                   f'<td class="num">{_e(_signed(d.regime, c.contribution))}</td></tr>'
                   for c in d.categories)
    return f"""<h3>Recorded behaviour</h3>
<table class="compact"><thead><tr><th>Category</th><th class="num">Weight</th>
<th class="num">Part of the final score</th></tr></thead><tbody>{rows}</tbody></table>"""


def _tiers_table(r: Regime) -> str:
    rows = "".join(f'<tr><td>{_e(t.name)}</td><td class="num">{_e(r.scale.fmt(t.min))}</td>'
                   f"<td>{_e('; '.join(t.perks)) or '&mdash;'}</td>"
                   f"<td>{_e('; '.join(t.penalties)) or '&mdash;'}</td></tr>"
                   for t in reversed(r.tiers))
    return f"""<h3>Tiers</h3>
<table><thead><tr><th>Tier</th><th class="num">From</th><th>Perks</th><th>Penalties</th></tr>
</thead><tbody>{rows}</tbody></table>"""


def _movers(d: Debrief) -> str:
    movers = [m for m in d.movers if abs(m.contribution) >= 10 ** -(d.regime.scale.decimals + 1)]
    if not movers:
        return ""
    items = "".join(f"<li>{_e(m.saw)} <span class=\"muted\">({_e(m.label)}, step {m.step})"
                    f"</span>: {_change(d.regime, m.contribution, 'span', '')}</li>"
                    for m in movers[:5])
    return f"<h3>The records that moved the final score most</h3><ol>{items}</ol>"


# ---- facts, endings, guide -----------------------------------------------------------------

def _facts(d: Debrief) -> str:
    if not d.facts:
        return ""
    items = "".join(f'<li><span class="badge {_e(f.kind)}">{_e(f.kind)}</span>{_e(f.note)}'
                    + (f'<span class="source">{_e(f.source)}</span>' if f.source else "")
                    + "</li>" for f in d.facts)
    return f"""<section id="facts">
<h2>Fact or fiction?</h2>
<ul class="facts">{items}</ul>
</section>"""


def _endings(d: Debrief) -> str:
    parts = [_ending(e) for e in d.endings]
    if not parts:
        parts = ["<p>The run has not reached an ending yet.</p>"]
    if d.pauses:
        items = "".join(f"<li>{_e(p)}</li>" for p in d.pauses)
        parts.append(f"<h3>Pauses during play</h3><ul>{items}</ul>")
    return f"""<section id="endings">
<h2>Debrief and discussion</h2>
{chr(10).join(parts)}
</section>"""


def _ending(e: EndingLine) -> str:
    prompts = "".join(f'<li>{_e(p)}<span class="writein"></span></li>' for p in e.prompts)
    notes = f'<div class="notes"><strong>For facilitators:</strong> {_e(e.notes)}</div>' \
        if e.notes else ""
    return f"""<div class="ending">
<h3>Ending: {_e(e.title)}</h3>
<div class="tone">{_e(e.tone)} ending</div>
<p>{_e(e.debrief)}</p>
<h4>Discussion prompts</h4>
<ol class="prompts">{prompts}</ol>
{notes}
</div>"""


def _guide(markdown: str) -> str:
    if not markdown.strip():
        return ""
    return f"""<section id="guide" class="guide">
<h2>Facilitator guide</h2>
{markdown_to_html(markdown)}
</section>"""


def _footer(pack: Pack) -> str:
    title = _e(pack.info.title)
    return f"""<footer>Made with Standing {_e(__version__)} from the pack &ldquo;{title}&rdquo;
({_e(pack.id)} {_e(pack.info.version)}, licence {_e(pack.info.licence)}). This report holds no
names or personal data: only the choices made in the game and the pack's own text.</footer>"""
