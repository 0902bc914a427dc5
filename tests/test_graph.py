"""The story map: the graph model, DOT and Mermaid output, Graphviz rendering and the CLI."""
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, TUTORIAL
from packutil import write_pack
from game.engine.conditions import unparse
from game.packs import load_pack
from game.packs import graph as g

HAS_DOT = shutil.which("dot") is not None
needs_dot = pytest.mark.skipif(not HAS_DOT, reason="Graphviz `dot` is not installed")

ODD = """\
episode: one
title: 'One "quoted" <episode>'
scenes:
  start:
    text: 'She said "hi" \\ then left; a|b # c'
    choices:
      - text: 'Say "no" | leave <now>'
        if: cash >= 5
        goto: end
      - text: Stay
        goto: end
  end:
    text: The end.
    ending:
      title: 'It "ends"'
      tone: bleak
      debrief: D.
      prompts: [Why?]
  orphan:
    text: Nobody comes here.
    goto: end
"""


def load(folder):
    r = load_pack(str(folder))
    assert r.ok, "\n".join(d.format() for d in r.diagnostics)
    return r.pack


@pytest.fixture
def odd(tmp_path):
    return load(write_pack(tmp_path / "odd", episodes={"one.yaml": ODD}))


def test_the_tutorial_graph_has_every_scene_choice_and_episode_link():
    pack = load(TUTORIAL)
    graph = g.build(pack)
    assert [c.episode for c in graph.clusters] == [e.id for e in pack.episodes]
    for cl, ep in zip(graph.clusters, pack.episodes):
        assert cl.nodes == list(ep.scenes) and cl.title == ep.title
    assert set(graph.nodes) == set(pack.scenes)
    choices = sum(len(sc.choices) for sc in pack.scenes.values())
    gotos = sum(1 for sc in pack.scenes.values() if sc.goto and not sc.choices)
    links = len(pack.episodes) - 1
    assert len(graph.edges) == choices + gotos + links
    assert [e.kind for e in graph.edges].count("next-episode") == links


def test_conditional_edges_carry_their_condition():
    pack = load(TUTORIAL)
    graph = g.build(pack)
    for sc in pack.scenes.values():
        for c in sc.choices:
            [edge] = [e for e in graph.edges if e.src == sc.id and e.dst == c.goto and
                      e.label.startswith(g._shorten(c.text.source, g.LABEL))]
            if c.condition is not None:
                assert edge.kind == "conditional" and f"if {unparse(c.condition)}" in edge.label
            if c.show_if is not None:
                assert f"show_if {unparse(c.show_if)}" in edge.label


def test_endings_starts_and_unreachable_scenes_are_marked(odd):
    graph = g.build(odd)
    assert {"ending", "bleak"} <= graph.nodes["end"].kinds
    assert "Ending: It \"ends\"" in graph.nodes["end"].lines
    assert "start" in graph.nodes["start"].kinds
    assert "unreachable" in graph.nodes["orphan"].kinds
    assert "(unreachable)" in graph.nodes["orphan"].lines


def test_dot_output_is_escaped_and_styled(odd):
    dot = g.to_dot(g.build(odd))
    assert dot.startswith('digraph "Mini" {')
    assert 'subgraph "cluster_one" {' in dot
    assert 'label="One \\"quoted\\" <episode>"' in dot
    assert '"start" -> "end" [label="Say \\"no\\" | leave <now>\\n[if cash >= 5]", ' \
           'style="dashed"' in dot
    assert 'She said \\"hi\\" \\\\ then' in dot
    orphan = next(line for line in dot.splitlines() if line.strip().startswith('"orphan" ['))
    assert 'style="rounded,filled,dashed"' in orphan and 'fillcolor="#e6e6e6"' in orphan
    end = next(line for line in dot.splitlines() if line.strip().startswith('"end" ['))
    assert 'peripheries="2"' in end and f'fillcolor="{g.TONE_FILL["bleak"]}"' in end


def test_mermaid_output_is_escaped_and_ids_are_prefixed(odd):
    mmd = g.to_mermaid(g.build(odd))
    lines = mmd.splitlines()
    assert lines[:4] == ["---", 'title: "Mini"', "---", "flowchart TB"]
    assert '  subgraph ep_one["One #quot;quoted#quot; #lt;episode#gt;"]' in lines
    # `end` would close a Mermaid subgraph, so every scene id gets a prefix.
    assert '    s_end(["end<br/>Ending: It #quot;ends#quot;"])' in lines
    assert '  s_start -.->|"Say #quot;no#quot; #124; leave #lt;now#gt;<br/>[if cash #gt;= 5]"| ' \
           's_end' in lines
    assert r'    s_start["start<br/>She said #quot;hi#quot; \ then left; a#124;b<br/>#35; c"]' \
        in lines
    assert "  class s_orphan unreachable" in lines and "  class s_end bleak" in lines


@needs_dot
def test_dot_accepts_what_we_write(odd, tmp_path):
    for pack in (odd, load(TUTORIAL)):
        out = tmp_path / f"{pack.id}.svg"
        g.write(pack, out, "svg")
        svg = out.read_text(encoding="utf-8")
        assert svg.lstrip().startswith("<?xml") and "<svg" in svg
        assert pack.episodes[0].title.replace('"', "&quot;").replace("<", "&lt;") \
            .replace(">", "&gt;") in svg


def test_rendering_without_graphviz_says_how_to_install_it(odd, tmp_path, monkeypatch):
    monkeypatch.setattr(g.shutil, "which", lambda name: None)
    with pytest.raises(g.GraphvizMissing, match="apt install graphviz"):
        g.write(odd, tmp_path / "map.png", "png")
    assert not (tmp_path / "map.png").exists()
    g.write(odd, tmp_path / "map.mmd", "mmd")  # text formats never need Graphviz
    assert (tmp_path / "map.mmd").read_text(encoding="utf-8").startswith("---")


def test_format_for_extensions():
    assert g.format_for("a/b.DOT") == "dot" and g.format_for("map.gv") == "dot"
    assert g.format_for("map.mmd") == "mmd" and g.format_for("map.mermaid") == "mmd"
    assert g.format_for("map.svg") == "svg" and g.format_for("map.png") == "png"
    assert g.format_for("map.pdf") is None and g.format_for("map") is None


# ---- the command ---------------------------------------------------------------------------

def standing(*args, home, path="/usr/bin:/bin"):
    return subprocess.run([sys.executable, "-m", "game", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, timeout=120,
                          env={"STANDING_HOME": str(home), "PATH": path})


def test_cli_writes_dot_and_mermaid(tmp_path):
    for name in ("map.dot", "map.mmd"):
        r = standing("graph", TUTORIAL, "-o", tmp_path / name, home=tmp_path)
        assert r.returncode == 0 and f"wrote {tmp_path / name}" in r.stdout
    pack = load(TUTORIAL)
    assert (tmp_path / "map.dot").read_text(encoding="utf-8") == g.to_dot(g.build(pack))
    assert (tmp_path / "map.mmd").read_text(encoding="utf-8") == g.to_mermaid(g.build(pack))
    printed = standing("graph", TUTORIAL, "--format", "mmd", home=tmp_path)
    assert printed.stdout == g.to_mermaid(g.build(pack))


@needs_dot
def test_cli_renders_svg_and_png(tmp_path):
    for name, magic in (("map.svg", b"<?xml"), ("map.png", b"\x89PNG")):
        r = standing("graph", TUTORIAL, "-o", tmp_path / name, home=tmp_path)
        assert r.returncode == 0, r.stderr
        assert (tmp_path / name).read_bytes().startswith(magic)


def test_cli_explains_a_missing_graphviz_and_bad_extensions(tmp_path):
    python_only = tmp_path / "bin"
    python_only.mkdir()  # a PATH with no `dot` on it
    r = standing("graph", TUTORIAL, "-o", tmp_path / "map.svg", home=tmp_path,
                 path=str(python_only))
    assert r.returncode == 2 and "needs Graphviz's `dot` program" in r.stderr
    assert "write a .dot or .mmd file instead" in r.stderr
    bad = standing("graph", TUTORIAL, "-o", tmp_path / "map.pdf", home=tmp_path)
    assert bad.returncode == 2 and "unknown extension" in bad.stderr


def test_large_maps_are_drawn_with_a_bounded_layout(odd, tmp_path, monkeypatch):
    """Past `LARGE` scenes Graphviz gets bounded passes and edges without labels (the
    labels stay as tooltips), which made a 2,000-scene map ten times faster to draw."""
    drawn = []
    monkeypatch.setattr(g, "render", lambda text, fmt, out, dot=None: drawn.append(text))
    g.write(odd, tmp_path / "small.svg", "svg")
    monkeypatch.setattr(g, "LARGE", 1)
    g.write(odd, tmp_path / "large.svg", "svg")
    small, large = drawn
    assert "nslimit" not in small and all(
        "[label=" in line for line in small.splitlines() if " -> " in line)
    assert 'nslimit="1"' in large and 'splines="false"' in large
    edges = [line for line in large.splitlines() if " -> " in line]
    assert edges and all("[tooltip=" in line and "label=" not in line for line in edges)
    assert g.to_dot(g.build(odd)) == small  # the .dot text keeps its labels


def test_a_map_too_large_to_draw_is_refused_at_once(odd, tmp_path, monkeypatch):
    monkeypatch.setattr(g, "DRAWN_MAX", 1)
    monkeypatch.setattr(g, "render", lambda *a, **k: pytest.fail("Graphviz was started"))
    with pytest.raises(g.GraphvizFailed, match="too many for Graphviz"):
        g.write(odd, tmp_path / "map.svg", "svg")
    g.write(odd, tmp_path / "map.mmd", "mmd")  # the texts are always written
    assert (tmp_path / "map.mmd").read_text().startswith("---")
