"""The catalogue of diagnostic codes. docs/errors.md is generated from this table
(`python -m game codes --markdown`), and a test keeps the two in step."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict

from ..i18n import N_


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    severity: str  # error | warning
    summary: str
    fix: str
    example: str  # a failing snippet


_TABLE = [
    Code("SP001", "yaml-syntax", "error", N_("The file is not valid YAML."),
         N_("Look at the line and column given; a missing colon, a stray tab or bad indentation is "
         "the usual cause."), "scenes:\n  start:\n    text: |\n  Hello   # less indented than the block"),
    Code("SP002", "not-utf8", "error", N_("The file is not UTF-8 text."),
         N_("Save the file as UTF-8 in your editor (\"Save with encoding\")."),
         "(bytes such as 0xE9 from a Latin-1 editor)"),
    Code("SP003", "too-large", "error", N_("A file, a guide or the whole pack is over the size "
         "limit (8 MiB per file, 1 MiB per guide, 16 MiB of YAML and Markdown per pack, 64 MiB "
         "per zip unpacked, 2,000 files), or the pack's "
         "folders nest more than 16 deep or hold more than 20,000 names."),
         N_("Split the story into more, smaller files; remove files that are not part of the pack."),
         "(a 20 MB episode file)"),
    Code("SP004", "tag-refused", "error", N_("YAML tags (`!!python/object`, `!custom`) are refused "
         "so that a pack can never run code."), N_("Remove the tag and write the plain value."),
         "text: !!python/object/apply:os.system [\"rm -rf ~\"]"),
    Code("SP005", "alias-bomb", "error", N_("Anchors and aliases would add more than 100,000 "
         "values to the pack, nest it more than 200 deep, or an alias is used inside its own "
         "anchor. The loader counts this without expanding anything."),
         N_("Write the values out, or use fewer nested aliases."),
         "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]"),
    Code("SP006", "duplicate-key", "error", N_("A key appears twice in one mapping; YAML would "
         "silently keep only the last one."), N_("Rename or remove one of them; scene ids must be "
         "unique."), "scenes:\n  start: {text: A, goto: end}\n  start: {text: B, goto: end}"),
    Code("SP007", "unknown-key", "error", N_("A key that the format does not know (often a typo)."),
         N_("Use the key the hint suggests; docs/pack-format.md lists every key."),
         "start:\n  text: Hi\n  choises: []"),
    Code("SP008", "wrong-type", "error", N_("A value has the wrong type (a list where text is "
         "expected, a word where a number is expected)."), N_("Write the kind of value the message "
         "names."), "characters:\n  maya: {name: Maya, score: high}"),
    Code("SP009", "missing-key", "error", N_("A required key is missing."),
         N_("Add the key the message names."), "characters:\n  maya: {score: 4.1}"),
    Code("SP010", "bad-value", "error", N_("A value is out of range or not one of the allowed "
         "words."), N_("Use a value within the range or one of the listed words."),
         "rate: {by: maya, stars: 7}"),
    Code("SP011", "unknown-scene", "error", N_("A `goto`, `start` or condition names a scene that "
         "does not exist."), N_("Fix the spelling, or write the missing scene."),
         "choices:\n  - text: Leave\n    goto: cave   # no scene `cave`"),
    Code("SP012", "unknown-character", "error", N_("An effect, speaker or condition names a "
         "character that pack.yaml does not declare."), N_("Declare the character under "
         "`characters:` in pack.yaml, or fix the spelling."), "speaker: mya"),
    Code("SP013", "unknown-category", "error", N_("A `record` or `category()` names a behaviour "
         "category that the regime does not declare."), N_("Add it under `regime: categories:` or "
         "fix the spelling."), "record: {category: helth, impact: -0.1, saw: Snacks}"),
    Code("SP014", "unknown-tier", "error", N_("A condition compares `tier` with a tier the regime "
         "does not declare."), N_("Use one of the tier ids under `regime: tiers:`."),
         "if: tier >= 'gold'   # tiers are low, ordinary, trusted"),
    Code("SP015", "condition-syntax", "error", N_("A condition cannot be parsed."),
         N_("The column points at the problem; conditions use names, numbers, 'strings', "
         "comparisons, and/or/not and parentheses."), "if: score => 4"),
    Code("SP016", "text-syntax", "error", N_("Passage text has a broken `{...}` part."),
         N_("Close every `{if}` with `{end}`; write `{{` and `}}` for literal braces."),
         "text: \"{if cash > 5}You pay.\""),
    Code("SP017", "undefined-variable", "error", N_("A condition or text reads a variable that "
         "nothing declares or sets."), N_("Declare it under `variables:` in pack.yaml, set it with "
         "a `set` effect, or fix the spelling."), "if: has_umbrela"),
    Code("SP018", "duplicate-id", "error", N_("Two files declare the same scene or episode id."),
         N_("Scene ids are unique across the pack: rename one."),
         "(`start` in both episodes/01.yaml and episodes/02.yaml)"),
    Code("SP019", "bad-path", "error", N_("A file path leaves the pack folder or names a missing "
         "file."), N_("Use a path inside the pack folder, relative to pack.yaml, with `/`."),
         "image: ../../secrets.png"),
    Code("SP020", "unknown-episode", "error", N_("`episodes:` in pack.yaml names an episode that "
         "no file declares, or an episode file is not listed."), N_("List every episode id once."),
         "episodes: [morning, evening]   # no file says `episode: evening`"),
    Code("SP021", "scene-shape", "error", N_("A scene needs exactly one of `choices`, `goto` or "
         "`ending`."), N_("Add a way on, or make the scene an ending."),
         "start:\n  text: The end?"),
    Code("SP022", "unreachable-scene", "warning", N_("No path from any episode start reaches this "
         "scene."), N_("Add a `goto` to it, or delete it."), "(a scene nothing points to)"),
    Code("SP023", "dead-end", "error", N_("No ending can be reached from this scene: the player "
         "would loop forever."), N_("Give one of the scenes in the loop a way to an ending."),
         "a: {text: A, goto: b}\nb: {text: B, goto: a}"),
    Code("SP024", "all-conditional", "warning", N_("Every choice of this scene has a condition; "
         "if none holds, the player is stuck."), N_("Give at least one choice no `if`/`show_if`, "
         "or make sure the conditions cover every case."),
         "choices:\n  - {text: Pay, if: cash >= 5, goto: paid}"),
    Code("SP025", "unused-variable", "warning", N_("A variable is set but never read."),
         N_("Read it in a condition or text, or remove it."), "set: {met_maya: true}   # never read"),
    Code("SP026", "unsupported-version", "error", N_("The pack needs a newer format or engine "
         "than this Standing."), N_("Update Standing, or change `format`/`engine` if the pack "
         "does not need the newer features."), "format: 9"),
    Code("SP027", "not-a-pack", "error", N_("The folder has no pack.yaml, or pack.yaml is empty."),
         N_("Create pack.yaml (`standing new-pack DIR` writes a template)."), "(an empty folder)"),
    Code("SP028", "name-clash", "error", N_("A variable uses a reserved name or a character's id."),
         N_("Rename the variable; `score`, `tier`, `friends` and character ids are taken."),
         "variables: {score: 3}"),
    Code("SP029", "empty", "error", N_("The pack has no episodes or an episode has no scenes."),
         N_("Add at least one episode file with one scene."), "episode: a\ntitle: A\nscenes: {}"),
    Code("SP030", "unreachable-ending", "error", N_("No path from any episode start reaches this "
         "ending."), N_("Add a `goto` to it, or delete it."), "(an ending nothing points to)"),
    Code("SP031", "too-long", "error", N_("A text is longer than its limit (docs/pack-format.md "
         "lists them: generous for passages and debriefs, tight for labels and names)."),
         N_("Shorten it, or split a long passage over several scenes."),
         "choices:\n  - text: (a 2,000-character button label)\n    goto: end"),
    Code("SP032", "bad-image", "error", N_("A picture is not a PNG, JPEG, GIF, BMP or WebP file, "
         "its name does not match its format, or its size is over the limits (16 MiB on disk, "
         "8,192 pixels a side, 16,777,216 pixels in all). Only the header is read."),
         N_("Save the picture as a PNG or JPEG of at most 4096 x 4096 pixels (1920 x 1080 is "
         "plenty for the window)."), "image: pictures/poster.png   # 30000 x 30000 pixels"),
    Code("SP033", "tier-layout", "warning", N_("The tiers leave part of the scale without a tier, "
         "two tiers start at the same score, or a tier starts outside the scale."),
         N_("Start the lowest tier at the scale's `min`, give each tier its own `min`, and keep "
         "every `min` within the scale."),
         "scale: {min: 1.0, max: 5.0, start: 3.0}\ntiers:\n  low: {min: 2.0}   # 1.0 to 2.0 "
         "has no tier\n  gold: {min: 6.0}  # above the scale"),
    Code("SP034", "locked-without-if", "warning", N_("A choice has `locked:` (the reason shown "
         "when it is locked) but no `if:`, so nothing ever locks it."),
         N_("Add the `if:` condition that locks the choice, or remove `locked:`."),
         "- text: Take the fast lane\n  locked: Trusted citizens only   # no `if:`\n"
         "  goto: platform"),
    Code("SP035", "template-guide", "warning", N_("The facilitator guide is still the page "
         "`standing new-pack` wrote, so the pack picker and the teacher's report show its "
         "placeholder text."), N_("Write notes for a facilitator in the guide, or remove `guide:` "
         "from pack.yaml."), "guide: GUIDE.md   # unchanged since `standing new-pack`"),
    # SP036-SP039 are left for the other checks of issue 13 (fonts, the game's own words).
    Code("SP040", "language-tag", "warning", N_("`language:` (in pack.yaml or a translation file) "
         "is not a well-formed BCP 47 tag, is a common slip such as a country code (`cn` for "
         "Chinese), or a translation file says another language than its name."),
         N_("Write a tag such as `en`, `de`, `zh-Hans` or `pt-BR`: a language, then an optional "
         "script and region, joined by `-`."), "language: zh_CN   # zh-CN"),
    Code("SP041", "translation-missing", "warning", N_("A text of the pack has no entry in a "
         "translation file, so players of that language see the source text there."),
         N_("Run `standing translate PACK --lang LANG`: it adds the missing entries and keeps "
         "every translation already made."), "entries: {}   # the pack has scenes"),
    Code("SP042", "translation-stale", "warning", N_("The source text changed after it was "
         "translated: the entry's `hash:` is not the fingerprint of the source text any more."),
         N_("Compare the translation with the new source (`standing translate` refreshes "
         "`source:`), fix it, then write the `hash:` the message gives."),
         "scene.start.text:\n  hash: 00000000\n  text: Hallo"),
    Code("SP043", "translation-extra", "warning", N_("A translation file has an entry for a key "
         "the pack does not have (a scene renamed or deleted, a choice removed, a typo)."),
         N_("Move the text to the key the hint suggests, or delete the entry."),
         "scene.strat.text: {hash: 1a2b3c4d, text: Hallo}"),
    Code("SP044", "translation-template", "warning", N_("A translated passage or choice does not "
         "parse as text, or does not use the same `{name}`s and `{if ...}`s as its source, or "
         "a variable's translated display form has no `{}`; the source text is used instead."), N_("Keep every `{name}` and `{if ...}` of the "
         "source, in whatever order the language needs."),
         "source: You have {savings} yuan.\ntext: Du hast Geld.   # {savings} is missing"),
    Code("SP045", "translation-untranslated", "warning", N_("Entries of a translation file have "
         "an empty `text:` (one warning for all of them, at the first)."),
         N_("Fill in their `text:`; until then players see the source text there."),
         "scene.start.text: {hash: 1a2b3c4d, source: Hello, text: \"\"}"),
    Code("SP046", "no-translation", "error", N_("`--lang` asked for a language the pack has no "
         "translation file for (PACK/translations/LANG.yaml)."), N_("Pick one of the languages "
         "the message lists, or make the file: `standing translate PACK --lang LANG`."),
         "standing play --lang fr story/tutorial   # no translations/fr.yaml"),
    Code("SP050", "no-font", "warning", N_("A text holds characters that no font bundled with the "
         "game or installed on this machine can draw (the window would show empty boxes). "
         "Reported once per script, at its first place."),
         N_("Install a font for that script (on Linux a Noto package such as fonts-noto-core; "
         "Windows and macOS ship fonts for most scripts), or leave the characters out."),
         "text: \"ꦲꦤꦕꦫꦏ\"   # Javanese, on a machine with no Javanese font"),
]

CODES: Dict[str, Code] = {c.code: c for c in _TABLE}
BY_NAME: Dict[str, Code] = {c.name: c for c in _TABLE}


def markdown() -> str:
    """The catalogue as Markdown (docs/errors.md)."""
    out = ["# Diagnostic codes", "",
           "Every problem the loader or validator reports has a code. Messages look like:", "",
           "```", "story/x/episodes/01.yaml:12:11: error[SP011]: `goto` names the scene `cave`, "
           "which does not exist", "   12 |     goto: cave", "      |           ^",
           "  hint: did you mean `cove`?", "```", "",
           "This page is generated from `game/packs/codes.py` by "
           "`python -m game codes --markdown`.", ""]
    for c in _TABLE:
        out += [f"## {c.code} {c.name} ({c.severity})", "", c.summary, "",
                f"**Fix:** {c.fix}", "", "Example that triggers it:", "", "```yaml",
                c.example, "```", ""]
    return "\n".join(out)
