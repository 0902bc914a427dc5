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

FACT_WORDS = {"fact": "Fact", "fiction": "Fiction", "myth": "Myth", "disputed": "Disputed"}


def debrief_lines(pack: Pack, d: Debrief, episode: Optional[str] = None) -> List[str]:
    """The debrief of `episode` (every episode when None), as paragraphs; the ending's title
    is the caller's to announce."""
    regime, fmt = d.regime, d.regime.scale.fmt
    lines: List[str] = []
    if d.ending is not None and d.ending.debrief:
        lines.append(d.ending.debrief)
    entries = [e for e in d.timeline if episode is None or e.episode == episode]
    start = entries[0].score_before if entries else d.final_score
    lines.append(f"Your score went from {fmt(start)} to {d.final_text} "
                 f"({delta_text(regime.scale.decimals, start, d.final_score)}); "
                 f"you are {d.tier.name}.")
    if entries:
        lines.append("What you chose, what the system recorded, and what really happened:")
        for e in entries:
            lines += _entry(d, e)
    facts = [f for f in d.facts if episode is None or pack.scenes[f.scene].episode == episode]
    if facts:
        lines.append("The facts behind this story:")
        for f in facts:
            source = f" (Source: {f.source})" if f.source else ""
            lines.append(f"  {FACT_WORDS.get(f.kind, f.kind.title())}: {f.note}{source}")
    lines += _breakdown(d)
    if d.ending is not None and d.ending.prompts:
        lines.append("Discussion prompts:")
        lines += [f"  {i}. {q}" for i, q in enumerate(d.ending.prompts, 1)]
    return lines


def _breakdown(d: Debrief) -> List[str]:
    regime = d.regime
    if not regime.visible:  # hidden during play, revealed in the debrief
        lines = ["How your score is made (the system did not show you this while you played):"]
    else:
        lines = ["How your score is made now:"]
    lines += [f"  {label}: {text}" for label, text, _ in breakdown_rows(regime, d.breakdown)]
    lines.append(f"  Your score: {d.final_text} ({d.tier.name})")
    return lines


def notes_lines(d: Debrief) -> List[str]:
    notes = d.ending.notes if d.ending is not None else ""
    if not notes:
        return ["(This ending has no facilitator notes.)"]
    return ["Facilitator notes:", notes]


def _entry(d: Debrief, e: TimelineEntry) -> List[str]:
    fmt, decimals = d.regime.scale.fmt, d.regime.scale.decimals
    change = delta_text(decimals, e.score_before, e.score_after)
    out = [f"  Choice {e.step}: {e.text} ({fmt(e.score_before)} to {fmt(e.score_after)}, "
           f"{change}; {e.tier_name})"]
    for r in e.ratings:
        who = r.name if r.count == 1 else f"{r.count} {r.name}"
        out.append(f"    Rated {r.stars:g} stars by {who} ({fmt(r.rater_score)}).")
    for rec in e.records:
        out.append(f"    The system recorded under {rec.label}: {rec.saw} "
                   f"({_signed(d, rec.contribution)} now).")
        if rec.truth:
            out.append(f"    What really happened: {rec.truth}")
    return out


def _signed(d: Debrief, value: float) -> str:
    return signed_text(d.regime.scale.decimals, value)
