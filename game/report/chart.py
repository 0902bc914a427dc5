"""The score chart as inline SVG: one polyline per run, dashed lines at the tier thresholds,
thin rules where episodes begin. Plain SVG with classes styled by the page's CSS, so it prints
crisply and needs no script or external file."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import List, Sequence, Tuple

from ..engine.debrief import EpisodeSpan, thresholds
from ..engine.model import Regime
from ..i18n import _, localize_number, pgettext
from .safe import Markup, html, join

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 52, 128, 26, 30  # margins: y labels left, tier names right


@dataclass(frozen=True)
class Line:
    scores: Sequence[float]
    css: str = "run"  # class of the polyline and its dots: run, other


@dataclass(frozen=True)
class _Frame:
    """Maps a point (index, score) to SVG coordinates."""
    n: int
    low: float
    high: float
    height: int = HEIGHT

    def x(self, i: int) -> float:
        plot = WIDTH - LEFT - RIGHT
        return LEFT + (plot * i / (self.n - 1) if self.n > 1 else plot / 2)

    def y(self, v: float) -> float:
        span = (self.high - self.low) or 1.0
        return TOP + (self.high - v) / span * (self.height - TOP - BOTTOM)


def score_chart(lines: Sequence[Line], regime: Regime, low: float, high: float,
                episodes: Sequence[EpisodeSpan] = (), title: str = "",
                height: int = HEIGHT) -> Markup:
    title = title or _("Score over the run")
    n = max(len(line.scores) for line in lines)
    f = _Frame(n, low, high, height)
    parts: List[Markup] = [
        html('<svg class="chart" viewBox="0 0 {w} {h}" width="100%" role="img" '
             'aria-label="{title}" xmlns="http://www.w3.org/2000/svg">', w=WIDTH, h=height,
             title=title),
        html("<title>{}</title>", title),
        html('<rect class="plot" x="{x}" y="{y}" width="{w}" height="{h}"/>', x=LEFT, y=TOP,
             w=WIDTH - LEFT - RIGHT, h=height - TOP - BOTTOM),
    ]
    parts += _axes(f)
    parts += _episodes(f, episodes)
    parts += _thresholds(f, regime)
    for line in lines:
        parts += _polyline(f, line)
    parts.append(Markup("</svg>"))
    return join(parts, "\n")


def _fmt(v: float) -> str:
    return f"{v:.1f}"


def _axes(f: _Frame) -> List[Markup]:
    out = []
    for v in ticks(f.low, f.high):
        y = _fmt(f.y(v))
        out.append(html('<line class="grid" x1="{}" x2="{}" y1="{y}" y2="{y}"/>', LEFT,
                        WIDTH - RIGHT, y=y))
        out.append(html('<text class="ylabel" x="{}" y="{}">{}</text>', LEFT - 6,
                        _fmt(f.y(v) + 4), localize_number(f"{v:.6g}")))
    step = max(1, (f.n - 1 + 11) // 12)  # at most about 12 step numbers under the axis
    for i in range(0, f.n, step):
        out.append(html('<text class="xlabel" x="{}" y="{}">{}</text>', _fmt(f.x(i)),
                        # Translators: under a chart's first point, before any choice (short).
                        f.height - 10, pgettext("chart axis", "start") if i == 0 else i))
    return out


def ticks(low: float, high: float, most: int = 6) -> List[float]:
    """Round values for the y axis (1, 2, 2.5 or 5 times a power of ten apart)."""
    span = high - low
    if span <= 0:
        return [low]
    raw = span / most
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.ceil(low / step - 1e-9) * step
    count = int(math.floor((high - first) / step + 1e-9)) + 1
    return [round(first + i * step, 10) for i in range(count)]


def _episodes(f: _Frame, episodes: Sequence[EpisodeSpan]) -> List[Markup]:
    out = []
    for k, ep in enumerate(episodes):
        x = f.x(ep.first)
        if k:
            out.append(html('<line class="episode" x1="{x}" x2="{x}" y1="{}" y2="{}"/>', TOP,
                            f.height - BOTTOM, x=_fmt(x)))
        end = f.x(episodes[k + 1].first) if k + 1 < len(episodes) else WIDTH - RIGHT
        out.append(html('<text class="eplabel" x="{}" y="{}">{}</text>', _fmt(x + 4), TOP - 8,
                        _short(ep.title, end - x - 8)))
    return out


def _short(text: str, room: float) -> str:
    """`text`, cut with an ellipsis to about `room` px of 11 px type. Widths are guessed
    generously (capitals, digits and wide letters count more), since an SVG label that runs
    long would leave the chart or cover the next one."""
    used = 0.0
    for i, ch in enumerate(text):
        used += 9.5 if ch in "MWmw@%" else 8.0 if ch.isupper() or ch.isdigit() else 6.2
        if used > room:
            return text[:max(1, i - 1)] + "\u2026"
    return text


def _thresholds(f: _Frame, regime: Regime) -> List[Markup]:
    out = []
    for t in thresholds(regime, f.low, f.high):
        y = _fmt(f.y(t.min))
        out.append(html('<line class="tier" x1="{}" x2="{}" y1="{y}" y2="{y}"/>', LEFT,
                        WIDTH - RIGHT, y=y))
        value = regime.scale.fmt(t.min)
        out.append(html('<text class="tierlabel" x="{}" y="{}">{} {}</text>', WIDTH - RIGHT + 6,
                        _fmt(f.y(t.min) + 4), _short(t.name, RIGHT - 12 - 7 * len(value)),
                        value))
    return out


def _polyline(f: _Frame, line: Line) -> List[Markup]:
    pts: List[Tuple[float, float]] = [(f.x(i), f.y(v)) for i, v in enumerate(line.scores)]
    coords = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in pts)
    out = [html('<polyline class="{}" points="{}"/>', line.css, coords)]
    if len(pts) <= 60:  # dots help reading single steps; on long runs they only clutter
        out += [html('<circle class="{}" cx="{}" cy="{}" r="3"/>', line.css, _fmt(x), _fmt(y))
                for x, y in pts]
    return out
