"""The debrief: what the player chose, what the system recorded beside what really happened, the
score over the run with the tier thresholds, the algorithm revealed, the fact notes, and the
ending's discussion prompts (one at a time, large, on their own screen).

Everything shown comes from `game.engine.debrief.build_debrief`; this module only lays it out.
Tabs keep each topic to one screen for a projector: 1 Choices, 2 Score, 3 Algorithm, 4 Facts,
5 Discussion. Keys: Left/Right or 1-5 switch tabs, Up/Down/wheel scroll, P prompts, W what if,
L algorithm lab, E export the report, Tab moves between buttons, Esc goes back.
"""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional, Sequence, Tuple

import pygame

from ...classroom.vote import shown_tie_break
from ...engine.debrief import Debrief, EndingLine, TimelineEntry, build_debrief
from ...engine.model import Regime
from ...engine.numbers import breakdown_rows, delta_text, signed_text
from ...engine.regime import rating_weight
from ...engine.state import StateError
from ...i18n import N_, _, localize_number, ngettext
from ..chart import Line, ScoreChart
from ..projector import letter
from ..theme import Colour, mix
from ..widgets import Button, TextBlock, chip
from .base import DIGITS, Screen

# The tabs, in English: each names its method (_c_choices, ...); shown through _().
TABS = (N_("Choices"), N_("Score"), N_("Algorithm"), N_("Facts"), N_("Discussion"))
# Translators: an ending's tone, on a badge (capitals)
TONES = {"hopeful": N_("HOPEFUL"), "bleak": N_("BLEAK"), "mixed": N_("MIXED")}
# Translators: what a fact note is, on a badge (capitals): documented fact, the story's
# fiction, a common myth, or disputed
FACT_KINDS = {"fact": N_("FACT"), "fiction": N_("FICTION"), "myth": N_("MYTH"),
              "disputed": N_("DISPUTED")}
FALLBACK_PROMPTS = (N_("What did the system see, and what really happened?"),
                    N_("Who could correct the record?"),
                    N_("Which rating counted most, and why?"))


def tone_badge(tone: str) -> str:
    return _(TONES[tone]) if tone in TONES else tone.upper()


def fact_badge(kind: str) -> str:
    return _(FACT_KINDS[kind]) if kind in FACT_KINDS else kind.upper()


def plural_n(x: float) -> int:
    """The count ngettext chooses the plural by, for a number that may have decimals
    ("1 star", "4.5 stars")."""
    return int(x) if float(x).is_integer() else 2


def number(x: float, form: str = "g") -> str:
    """A number the way the player's language writes it (4.5 / 4,5)."""
    return localize_number(format(x, form))


# ---- helpers shared by the classroom screens ---------------------------------------------------

def reports_dir() -> Path:
    """Where exported session reports go: beside the saves, in Standing's own data folder."""
    from ...paths import saves_dir
    return saves_dir().parent / "reports"


def export_report(pack, state, first=None) -> Path:
    """Write the teacher's record (with the first run, when `state` is a what-if of it) and,
    beside it, the student handout; return the record's path."""
    from ...report.files import write_reports
    return write_reports(pack, state, reports_dir(), first).teacher


def signed(regime: Regime, value: float, extra: int = 0) -> str:
    """+0.012 / −0.201 in the scale's decimals (a true minus sign; no "−0.000")."""
    return signed_text(regime.scale.decimals + extra, value)


def shown_delta(regime: Regime, before: float, after: float) -> str:
    """The change between two scores as the player reads them (each rounded first), so that
    "4.102 to 3.966" is always "−0.136", never a "−0.135" a class could not subtract to."""
    return delta_text(regime.scale.decimals, before, after)


def fact_colours(pal, kind: str) -> Tuple[Colour, Colour]:
    """(fill, text) for a fact/fiction/myth/disputed badge, distinct in both themes."""
    contrast = pal.bg_top == (0, 0, 0)
    white, black = (255, 255, 255), (0, 0, 0)
    table = {  # (soft theme fill, high-contrast fill)
        "fact": ((18, 108, 80), (110, 255, 170)),  # soft fills all hold white text at AA
        "fiction": ((108, 72, 180), (200, 170, 255)),
        "myth": ((178, 40, 72), (255, 130, 130)),
        "disputed": ((140, 82, 0), (255, 214, 0)),
    }
    if kind in table:
        soft, bright = table[kind]
        return (bright, black) if contrast else (soft, white)
    return table.get(kind, (pal.muted, pal.card))


def row_buttons(screen: Screen, buttons: Sequence[Button], x: int, y: int, width: int,
                gap: int, centre: bool = False) -> int:
    """Place buttons left to right at their natural width, wrapping onto more rows when the
    window is narrow (projector text). Returns the y below the last row."""
    t, r = screen.theme, screen.rend
    rows: List[List[Button]] = [[]]
    used = 0
    for b in buttons:
        b.compact = True
        role = "bold" if b.kind in ("primary", "normal") else "body"
        natural = r.measure(role, t.text_px("choice"), b.label) + 2 * t.px(18) + t.px(4)
        if b.number is not None or getattr(b, "badge", ""):
            natural += t.px(34) + t.px(14)
        natural = min(width, natural)
        if rows[-1] and used + gap + natural > width:
            rows.append([])
            used = 0
        b._natural = natural  # type: ignore[attr-defined]
        used += (gap if rows[-1] else 0) + natural
        rows[-1].append(b)
    for row in rows:
        total = sum(b._natural for b in row) + gap * (len(row) - 1)  # type: ignore[attr-defined]
        bx = x + (width - total) // 2 if centre else x
        h = max(b.measure(r, b._natural) for b in row)  # type: ignore[attr-defined]
        for b in row:
            b.rect = pygame.Rect(bx, y, b._natural, h)  # type: ignore[attr-defined]
            bx += b._natural + gap  # type: ignore[attr-defined]
        y += h + gap
    return y - gap


def prompts_for(d: Debrief) -> Tuple[Tuple[str, ...], str, str]:
    """(prompts, where they come from, facilitator notes) for the discussion."""
    end: Optional[EndingLine] = d.ending or (d.endings[-1] if d.endings else None)
    if end is not None and end.prompts:
        return end.prompts, f"{end.title}", end.notes
    if d.pauses:
        return d.pauses, _("The discussion pauses so far"), ""
    return tuple(_(p) for p in FALLBACK_PROMPTS), _("Good first questions"), ""


class DebriefScreen(Screen):
    name = "debrief"

    def __init__(self, app, tab: int = 0):
        super().__init__(app)
        self.tab = tab
        self.exported = ""  # the path the report went to, shown on screen
        self.error = ""
        self.chart = ScoreChart(app.rend)
        self.d: Optional[Debrief] = None
        self._shown_teacher = False
        self.rebuild()

    def rebuild(self) -> None:
        sess = self.app.session
        try:
            self.d = build_debrief(sess.pack, sess.rt.state)
            self.error = ""
        except StateError as e:
            self.d, self.error = None, str(e)

    @property
    def regime(self) -> Regime:
        return self.app.session.pack.regime

    def entered(self) -> None:
        self.rebuild()  # a rewind or a vote may have changed the run

    # ---- layout ----------------------------------------------------------------------

    def layout(self) -> None:
        t, r, pal = self.theme, self.rend, self.theme.pal
        margin = t.px(36)
        w = min(t.px(1120), t.w - 2 * margin)
        x = (t.w - w) // 2
        self.frame = pygame.Rect(x, 0, w, t.h)
        y = t.px(22)
        d = self.d
        sess = self.app.session
        # Translators: above the debrief (capitals); {title} is the pack's
        kicker = _("DEBRIEF  \u00b7  {title}").format(title=sess.pack.info.title.upper())
        self.kicker = r.label("bold", "tiny", kicker, pal.accent)
        self.kicker_y = y
        y += self.kicker.get_height() + t.px(4)
        title = (d.ending.title if d and d.ending else _("The run so far"))
        self.title = r.label("heading", "h2", title, pal.text)
        self.title_y = y
        y += self.title.get_height() + t.px(10)
        self.tab_buttons = [Button(_(name), (lambda i=i: self.set_tab(i)),
                                   kind="primary" if i == self.tab else "quiet",
                                   # Translators: read aloud for a debrief tab; {tab} its name
                                   speak=_("{tab} tab").format(tab=_(name)))
                            for i, name in enumerate(TABS)]
        y = row_buttons(self, self.tab_buttons, x, y, w, t.px(8)) + t.px(14)
        self.actions = self._actions()
        # The footer: the export notice, then the action buttons along the bottom.
        heights = row_buttons(self, self.actions, x, 0, w, t.px(10), centre=True)
        foot_h = heights
        notice_h = 0
        if self.exported:
            self.notice = r.block(_("Report saved: {path}").format(path=self.exported), w,
                                  "small", "bold", 1.25)
            notice_h = self.notice.height + t.px(10)
        foot_y = t.h - t.px(18) - foot_h
        for b in self.actions:
            b.rect.y += foot_y
        self.notice_y = foot_y - notice_h - t.px(16)
        self.scroll.view = pygame.Rect(x, y, w, self.notice_y - t.px(10) - y)
        self.buttons = self.tab_buttons + self.actions
        self.focus = min(self.focus, len(self.buttons) - 1)
        self._content()

    def _actions(self) -> List[Button]:
        sess = self.app.session
        acts = [Button(_("Prompts"), self.prompts, kind="primary",
                       speak=_("Discussion prompts, one at a time")),
                Button(_("What if\u2026"), self.what_if, speak=_("What if: rewind and compare")),
                Button(_("Algorithm lab"), self.lab),
                Button(_("Export report"), self.export)]
        if getattr(sess, "original", None) is not None:
            acts.insert(2, Button(_("Compare runs"), self.compare))
        acts.append(Button(_("Back"), self.back, kind="quiet"))
        return acts

    def set_tab(self, i: int) -> None:
        self.tab = i % len(TABS)
        self.focus = self.tab
        self.scroll.offset = 0
        self.layout()
        self.app.speech.say(f"{_(TABS[self.tab])}.")
        self.app.dirty = True

    # ---- content per tab -------------------------------------------------------------

    @property
    def teacher_view(self) -> bool:
        """Teacher-only material shows only when the teacher asks for it (the App's flag)."""
        return bool(getattr(self.app, "teacher_view", False))

    def update(self, dt: float) -> bool:
        if self._shown_teacher != self.teacher_view:  # toggled (F2): lay the tab out again
            self.layout()
            return True
        return False

    def _content(self) -> None:
        self._shown_teacher = self.teacher_view
        self.items: List[Tuple[str, object, int]] = []
        self.inner = self.scroll.view.w - self.theme.px(24)
        y = 0
        if self.d is None:
            b = self.rend.block(_("The debrief cannot be built for this run: {problem}").format(
                problem=self.error), self.inner, "body", "body")
            y = self._add("text", (b, self.theme.pal.down), y, b.height)
        else:
            y = getattr(self, "_c_" + TABS[self.tab].lower())(y)
        self.scroll.content_h = y + self.theme.px(16)
        self.scroll.clamp()

    def _add(self, kind: str, payload, y: int, h: int) -> int:
        self.items.append((kind, payload, y))
        return y + h

    def _text(self, y: int, text: str, kind: str = "body", role: str = "body",
              colour: Optional[Colour] = None, indent: int = 0, gap: int = 8,
              leading: float = 1.4) -> int:
        b = self.rend.block(text, self.inner - indent, kind, role, leading)
        y = self._add("text", (b, colour or self.theme.pal.text, indent), y, b.height)
        return y + self.theme.px(gap)

    def _head(self, y: int, text: str) -> int:
        return self._text(y, text, "h3", "heading", gap=10, leading=1.2)

    def _c_choices(self, y: int) -> int:
        t = self.theme
        d = self.d
        if not d.timeline:
            return self._text(y, _("No choices yet. The debrief fills in as you play."),
                              role="italic", colour=t.pal.muted)
        episode = None
        for e in d.timeline:
            if e.episode != episode and len(d.episodes) > 1:
                episode = e.episode
                y = self._text(y, e.episode_title.upper(), "tiny", "bold", t.pal.accent, gap=10)
            y = self._entry(y, e)
        return y

    def _entry(self, y: int, e: TimelineEntry) -> int:
        t, pal = self.theme, self.theme.pal
        regime = self.regime
        fmt = regime.scale.fmt
        text_x = 2 * self._step_radius() + t.px(18)
        y = self._add("step", e, y, 0)
        y = self._text(y, e.text, "body", "bold", indent=text_x, gap=2, leading=1.3)
        change = shown_delta(regime, e.score_before, e.score_after)
        # Translators: a choice's effect: the score before and after, the change, the tier
        move = _("{before} to {after} ({change})  \u00b7  {tier}").format(
            before=fmt(e.score_before), after=fmt(e.score_after), change=change, tier=e.tier_name)
        colour = pal.up if e.delta > 1e-9 else pal.down if e.delta < -1e-9 else pal.muted
        y = self._text(y, move, "small", "bold", colour, indent=text_x, gap=6)
        if e.votes is not None:
            counts = "  \u00b7  ".join(f"{letter(i)} {n}" for i, n in enumerate(e.votes.counts))
            # Translators: {counts} is each answer's letter and votes ("A 12  ·  B 9"),
            # {choice} the letter the class chose; ** marks bold
            vote = _("**Class vote:** {counts}:  the class chose {choice}").format(
                counts=counts, choice=letter(e.votes.chosen)) if e.votes.chosen >= 0 else \
                _("**Class vote:** {counts}").format(counts=counts)
            y = self._text(y, vote, "small", indent=text_x, gap=2)
            if e.votes.tie_break:
                y = self._text(y, shown_tie_break(e.votes), "small", "italic", pal.muted,
                               indent=text_x, gap=4)
        for rec in e.records:
            y = self._record(y + t.px(4), rec, text_x)
        for rt in e.ratings:
            y = self._text(y, self._rating(rt), "small", indent=text_x, gap=2)
        others = [o for o in e.offered if o.source != e.choice]
        if others:
            # Translators: a choice the player did not take, and why it was locked
            parts = [o.text if o.available else _("{choice} (locked: {reason})").format(
                choice=o.text, reason=o.reason) for o in others]
            y = self._text(y, _("Also on offer: {choices}").format(
                choices="  \u00b7  ".join(parts)), "small", "italic", pal.muted, indent=text_x,
                gap=4)
        return y + t.px(18)

    def _rating(self, rt) -> str:
        """One rating the step brought: how many stars, from whom, how much it counted."""
        fmt = self.regime.scale.fmt
        stars = ngettext("{stars} star", "{stars} stars", plural_n(rt.stars)).format(
            stars=number(rt.stars))
        who = _("{name} ({score})").format(name=rt.name, score=fmt(rt.rater_score)) \
            if rt.by or rt.name else rt.name
        many = f" \u00d7{rt.count}" if rt.count > 1 else ""
        # Translators: {stars} is "4 stars", {times} is " ×3" when several gave it (else
        # empty), {rater} a name with their score, {weight} how much it counted; ** is bold
        return _("**Rated {stars}{times}** by {rater}: counted \u00d7{weight}").format(
            stars=stars, times=many, rater=who, weight=number(rt.weight, ".2f"))

    def _record(self, y: int, rec, indent: int) -> int:
        t, r = self.theme, self.rend
        regime = self.regime
        half = (self.inner - indent - t.px(16)) // 2
        a = r.block(rec.saw, half - t.px(28), "small", "body", 1.35)
        # Translators: what really happened, when the story never says
        b = r.block(rec.truth or _("(no one asked)"), half - t.px(28), "small", "body", 1.35)
        # Translators: what a record adds to the score now ("+0.012 now")
        fade = _("never fades") if rec.permanent else _("{value} now").format(
            value=signed(regime, rec.contribution))
        # Translators: {value} is what the record added when made ("−0.201"); {fade} is
        # "never fades" or what it adds now
        counted = _("counted {value} when recorded  \u00b7  {fade}").format(
            value=signed(regime, rec.initial), fade=fade)
        c = r.block(counted, half - t.px(28), "tiny", "italic", 1.25)
        head = r.label("bold", "tiny", "X", (0, 0, 0)).get_height()
        inner_h = max(a.height + t.px(6) + c.height, b.height)
        h = head + t.px(34) + inner_h
        if rec.fact is not None:
            h += head + t.px(18)
        return self._add("record", (rec, a, b, c, half, h, indent), y, h) + t.px(10)

    def _c_score(self, y: int) -> int:
        t, pal = self.theme, self.theme.pal
        d = self.d
        s = d.series
        ch = max(t.px(220), min(t.px(420), self.scroll.view.h - t.px(110)))
        y = self._add("chart", ch, y, ch) + t.px(14)
        fmt = self.regime.scale.fmt
        y = self._text(y, _("**Started at** {start}, **now** {score}, {tier}.  Dashed lines "
                            "are the tier thresholds: cross one and doors open or close.").format(
            start=fmt(s.scores[0]), score=d.final_text, tier=d.tier.name), "small")
        names = {tr.id: tr.name for tr in self.regime.tiers}
        for i in range(1, len(s.tiers)):
            if s.tiers[i] != s.tiers[i - 1]:
                ranks = [tr.id for tr in self.regime.tiers]
                up = ranks.index(s.tiers[i]) > ranks.index(s.tiers[i - 1])
                e = d.timeline[i - 1] if i - 1 < len(d.timeline) else None
                line = self._crossing(e, up).format(step=i, choice=e.text if e else "",
                                                    old=names[s.tiers[i - 1]],
                                                    new=names[s.tiers[i]])
                y = self._text(y, line, "small", "bold", pal.up if up else pal.down, gap=4)
        return y

    @staticmethod
    def _crossing(e: Optional[TimelineEntry], up: bool) -> str:
        """The sentence for a tier crossed at a step (with the choice's text when known)."""
        if e is not None:
            # Translators: a tier crossed at a step: {choice} is the choice's text, {old} and
            # {new} the tiers' names
            return _("Step {step} (\u201c{choice}\u201d): rose from {old} to {new}") if up else \
                _("Step {step} (\u201c{choice}\u201d): fell from {old} to {new}")
        return _("Step {step}: rose from {old} to {new}") if up else \
            _("Step {step}: fell from {old} to {new}")

    def _c_algorithm(self, y: int) -> int:
        t = self.theme
        d, regime = self.d, self.regime
        fmt = regime.scale.fmt
        # Translators: {name} is the scoring system's name in the story; ** marks bold
        intro = _("**The algorithm, revealed: {name}.** Its breakdown was visible to the "
                  "player during play.") if regime.visible else \
            _("**The algorithm, revealed: {name}.** Its breakdown was hidden from the player "
              "during play; only this debrief shows it.")
        y = self._text(y, intro.format(name=regime.name), "body", gap=12)
        y = self._head(y, _("The weights"))
        for label, value in self._weights():
            y = self._pair(y, label, value)
        y = self._head(y + t.px(12), _("The tiers"))
        for tr in reversed(regime.tiers):
            # Translators: a tier's perks or penalties, separated by semicolons
            parts = ([_("Perks: {perks}.").format(perks="; ".join(tr.perks))] if tr.perks
                     else []) + ([_("Penalties: {penalties}.").format(
                         penalties="; ".join(tr.penalties))] if tr.penalties else [])
            # Translators: a tier's name and the score it starts at
            name = _("{tier} from {score}  (you are here)") if tr.id == d.tier.id else \
                _("{tier} from {score}")
            y = self._pair(y, name.format(tier=tr.name, score=fmt(tr.min)),
                           " ".join(parts) or _("Nothing either way."), bold=tr.id == d.tier.id)
        y = self._head(y + t.px(12), _("Your final score, taken apart"))
        for label, text, _value in breakdown_rows(regime, d.breakdown):
            y = self._pair(y, label, text)
        y = self._pair(y, _("Your score"), f"{d.final_text}  ({d.tier.name})", bold=True)
        movers = [m for m in d.movers if abs(m.contribution) > 1e-12][:5]
        if movers:
            y = self._head(y + t.px(12), _("The records that moved it most"))
            for m in movers:
                y = self._pair(y, f"{m.saw}  ({m.label})", signed(regime, m.contribution),
                               sub=_("What really happened: {truth}").format(truth=m.truth)
                               if m.truth else "")
        return y

    def _weights(self) -> List[Tuple[str, str]]:
        """(label, what it does) for each weight of the regime, with its value."""
        d, regime = self.d, self.regime
        fmt = regime.scale.fmt
        sc = regime.scale
        hi, lo = sc.min + 0.95 * sc.span, sc.min + 0.25 * sc.span
        ratio = rating_weight(regime, hi) / max(1e-12, rating_weight(regime, lo))
        rows = [(_("Ratings from people"), ngettext(
                    "the starting score counts as {prior} rating",
                    "the starting score counts as {prior} ratings",
                    plural_n(regime.prior)).format(prior=number(regime.prior))),
                (_("Rater influence"),
                 # Translators: {influence} is the weight's value; {high} and {low} are scores
                 _("{influence}: a rating from someone at {high} counts {ratio}\u00d7 one from "
                   "someone at {low}").format(influence=number(regime.rater_influence),
                                              high=fmt(hi), ratio=number(ratio, ".1f"),
                                              low=fmt(lo)))]
        for c in d.categories:
            # Translators: a kind of record's weight, and what it adds to the score now
            rows.append((c.label, _("weight {weight}  \u00b7  {value} of your score now").format(
                weight=number(c.weight), value=signed(regime, c.contribution))))
        percent = number(regime.association * 100, ".0f") + "%"
        rows.append((_("Friends' pull"),
                     # Translators: {pull} is the weight's value (0 to 1), {percent} the same
                     # as a percentage ("40%")
                     _("{pull}: your score moves {percent} of the way to your friends' "
                       "average").format(pull=number(regime.association), percent=percent)))
        rows.append((_("Fading"), ngettext(
            "records lose half their weight every {half_life} choice",
            "records lose half their weight every {half_life} choices",
            plural_n(regime.half_life)).format(half_life=number(regime.half_life))
            if regime.half_life > 0 else _("records never fade")))
        return rows

    def _pair(self, y: int, label: str, value: str, bold: bool = False, sub: str = "") -> int:
        t, r = self.theme, self.rend
        lw = int(self.inner * 0.42)
        a = r.block(label, lw - t.px(16), "small", "bold" if bold else "body", 1.3)
        b = r.block(value, self.inner - lw, "small", "bold" if bold else "body", 1.3)
        s = r.block(sub, self.inner - t.px(16), "tiny", "italic", 1.25) if sub else None
        h = max(a.height, b.height) + (s.height + t.px(2) if s else 0) + t.px(10)
        return self._add("pair", (a, b, s, lw, h), y, h)

    def _c_facts(self, y: int) -> int:
        t, pal = self.theme, self.theme.pal
        d = self.d
        if not d.facts:
            return self._text(y, _("No fact notes on this path yet."), role="italic",
                              colour=pal.muted)
        y = self._text(y, _("Which parts of the story are documented, which are invented, and "
                            "which are myths? Each note was met along the way."), "small",
                       colour=pal.muted, gap=12)
        head = self.rend.label("bold", "tiny", "X", (0, 0, 0)).get_height()
        for f in d.facts:
            y = self._add("badge", f.kind, y, head + t.px(14))
            y = self._text(y, f.note, "body", gap=2)
            if f.source:
                y = self._text(y, _("Source: {source}").format(source=f.source), "tiny",
                               "italic", pal.muted, gap=2)
            y += t.px(16)
        return y

    def _c_discussion(self, y: int) -> int:
        t, pal = self.theme, self.theme.pal
        d = self.d
        end = d.ending or (d.endings[-1] if d.endings else None)
        if end is not None:
            y = self._text(y, end.title, "h2", "heading", gap=4, leading=1.2)
            y = self._add("tone", tone_badge(end.tone), y,
                          self.rend.label("bold", "tiny", "X", (0, 0, 0)).get_height() + t.px(20))
            if end.debrief:
                y = self._text(y, end.debrief, "body", gap=14)
        prompts, source, notes = prompts_for(d)
        y = self._head(y, _("Questions for the class"))
        for i, q in enumerate(prompts, 1):
            y = self._text(y, f"**{i}.**  {q}", "body", gap=6)
        # Translators: P is the key; Prompts is the button of that name
        y = self._text(y + t.px(4), _("Press P (or Prompts) to show them one at a time, large "
                                      "enough for the back of the room."), "small", "italic",
                       pal.muted, gap=14)
        if notes and self.teacher_view:
            y = self._head(y, _("For facilitators"))
            y = self._text(y, notes, "small", gap=12)
        elif notes:  # the class may be reading this screen: the notes stay with the teacher
            y = self._text(y, _("Facilitator notes are kept off the class's screen."), "small",
                           "italic", pal.muted, gap=12)
        if d.pauses and (end is not None and end.prompts):
            y = self._head(y, _("Discussion pauses along the way"))
            for p in d.pauses:
                y = self._text(y, "\u2022  " + p, "small", gap=4)
        return y

    # ---- actions ---------------------------------------------------------------------

    def prompts(self) -> None:
        if self.d is None:
            return
        prompts, source, _notes = prompts_for(self.d)
        self.app.push(PromptsScreen(self.app, prompts, source))

    def what_if(self) -> None:
        from .whatif import WhatIfScreen
        self.app.push(WhatIfScreen(self.app))

    def compare(self) -> None:
        from .whatif import CompareScreen
        self.app.push(CompareScreen(self.app))

    def lab(self) -> None:
        from .lab import LabScreen
        if self.d is None:
            return
        self.app.push(LabScreen(self.app))

    def export(self) -> None:
        sess = self.app.session
        try:
            path = export_report(sess.pack, sess.rt.state, getattr(sess, "original", None))
        except (OSError, StateError) as e:
            self.app.toast(_("The report could not be written: {problem}").format(problem=e),
                           "down")
            return
        self.exported = str(path)
        self.layout()
        # The full path is on the green notice line; the toast names it short enough to fit.
        self.app.toast(self.app.feed.fit_path(str(path)), "up", _("Report saved"))
        self.app.speech.say(_("Report saved to {path}").format(path=path))

    def toast_anchor(self):
        """Notifications rise from just above the export notice and the action buttons, so
        they never cover a button."""
        return self.frame.right, self.notice_y - self.theme.px(8), False

    def spoken(self) -> str:
        d = self.d
        if d is None:
            return _("Debrief. {problem}").format(problem=self.error)
        n = len(d.timeline)
        # Translators: read aloud when the debrief opens; {tier} is the tier's name
        return ngettext("Debrief. {count} choice. Final score {score}, {tier}. Tabs: choices, "
                        "score, algorithm, facts, discussion.",
                        "Debrief. {count} choices. Final score {score}, {tier}. Tabs: choices, "
                        "score, algorithm, facts, discussion.", n).format(
            count=n, score=d.final_text, tier=d.tier.name)

    # ---- input -----------------------------------------------------------------------

    def on_key(self, e) -> bool:
        k = e.key
        if k == pygame.K_LEFT:
            self.set_tab(self.tab - 1)
        elif k == pygame.K_RIGHT:
            self.set_tab(self.tab + 1)
        elif k in DIGITS and DIGITS[k] <= len(TABS):
            self.set_tab(DIGITS[k] - 1)
        elif k == pygame.K_DOWN:
            self.scroll.by(self.theme.px(70))
        elif k == pygame.K_UP:
            self.scroll.by(-self.theme.px(70))
        elif k in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            self.scroll.by((1 if k == pygame.K_PAGEDOWN else -1) * self.scroll.view.h * 3 // 4)
        elif k == pygame.K_HOME:
            self.scroll.offset = 0
        elif k == pygame.K_END:
            self.scroll.offset = self.scroll.max_offset
        elif k == pygame.K_p:
            self.prompts()
        elif k == pygame.K_w:
            self.what_if()
        elif k == pygame.K_l:
            self.lab()
        elif k == pygame.K_e:
            self.export()
        elif k == pygame.K_c and getattr(self.app.session, "original", None) is not None:
            self.compare()
        else:
            return False
        self.app.dirty = True
        return True

    def wheel(self, y: int) -> bool:
        return self.scroll.by(-y * self.theme.px(60))

    # ---- drawing ---------------------------------------------------------------------

    def draw(self, surf: pygame.Surface) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        surf.blit(r.background(t.w, t.h), (0, 0))
        x = self.frame.x
        surf.blit(self.kicker, (x, self.kicker_y))
        surf.blit(self.title, (x, self.title_y))
        if self.d is not None:
            fmt = self.regime.scale.fmt
            s = self.d.series.scores
            # Translators: the run's first score, its final score, and the tier it ended in
            move = _("{start} to {score}  \u00b7  {tier}").format(
                start=fmt(s[0]), score=self.d.final_text, tier=self.d.tier.name)
            m = r.label("bold", "h3", move, pal.text)
            surf.blit(m, (self.frame.right - m.get_width(),
                          self.title_y + self.title.get_height() - m.get_height() - t.px(2)))
        view = self.scroll.view
        card = view.inflate(t.px(28), t.px(20))
        r.blit_card(surf, card, pal.card, t.px(22), pal.card_edge)
        surf.set_clip(view)
        off = view.y - self.scroll.offset
        for kind, payload, y in self.items:
            if y + off > view.bottom:
                break
            getattr(self, "_d_" + kind)(surf, view.x + t.px(6), y + off, payload)
        surf.set_clip(None)
        self.scroll.draw_bar(surf, t)
        if self.exported:
            self.notice.draw(r, surf, x, self.notice_y, pal.up)
        self.draw_buttons(surf)

    def _d_text(self, surf, x, y, payload) -> None:
        block, colour, *rest = payload
        indent = rest[0] if rest else 0
        block.draw(self.rend, surf, x + indent, y, colour, clip=self.scroll.view)

    def _step_radius(self) -> int:
        return max(self.theme.px(17), self.theme.text_px("small") * 3 // 4)

    def _d_step(self, surf, x, y, e: TimelineEntry) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        rad = self._step_radius()
        c = (x + rad, y + rad + t.px(2))
        pygame.draw.circle(surf, pal.accent, c, rad)
        n = r.label("bold", "small", str(e.step), pal.accent_text)
        surf.blit(n, n.get_rect(center=c))

    def _d_record(self, surf, x, y, payload) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        rec, a, b, c, half, h, indent = payload
        x += indent
        # Translators: a record's two halves (capitals): what the system recorded, with the
        # kind of record ({category}), and what really happened
        saw = _("THE SYSTEM SAW  \u00b7  {category}").format(category=rec.label.upper())
        short = {saw: _("THE SYSTEM SAW")}  # when the category does not fit
        for i, (title, block, tint) in enumerate(
                ((saw, a, pal.down), (_("WHAT REALLY HAPPENED"), b, pal.up))):
            rect = pygame.Rect(x + i * (half + t.px(16)), y, half, h)
            fill = pal.chip if t.contrast else mix(pal.card, tint, 0.08)
            pygame.draw.rect(surf, fill, rect, border_radius=t.px(12))
            if t.contrast:
                pygame.draw.rect(surf, tint, rect, 2, border_radius=t.px(12))
            head = r.label("bold", "tiny", title, tint)
            if head.get_width() > half - t.px(28):
                head = r.label("bold", "tiny", short.get(title, title), tint)
            surf.blit(head, (rect.x + t.px(14), rect.y + t.px(12)))
            by = rect.y + t.px(20) + head.get_height()
            block.draw(r, surf, rect.x + t.px(14), by, pal.text)
            if i == 0:
                c.draw(r, surf, rect.x + t.px(14), by + block.height + t.px(6), pal.muted)
            elif rec.fact is not None:
                fill_c, fg = fact_colours(pal, rec.fact.kind)
                chip(r, surf, rect.x + t.px(14), rect.bottom - t.px(12) - head.get_height()
                     # Translators: on a record's badge: the fact note's kind (FACT, MYTH, …)
                     - t.px(8), _("{kind}  \u00b7  see Facts").format(
                         kind=fact_badge(rec.fact.kind)), fill_c, fg, "tiny")

    def _d_chart(self, surf, x, y, h) -> None:
        pal = self.theme.pal
        d = self.d
        img = self.chart.surface((self.inner, h), [Line(d.series.scores, pal.accent)],
                                 self.regime, d.series.low, d.series.high, d.series.episodes)
        surf.blit(img, (x, y))

    def _d_pair(self, surf, x, y, payload) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        a, b, s, lw, h = payload
        a.draw(r, surf, x, y, pal.muted)
        b.draw(r, surf, x + lw, y, pal.text)
        if s is not None:
            s.draw(r, surf, x + t.px(16), y + max(a.height, b.height) + t.px(2), pal.muted)
        ly = y + h - t.px(5)
        pygame.draw.line(surf, mix(pal.card_edge, pal.card, 0.3), (x, ly), (x + self.inner, ly), 1)

    def _d_badge(self, surf, x, y, kind) -> None:
        fill, fg = fact_colours(self.theme.pal, kind)
        chip(self.rend, surf, x, y, fact_badge(kind), fill, fg, "tiny")

    def _d_tone(self, surf, x, y, text) -> None:
        pal = self.theme.pal
        chip(self.rend, surf, x, y, text, pal.chip, pal.text, "tiny")


# ---- the prompts, one at a time ---------------------------------------------------------------

class PromptsScreen(Screen):
    """One discussion prompt at a time, as large as the window allows. Right, Enter, Space or a
    click go on; Left goes back; Esc returns to the debrief."""
    name = "prompts"

    def __init__(self, app, prompts: Sequence[str], source: str = ""):
        super().__init__(app)
        self.prompts = tuple(prompts) or tuple(_(p) for p in FALLBACK_PROMPTS)
        self.source = source
        self.index = 0

    def layout(self) -> None:
        t = self.theme
        self.card = pygame.Rect(t.px(40), t.px(34), t.w - t.px(80), t.h - t.px(68))
        width = self.card.w - t.px(140)
        self.blocks: List[TextBlock] = []
        for q in self.prompts:
            px = t.text_px("h1") * 3 // 2
            # Shrink only if a long question would not fit the card.
            while True:
                b = _block_px(self, q, width, px)
                if b.height <= self.card.h - t.px(260) or px <= t.text_px("h2"):
                    break
                px = px * 9 // 10
            self.blocks.append(b)
        last = self.index == len(self.prompts) - 1
        self.buttons = [Button(_("Previous"), self.prev, kind="quiet", enabled=self.index > 0),
                        Button(_("Back to the debrief") if last else _("Next question"),
                               self.next, kind="primary")]
        row_buttons(self, self.buttons, self.card.x + t.px(60),
                    self.card.bottom - t.px(40) - t.px(60), self.card.w - t.px(120), t.px(16),
                    centre=True)
        bottom = max(b.rect.h for b in self.buttons)
        for b in self.buttons:
            b.rect.bottom = self.card.bottom - t.px(34)
        self._bottom = bottom
        self.focus = 1

    def next(self) -> None:
        if self.index + 1 < len(self.prompts):
            self.index += 1
            self.layout()
            self.app.speech.say(self.spoken())
        else:
            self.app.pop()
        self.app.dirty = True

    def prev(self) -> None:
        if self.index > 0:
            self.index -= 1
            self.layout()
            self.app.speech.say(self.spoken())
        self.app.dirty = True

    def on_key(self, e) -> bool:
        if e.key in (pygame.K_RIGHT, pygame.K_SPACE, pygame.K_PAGEDOWN, pygame.K_n) or (
                e.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.focus == 1):
            self.next()
            return True
        if e.key in (pygame.K_LEFT, pygame.K_PAGEUP, pygame.K_BACKSPACE):
            self.prev()
            return True
        return False

    def handle(self, e) -> bool:
        if e.type == pygame.MOUSEBUTTONUP and e.button == 1 and self.hit(e.pos) is None \
                and self.card.collidepoint(e.pos):
            self.next()  # a click anywhere on the card goes on
            return True
        return super().handle(e)

    def spoken(self) -> str:
        # Translators: read aloud: which question this is, then the question itself
        return _("Question {number} of {total}. {question}").format(
            number=self.index + 1, total=len(self.prompts), question=self.prompts[self.index])

    def draw(self, surf: pygame.Surface) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        surf.blit(r.background(t.w, t.h), (0, 0))
        r.blit_card(surf, self.card, pal.card, t.px(34), pal.card_edge,
                    edge_w=3 if t.contrast else 1)
        x = self.card.x + t.px(70)
        # Translators: above a discussion question (capitals); {source} is where the questions
        # come from (an ending's title, "The discussion pauses so far")
        label = _("QUESTION {number} OF {total}  \u00b7  {source}") if self.source else \
            _("QUESTION {number} OF {total}")
        label = label.format(number=self.index + 1, total=len(self.prompts),
                             source=self.source.upper())
        k = r.label("bold", "small", label, pal.accent)
        surf.blit(k, (x, self.card.y + t.px(48)))
        b = self.blocks[self.index]
        top = self.card.y + t.px(48) + k.get_height() + t.px(24)
        room = self.card.bottom - t.px(130) - top
        b.draw(r, surf, x, top + max(0, (room - b.height) // 2), pal.text)
        # progress dots
        n = len(self.prompts)
        dot = t.px(7)
        cx = self.card.centerx - (n - 1) * dot * 2
        cy = self.card.bottom - t.px(118)
        for i in range(n):
            colour = pal.accent if i == self.index else mix(pal.muted, pal.card, 0.5)
            pygame.draw.circle(surf, colour, (cx + i * dot * 4, cy), dot)
        self.draw_buttons(surf)
        # Translators: the keys on the question screen (Right, Space, Left, Esc are keys)
        hint = r.label("body", "tiny", _("Right, Space or a click: next  \u00b7  Left: back  "
                                         "\u00b7  Esc: the debrief"), pal.muted)
        hx = self.card.right - t.px(34) - hint.get_width()
        if hx > x + k.get_width() + t.px(24):
            surf.blit(hint, (hx, self.card.y + t.px(48) + k.get_height() - hint.get_height()))


def _block_px(screen: Screen, text: str, width: int, px: int) -> TextBlock:
    """A wrapped block at an exact pixel size (the Renderer caches by text kind)."""
    from ..widgets import layout
    key = ("prompt", text, width, px)
    cache = screen.__dict__.setdefault("_px_blocks", {})
    if key not in cache:
        cache[key] = layout(screen.theme, text, width, px, "heading", 1.25)
    return cache[key]
