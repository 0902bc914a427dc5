"""Every ```yaml example in the authoring guide and the format reference is real.

A block whose info string says `file=DIR/PATH` is one file of a complete pack: the blocks of
each DIR are written out together and must load through the real loader without errors and
playtest clean. Any other block is a fragment: it must be valid YAML and convert with the
matching spec from game/packs/schema.py (`spec=NAME` in the info string names it; otherwise
it is worked out from the keys). A value written as `{ ... }` stands for "see below" and is
skipped.
"""
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List

import pytest
import yaml

from conftest import ROOT
from game.packs import load_pack
from game.packs.translation import TRANSLATION
from game.packs.diagnostics import Report
from game.packs.playtest import random_playtest
from game.packs.plans import PLANS
from game.packs.schema import CHOICE, EFFECTS, EPISODE, PACK, SCENE
from game.packs.spec import Abort, Ctx, F, ListOf, MapOf, Record
from game.packs.yamlsafe import compose

DOCS = [ROOT / "docs" / "authoring.md", ROOT / "docs" / "pack-format.md",
        ROOT / "docs" / "recipes.md"]
FENCE = re.compile(r"^```yaml([^\n]*)\n(.*?)^```", re.M | re.S)


@dataclass
class Block:
    doc: Path
    line: int
    attrs: Dict[str, str]
    text: str

    @property
    def id(self) -> str:
        return f"{self.doc.name}:{self.line}"


def blocks(doc: Path) -> List[Block]:
    text = doc.read_text(encoding="utf-8")
    out = []
    for m in FENCE.finditer(text):
        attrs = dict(a.split("=", 1) for a in m.group(1).split() if "=" in a)
        out.append(Block(doc, text[:m.start()].count("\n") + 1, attrs, m.group(2)))
    return out


ALL = [b for doc in DOCS for b in blocks(doc)]
FRAGMENTS = [b for b in ALL if "file" not in b.attrs]
PACKS: Dict[str, List[Block]] = defaultdict(list)
for _b in ALL:
    if "file" in _b.attrs:
        PACKS[_b.attrs["file"].split("/", 1)[0]].append(_b)


def optional(spec: Record) -> Record:
    """The same record with nothing required, for fragments that show a few keys."""
    return Record(spec.name, {k: F(f.spec, False, None, f.doc) for k, f in spec.fields.items()})


SPECS = {
    "pack": PACK, "episode": EPISODE, "scene": SCENE, "scenes": MapOf(SCENE),
    "choices": ListOf(CHOICE), "effects": EFFECTS, "plans": PLANS, "translation": TRANSLATION,
}


def guess(data) -> str:
    """Which spec a fragment is written for, from its shape and keys."""
    if isinstance(data, list):
        return "choices" if all(isinstance(i, dict) and "goto" in i for i in data) else "effects"
    keys = set(data)
    if "format" in keys or "id" in keys or keys <= set(PACK.fields):
        return "pack"
    if "episode" in keys or keys <= set(EPISODE.fields):
        return "episode"
    if keys <= set(SCENE.fields):
        return "scene"
    return "scenes"


def is_elided(node: yaml.Node) -> bool:
    """`{ ... }`: a placeholder for a section documented elsewhere."""
    return isinstance(node, yaml.MappingNode) and len(node.value) == 1 and \
        node.value[0][0].value == "..."


def convert_fragment(block: Block) -> Report:
    report = Report()
    node = compose(block.text, block.id, report)
    assert node is not None, [d.format() for d in report.items]
    name = block.attrs.get("spec") or guess(yaml.safe_load(block.text))
    spec = SPECS[name]
    if isinstance(spec, Record):
        if isinstance(node, yaml.MappingNode):
            node.value = [(k, v) for k, v in node.value if not is_elided(v)]
        whole = all(k in {n.value for n, _ in node.value}
                    for k, f in spec.fields.items() if f.required)
        spec = spec if whole else optional(spec)
    try:
        spec.convert(node, Ctx(block.id, report))
    except Abort:
        pass
    return report


def test_the_docs_have_examples():
    assert len(FRAGMENTS) >= 20 and len(PACKS) >= 1
    assert {b.doc.name for b in FRAGMENTS} == {"authoring.md", "pack-format.md", "recipes.md"}


@pytest.mark.parametrize("block", FRAGMENTS, ids=lambda b: b.id)
def test_every_fragment_converts_with_its_spec(block):
    report = convert_fragment(block)
    assert [d.format() for d in report.items] == []


@pytest.mark.parametrize("name", sorted(PACKS))
def test_every_complete_pack_loads_and_plays(tmp_path, name):
    for block in PACKS[name]:
        target = tmp_path / block.attrs["file"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(block.text, encoding="utf-8")
    result = load_pack(str(tmp_path / name))
    assert result.ok and result.diagnostics == [], \
        "\n".join(d.format() for d in result.diagnostics)
    cov = random_playtest(result.pack, runs=200)
    assert not cov.problems and cov.unreached() == [] and cov.unvisited() == []


def test_a_wrong_example_would_be_caught():
    bad = Block(Path("x.md"), 1, {"spec": "scene"}, "text: Hi\nchoises: []\n")
    assert [d.code for d in convert_fragment(bad).items] == ["SP007"]
    worse = Block(Path("x.md"), 1, {}, "scenes:\n  a: {text: 'Hi', goto: [b]}\n")
    assert [d.code for d in convert_fragment(worse).items] == ["SP008"]


def test_local_links_in_the_guide_point_at_real_files_and_headings():
    text = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#]+\.md)(?:#[^)]*)?\)", text):
        assert (ROOT / "docs" / target).is_file(), target
    errors = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    anchors = {re.sub(r"[^a-z0-9 -]", "", h.lower()).replace(" ", "-")
               for h in re.findall(r"^## (.+)$", errors, re.M)}
    for anchor in re.findall(r"\]\(errors\.md#([^)]+)\)", text):
        assert anchor in anchors, anchor
    own = {re.sub(r"[^a-z0-9 -]", "", h.lower()).replace(" ", "-")
           for h in re.findall(r"^#+ (.+)$", text, re.M)}
    for anchor in re.findall(r"\]\(#([^)]+)\)", text):
        assert anchor in own, anchor
