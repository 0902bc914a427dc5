"""The algorithm, revealed: the regime's rules, weights and tiers, and how a run's final score
was made. Teacher's record only (the handout keeps to what the class chose and saw)."""
from __future__ import annotations

from ..engine.debrief import Debrief
from ..engine.model import Regime
from ..engine.numbers import breakdown_rows
from .parts import change, signed
from .safe import Markup, html, join, when


def regime(d: Debrief) -> Markup:
    """The section: the rules in words, then the final score taken apart, the weights, the
    tiers and the records that moved the score most."""
    r = d.regime
    fmt = r.scale.fmt
    return html('<section class="regime-part">\n<h2>The algorithm, revealed</h2>\n'
                "<p>&ldquo;{name}&rdquo; runs from {low} to {high}; before any rating, record or "
                "friend, everyone stands at {start}.\n{rules}</p>\n{breakdown}\n{categories}\n"
                "{tiers}\n{movers}\n</section>", name=r.name, low=fmt(r.scale.min),
                high=fmt(r.scale.max), start=fmt(r.scale.start), rules=rules(r),
                breakdown=breakdown(d), categories=categories(d), tiers=tiers(r),
                movers=movers(d))


def rules(r: Regime) -> str:
    """The regime's formula as plain sentences."""
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
    return " ".join(sentences)


def breakdown(d: Debrief, heading: str = "How the final score is made") -> Markup:
    # the shown parts add up to the shown score (engine/numbers.py), the scale's limit included
    body = join(html('<tr><td>{}</td><td class="num">{}</td></tr>', label, value)
                for label, value, _ in breakdown_rows(d.regime, d.breakdown))
    return html('<h3>{heading}</h3>\n<table class="breakdown compact"><tbody>{body}\n'
                '<tr><th>Score</th><th class="num">{score}</th></tr></tbody></table>',
                heading=heading, body=body, score=d.final_text)


def categories(d: Debrief) -> Markup:
    if not d.categories:
        return html("<p>This system records no behaviour categories.</p>")
    rows = join(html('<tr><td>{}</td><td class="num">{:g}</td><td class="num">{}</td></tr>',
                     c.label, c.weight, signed(d.regime, c.contribution))
                for c in d.categories)
    return html('<h3>Recorded behaviour</h3>\n<table class="compact"><thead><tr><th>Category'
                '</th><th class="num">Weight</th><th class="num">Part of the final score</th>'
                "</tr></thead><tbody>{}</tbody></table>", rows)


def tiers(r: Regime) -> Markup:
    rows = join(html('<tr><td>{name}</td><td class="num">{low}</td><td>{perks}</td>'
                     "<td>{penalties}</td></tr>", name=t.name, low=r.scale.fmt(t.min),
                     perks="; ".join(t.perks) or "\u2014",
                     penalties="; ".join(t.penalties) or "\u2014")
                for t in reversed(r.tiers))
    return html('<h3>Tiers</h3>\n<table class="tiers"><thead><tr><th>Tier</th>'
                '<th class="num">From</th><th>Perks</th><th>Penalties</th></tr>\n</thead>'
                "<tbody>{}</tbody></table>", rows)


def movers(d: Debrief) -> Markup:
    least = 10 ** -(d.regime.scale.decimals + 1)
    items = [html('<li>{saw} <span class="muted">({label}, step {step})</span>: {change}</li>',
                  saw=m.saw, label=m.label, step=m.step,
                  change=change(d.regime, m.contribution, "span", ""))
             for m in d.movers if abs(m.contribution) >= least][:5]
    return when(items, "<h3>The records that moved the final score most</h3><ol>{}</ol>",
                join(items))
