"""The pack format, declared once. The loader converts with these specs and
`json_schema()` turns the same specs into JSON Schema for editors."""
from __future__ import annotations

from typing import Any, Dict

from ..i18n import N_
from .spec import (F, LABEL, LINE, NOTE, PASSAGE, Boolean, Condition, Either, Enum, Ident,
                   ListOf, MapOf, Number, OneOf, Record, Scalar, TemplateText, Text)

FORMAT = 1
FACT_KINDS = ("fact", "fiction", "myth", "disputed")
TONES = ("hopeful", "bleak", "mixed")

# Translators: a kind of mapping, named in messages such as "`x` is not a key of a scene".
FACT = Record(N_("a fact note"), {
    "kind": F(Enum(FACT_KINDS), True, doc=N_("fact, fiction, myth or disputed")),
    "note": F(Text(max_len=NOTE), True, doc=N_("the claim, in a sentence or two")),
    "source": F(Text(), False, "", "where it comes from"),
}, "A real-world note shown in the debrief.")

SCALE = Record("scale", {
    "min": F(Number(), True, doc=N_("lowest score, e.g. 1.0 or 350")),
    "max": F(Number(), True, doc=N_("highest score, e.g. 5.0 or 950")),
    "start": F(Number(), True, doc=N_("the player's starting score")),
    "decimals": F(Number(0, 4, integer=True), False, 3, "decimal places shown"),
})

# Translators: a kind of mapping, named in messages such as "`x` is not a key of a scene".
CATEGORY = Record(N_("a category"), {
    "label": F(Text(max_len=LABEL), True, doc=N_("the name players see")),
    "weight": F(Number(0, 100), False, 1.0, "multiplies every record's impact"),
})

# Translators: a kind of mapping, named in messages such as "`x` is not a key of a scene".
TIER = Record(N_("a tier"), {
    "name": F(Text(max_len=LABEL), False, doc="the name players see (default: the id)"),
    "min": F(Number(), True, doc=N_("the score from which this tier applies")),
    "perks": F(ListOf(Text(max_len=LABEL)), False, [], "what this tier unlocks"),
    "penalties": F(ListOf(Text(max_len=LABEL)), False, [], "what this tier costs"),
})

REGIME = Record("regime", {
    "name": F(Text(max_len=LABEL), False, "Standing", "what the system calls itself"),
    "scale": F(SCALE, True, doc=N_("min, max, start and decimals")),
    "visible": F(Boolean(), False, True, "show the breakdown during play"),
    "ratings": F(Record("ratings", {
        "prior": F(Number(0, 1e6), False, 10, "how many ratings the start score counts as"),
        "rater_influence": F(Number(0, 10), False, 2, "exponent on the rater's position"),
    }), False, doc="how ratings from people are weighted"),
    "categories": F(MapOf(CATEGORY), False, doc="behaviour categories and their weights"),
    "association": F(Number(0, 1), False, 0, "pull of friends' mean score, 0 to 1"),
    "fading": F(Record("fading", {
        "half_life": F(Number(0, 1e6), False, 6, "choices after which a fading record halves"),
    }), False, doc="how fast non-permanent records fade"),
    "tiers": F(MapOf(TIER), False, doc="tiers by id, each with a `min` score"),
}, "The rating algorithm.")

# Translators: a kind of mapping, named in messages such as "`x` is not a key of a scene".
CHARACTER = Record(N_("a character"), {
    "name": F(Text(max_len=LABEL), True, doc=N_("their full name")),
    "score": F(Number(), True, doc=N_("their own score; it weights their ratings")),
    "role": F(Text(), False, "", "who they are"),
    "motive": F(Text(), False, "", "what they want"),
    "friend": F(Boolean(), False, False, "starts as the player's friend"),
})

# Translators: a kind of mapping, named in messages such as "`x` is not a key of a scene".
VARIABLE = Either(Scalar(), Record(N_("a variable"), {
    "value": F(Scalar(), True, doc=N_("the starting value")),
    "display": F(Text(), False, "{}", "how players see it: `{}` is the value, e.g. \"{} marks\""),
    "label": F(Text(), False, "", "what lock reasons call it, e.g. savings"),
}, "A variable with a display form for lock reasons and the debrief."))

PACK = Record("pack.yaml", {
    "format": F(Number(1, 1000, integer=True), True, doc=f"pack format version ({FORMAT})"),
    "id": F(Ident(slug=True), True, doc=N_("lower-case id")),
    "title": F(Text(max_len=LABEL), True, doc=N_("the pack's title")),
    "version": F(Text(max_len=LABEL), False, "1.0.0", "the pack's own version"),
    "authors": F(ListOf(Text(max_len=LABEL)), False, [], "who wrote it"),
    "licence": F(Text(max_len=LABEL), False, "unspecified", "e.g. CC-BY-4.0"),
    "language": F(Text(max_len=LABEL), False, "en", "language code"),
    "description": F(Text(max_len=NOTE), False, "", "one paragraph for the pack picker"),
    "content_notes": F(ListOf(Text(max_len=LABEL)), False, [],
                       "topics a player may want warning of"),
    "age": F(Text(max_len=LABEL), False, "all", "age guidance, e.g. 12+"),
    "minutes": F(Number(1, 10000, integer=True), False, 15, "estimated playing time"),
    "engine": F(Text(max_len=LABEL), False, "0.1", "lowest Standing version that plays it"),
    "episodes": F(ListOf(Ident()), False, doc="episode ids in play order"),
    "guide": F(Text(), False, doc="facilitator guide, a Markdown file inside the pack"),
    "regime": F(REGIME, True, doc=N_("the rating regime")),
    "characters": F(MapOf(CHARACTER), False, doc="the cast, by id"),
    "variables": F(MapOf(VARIABLE), False, doc="variables: a starting value, or a mapping "
                   "with `value`, `display` and `label`"),
}, "A Standing pack's metadata, regime and cast.")

RATE = Record("rate", {
    "stars": F(Number(1, 5), True, doc=N_("1 to 5")),
    "by": F(Ident(), False, doc="the rating character's id"),
    "rater": F(Number(), False, doc="for anonymous raters: their score"),
    "count": F(Number(1, 1_000_000, integer=True), False, 1, "how many such ratings"),
    "label": F(Text(max_len=LABEL), False, "", "who the anonymous raters are"),
})

RECORD = Record("record", {
    "category": F(Ident(), True, doc=N_("a regime category id")),
    "impact": F(Number(), True, doc=N_("effect on the score, in scale units")),
    "saw": F(Text(), True, doc=N_("what the system saw")),
    "truth": F(Text(max_len=NOTE), False, "", "what really happened"),
    "permanent": F(Boolean(), False, False, "never fades"),
    "fact": F(FACT, False, doc="a fact note"),
})

ROLL = Record("roll", {
    "var": F(Ident(), True, doc=N_("the variable to set")),
    "min": F(Number(integer=True), True, doc=N_("lowest value")),
    "max": F(Number(integer=True), True, doc=N_("highest value")),
})

EFFECT = OneOf("effect", {
    "rate": RATE,
    "record": RECORD,
    "set": MapOf(Scalar()),
    "add": MapOf(Number()),
    "befriend": Ident(),
    "unfriend": Ident(),
    "shift": MapOf(Number()),
    "roll": ROLL,
})
EFFECTS = ListOf(EFFECT)

# Translators: a kind of mapping, named in messages such as "`x` is not a key of a scene".
CHOICE = Record(N_("a choice"), {
    "text": F(TemplateText(max_len=LINE), True, doc=N_("the button label")),
    "goto": F(Ident(), True, doc=N_("the next scene")),
    "if": F(Condition(), False, doc="shown locked unless this holds"),
    "locked": F(Text(max_len=LABEL), False, "", "reason shown when locked"),
    "show_if": F(Condition(), False, doc="hidden unless this holds"),
    "effects": F(EFFECTS, False, doc="effects when taken"),
})

# Translators: a kind of mapping, named in messages such as "`x` is not a key of a scene".
ENDING = Record(N_("an ending"), {
    "title": F(Text(max_len=LABEL), True, doc=N_("the ending's title")),
    "debrief": F(Text(max_len=PASSAGE), True, doc=N_("what the system recorded, what really happened")),
    "prompts": F(ListOf(Text(), min_items=1), True, doc=N_("discussion prompts")),
    "tone": F(Enum(TONES), False, "mixed", "hopeful, bleak or mixed"),
    "notes": F(Text(max_len=NOTE), False, "", "notes for facilitators"),
})

# Translators: a kind of mapping, named in messages such as "`x` is not a key of a scene".
SCENE = Record(N_("a scene"), {
    "text": F(TemplateText(), True, doc=N_("the passage")),
    "speaker": F(Ident(), False, doc="a character id"),
    "image": F(Text(), False, doc="a picture inside the pack folder"),
    "effects": F(EFFECTS, False, doc="effects on entering"),
    "choices": F(ListOf(CHOICE), False, doc="the choices"),
    "goto": F(Ident(), False, doc="the next scene when there are no choices"),
    "continue": F(Text(max_len=LABEL), False, "Continue", "the label of the single button"),
    "ending": F(ENDING, False, doc="makes this scene an ending"),
    "fact": F(FACT, False, doc="a fact note"),
    "pause": F(Text(max_len=NOTE), False, "", "a discussion prompt for the classroom"),
})

# Translators: a kind of mapping, named in messages such as "`x` is not a key of a scene".
EPISODE = Record(N_("an episode file"), {
    "episode": F(Ident(), True, doc=N_("the episode id")),
    "title": F(Text(max_len=LABEL), True, doc=N_("the episode's title")),
    "summary": F(Text(max_len=NOTE), False, "", "one or two sentences"),
    "start": F(Ident(), False, doc="the first scene (default: the first in the file)"),
    "scenes": F(MapOf(SCENE), True, doc=N_("scenes by id")),
}, "One episode of a Standing pack.")


def json_schema(which: str) -> Dict[str, Any]:
    """`pack`, `episode` or `translation` (PACK/translations/LANG.yaml)."""
    if which == "translation":
        from .translation import TRANSLATION
        spec: Record = TRANSLATION
        title = "translation file"
    else:
        spec, title = (PACK, "pack.yaml") if which == "pack" else (EPISODE, "episode file")
    s = spec.schema()
    s["type"] = "object"  # a whole file is never empty
    s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    s["title"] = "Standing " + title
    return s
