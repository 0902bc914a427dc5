"""Writing a converted story as a pack: pack.yaml and episodes/01-<title>.yaml.

Every string is written as a YAML block scalar or a JSON-quoted scalar (JSON's string syntax
is a subset of YAML's double-quoted one), so no text from the story can change the structure.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, List, Optional

from ..i18n import _
from ..packs.template import slugify
from .convert import MAX_LABEL
from .drafts import Conversion, SceneDraft
from .expr import Effect, Value, Variable

DEBRIEF = ("Imported from Twine: write what the system recorded here, and what really "
           "happened.")
PROMPT = "What would you have done differently, and why?"


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def value(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    return q(str(v))


def block(text: str, indent: str) -> str:
    """`|-` with the text indented, or a quoted scalar where a block cannot hold it."""
    first = text.split("\n", 1)[0]
    if not text or first[:1] in (" ", "\t") or "\t" in text or text != text.rstrip() \
            or any(line != line.rstrip() for line in text.split("\n")):
        return q(text)
    body = "\n".join((indent + line) if line else "" for line in text.split("\n"))
    return "|-\n" + body


def start_value(v: Variable) -> Value:
    """A declared start: StoryInit's, else the zero of the type it is given or compared with
    (0 when nothing says: Harlowe's value for a variable never set, and false in a test)."""
    if v.start is not None:
        return v.start
    sample = v.first if v.first is not None else v.compared
    if v.numeric:
        return 0
    if isinstance(sample, bool):
        return False
    if isinstance(sample, str):
        return ""
    return 0


def pack_yaml(conv: Conversion, pack_id: str, source: str) -> str:
    lines = [
        f"# Imported from {source} ({conv.family or 'Twine'}) by `standing import-twee`.",
        "# A Twine story has no rating: the regime below is a neutral default; see",
        "# docs/pack-format.md (\"The rating regime\") to give the story a score.",
        "format: 1",
        f"id: {pack_id}",
        f"title: {q(conv.title[:MAX_LABEL])}",
        "regime:",
        "  scale: {min: 1.0, max: 5.0, start: 3.0, decimals: 3}",
    ]
    used = [v for v in conv.names.vars.values() if v.read or _set_anywhere(conv, v.id)]
    if used:
        lines.append("variables:")
        for v in sorted(used, key=lambda v: v.id):
            lines.append(f"  {v.id}: {value(start_value(v))}  # {v.twine}")
    return "\n".join(lines) + "\n"


def _set_anywhere(conv: Conversion, vid: str) -> bool:
    return any(e[1] == vid for sc in conv.scenes for e in _all_effects(sc))


def _all_effects(sc: SceneDraft) -> List[Effect]:
    return sc.effects + [e for ch in sc.choices for e in ch.effects]


def effects_yaml(effects: List[Effect], indent: str) -> List[str]:
    out = []
    for kind, vid, v in effects:
        if kind == "roll":
            lo, hi = v  # type: ignore[misc]
            out.append(f"{indent}- roll: {{var: {vid}, min: {lo}, max: {hi}}}")
        else:
            out.append(f"{indent}- {kind}: {{{vid}: {value(v)}}}")
    return out


def scene_yaml(sc: SceneDraft, title: str) -> List[str]:
    out = [f"  # Twine passage {q(sc.name)} (line {sc.line})", f"  {sc.id}:",
           f"    text: {block(sc.text, '      ')}"]
    if sc.effects:
        out.append("    effects:")
        out += effects_yaml(sc.effects, "      ")
    if sc.goto:
        out.append(f"    goto: {sc.goto}")
    elif sc.ending:
        out += ending_yaml(sc.name)
    else:
        out.append("    choices:")
        for ch in sc.choices:
            out.append(f"      - text: {q(ch.label)}")
            if ch.conds:
                out.append(f"        show_if: {q(' and '.join(ch.conds))}")
            if ch.effects:
                out.append("        effects:")
                out += effects_yaml(ch.effects, "          ")
            out.append(f"        goto: {ch.target}")
    if sc.fallback:
        out += ["", f"  # added: in Twine the story stops at {q(sc.name)} when no link shows",
                f"  {sc.fallback}:", "    text: The story stops here."]
        out += ending_yaml(sc.name)
    return out


def ending_yaml(name: str) -> List[str]:
    return ["    ending:", f"      title: {q(name[:MAX_LABEL])}",
            f"      debrief: {q(DEBRIEF)}  # TODO", f"      prompts: [{q(PROMPT)}]  # TODO"]


def episode_yaml(conv: Conversion, episode_id: str) -> str:
    lines = [f"episode: {episode_id}", f"title: {q(conv.title[:MAX_LABEL])}",
             f"start: {conv.start}", "scenes:"]
    for sc in conv.scenes:
        lines += scene_yaml(sc, conv.title)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def render(conv: Conversion, pack_id: str, source: str) -> Dict[str, str]:
    """The pack's files by path relative to its folder."""
    slug = slugify(conv.title)[:40].strip("-") or "story"
    return {
        "pack.yaml": pack_yaml(conv, pack_id, source),
        f"episodes/01-{slug}.yaml": episode_yaml(conv, "story"),
    }


def write(files: Dict[str, str], folder: Path, force: bool) -> Optional[str]:
    """Write the files under `folder`; the reason when refused (a non-empty folder)."""
    if folder.exists() and (not folder.is_dir() or (any(folder.iterdir()) and not force)):
        return _("{folder} already exists and is not empty; choose a new folder or use "
                 "--force").format(folder=folder)
    for rel, text in files.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return None
