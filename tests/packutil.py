"""Tiny inline packs for tests: write pack.yaml and episode files into a folder."""
from __future__ import annotations

import struct
import textwrap
import zlib
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


def png_bytes(width: int = 2, height: int = 2, pixels: bool = True) -> bytes:
    """A PNG whose header says width x height; with `pixels`, black pixels that decode (keep
    it small), else one row of data only, for a header that lies about a huge picture."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + \
            struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = (b"\0" + b"\0" * 3 * width) * (height if pixels else 1)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2,
                                                                0, 0, 0)) + \
        chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
