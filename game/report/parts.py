"""The parts of a report that show one run: summary cards, chart, choices, records, endings.

Both forms use them: the student handout in their brief shape (`full=False`: the choices made,
no other options, no facilitator notes), the teacher's record in full. Every value goes through
game.report.safe, so pack text and save fields are escaped whatever they hold.
"""
from __future__ import annotations

from typing import List, Mapping, Optional, Sequence

from ..engine.debrief import (Debrief, EndingLine, Offer, RatingLine, RecordLine,
                              TimelineEntry)
from ..engine.model import Pack, Regime
from .chart import HEIGHT, Line, score_chart
from ..engine.numbers import signed_text
from .safe import Markup, html, join, when


LONG_RUN = 24  # more brief choice rows than this go in two columns


def signed(regime: Regime, value: float) -> str:
    return signed_text(regime.scale.decimals, value)  # no "+0.000"; a true minus sign


def _trend(text: str) -> str:
    """The colour class for a change as `signed` wrote it (none when it rounds to zero)."""
    return "up" if text.startswith("+") else "down" if text.startswith("\u2212") else ""


def change(regime: Regime, value: float, tag: str = "td", css: str = "num") -> Markup:
    """A signed change, coloured: <td class="num down">−0.050</td>."""
    text = signed(regime, value)
    classes = " ".join(c for c in (css, _trend(text)) if c)
    return html('<{tag} class="{classes}">{text}</{tag}>', tag=Markup(tag), classes=classes,
                text=text)


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# ---- summary and chart ---------------------------------------------------------------------

def summary(d: Debrief) -> Markup:
    """Three cards: the final score and tier, the change over the run, the ending."""
    start = d.series.scores[0]
    ending = d.ending or (d.endings[-1] if d.endings else None)
    ending_card = html('<div class="title">{}</div><div class="muted">{}</div>', ending.title,
                       ending.tone) if ending else \
        html('<div class="title">Not reached yet</div>')
    return html('<div class="summary">\n'
                '<div class="card"><div class="label">Final score</div>'
                '<div class="big">{final}</div><div>{tier}</div></div>\n'
                '<div class="card"><div class="label">Change over the run</div>{change}'
                '<div class="muted">from {start}</div></div>\n'
                '<div class="card"><div class="label">Ending</div>{ending}</div>\n</div>',
                final=d.final_text, tier=d.tier.name, start=d.regime.scale.fmt(start),
                change=change(d.regime, d.final_score - start, "div", "big"), ending=ending_card)


def run_line(pack: Pack, d: Debrief) -> Markup:
    """Episodes · steps · the system's name, under a title."""
    titles = [pack.episode(e).title for e in d.episodes]
    return html("{titles} &middot; {steps} &middot; the system is called &ldquo;{name}&rdquo;",
                titles=" · ".join(titles), steps=plural(len(d.timeline), "step"),
                name=d.regime.name)


def chart(d: Debrief, heading: str = "The score over the run", height: int = HEIGHT,
          legend: str = "The line is the score before the first choice and after each one. "
                        "Dashed lines are tier thresholds: cross one and doors open or close."
          ) -> Markup:
    s = d.series
    svg = score_chart([Line(s.scores)], d.regime, s.low, s.high, s.episodes,
                      title=f"Score over the run, from {d.regime.scale.fmt(s.scores[0])} "
                            f"to {d.final_text}", height=height)
    return html('<section class="chart-part">\n<h2>{heading}</h2>\n{svg}\n{legend}\n</section>',
                heading=heading, svg=svg, legend=when(legend, '<p class="legend">{}</p>', legend))


# ---- the choices -------------------------------------------------------------------------

def choices(d: Debrief, full: bool = True, first: int = 1, heading: str = "The choices"
            ) -> Markup:
    """The choices from step `first` on. In full: every option on offer (locked ones with
    the reason), the class votes, the ratings and the tier after each; brief: only the choices
    the class made (no Continue steps), with the class vote and a note where the tier changed."""
    timeline = [e for e in d.timeline if e.step >= first] if first > 1 else list(d.timeline)
    before = [d.regime.tier_for(d.series.scores[0]).name] + [e.tier_name for e in d.timeline]
    tier_before = {id(e): before[k] for k, e in enumerate(d.timeline)}
    if not full:
        timeline = [e for e in timeline if not _quiet(e)]
    if not timeline:
        return html('<section class="choices-part"><h2>{}</h2><p>No choices were made.</p>'
                    "</section>", heading)
    if not full and len(timeline) > LONG_RUN:
        return _choice_columns(d.regime, timeline, tier_before, heading)
    rows: List[Markup] = []
    episode = None
    for entry in timeline:
        if entry.episode != episode:
            episode = entry.episode
            rows.append(html('<tr class="episode"><th colspan="{}">{}</th></tr>',
                             5 if full else 4, entry.episode_title))
        rows.append(_choice_row(d.regime, entry) if full else
                    _brief_row(d.regime, entry, tier_before[id(entry)]))
    return html('<section class="choices-part">\n<h2>{heading}</h2>\n<table class="choices'
                '{brief}">\n<thead><tr><th class="num">Step</th><th>Choice</th>'
                '<th class="num">Score</th><th class="num">Change</th>{tier}</tr></thead>\n'
                "<tbody>\n{rows}\n</tbody>\n</table>\n</section>", heading=heading,
                brief="" if full else " brief", tier=when(full, "<th>Tier</th>"),
                rows=join(rows, "\n"))


def _choice_columns(regime: Regime, timeline: Sequence[TimelineEntry],
                    tier_before: Mapping[int, str], heading: str) -> Markup:
    """A long run's choices in two newspaper columns (step, choice, change), so the handout of a
    run through several episodes still fits two pages; the chart shows the score itself."""
    items: List[Markup] = []
    episode = None
    for entry in timeline:
        if entry.episode != episode:
            episode = entry.episode
            items.append(html('<li class="episode">{}</li>', entry.episode_title))
        items.append(html('<li><span class="step">{step}</span><span><span class="choice">{text}'
                          "</span>{votes}{tier}</span>{change}</li>", step=entry.step,
                          text=entry.text, votes=_votes(_taken_votes(entry)),
                          tier=_crossed(entry, tier_before[id(entry)]),
                          change=change(regime, entry.delta, "span")))
    return html('<section class="choices-part">\n<h2>{}</h2>\n<ol class="choice-columns">{}'
                "</ol>\n</section>", heading, join(items, "\n"))


def _crossed(entry: TimelineEntry, tier_before: str) -> Markup:
    return when(entry.tier_name != tier_before, ' <span class="crossed">now {}</span>',
                entry.tier_name)


def _quiet(entry: TimelineEntry) -> bool:
    """A step with nothing to choose and nothing recorded (a Continue)."""
    return len(entry.offered) <= 1 and not entry.records and not entry.ratings


def _choice_row(regime: Regime, entry: TimelineEntry) -> Markup:
    quiet = _quiet(entry) and entry.votes is None
    return html('<tr{css}><td class="num">{step}</td><td><span class="choice">{text}</span>'
                '{options}{events}</td><td class="num">{score}</td>{change}<td>{tier}</td></tr>',
                css=Markup(' class="continue"' if quiet else ""), step=entry.step,
                text=entry.text, options=_options(entry), events=_events(regime, entry.ratings),
                score=regime.scale.fmt(entry.score_after), change=change(regime, entry.delta),
                tier=entry.tier_name)


def _brief_row(regime: Regime, entry: TimelineEntry, tier_before: str) -> Markup:
    return html('<tr><td class="num">{step}</td><td><span class="choice">{text}</span>{votes}'
                '{tier}</td><td class="num">{score}</td>{change}</tr>', step=entry.step,
                text=entry.text, votes=_votes(_taken_votes(entry)),
                tier=_crossed(entry, tier_before), score=regime.scale.fmt(entry.score_after),
                change=change(regime, entry.delta))


def _counts(entry: TimelineEntry) -> Sequence[int]:
    votes = entry.votes
    return votes.counts if votes and len(votes.counts) == len(entry.offered) else ()


def _taken_votes(entry: TimelineEntry) -> Optional[int]:
    counts = _counts(entry)
    for i, o in enumerate(entry.offered):
        if counts and o.source == entry.choice:
            return counts[i]
    return None


def _options(entry: TimelineEntry) -> Markup:
    """The class vote on the taken choice, then the other choices that were on offer (locked
    ones with the reason the player read), each with its votes."""
    votes, counts = entry.votes, _counts(entry)
    others = [_option(o, counts[i] if counts else None) for i, o in enumerate(entry.offered)
              if o.source != entry.choice]
    return join([
        _votes(_taken_votes(entry)),
        when(others, '<ul class="options">{}</ul>', join(others)),
        # votes that do not line up with the options: show them plainly
        when(votes and not counts, '<div class="events">Class vote: {}</div>',
             " / ".join(map(str, votes.counts if votes else ()))),
        when(votes and votes.tie_break, '<div class="events">Tie broken: {}</div>',
             votes.tie_break if votes else ""),
    ])


def _votes(count: Optional[int]) -> Markup:
    return when(count is not None, ' <span class="votes">{}</span>', plural(count or 0, "vote"))


def _option(o: Offer, count: Optional[int]) -> Markup:
    return html("<li{css}>{text}{locked}{votes}</li>",
                css=Markup("" if o.available else ' class="locked"'), text=o.text,
                locked=when(not o.available, ' <span class="small">(locked: {})</span>', o.reason),
                votes=_votes(count))


def _events(regime: Regime, ratings: Sequence[RatingLine]) -> Markup:
    fmt = regime.scale.fmt
    said = [html("{who} ({score}) rated {stars:g}\u2605, counted \u00d7{weight:.2f}",
                 who=f"{r.count} × {r.name}" if r.count > 1 else r.name,
                 score=fmt(r.rater_score), stars=r.stars, weight=r.weight) for r in ratings]
    return when(said, '<div class="events">{}</div>', join(said, "; "))


# ---- records versus truth ----------------------------------------------------------------

def records(d: Debrief, first: int = 1, full: bool = True) -> Markup:
    """The records from step `first` on, each beside the truth; `full` adds what is left of
    each at the end (after fading)."""
    lines = [r for r in d.records if r.step >= first] if first > 1 else list(d.records)
    head = "What the system recorded, and what really happened"
    if not lines:
        return html('<section class="records-part"><h2>{}</h2><p>The system recorded nothing '
                    "about this run.</p></section>", head)
    rows = [html('<tr><td class="num">{step}</td>{label}<td class="saw">{saw}</td>'
                 '<td class="truth">{truth}</td>{counted}{now}</tr>', step=r.step,
                 label=html("<td>{}{}</td>", r.label, _permanent(r)) if full else Markup(),
                 saw=join([when(not full, '<span class="category">{}:</span>{} ', r.label,
                                _permanent(r)), r.saw]),
                 truth=r.truth or html('<span class="muted">(not told)</span>'),
                 counted=change(d.regime, r.initial),
                 now=change(d.regime, r.contribution) if full else Markup())
            for r in lines]
    legend = html("&ldquo;Counted&rdquo; is the record's effect on the score when it was made "
                  "(category weight &times; impact){}.", html("; &ldquo;Now&rdquo; is what is "
                                                               "left of it at the end")
                  if full else Markup())
    return html('<section class="records-part">\n<h2>{head}</h2>\n<table class="records{brief}">\n'
                '<thead><tr><th class="num">Step</th>{category}<th>The system saw</th>'
                '<th>What really happened</th><th class="num">Counted</th>{now}</tr></thead>\n'
                '<tbody>\n{rows}\n</tbody>\n</table>\n<p class="legend">{legend}</p>\n'
                "</section>", head=head, rows=join(rows, "\n"), legend=legend,
                category=when(full, "<th>Category</th>"), brief="" if full else " brief",
                now=when(full, '<th class="num">Now</th>'))


def _permanent(r: RecordLine) -> Markup:
    return when(r.permanent, ' <span class="badge">permanent</span>')


# ---- facts and endings ---------------------------------------------------------------------

def facts(d: Debrief) -> Markup:
    items = [html('<li><span class="badge {kind}">{kind}</span>{note}{source}</li>',
                  kind=f.kind, note=f.note,
                  source=when(f.source, '<span class="source">{}</span>', f.source))
             for f in d.facts]
    return when(items, '<section class="facts-part">\n<h2>Fact or fiction?</h2>\n'
                '<ul class="facts">{}</ul>\n</section>', join(items))


def endings(d: Debrief, notes: bool = True) -> Markup:
    parts = [ending(e, notes) for e in d.endings] or \
        [html("<p>The run has not reached an ending yet.</p>")]
    if d.pauses:
        parts.append(html("<h3>Pauses during play</h3><ul>{}</ul>",
                          join(html("<li>{}</li>", p) for p in d.pauses)))
    return html('<section class="endings-part">\n<h2>Debrief and discussion</h2>\n{}\n'
                "</section>", join(parts, "\n"))


def ending(e: EndingLine, notes: bool = True) -> Markup:
    """An ending as the debrief tells it; `notes` adds the facilitator notes."""
    prompts = join(html("<li>{}</li>", p) for p in e.prompts)
    return html('<div class="ending">\n<h3>Ending: {title}</h3>\n<div class="tone">{tone} '
                "ending</div>\n<p>{debrief}</p>\n<h4>Discussion prompts</h4>\n"
                '<ol class="prompts">{prompts}</ol>\n{notes}\n</div>', title=e.title,
                tone=e.tone, debrief=e.debrief, prompts=prompts,
                notes=when(notes and e.notes, '<div class="notes"><strong>For facilitators:'
                           "</strong> {}</div>", e.notes))
