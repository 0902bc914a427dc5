"""Tiny inline packs for tests: write pack.yaml and episode files into a folder."""
from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Dict, Optional

from game.engine import Runtime
from game.packs import load_pack

PACK_YAML = """\
format: 1
id: mini
title: Mini
regime:
  scale: {min: 1.0, max: 5.0, start: 4.0, decimals: 3}
  association: 0.2
  categories:
    conduct: {label: Conduct, weight: 0.5}
  tiers:
    low: {min: 1.0}
    mid: {name: Middling, min: 3.5}
    high: {name: Trusted, min: 4.2, perks: [Fast lane]}
characters:
  maya: {name: Maya Okafor, score: 4.8}
  jun: {name: Jun Park, score: 3.1, friend: true}
variables:
  cash: 10
"""

EPISODE = """\
episode: one
title: One
scenes:
  start:
    text: Hello {maya}. You have {cash} coins.
    choices:
      - text: Pay
        if: cash >= 5
        effects:
          - add: {cash: -5}
        goto: done
      - text: Fast lane
        if: score >= 4.5
        goto: done
      - text: Walk away
        goto: done
  done:
    text: Done.
    ending:
      title: The End
      debrief: It ended.
      prompts: [Why?]
"""


def write_pack(folder: Path, pack: str = PACK_YAML, episodes: Optional[Dict[str, str]] = None
               ) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(textwrap.dedent(pack), encoding="utf-8")
    for name, body in (episodes if episodes is not None else {"one.yaml": EPISODE}).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(body), encoding="utf-8")
    return folder


def start(folder: Path, seed: int = 1, **kw) -> Runtime:
    r = load_pack(str(folder))
    assert r.ok, "\n".join(d.format() for d in r.diagnostics)
    return Runtime.start(r.pack, seed=seed, **kw)


def diags(folder: Path):
    return load_pack(str(folder)).diagnostics
