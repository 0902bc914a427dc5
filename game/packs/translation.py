"""A pack's translations: PACK/translations/LANG.yaml, read through the same safe YAML path
and specs as the rest of the pack, checked against the pack (missing, stale, extra entries;
templates that refer to other variables than the source) and applied at load time, so the
runtime, the debrief and the report only ever see a pack in one language."""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

import yaml


from ..engine import conditions, model as m
from ..engine.suggest import Suggester
from ..engine.text import TemplateError, parse_template, walk_parts
from ..i18n import N_, _, format_integer
from . import langtag
from .diagnostics import Report
from .localize import entries, relabel
from .sources import PackSource, display_name
from .spec import (JSON, F, LABEL, LINE, NOTE, PASSAGE, Ctx, Ident, ListOf, MapOf, Obj,
                   Record, Text)

if TYPE_CHECKING:
    from .loader import LoadResult

FOLDER = "translations"
HASH_LEN = 8
_KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
KEY_MAX = 200
GUIDE_KEY = " guide"  # no entry key has a space, so this cannot clash


def source_hash(text: str) -> str:
    """A short fingerprint of the source text, stored beside each translation so a later
    change to the source marks the translation stale. Whitespace is not part of it: an author
    who re-wraps a paragraph has not changed what it says."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:HASH_LEN]


def path_for(lang: str) -> str:
    return f"{FOLDER}/{lang}.yaml"


class Entries(MapOf):
    """Entries by dotted key (`scene.start.choices.0.text`); MapOf's keys are plain ids."""

    def key(self, node: yaml.Node, ctx: Ctx) -> Any:
        v = node.value
        if v and len(v) <= KEY_MAX and set(v) <= _KEY_CHARS:
            return v
        return ctx.error("bad-value", node, _("`{key}` is not an entry key").format(key=v[:40]),
                         _("keep the keys `standing translate` wrote, e.g. scene.start.text"))

    def schema(self) -> JSON:
        return {"type": ["object", "null"], "additionalProperties": self.value.schema(),
                "propertyNames": {"pattern": "^[A-Za-z0-9_.-]+$", "maxLength": KEY_MAX}}


# Translators: a kind of mapping, named in messages such as "`x` is not a key of a scene".
ENTRY = Record(N_("a translation entry"), {
    "hash": F(Text(max_len=16), False, "", "fingerprint of the source text it translates"),
    "source": F(Text(max_len=PASSAGE), False, "", "the source text, for the translator only"),
    "text": F(Text(max_len=PASSAGE), False, "", "the translation; empty until translated"),
}, "One text of the pack in this language.")

# Translators: a kind of mapping, named in messages such as "`x` is not a key of a scene".
TRANSLATION = Record(N_("a translation file"), {
    "language": F(Text(max_len=LABEL), True, doc=N_("BCP 47 tag, the same as the file's name")),
    "pack": F(Ident(slug=True), False, doc="the id of the pack it translates"),
    "translators": F(ListOf(Text(max_len=LABEL)), False, [], "who translated it"),
    "guide": F(Text(), False, doc="the facilitator guide in this language, a Markdown file "
               "inside the pack (e.g. GUIDE.zh-Hans.md)"),
    "entries": F(Entries(ENTRY), True, doc=N_("the texts, by key")),
}, "A translation of a Standing pack (PACK/translations/LANG.yaml).")


# ---- checking ------------------------------------------------------------------------------

def check(pack: m.Pack, data: Obj, lang: str, report: Report) -> Dict[str, str]:
    """The usable translations by key, after reporting every problem with the file `data`
    (converted with TRANSLATION) as a translation of `pack` into `lang` (its file name)."""
    check_language(data, report, lang)
    src = entries(pack)
    ents: Obj = data["entries"]
    good: Dict[str, str] = {}
    untranslated: List[str] = []
    suggest: Optional[Suggester] = None
    for key, entry in ents.items():
        if key not in src:
            suggest = suggest or Suggester(src)
            report.add("translation-extra", ents.key_pos[key], _("`{key}` is not a text of "
                                                                 "this pack").format(key=key),
                       partial(_extra_hint, suggest, key))
            continue
        text = entry["text"]
        if not text.strip():
            untranslated.append(key)
            continue
        source, is_template = src[key]
        if entry["hash"] != source_hash(source):
            report.add("translation-stale", entry.at("hash") if "hash" in entry else
                       ents.key_pos[key], _("the source text of `{key}` has changed since this "
                                            "translation was made").format(key=key),
                       # Translators: {hash} is the fingerprint to write, e.g. 1a2b3c4d.
                       _("compare the translation with the source (`standing translate` "
                         "refreshes `source:`), then set `hash: {hash}`").format(
                           hash=source_hash(source)))
        if _fits(text, source, entry, report) and (
                not is_template or _same_references(key, text, source, entry, report)) and \
                _keeps_value(key, text, entry, report):
            good[key] = text
    missing = [k for k in src if k not in ents]
    for key in missing:
        report.add("translation-missing", ents.pos, _("`{key}` has no entry, so players see "
                                                     "the source text there").format(key=key),
                   _("`standing translate PACK --lang {lang}` adds the missing entries").format(
                       lang=lang))
    if untranslated:
        first = untranslated[0]
        report.add("translation-untranslated", ents[first].at("text") if "text" in ents[first]
                   else ents.key_pos[first], _(
                       "{count} of {total} texts have no translation yet (the first is `{key}`)"
                       ).format(count=format_integer(len(untranslated)),
                                                 total=format_integer(len(src)), key=first),
                   _("fill in their `text:`; until then players see the source text"))
    return good


def _extra_hint(suggest: Suggester, key: str) -> str:
    return suggest.hint(key) or _("delete the entry, or move its text to the key the text has "
                                  "now")


def check_language(data: Obj, report: Report, lang: Optional[str] = None) -> None:
    """`language:` of pack.yaml (lang None) or of a translation file named for `lang`."""
    tag = data.get("language")
    if not isinstance(tag, str):
        return
    problem = langtag.check(tag)
    if problem:
        report.add("language-tag", data.at("language"), *problem)
    elif lang is not None and not langtag.same(tag, lang):
        report.add("language-tag", data.at("language"), _("this file is named for `{name}` "
                                                          "but says `language: {tag}`").format(
                       name=lang, tag=tag),
                   _("rename the file to {path}, or write `language: {name}`").format(
                       path=path_for(tag), name=lang))


def _fits(text: str, source: str, entry: Obj, report: Report) -> bool:
    """A translation may run to twice its source (German is long), within the next limit
    class, so a label stays a label on screen."""
    limit = next((c for c in (LABEL, LINE, NOTE) if c >= 2 * len(source)), PASSAGE)
    if len(text) <= limit:
        return True
    report.add("too-long", entry.at("text"), _("this translation is {length} characters long; "
                                               "for a source of {source} the limit is {limit}")
               .format(length=format_integer(len(text)), source=format_integer(len(source)),
                       limit=format_integer(limit)),
               _("shorten it; it is shown where the source text was"))
    return False


def _same_references(key: str, text: str, source: str, entry: Obj, report: Report) -> bool:
    try:
        mine = _references(text)
    except (TemplateError, RecursionError) as e:
        message = getattr(e, "message", None) or _("the text is nested too deeply")
        # Translators: {problem} says what is wrong with the text, e.g. "`{if}` is never closed".
        report.add("translation-template", entry.at("text"), _("the translation of `{key}`: "
                                                               "{problem}").format(
                       key=key, problem=message),
                   getattr(e, "hint", "") or _("write `{{` for a literal brace"))
        return False
    theirs = _references(source)
    if mine == theirs:
        return True
    added, lost = sorted((mine - theirs).elements()), sorted((theirs - mine).elements())
    # Translators: {names} lists parts of a text such as {savings} and {if cash > 5}.
    parts = ([_("it adds {names}").format(names=", ".join(added))] if added else []) + \
        ([_("it leaves out {names}").format(names=", ".join(lost))] if lost else [])
    # Translators: {differences} is "it adds ..." and/or "it leaves out ...", joined by "; ".
    report.add("translation-template", entry.at("text"), _(
        "the translation of `{key}` does not use the same variables and conditions as the "
        "source: {differences}").format(key=key, differences="; ".join(parts)),
        _("keep every `{name}` and `{if ...}` of the source, in whatever order the language "
          "needs"))
    return False


def _keeps_value(key: str, text: str, entry: Obj, report: Report) -> bool:
    """A variable's display form shows the value where its `{}` is."""
    if not key.endswith(".display") or "{}" in text:
        return True
    report.add("translation-template", entry.at("text"), _("the translation of `{key}` has no "
                                                           "`{{}}` for the value").format(key=key),
               _("keep the `{{}}`, e.g. \"{{}} Mark\" or \"¥{{}}\"").format())
    return False


def _references(text: str) -> Counter[str]:
    out: Counter[str] = Counter()
    for p in walk_parts(parse_template(text)):
        if isinstance(p, m.Interp):
            out["{" + p.name + ("." + p.attr if p.attr else "") + "}"] += 1
        elif isinstance(p, m.IfText):
            out["{if " + conditions.unparse(p.cond) + "}"] += 1
    return out


# ---- loading -------------------------------------------------------------------------------

def files(source: PackSource) -> Dict[str, str]:
    """The pack's translation files by the language their name gives."""
    prefix = FOLDER + "/"
    out = {}
    for rel in sorted(source.files):
        if rel.startswith(prefix) and rel.endswith((".yaml", ".yml")) and "/" not in rel[
                len(prefix):]:
            out[rel[len(prefix):].rsplit(".", 1)[0]] = rel
    return out


def read(pack: m.Pack, source: PackSource, rel: str, lang: str, report: Report
         ) -> Optional[Dict[str, str]]:
    from .loader import convert_file  # the loader calls this module
    data = convert_file(source, rel, TRANSLATION, report)
    if data is None:
        return None
    guide = data.get("guide")
    if guide and not (guide.lower().endswith(".md") and source.has(guide)):
        report.add("bad-path", data.at("guide"), _("the guide `{path}` is not a Markdown file "
                                                   "in the pack").format(path=guide),
                   _("write the path of the translated guide, relative to pack.yaml, e.g. "
                     "GUIDE.zh-Hans.md"))
        guide = None
    good = check(pack, data, lang, report)
    if guide:
        good[GUIDE_KEY] = guide
    return good


def check_all(pack: m.Pack, source: PackSource, report: Report) -> None:
    """Report the problems of every translation in the pack (for `standing validate`)."""
    for lang, rel in files(source).items():
        read(pack, source, rel, lang, report)


def apply(pack: m.Pack, good: Dict[str, str], lang: str) -> m.Pack:
    """The pack as players of `lang` see it; texts without a usable translation stay."""
    out = relabel(pack, lambda key, text, _template: good.get(key, text))
    return replace(out, info=replace(out.info, language=lang,
                                     guide=good.get(GUIDE_KEY, out.info.guide)))


def find(source: PackSource, lang: str) -> Optional[Tuple[str, str]]:
    """(the file's language, its path) for `lang`, matched regardless of case."""
    return next(((k, rel) for k, rel in files(source).items() if langtag.same(k, lang)), None)


def available(source: Optional[PackSource]) -> List[str]:
    return list(files(source)) if source is not None else []


def in_language(pack: m.Pack, source: PackSource, lang: str) -> Optional[m.Pack]:
    """`pack` in `lang`, or None when it has no translation into it that loads."""
    hit = find(source, lang)
    if hit is None:
        return None
    report = Report()
    good = read(pack, source, hit[1], hit[0], report)
    return None if good is None or report.errors else apply(pack, good, hit[0])


def translated(result: "LoadResult", lang: str) -> "LoadResult":
    """A LoadResult with its pack translated into `lang`, or with an error saying why not."""
    from .loader import LoadResult
    if result.pack is None or result.source is None:
        return result
    report = Report()
    hit = find(result.source, lang)
    if hit is None:
        have = available(result.source)
        report.add("no-translation", m.Position(display_name(result.source, FOLDER), 0, 0),
                   _("this pack has no translation into `{lang}`").format(lang=lang),
                   _("its translations: {languages}").format(languages=", ".join(have)) if have
                   else _("make one with `standing translate PACK --lang {lang}`").format(
                       lang=lang))
        return LoadResult(None, result.diagnostics + report.sorted(), result.source)
    file_lang, rel = hit
    good = read(result.pack, result.source, rel, file_lang, report)
    if good is None or report.errors:
        return LoadResult(None, result.diagnostics + report.sorted(), result.source)
    # the translation's own warnings were already in `result` (check_all at load time)
    return LoadResult(apply(result.pack, good, file_lang), result.diagnostics, result.source)


def played_in(result: "LoadResult", lang: Optional[str]) -> "LoadResult":
    """`result` in the translation into `lang` when the pack has one that loads (a save made in
    that language is restored and reported in it), else `result` as it is."""
    if not lang or result.pack is None or result.source is None or \
            langtag.same(lang, result.pack.info.language) or find(result.source, lang) is None:
        return result
    out = translated(result, lang)
    return out if out.ok else result


# ---- the file a translator fills in --------------------------------------------------------

def skeleton(pack: m.Pack, lang: str, old: Optional[Obj] = None) -> str:
    """The translation file for `lang`: every text of the pack with its source and hash, and
    the translations of `old` (the file as it was) kept, stale ones included, and the
    entries the pack no longer has kept at the end so no translator's work is lost."""
    prev: Dict[str, Obj] = old["entries"] if old is not None else {}
    # Translators: the first line of a translation file; {title} is the pack's title, {id}
    # its id, {lang} the language tag (e.g. de).
    out = ["# " + _("Standing: {title} ({id}) in {lang}.").format(title=pack.info.title,
                                                                 id=pack.id, lang=lang)]
    # Translators: YAML comments at the top of a translation file; keep the line breaks short
    # (each line gets a "# " in front) and the keys in backticks as they are.
    out += ["# " + line for line in _(
        "Fill in each `text:`; `source:` is the text it translates. An empty `text:` shows\n"
        "the source. `hash:` is the fingerprint of the source the translation was made\n"
        "from: `standing validate` says which entries are stale when the source changes.\n"
        "`standing translate` refreshes `source:` and adds new entries; it keeps every\n"
        "`text:`. Keys name scenes, choices (numbered from 0) and fields: edit none.").split("\n")]
    out += [f"language: {lang}", f"pack: {pack.id}"]
    translators = list(old.get("translators", [])) if old is not None else []
    out.append("translators: " + (_flow(translators) if translators else "[]"))
    if old is not None and old.get("guide"):
        out.append("guide: " + _quoted(old["guide"]))
    out.append("entries:")
    src = entries(pack)
    for key, (source, _template) in src.items():
        had = prev.get(key)
        text = had["text"] if had is not None else ""
        digest = had["hash"] if had is not None and text.strip() and had["hash"] else \
            source_hash(source)
        out += _entry(key, digest, source, text)
    gone = [k for k in prev if k not in src and prev[k]["text"].strip()]
    if gone:
        out.append("  # " + _("Not in the pack any more (a scene renamed or a choice removed): "
                              "move each text to its new key, or delete it."))
        for key in gone:
            out += _entry(key, prev[key]["hash"], prev[key]["source"], prev[key]["text"])
    return "\n".join(out) + "\n"


def _entry(key: str, digest: str, source: str, text: str) -> List[str]:
    return [f"  {key}:", f"    hash: {_scalar(digest, 4)}", f"    source: {_scalar(source, 6)}",
            f"    text: {_scalar(text, 6)}"]


def _flow(items: List[str]) -> str:
    return "[" + ", ".join(_quoted(x) for x in items) + "]"


def _quoted(text: str) -> str:
    import json  # JSON's string syntax is a subset of YAML's double-quoted style
    return json.dumps(text, ensure_ascii=False)


def _scalar(text: str, indent: int) -> str:
    """`text` as a YAML value that reads back exactly: a literal block for prose, else a
    double-quoted string."""
    body = text.rstrip("\n")
    tail = len(text) - len(body)
    blockable = "\n" in body and tail <= 1 and body[:1] not in (" ", "\t") and \
        not any(ch in body for ch in "\r\x85\u2028\u2029\ufeff") and \
        all(not line.startswith((" ", "\t")) or line.strip() for line in body.split("\n"))
    if not blockable:
        return _quoted(text)
    pad = " " * indent
    lines = [pad + line if line else "" for line in body.split("\n")]
    return ("|" if tail else "|-") + "\n" + "\n".join(lines)


def info_in(path: str, info: m.PackInfo, lang: str) -> m.PackInfo:
    """`info` (read from pack.yaml alone, for the pack list and the title screen) with its
    title, description and content notes in `lang` when the pack has them translated; reads
    only pack.yaml's folder entry and the translation file (bounded, inside the pack), and any
    problem with it leaves `info` as written."""
    from .loader import convert_bytes
    from .sources import SourceError, open_source
    data = None
    try:
        source = open_source(path, meta_only=True)
        for rel in (f"{FOLDER}/{lang}.yaml", f"{FOLDER}/{lang}.yml"):
            raw = source.read(rel)
            if raw is not None:
                data = convert_bytes(raw, display_name(source, rel), TRANSLATION, Report())
                break
    except (SourceError, OSError):
        return info
    if data is None:
        return info
    ents: Obj = data["entries"]

    def text(key: str, default: str) -> str:
        entry = ents.get(key)
        return entry["text"] if entry is not None and entry["text"].strip() else default

    notes = tuple(text(f"pack.content_notes.{i}", n) for i, n in enumerate(info.content_notes))
    return replace(info, title=text("pack.title", info.title), content_notes=notes,
                   description=text("pack.description", info.description), language=lang)
