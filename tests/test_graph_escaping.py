"""One escaper per target in the story map: every author value, however hostile, stays text
in DOT (and the SVG Graphviz draws from it) and in Mermaid (labels, ids, front matter)."""
import re
import shutil
import xml.etree.ElementTree as ET

import pytest
import yaml

from game.packs import graph as g

HOSTILE = [
    'say "hi"', "back\\slash \\N \\G \\l \\", "new\nline\r\n---\ntitle: pwned", "close ] [ [[",
    '%%{init: {"securityLevel": "loose"}}%%', "a --> b ==> c -.-> d", "end", "A;B",
    "<script>alert(1)</script>", "<<TABLE><TR><TD>x</TD></TR></TABLE>>",
    "&#60;b&#62; &amp; &lt;", "tab\tnul\x00bell\x07", "line\u2028sep\u0085nel", "`#35;`|pipe|",
    "",
]
CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")


def _plain(text: str) -> str:
    """What a label should show: the text with control characters (not newlines) as spaces."""
    return CONTROLS.sub(" ", text)


def _undot(quoted: str) -> str:
    assert quoted[0] == quoted[-1] == '"' and "\n" not in quoted
    body, out, i = quoted[1:-1], [], 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            nxt = body[i + 1]
            out.append("\n" if nxt == "n" else nxt)
            i += 2
            continue
        assert ch != '"', "an unescaped quote would end the string"
        out.append(ch)
        i += 1
    return "".join(out).replace("&amp;", "&")


@pytest.mark.parametrize("text", HOSTILE)
def test_dot_strings_read_back_as_the_text(text):
    assert _undot(g.dot_string(text)) == _plain(text).replace("\r", " ")


@pytest.mark.parametrize("text", HOSTILE)
def test_mermaid_labels_hold_no_syntax(text):
    out = g.mermaid_text(text)
    assert not re.search(r'["%<>|`\n\r]', out.replace("<br/>", ""))
    back = out.replace("<br/>", "\n")
    for code, ch in (("#quot;", '"'), ("#lt;", "<"), ("#gt;", ">"), ("#124;", "|"),
                     ("#96;", "`"), ("#amp;", "&"), ("#37;", "%"), ("#35;", "#")):
        back = back.replace(code, ch)
    js_breaks = {"\r": " ", "\u0085": " ", "\u2028": " ", "\u2029": " "}
    assert back == _plain(text).translate(str.maketrans(js_breaks))


@pytest.mark.parametrize("text", HOSTILE)
def test_front_matter_titles_stay_on_their_line(text):
    line = f"title: {g.yaml_string(text)}"
    assert "\n" not in line and "\r" not in line and "\u2028" not in line
    assert yaml.safe_load(line) == {"title": text}


def test_mermaid_ids_are_plain_and_never_meet():
    ids = ["start", "a-b", "a_b", "end", "x_612d62", "<b>", "a b", "é", "s"]
    made = [g.mermaid_id("s", i) for i in ids]
    assert all(re.fullmatch(r"[A-Za-z0-9_]+", m) for m in made)
    assert len(set(made)) == len(made)


def _hostile_graph() -> g.StoryGraph:
    nodes, edges, clusters = {}, [], []
    for i, text in enumerate(HOSTILE):
        sid = f"s{i}" if i % 2 else text or "blank"
        nodes[sid] = g.Node(sid, "ep", [sid, text], frozenset({"start"} if i == 0 else ()))
        edges.append(g.Edge(sid, sid, text, "conditional"))
    clusters.append(g.Cluster("ep", HOSTILE[2], list(nodes)))
    return g.StoryGraph("\n---\nTitle %%{init}%% <script>", clusters, nodes, edges)


def test_mermaid_of_a_hostile_pack_keeps_its_shape():
    lines = g.to_mermaid(_hostile_graph()).split("\n")[:-1]
    assert lines[0] == lines[2] == "---" and lines[3] == "flowchart TB"
    assert yaml.safe_load(lines[1])["title"] == "\n---\nTitle %%{init}%% <script>"
    assert lines[4].startswith("  subgraph ep_ep[") and lines[-1].startswith("  class ")
    body = "\n".join(lines[4:])
    assert "%%" not in body and "<script" not in body
    for line in lines[5:5 + len(HOSTILE)]:  # each node one line, label inside one quote pair
        assert re.fullmatch(r'    s(x)?_[A-Za-z0-9_]+\["[^"]*"\]', line), line


@pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz")
def test_graphviz_draws_hostile_labels_as_text(tmp_path):
    out = tmp_path / "hostile.svg"
    g.render(g.to_dot(_hostile_graph()), "svg", out)
    root = ET.parse(out).getroot()  # well-formed XML
    tags = {el.tag.rsplit("}", 1)[-1] for el in root.iter()}
    assert "script" not in tags and "TABLE" not in tags
    shown = " ".join(el.text or "" for el in root.iter() if el.tag.endswith("text"))
    for text in ("<script>alert(1)</script>", "&#60;b&#62; &amp; &lt;", "a --> b",
                 "back\\slash \\N \\G \\l"):
        assert text in shown, text
