"""The debrief in the terminal: the same computations as the window's debrief screen and the
report (game/engine/debrief.py), as plain lines a screen reader reads in order.

What it shows at an ending: the episode's choices with what the system recorded beside what
really happened and who rated you, the facts behind the story with their sources, the final
score taken apart, and the discussion prompts. Facilitator notes are left out unless asked for
(`n` at the ending), as the window keeps them for the teacher's view. Every line passes the
terminal escaper in TextPlayer.say.
"""
from __future__ import annotations

from typing import List, Optional

from ..engine.debrief import Debrief, TimelineEntry
from ..engine.model import Pack
from ..engine.numbers import breakdown_rows, delta_text, signed_text
from ..i18n import N_, _, localize_number

# Translators: what kind of claim a note behind the story is (a heading word before the note).
FACT_WORDS = {"fact": N_("Fact"), "fiction": N_("Fiction"), "myth": N_("Myth"),
              "disputed": N_("Disputed")}


def fact_word(kind: str) -> str:
    """A fact note's kind as a word in the current language ("Fact", "Myth")."""
    return _(FACT_WORDS[kind]) if kind in FACT_WORDS else kind.title()


def row_text(label: str, value: str) -> str:
    """One row of the score's breakdown ("Ratings average: 4.100")."""
    # Translators: a part of the score (`label`) and its figure.
    return _("{label}: {value}").format(label=label, value=value)


def debrief_lines(pack: Pack, d: Debrief, episode: Optional[str] = None) -> List[str]:
    """The debrief of `episode` (every episode when None), as paragraphs; the ending's title
    is the caller's to announce."""
    regime, fmt = d.regime, d.regime.scale.fmt
    lines: List[str] = []
    if d.ending is not None and d.ending.debrief:
        lines.append(d.ending.debrief)
    entries = [e for e in d.timeline if episode is None or e.episode == episode]
    start = entries[0].score_before if entries else d.final_score
    # Translators: `change` is a signed difference ("+0.120"), `tier` a standing tier's name.
    lines.append(_("Your score went from {start} to {end} ({change}); you are {tier}.").format(
        start=fmt(start), end=d.final_text,
        change=delta_text(regime.scale.decimals, start, d.final_score), tier=d.tier.name))
    if entries:
        lines.append(_("What you chose, what the system recorded, and what really happened:"))
        for e in entries:
            lines += _entry(d, e)
    facts = [f for f in d.facts if episode is None or pack.scenes[f.scene].episode == episode]
    if facts:
        lines.append(_("The facts behind this story:"))
        for f in facts:
            # Translators: `kind` is Fact, Fiction, Myth or Disputed; `note` the pack's text.
            line = _("{kind}: {note} (Source: {source})") if f.source else _("{kind}: {note}")
            lines.append("  " + line.format(kind=fact_word(f.kind), note=f.note, source=f.source))
    lines += _breakdown(d)
    if d.ending is not None and d.ending.prompts:
        lines.append(_("Discussion prompts:"))
        lines += [f"  {i}. {q}" for i, q in enumerate(d.ending.prompts, 1)]
    return lines


def _breakdown(d: Debrief) -> List[str]:
    regime = d.regime
    if not regime.visible:  # hidden during play, revealed in the debrief
        lines = [_("How your score is made (the system did not show you this while you "
                   "played):")]
    else:
        lines = [_("How your score is made now:")]
    lines += ["  " + row_text(label, text)
              for label, text, _value in breakdown_rows(regime, d.breakdown)]
    lines.append("  " + _("Your score: {score} ({tier})").format(score=d.final_text,
                                                                tier=d.tier.name))
    return lines


def notes_lines(d: Debrief) -> List[str]:
    notes = d.ending.notes if d.ending is not None else ""
    if not notes:
        return [_("(This ending has no facilitator notes.)")]
    return [_("Facilitator notes:"), notes]


def _entry(d: Debrief, e: TimelineEntry) -> List[str]:
    fmt, decimals = d.regime.scale.fmt, d.regime.scale.decimals
    change = delta_text(decimals, e.score_before, e.score_after)
    # Translators: `step` numbers the choice, `text` is its words, `before` and `after` scores,
    # `change` their signed difference, `tier` a standing tier's name.
    out = ["  " + _("Choice {step}: {text} ({before} to {after}, {change}; {tier})").format(
        step=e.step, text=e.text, before=fmt(e.score_before), after=fmt(e.score_after),
        change=change, tier=e.tier_name)]
    for r in e.ratings:
        # Translators: `stars` is a number; `who` a rater's name or "3 commuters".
        line = _("Rated {stars} stars by {who} ({score}).") if r.count == 1 else \
            _("Rated {stars} stars by {count} {who} ({score}).")
        out.append("    " + line.format(stars=localize_number(f"{r.stars:g}"), who=r.name,
                                        count=r.count, score=fmt(r.rater_score)))
    for rec in e.records:
        # Translators: `label` is a category of the score, `saw` what the system saw,
        # `contribution` a signed number.
        out.append("    " + _("The system recorded under {label}: {saw} ({contribution} "
                              "now).").format(label=rec.label, saw=rec.saw,
                                              contribution=_signed(d, rec.contribution)))
        if rec.truth:
            out.append("    " + _("What really happened: {truth}").format(truth=rec.truth))
    return out


def _signed(d: Debrief, value: float) -> str:
    return signed_text(d.regime.scale.decimals, value)
