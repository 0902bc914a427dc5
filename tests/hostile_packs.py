"""Generated hostile packs, one function per kind of attack on the loader. Tests build small
ones; bench/hostile_loader.py builds the worst cases and times them."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Dict

from packutil import png_bytes

PACK = """\
format: 1
id: hostile
title: Hostile
regime:
  scale: {min: 1.0, max: 5.0, start: 4.0}
"""
EPISODE_HEAD = "episode: one\ntitle: One\nscenes:\n"
END = "  end:\n    text: The end.\n    ending: {title: End, debrief: Done., prompts: [Why?]}\n"


def _pack(folder: Path, episode: str, pack: str = PACK) -> Path:
    folder.mkdir(parents=True)
    (folder / "pack.yaml").write_text(pack)
    (folder / "one.yaml").write_text(episode)
    return folder


def nested_alias_bomb(folder: Path) -> Path:
    """Aliases nested as deep as the format nests: 200 scenes x 200 choices x 200 effects,
    8 million values from 1,000 lines."""
    n = 200
    lines = ["episode: one", "title: One", "scenes:", "  s0: &S", "    text: Hi", "    choices:",
             "      - &C", "        text: x", "        goto: s0", "        effects:",
             "          - &E {set: {v: 1}}"]
    lines += ["          - *E"] * n + ["      - *C"] * n + [f"  s{i}: *S" for i in range(1, n)]
    return _pack(folder, "\n".join(lines) + "\n")


def billion_laughs(folder: Path) -> Path:
    """The textbook alias bomb: nine levels of nine aliases each (387 million values)."""
    lines = [EPISODE_HEAD.rstrip("\n"), "  start:", "    text: Hi", "    goto: end",
             "    pause: &l0 lol"]
    for k in range(1, 10):
        lines.append(f"    x{k}: &l{k} [" + ", ".join([f"*l{k - 1}"] * 9) + "]")
    return _pack(folder, "\n".join(lines) + "\n" + END)


def alias_unknown_keys(folder: Path, keys: int = 1000, scenes: int = 1000) -> Path:
    """A mapping of 1,000 unknown keys, aliased by 1,000 scenes: a million unknown keys."""
    written = ", ".join(f"k{i}: 1" for i in range(keys))
    lines = [EPISODE_HEAD.rstrip("\n"), f"  s0: &x {{text: Hi, goto: end, {written}}}"]
    lines += [f"  s{i}: *x" for i in range(1, scenes)]
    return _pack(folder, "\n".join(lines) + "\n" + END)


def one_line_megabyte(folder: Path, size_limit: int = 1_000_000) -> Path:
    """A 1 MB episode on one line, with an error in every scene."""
    scenes, size, i = [], 0, 0
    while size < size_limit:
        s = f"s{i}: {{text: Hello there, goto: nowhere{i}, colour: red}}"
        scenes.append(s)
        size += len(s) + 2
        i += 1
    body = "{episode: one, title: One, scenes: {" + ", ".join(scenes) + \
        ", end: {text: E, ending: {title: E, debrief: D, prompts: [W]}}}}"
    return _pack(folder, body)


def dangling_gotos(folder: Path, n: int = 20_000) -> Path:
    """20,000 scenes, each with a `goto` one letter away from a real id."""
    parts = [EPISODE_HEAD] + [f"  scene_{i:05d}:\n    text: Hi\n    goto: scene_{i:05d}x\n"
                              for i in range(n)]
    return _pack(folder, "".join(parts) + END)


def many_episodes(folder: Path, n: int = 100_000) -> Path:
    """pack.yaml listing 100,000 episodes that do not exist."""
    listed = "episodes:\n" + "".join(f"  - ep{i}\n" for i in range(n))
    return _pack(folder, EPISODE_HEAD + "  start:\n    text: Hi\n    goto: end\n" + END,
                 PACK + listed)


def deep_folders(folder: Path, depth: int = 1500) -> Path:
    _pack(folder, EPISODE_HEAD + "  start:\n    text: Hi\n    goto: end\n" + END)
    path = folder
    for _ in range(depth):  # os.makedirs would recurse once per level
        path = path / "a"
        path.mkdir()
    return folder


def remove_tree(top: Path) -> None:
    """Delete a folder tree of any depth (shutil.rmtree recurses once per level)."""
    stack = [top]
    while stack:
        path = stack[-1]
        inner = [e for e in os.scandir(path)]
        for e in inner:
            if e.is_dir(follow_symlinks=False):
                stack.append(Path(e.path))
            else:
                os.unlink(e.path)
        if stack[-1] is path:
            os.rmdir(stack.pop())


def huge_png_header(folder: Path) -> Path:
    """A scene picture whose header says 30000 x 30000 (3.6 GB decoded)."""
    _pack(folder, EPISODE_HEAD + "  start:\n    text: Hi\n    image: big.png\n    goto: end\n"
          + END)
    (folder / "big.png").write_bytes(png_bytes(30000, 30000, pixels=False))
    return folder


def huge_guide(folder: Path) -> Path:
    """A guide that is a 3 GB (sparse) file."""
    _pack(folder, EPISODE_HEAD + "  start:\n    text: Hi\n    goto: end\n" + END,
          PACK + "guide: guide.md\n")
    with open(folder / "guide.md", "wb") as fh:
        fh.truncate(3 * 2 ** 30)
    return folder


def digit_runs(folder: Path, n: int = 50) -> Path:
    """50 unquoted variable values of 20,000 digits and a letter (a number pattern that
    backtracked took 15 s on each)."""
    values = "".join(f"  v{i}: {'1' * 20_000}x\n" for i in range(n))
    return _pack(folder, EPISODE_HEAD + END, PACK + "variables:\n" + values)


CASES: Dict[str, Callable[[Path], Path]] = {
    "billion-laughs": billion_laughs, "nested-alias-bomb": nested_alias_bomb,
    "alias-unknown-keys": alias_unknown_keys, "one-line-1MB": one_line_megabyte,
    "dangling-gotos-20k": dangling_gotos, "episodes-100k": many_episodes,
    "deep-folders": deep_folders, "huge-png-header": huge_png_header, "huge-guide": huge_guide,
    "digit-runs": digit_runs,
}
