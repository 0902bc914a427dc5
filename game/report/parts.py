"""The parts of a report that show one run: summary cards, chart, choices, records, endings.

Both forms use them: the student handout in their brief shape (`full=False`: the choices made,
no other options, no facilitator notes), the teacher's record in full. Every value goes through
game.report.safe, so pack text and save fields are escaped whatever they hold.
"""
from __future__ import annotations

from typing import List, Mapping, Optional, Sequence

from ..engine.debrief import (Debrief, EndingLine, Offer, RatingLine, RecordLine,
                              TimelineEntry)
from ..classroom.vote import shown_tie_break
from ..engine.model import Pack, Regime
from .chart import HEIGHT, Line, score_chart
from ..engine.numbers import shown_delta, signed_text
from ..i18n import N_, _, localize_number, ngettext, pgettext
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


def steps_text(n: int) -> str:
    return ngettext("{n} step", "{n} steps", n).format(n=n)


def choices_text(n: int) -> str:
    return ngettext("{n} choice", "{n} choices", n).format(n=n)


def votes_text(n: int) -> str:
    return ngettext("{n} vote", "{n} votes", n).format(n=n)


# Translators: how an ending feels (the pack format's three tones).
TONES = {"hopeful": N_("hopeful"), "bleak": N_("bleak"), "mixed": N_("mixed")}
TONE_ENDINGS = {"hopeful": N_("hopeful ending"), "bleak": N_("bleak ending"),
                "mixed": N_("mixed ending")}


def tone_word(tone: str) -> str:
    return _(TONES[tone]) if tone in TONES else tone


# Translators: the kind of a note behind the story, on a small badge.
FACT_KINDS = {"fact": N_("fact"), "fiction": N_("fiction"), "myth": N_("myth"),
              "disputed": N_("disputed")}


# ---- summary and chart ---------------------------------------------------------------------

def summary(d: Debrief) -> Markup:
    """Three cards: the final score and tier, the change over the run, the ending."""
    start = d.series.scores[0]
    ending = d.ending or (d.endings[-1] if d.endings else None)
    ending_card = html('<div class="title">{}</div><div class="muted">{}</div>', ending.title,
                       tone_word(ending.tone)) if ending else \
        html('<div class="title">{}</div>', _("Not reached yet"))
    return html('<div class="summary">\n'
                '<div class="card"><div class="label">{final_head}</div>'
                '<div class="big">{final}</div><div>{tier}</div></div>\n'
                '<div class="card"><div class="label">{change_head}</div>{change}'
                '<div class="muted">{start}</div></div>\n'
                '<div class="card"><div class="label">{ending_head}</div>{ending}</div>\n</div>',
                final_head=_("Final score"), change_head=_("Change over the run"),
                ending_head=_("Ending"), final=d.final_text, tier=d.tier.name,
                # Translators: under the change over the run: the score it started from.
                start=_("from {score}").format(score=d.regime.scale.fmt(start)),
                # the change between the two numbers as shown, so a class can subtract them
                change=change(d.regime, shown_delta(d.regime.scale.decimals, start,
                                                    d.final_score), "div", "big"),
                ending=ending_card)


def run_line(pack: Pack, d: Debrief) -> Markup:
    """Episodes · steps · the system's name, under a title."""
    titles = [pack.episode(e).title for e in d.episodes]
    # Translators: HTML under the report's title; `titles` are the episodes, `steps` "12 steps",
    # `name` the rating system's name. Keep the &...; entities (or write the characters).
    return html(_("{titles} &middot; {steps} &middot; the system is called &ldquo;{name}&rdquo;"),
                titles=" · ".join(titles), steps=steps_text(len(d.timeline)),
                name=d.regime.name)


CHART_HEADING = N_("The score over the run")
CHART_LEGEND = N_("The line is the score before the first choice and after each one. "
                  "Dashed lines are tier thresholds: cross one and doors open or close.")


def chart(d: Debrief, heading: str = "", height: int = HEIGHT,
          legend: Optional[str] = None) -> Markup:
    """The score chart; `heading` and `legend` default to the game's own (in the current
    language), a `legend` of "" leaves it out."""
    heading = heading or _(CHART_HEADING)
    legend = _(CHART_LEGEND) if legend is None else legend
    s = d.series
    svg = score_chart([Line(s.scores)], d.regime, s.low, s.high, s.episodes,
                      title=_("Score over the run, from {start} to {end}").format(
                          start=d.regime.scale.fmt(s.scores[0]), end=d.final_text),
                      height=height)
    return html('<section class="chart-part">\n<h2>{heading}</h2>\n{svg}\n{legend}\n</section>',
                heading=heading, svg=svg, legend=when(legend, '<p class="legend">{}</p>', legend))


# ---- the choices -------------------------------------------------------------------------

def choices(d: Debrief, full: bool = True, first: int = 1, heading: str = "") -> Markup:
    """The choices from step `first` on. In full: every option on offer (locked ones with
    the reason), the class votes, the ratings and the tier after each; brief: only the choices
    the class made (no Continue steps), with the class vote and a note where the tier changed."""
    heading = heading or _("The choices")
    timeline = [e for e in d.timeline if e.step >= first] if first > 1 else list(d.timeline)
    before = [d.regime.tier_for(d.series.scores[0]).name] + [e.tier_name for e in d.timeline]
    tier_before = {id(e): before[k] for k, e in enumerate(d.timeline)}
    if not full:
        timeline = [e for e in timeline if not _quiet(e)]
    if not timeline:
        return html('<section class="choices-part"><h2>{}</h2><p>{}</p></section>', heading,
                    _("No choices were made."))
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
                '{brief}">\n<thead><tr><th class="num">{step}</th><th>{choice}</th>'
                '<th class="num">{score}</th><th class="num">{change}</th>{tier}</tr></thead>\n'
                "<tbody>\n{rows}\n</tbody>\n</table>\n</section>", heading=heading,
                brief="" if full else " brief", tier=when(full, "<th>{}</th>", _("Tier")),
                # Translators: headings of narrow number columns in the printed report; keep
                # them short (abbreviate: "Nr."), the same words elsewhere are written out.
                rows=join(rows, "\n"), step=pgettext("report column", "Step"),
                choice=_("Choice"), score=pgettext("report column", "Score"),
                change=pgettext("report column", "Change"))


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
    # Translators: after a choice that crossed into another tier; `tier` is its name.
    return when(entry.tier_name != tier_before, ' <span class="crossed">{}</span>',
                _("now {tier}").format(tier=entry.tier_name))


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
        when(votes and not counts, '<div class="events">{}</div>',
             _("Class vote: {counts}").format(counts=" / ".join(map(str, votes.counts if votes
                                                                     else ())))),
        # Translators: `how` says how a tied class vote was decided.
        when(votes and votes.tie_break, '<div class="events">{}</div>',
             _("Tie broken: {how}").format(how=shown_tie_break(votes) if votes else "")),
    ])


def _votes(count: Optional[int]) -> Markup:
    return when(count is not None, ' <span class="votes">{}</span>', votes_text(count or 0))


def _option(o: Offer, count: Optional[int]) -> Markup:
    return html("<li{css}>{text}{locked}{votes}</li>",
                css=Markup("" if o.available else ' class="locked"'), text=o.text,
                locked=when(not o.available, ' <span class="small">{}</span>',
                            _("(locked: {reason})").format(reason=o.reason)),
                votes=_votes(count))


def _events(regime: Regime, ratings: Sequence[RatingLine]) -> Markup:
    fmt = regime.scale.fmt
    # Translators: a rating: `who` rated `stars` (a number, then a star sign) from their own
    # `score`; it counted `weight` times (a number after a multiplication sign).
    said = [html(_("{who} ({score}) rated {stars}\u2605, counted \u00d7{weight}"),
                 who=f"{r.count} × {r.name}" if r.count > 1 else r.name,
                 score=fmt(r.rater_score), stars=localize_number(f"{r.stars:g}"),
                 weight=localize_number(f"{r.weight:.2f}")) for r in ratings]
    return when(said, '<div class="events">{}</div>', join(said, "; "))


# ---- records versus truth ----------------------------------------------------------------

def records(d: Debrief, first: int = 1, full: bool = True) -> Markup:
    """The records from step `first` on, each beside the truth; `full` adds what is left of
    each at the end (after fading)."""
    lines = [r for r in d.records if r.step >= first] if first > 1 else list(d.records)
    head = _("What the system recorded, and what really happened")
    if not lines:
        return html('<section class="records-part"><h2>{}</h2><p>{}</p></section>', head,
                    _("The system recorded nothing about this run."))
    rows = [html('<tr><td class="num">{step}</td>{label}<td class="saw">{saw}</td>'
                 '<td class="truth">{truth}</td>{counted}{now}</tr>', step=r.step,
                 label=html("<td>{}{}</td>", r.label, _permanent(r)) if full else Markup(),
                 # Translators: a record's category before what the system saw ("Payments:").
                 saw=join([when(not full, '<span class="category">{}</span>{} ',
                                _("{category}:").format(category=r.label), _permanent(r)),
                           r.saw]),
                 truth=r.truth or html('<span class="muted">{}</span>', _("(not told)")),
                 counted=change(d.regime, r.initial),
                 now=change(d.regime, r.contribution) if full else Markup())
            for r in lines]
    # Translators: HTML; keep the &...; entities (or write the characters).
    legend = html(_("&ldquo;Counted&rdquo; is the record's effect on the score when it was made "
                    "(category weight &times; impact); &ldquo;Now&rdquo; is what is left of it "
                    "at the end.")) if full else \
        html(_("&ldquo;Counted&rdquo; is the record's effect on the score when it was made "
               "(category weight &times; impact)."))
    return html('<section class="records-part">\n<h2>{head}</h2>\n<table class="records{brief}">\n'
                '<thead><tr><th class="num">{step}</th>{category}<th>{saw}</th>'
                '<th>{truth}</th><th class="num">{counted}</th>{now}</tr></thead>\n'
                '<tbody>\n{rows}\n</tbody>\n</table>\n<p class="legend">{legend}</p>\n'
                "</section>", head=head, rows=join(rows, "\n"), legend=legend,
                category=when(full, "<th>{}</th>", _("Category")), brief="" if full else " brief",
                now=when(full, '<th class="num">{}</th>', _("Now")), step=pgettext("report column", "Step"),
                saw=_("The system saw"), truth=_("What really happened"), counted=_("Counted"))


def _permanent(r: RecordLine) -> Markup:
    # Translators: a badge on a record that never fades.
    return when(r.permanent, ' <span class="badge">{}</span>', _("permanent"))


# ---- facts and endings ---------------------------------------------------------------------

def facts(d: Debrief) -> Markup:
    items = [html('<li><span class="badge {kind}">{word}</span>{note}{source}</li>',
                  kind=f.kind, word=_(FACT_KINDS[f.kind]) if f.kind in FACT_KINDS else f.kind,
                  note=f.note,
                  source=when(f.source, '<span class="source">{}</span>', f.source))
             for f in d.facts]
    return when(items, '<section class="facts-part">\n<h2>{}</h2>\n'
                '<ul class="facts">{}</ul>\n</section>', _("Fact or fiction?"), join(items))


def endings(d: Debrief, notes: bool = True) -> Markup:
    parts = [ending(e, notes) for e in d.endings] or \
        [html("<p>{}</p>", _("The run has not reached an ending yet."))]
    if d.pauses:
        parts.append(html("<h3>{}</h3><ul>{}</ul>", _("Pauses during play"),
                          join(html("<li>{}</li>", p) for p in d.pauses)))
    return html('<section class="endings-part">\n<h2>{}</h2>\n{}\n'
                "</section>", _("Debrief and discussion"), join(parts, "\n"))


def ending(e: EndingLine, notes: bool = True) -> Markup:
    """An ending as the debrief tells it; `notes` adds the facilitator notes."""
    prompts = join(html("<li>{}</li>", p) for p in e.prompts)
    return html('<div class="ending">\n<h3>{title}</h3>\n<div class="tone">{tone}</div>\n'
                "<p>{debrief}</p>\n<h4>{prompts_head}</h4>\n"
                '<ol class="prompts">{prompts}</ol>\n{notes}\n</div>',
                title=_("Ending: {title}").format(title=e.title),
                tone=_(TONE_ENDINGS[e.tone]) if e.tone in TONE_ENDINGS else e.tone,
                debrief=e.debrief,
                prompts_head=_("Discussion prompts"), prompts=prompts,
                notes=when(notes and e.notes, '<div class="notes"><strong>{}</strong> {}</div>',
                           _("For facilitators:"), e.notes))
