"""The story map: a pack's scenes and choices as a graph, written as Graphviz DOT or Mermaid.

`build` walks the loaded model once into a small neutral graph (scenes grouped by episode,
choices as labelled edges); `to_dot` and `to_mermaid` only print it, so both formats always
show the same thing. `render` turns DOT into SVG or PNG with Graphviz's `dot` when installed.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional

from ..engine.conditions import unparse
from ..engine.model import Choice, Pack, Scene
from ..textflow import unbreak
from ..i18n import N_, _, format_integer
from .validate import can_finish, reachable

EXCERPT = 60  # characters of passage text shown under a scene id
LABEL = 40  # characters of a choice label before it is shortened
RENDERED = ("svg", "png")
FORMATS = ("dot", "mmd") + RENDERED


@dataclass(frozen=True)
class Node:
    id: str
    episode: str
    lines: List[str]  # the label, one item per line
    kinds: FrozenSet[str]  # start, ending, hopeful/bleak/mixed, unreachable, stuck


@dataclass(frozen=True)
class Edge:
    src: str
    dst: str
    label: str
    kind: str  # choice | conditional | goto | next-episode


@dataclass
class Cluster:
    episode: str
    title: str
    nodes: List[str] = field(default_factory=list)


@dataclass
class StoryGraph:
    title: str
    clusters: List[Cluster]
    nodes: Dict[str, Node]
    edges: List[Edge]


# ---- building ------------------------------------------------------------------------------

def build(pack: Pack) -> StoryGraph:
    live = reachable(pack, [e.start for e in pack.episodes])
    finishing = can_finish(pack)
    starts = {e.start for e in pack.episodes}
    clusters = [Cluster(e.id, e.title, list(e.scenes)) for e in pack.episodes]
    nodes = {sid: _node(sc, sid in starts, sid in live, sid in finishing)
             for sid, sc in pack.scenes.items()}
    edges: List[Edge] = []
    for sc in pack.scenes.values():
        edges += _edges(pack, sc)
    return StoryGraph(pack.info.title, clusters, nodes, edges)


def _node(sc: Scene, start: bool, live: bool, finishing: bool) -> Node:
    kinds = set()
    lines = [sc.id]
    if start:
        kinds.add("start")
    if sc.ending is not None:
        kinds.update(("ending", sc.ending.tone))
        # Translators: a line of an ending's box on the story map; {title} is the ending's.
        lines.append(_("Ending: {title}").format(title=sc.ending.title))
    else:
        lines += textwrap.wrap(_shorten(sc.text.source, EXCERPT), 30)[:2]
    if not live:
        kinds.add("unreachable")
        # Translators: under a scene on the story map that no path reaches.
        lines.append(_("(unreachable)"))
    elif not finishing:
        kinds.add("stuck")
        # Translators: under a scene on the story map from which no ending can be reached.
        lines.append(_("(no ending reachable)"))
    return Node(sc.id, sc.episode, lines, frozenset(kinds))


def _edges(pack: Pack, sc: Scene) -> List[Edge]:
    if sc.ending is not None:
        nxt = pack.next_episode(sc.episode)
        # Translators: the label of the arrow from an ending to the next episode's start.
        return [Edge(sc.id, nxt.start, _("next episode"), "next-episode")] if nxt else []
    if not sc.choices:
        return [Edge(sc.id, sc.goto, sc.continue_label, "goto")] if sc.goto else []
    return [_choice_edge(sc.id, c) for c in sc.choices]


def _choice_edge(sid: str, c: Choice) -> Edge:
    label = _shorten(c.text.source, LABEL)
    conds = []
    if c.condition is not None:
        conds.append(f"if {unparse(c.condition)}")
    if c.show_if is not None:
        conds.append(f"show_if {unparse(c.show_if)}")
    if conds:
        return Edge(sid, c.goto, label + "\n[" + "; ".join(conds) + "]", "conditional")
    return Edge(sid, c.goto, label, "choice")


def _shorten(text: str, limit: int) -> str:
    flat = unbreak(text)
    return flat if len(flat) <= limit else flat[:limit - 1].rstrip() + "…"


# ---- DOT -----------------------------------------------------------------------------------

TONE_FILL = {"hopeful": "#d8f0d8", "bleak": "#f3d6d6", "mixed": "#f3ead2"}


# Control characters other than the newline have no place in a label; they become spaces.
_CONTROLS = {c: " " for c in list(range(0x20)) + [0x7f] if c != 0x0a}


def dot_string(text: str) -> str:
    """Any text as a DOT double-quoted string. Backslashes are doubled (DOT reads `\\N`,
    `\\G`, `\\l` as escapes), quotes escaped, newlines become DOT's `\\n`, and `&` becomes
    `&amp;` because Graphviz decodes entities such as `&#60;` in every label."""
    text = str(text).translate(_CONTROLS)
    for ch, code in (("\\", "\\\\"), ('"', '\\"'), ("&", "&amp;"), ("\n", "\\n")):
        text = text.replace(ch, code)
    return '"' + text + '"'



def _dot_node_attrs(n: Node) -> str:
    attrs = {"label": "\n".join(n.lines)}
    if "ending" in n.kinds:
        tone = next((k for k in n.kinds if k in TONE_FILL), "mixed")
        attrs.update(peripheries="2", fillcolor=TONE_FILL[tone])
    if "start" in n.kinds:
        attrs.update(color="#1f7a3a", penwidth="2.5")
    if "stuck" in n.kinds:
        attrs.update(color="#c0392b", penwidth="2.5")
    if "unreachable" in n.kinds:
        attrs.update(style="rounded,filled,dashed", fillcolor="#e6e6e6", fontcolor="#666666",
                     color="#c0392b")
    return ", ".join(f"{k}={dot_string(v)}" for k, v in attrs.items())


EDGE_STYLE = {"choice": "", "conditional": 'style="dashed", color="#8a5a00"',
              "goto": 'color="#555555"', "next-episode": 'style="bold", color="#1f4e9a"'}


# Graphviz's dot takes time superlinear in the size of a map: every labelled edge becomes a
# chain of virtual nodes across the ranks it spans, and crossing minimisation and network
# simplex iterate without a bound (a 2,000-scene map took 143 s, a 10,000-scene one over ten
# minutes). Past LARGE scenes a drawn map bounds those passes, draws straight edges and keeps
# edge labels as hover tooltips; the .dot and .mmd texts always keep everything.
LARGE = 300
DRAWN_MAX = 2_500  # past this even the bounded layout runs for minutes: refused at once
LARGE_LAYOUT = {"nslimit": "1", "nslimit1": "1", "mclimit": "0.01", "remincross": "false",
                "splines": "false"}


# Helvetica alone made Graphviz draw Chinese labels in whatever CJK font fontconfig picks first
# (often a Japanese one); Graphviz hands the whole list to Pango, which takes each character
# from the first font in it that has it.
FONTS = "Helvetica,Arial,Noto Sans CJK SC,PingFang SC,Microsoft YaHei,sans-serif"


def to_dot(g: StoryGraph, large: bool = False) -> str:
    """The map as DOT; `large` lays it out with bounded passes and unlabelled edges."""
    bounds = "".join(f", {k}={dot_string(v)}" for k, v in LARGE_LAYOUT.items()) if large else ""
    out = [f"digraph {dot_string(g.title)} {{",
           f"  graph [label={dot_string(g.title)}, labelloc=t, fontname=\"{FONTS}\", "
           f"rankdir=TB, compound=true{bounds}];",
           '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", '
           f'fontname="{FONTS}", fontsize=10];',
           f'  edge [fontname="{FONTS}", fontsize=9];']
    for cl in g.clusters:
        out.append(f"  subgraph {dot_string('cluster_' + cl.episode)} {{")
        out.append(f"    label={dot_string(cl.title)}; style=\"rounded\"; color=\"#999999\";")
        out += [f"    {dot_string(sid)} [{_dot_node_attrs(g.nodes[sid])}];" for sid in cl.nodes]
        out.append("  }")
    label = "tooltip" if large else "label"
    for e in g.edges:
        style = EDGE_STYLE[e.kind]
        out.append(f"  {dot_string(e.src)} -> {dot_string(e.dst)} [{label}={dot_string(e.label)}"
                   + (f", {style}" if style else "") + "];")
    out.append("}")
    return "\n".join(out) + "\n"


# ---- Mermaid -------------------------------------------------------------------------------

# Mermaid's own entity codes for every character that could end a quoted label or be read
# by the HTML it draws labels with: quotes and pipes end labels, `<`, `>` and `&` are markup,
# and `%` because Mermaid looks for `%%{init: ...}%%` directives anywhere in the text.
# Brackets, braces and `-->` are plain text inside the quotes.
_MERMAID_CODES = {ord(ch): code for ch, code in (
    ("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"), ("|", "#124;"),
    ("`", "#96;"), ("&", "#amp;"), ("%", "#37;"))}
# Control characters become spaces, and so do the other line breaks JavaScript knows
# (U+2028, U+2029; U+0085 for good measure): they would end a line in Mermaid's lexer.
_MERMAID_CODES.update({c: " " for c in list(range(0x20)) + [0x7f, 0x85, 0x2028, 0x2029]
                       if c != 0x0a})
_MERMAID_CODES[0x0a] = "<br/>"


def mermaid_text(text: str) -> str:
    """Any text for inside a quoted Mermaid label ("..."), newlines as line breaks."""
    return str(text).translate(_MERMAID_CODES)


_PLAIN_ID = re.compile(r"[A-Za-z0-9_]+")


def mermaid_id(prefix: str, ident: str) -> str:
    """A Mermaid node or subgraph id: `prefix_<id>` for plain ids (a scene called `end`
    would close a subgraph without the prefix), `prefixx_<hex>` for anything else, so two
    ids never meet and no id can carry syntax."""
    if _PLAIN_ID.fullmatch(ident):
        return f"{prefix}_{ident}"
    return f"{prefix}x_{ident.encode('utf-8').hex()}"


def _mid(sid: str) -> str:
    return mermaid_id("s", sid)


def yaml_string(text: str) -> str:
    """Any text as a YAML double-quoted scalar on one line (Mermaid's front matter): every
    character YAML could read as a line break or an escape is written as an escape."""
    out = []
    for ch in str(text):
        n = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif n < 0x20 or n == 0x7f or n in (0x85, 0x2028, 0x2029, 0xfeff):
            out.append(f"\\u{n:04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


MERMAID_ARROW = {"choice": "-->", "conditional": "-.->", "goto": "-->", "next-episode": "==>"}
MERMAID_CLASSES = [
    "classDef start stroke:#1f7a3a,stroke-width:3px",
    "classDef hopeful fill:#d8f0d8,stroke:#333,stroke-width:2px",
    "classDef bleak fill:#f3d6d6,stroke:#333,stroke-width:2px",
    "classDef mixed fill:#f3ead2,stroke:#333,stroke-width:2px",
    "classDef stuck stroke:#c0392b,stroke-width:3px",
    "classDef unreachable fill:#e6e6e6,color:#666666,stroke:#c0392b,stroke-dasharray:5 5",
]


def to_mermaid(g: StoryGraph) -> str:
    out = ["---", f"title: {yaml_string(g.title)}", "---", "flowchart TB"]
    for cl in g.clusters:
        out.append(f"  subgraph {mermaid_id('ep', cl.episode)}[\"{mermaid_text(cl.title)}\"]")
        for sid in cl.nodes:
            n = g.nodes[sid]
            text = mermaid_text("\n".join(n.lines))
            shape = f"([\"{text}\"])" if "ending" in n.kinds else f"[\"{text}\"]"
            out.append(f"    {_mid(sid)}{shape}")
        out.append("  end")
    for e in g.edges:
        label = mermaid_text(e.label)
        out.append(f"  {_mid(e.src)} {MERMAID_ARROW[e.kind]}|\"{label}\"| {_mid(e.dst)}")
    out += ["  " + c for c in MERMAID_CLASSES]
    for cls in ("start", "hopeful", "bleak", "mixed", "stuck", "unreachable"):
        ids = [_mid(n.id) for n in g.nodes.values() if cls in n.kinds]
        if ids:
            out.append(f"  class {','.join(ids)} {cls}")
    return "\n".join(out) + "\n"


# ---- output --------------------------------------------------------------------------------

class GraphvizMissing(Exception):
    """SVG or PNG was asked for, but Graphviz's `dot` is not installed."""


class GraphvizFailed(Exception):
    """`dot` ran but did not produce the picture."""


MISSING_HELP = N_("writing .svg or .png needs Graphviz's `dot` program, which is not installed. "
                  "Install Graphviz (Debian/Ubuntu: sudo apt install graphviz; Fedora: sudo dnf "
                  "install graphviz; macOS: brew install graphviz; Windows: winget install "
                  "graphviz), or write a .dot or .mmd file instead: those need nothing else.")


def format_for(path: str) -> Optional[str]:
    """The output format named by a file's extension, or None if unknown."""
    ext = Path(path).suffix.lower().lstrip(".")
    ext = {"gv": "dot", "mermaid": "mmd"}.get(ext, ext)
    return ext if ext in FORMATS else None


def text_for(g: StoryGraph, fmt: str) -> str:
    return to_mermaid(g) if fmt == "mmd" else to_dot(g)


def render(dot_text: str, fmt: str, out: Path, dot: Optional[str] = None) -> None:
    """Run Graphviz to write `out` as SVG or PNG."""
    exe = dot or shutil.which("dot")
    if exe is None:
        raise GraphvizMissing(_(MISSING_HELP))
    try:
        proc = subprocess.run([exe, f"-T{fmt}", "-o", str(out)], input=dot_text.encode("utf-8"),
                              capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as e:
        # Translators: {problem} is the system's own message.
        raise GraphvizFailed(_("Graphviz `dot` could not run: {problem}").format(
            problem=e)) from None
    if proc.returncode != 0:
        msg = proc.stderr.decode("utf-8", "replace").strip()
        # Translators: {problem} is what Graphviz printed, in English.
        raise GraphvizFailed(_("Graphviz `dot` failed: {problem}").format(problem=msg))


def write(pack: Pack, out: Path, fmt: str) -> None:
    """Write the story map of `pack` to `out` in `fmt` (dot, mmd, svg or png)."""
    if fmt in RENDERED and len(pack.scenes) > DRAWN_MAX:
        raise GraphvizFailed(
            _("the map has {count} scenes, too many for Graphviz to draw in reasonable time (at "
              "most {limit}); write .dot or .mmd instead").format(
                count=format_integer(len(pack.scenes)), limit=format_integer(DRAWN_MAX)))
    g = build(pack)
    if fmt in RENDERED:
        render(to_dot(g, large=len(g.nodes) > LARGE), fmt, out)
    else:
        out.write_text(text_for(g, fmt), encoding="utf-8")
