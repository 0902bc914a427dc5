"""The algorithm, revealed: the regime's rules, weights and tiers, and how a run's final score
was made. Teacher's record only (the handout keeps to what the class chose and saw)."""
from __future__ import annotations

from ..engine.debrief import Debrief
from ..engine.model import Regime
from ..engine.numbers import breakdown_rows
from .parts import change, signed
from ..i18n import _, format_percent, localize_number, pgettext
from .safe import Markup, html, join, when


def regime(d: Debrief) -> Markup:
    """The section: the rules in words, then the final score taken apart, the weights, the
    tiers and the records that moved the score most."""
    r = d.regime
    fmt = r.scale.fmt
    return html('<section class="regime-part">\n<h2>{head}</h2>\n<p>{scale}\n{rules}</p>\n'
                "{breakdown}\n{categories}\n{tiers}\n{movers}\n</section>",
                head=_("The algorithm, revealed"),
                # Translators: HTML; `name` is the rating system's, `low`, `high` and `start`
                # scores. Keep the &...; entities (or write the characters).
                scale=html(_("&ldquo;{name}&rdquo; runs from {low} to {high}; before any "
                             "rating, record or friend, everyone stands at {start}."),
                           name=r.name, low=fmt(r.scale.min), high=fmt(r.scale.max),
                           start=fmt(r.scale.start)), rules=rules(r),
                breakdown=breakdown(d), categories=categories(d), tiers=tiers(r),
                movers=movers(d))


def rules(r: Regime) -> str:
    """The regime's formula as plain sentences."""
    sentences = [
        # Translators: `prior` is a number of ratings (it may be a fraction, "2.5").
        _("The starting score counts as {prior} ratings.").format(prior=_g(r.prior)),
        _("A rating's weight is the rater's own position on the scale raised to the power "
          "{power}, so a rating from a high scorer counts for more.").format(
              power=_g(r.rater_influence)),
    ]
    if r.association > 0:
        # Translators: `share` is a percentage with its sign ("50%").
        sentences.append(_("Friends pull the score {share} of the way toward their "
                           "average.").format(share=format_percent(r.association)))
    else:
        sentences.append(_("Friends' scores do not count."))
    # Translators: `choices` is a number of choices (it may be a fraction, "2.5").
    sentences.append(_("Records fade by half every {choices} choices unless they are "
                       "permanent.").format(choices=_g(r.half_life)) if r.half_life > 0
                     else _("Records never fade."))
    if not r.visible:
        sentences.append(_("During play the system did not show how it reached the number."))
    return " ".join(sentences)


def _g(value: float) -> str:
    """A regime's setting as written ("2.5", "0.25") in the language's signs."""
    return localize_number(f"{value:g}")


def breakdown(d: Debrief, heading: str = "") -> Markup:
    # the shown parts add up to the shown score (engine/numbers.py), the scale's limit included
    body = join(html('<tr><td>{}</td><td class="num">{}</td></tr>', label, value)
                for label, value, _shown in breakdown_rows(d.regime, d.breakdown))
    return html('<h3>{heading}</h3>\n<table class="breakdown compact"><tbody>{body}\n'
                '<tr><th>{score_head}</th><th class="num">{score}</th></tr></tbody></table>',
                heading=heading or _("How the final score is made"), body=body,
                score_head=_("Score"), score=d.final_text)


def categories(d: Debrief) -> Markup:
    if not d.categories:
        return html("<p>{}</p>", _("This system records no behaviour categories."))
    rows = join(html('<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td></tr>',
                     c.label, _g(c.weight), signed(d.regime, c.contribution))
                for c in d.categories)
    return html('<h3>{}</h3>\n<table class="compact"><thead><tr><th>{}'
                '</th><th class="num">{}</th><th class="num">{}</th>'
                "</tr></thead><tbody>{}</tbody></table>", _("Recorded behaviour"), _("Category"),
                _("Weight"), _("Part of the final score"), rows)


def tiers(r: Regime) -> Markup:
    rows = join(html('<tr><td>{name}</td><td class="num">{low}</td><td>{perks}</td>'
                     "<td>{penalties}</td></tr>", name=t.name, low=r.scale.fmt(t.min),
                     perks="; ".join(t.perks) or "\u2014",
                     penalties="; ".join(t.penalties) or "\u2014")
                for t in reversed(r.tiers))
    return html('<h3>{}</h3>\n<table class="tiers"><thead><tr><th>{}</th>'
                '<th class="num">{}</th><th>{}</th><th>{}</th></tr>\n</thead>'
                "<tbody>{}</tbody></table>", _("Tiers"), _("Tier"),
                # Translators: a column of tier thresholds: the score each tier starts from.
                pgettext("tier threshold", "From"), _("Perks"), _("Penalties"), rows)


def movers(d: Debrief) -> Markup:
    least = 10 ** -(d.regime.scale.decimals + 1)
    # Translators: `label` is a category of the score, `step` numbers the choice.
    where = _("({label}, step {step})")
    items = [html('<li>{saw} <span class="muted">{where}</span>: {change}</li>',
                  saw=m.saw, where=where.format(label=m.label, step=m.step),
                  change=change(d.regime, m.contribution, "span", ""))
             for m in d.movers if abs(m.contribution) >= least][:5]
    return when(items, "<h3>{}</h3><ol>{}</ol>",
                _("The records that moved the final score most"), join(items))
