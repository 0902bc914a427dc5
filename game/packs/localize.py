"""Every text of a loaded pack that players or facilitators read, under a stable key, and the
same pack with those texts replaced. One walk does both (`relabel` with a function that keeps
the text lists the entries; with a function that looks them up, it translates), so the list of
translatable texts and what a translation changes cannot drift apart.

Keys: `pack.title`, `tier.gold.perks.0`, `character.maya.role`, `scene.start.text`,
`scene.start.choices.1.text`, `scene.start.choices.1.effects.0.saw`, `scene.end.ending.debrief`
... Choices have no ids, so they are numbered within their scene; the stored hash of the
source text notices when a reordering moves one.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Dict, Optional, Tuple, TypeVar

from ..engine import model as m

# key, source text, is-a-template -> the text to use
Tr = Callable[[str, str, bool], str]
T = TypeVar("T")


def relabel(pack: m.Pack, tr: Tr) -> m.Pack:
    """`pack` with every player-facing text passed through `tr` (empty texts are skipped)."""
    t = _Texts(tr)
    info = pack.info
    info = replace(info, title=t("pack.title", info.title),
                   description=t("pack.description", info.description),
                   content_notes=t.many("pack.content_notes", info.content_notes))
    rg = pack.regime
    regime = replace(rg, name=t("regime.name", rg.name), categories=tuple(
        replace(c, label=t(f"category.{c.id}.label", c.label)) for c in rg.categories),
        tiers=tuple(_tier(t, tier) for tier in rg.tiers))
    chars = {cid: replace(c, name=t(f"character.{cid}.name", c.name),
                          role=t(f"character.{cid}.role", c.role),
                          motive=t(f"character.{cid}.motive", c.motive))
             for cid, c in pack.characters.items()}
    displays = {v: replace(d, template=t(f"variable.{v}.display", d.template),
                           label=t(f"variable.{v}.label", d.label))
                for v, d in pack.displays.items()}
    episodes = tuple(replace(e, title=t(f"episode.{e.id}.title", e.title),
                             summary=t(f"episode.{e.id}.summary", e.summary))
                     for e in pack.episodes)
    scenes = {sid: _scene(t, f"scene.{sid}", s) for sid, s in pack.scenes.items()}
    return replace(pack, info=info, regime=regime, characters=chars, displays=displays,
                   episodes=episodes, scenes=scenes)


class _Texts:
    def __init__(self, tr: Tr):
        self.tr = tr

    def __call__(self, key: str, text: str) -> str:
        # `{}` alone is the default display form: nothing to translate
        return self.tr(key, text, False) if text and text != "{}" else text

    def many(self, key: str, texts: Tuple[str, ...]) -> Tuple[str, ...]:
        return tuple(self(f"{key}.{i}", x) for i, x in enumerate(texts))

    def template(self, key: str, tpl: m.Template) -> m.Template:
        new = self.tr(key, tpl.source, True) if tpl.source else tpl.source
        if new == tpl.source:
            return tpl
        from ..engine.text import parse_template
        return parse_template(new)  # checked by the caller's `tr` before it returned it


def _tier(t: _Texts, tier: m.Tier) -> m.Tier:
    k = f"tier.{tier.id}"
    return replace(tier, name=t(f"{k}.name", tier.name), perks=t.many(f"{k}.perks", tier.perks),
                   penalties=t.many(f"{k}.penalties", tier.penalties))


def _fact(t: _Texts, key: str, f: Optional[m.FactNote]) -> Optional[m.FactNote]:
    # The source stays as written: a translation cites the same work, under its own title.
    return f and replace(f, note=t(f"{key}.note", f.note))


def _effects(t: _Texts, key: str, effects: Tuple[m.Effect, ...]) -> Tuple[m.Effect, ...]:
    out = []
    for i, e in enumerate(effects):
        k = f"{key}.effects.{i}"
        if isinstance(e, m.Record):
            e = replace(e, saw=t(f"{k}.saw", e.saw), truth=t(f"{k}.truth", e.truth),
                        fact=_fact(t, f"{k}.fact", e.fact))
        elif isinstance(e, m.Rate):
            e = replace(e, label=t(f"{k}.label", e.label))
        out.append(e)
    return tuple(out)


def _scene(t: _Texts, k: str, s: m.Scene) -> m.Scene:
    text = t.template(f"{k}.text", s.text)  # first: the file lists texts in reading order
    effects = _effects(t, k, s.effects)
    choices = tuple(replace(c, text=t.template(f"{k}.choices.{i}.text", c.text),
                            locked=t(f"{k}.choices.{i}.locked", c.locked),
                            effects=_effects(t, f"{k}.choices.{i}", c.effects))
                    for i, c in enumerate(s.choices))
    end = s.ending
    if end is not None:
        end = replace(end, title=t(f"{k}.ending.title", end.title),
                      debrief=t(f"{k}.ending.debrief", end.debrief),
                      prompts=t.many(f"{k}.ending.prompts", end.prompts),
                      notes=t(f"{k}.ending.notes", end.notes))
    label = s.continue_label
    return replace(s, text=text, choices=choices, ending=end, effects=effects,
                   fact=_fact(t, f"{k}.fact", s.fact),
                   pause=t(f"{k}.pause", s.pause),
                   # the default label is the game's own word, translated with the game
                   continue_label=label if label == "Continue" else t(f"{k}.continue", label))


def entries(pack: m.Pack) -> Dict[str, Tuple[str, bool]]:
    """Every translatable text by key, in reading order: (source text, is a template)."""
    out: Dict[str, Tuple[str, bool]] = {}

    def keep(key: str, text: str, is_template: bool) -> str:
        out[key] = (text, is_template)
        return text
    relabel(pack, keep)
    return out
