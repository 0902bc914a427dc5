"""Typed value specs that turn YAML nodes into checked plain data with positions.

One set of specs (in schema.py) drives both the loader and the JSON Schema, so the two cannot
disagree. Scalars are read by the spec, not by YAML's implicit typing: a title of `no` stays the
text "no" (YAML 1.1 would make it false).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Tuple

import yaml

from ..engine import conditions, text
from ..i18n import N_, _, format_integer, ngettext, pgettext
from ..engine.model import Position
from ..engine.suggest import did_you_mean
from .diagnostics import Hint, Report
from .glyphs import check_glyphs

JSON = Dict[str, Any]  # a JSON Schema fragment
INVALID = object()  # a value whose problem has already been reported
# Length limits in characters (docs/pack-format.md lists them): generous for prose, tight for
# what is shown on one line. They keep a hostile pack from handing the window, the terminal or
# the report megabytes of one button label.
ID_MAX = 64
LABEL = 200  # titles, names, button labels
LINE = 1_000  # one or two sentences: the default for text
NOTE = 5_000  # prompts, notes, summaries
PASSAGE = 20_000  # a scene's text, a debrief
# Editors type YAML scalars themselves (`title: 2024` is a number to them); the loader reads
# any scalar as text where text is expected, so the schema must accept the same.
_ANY_SCALAR = {"type": ["string", "number", "boolean"]}
_CORE = "tag:yaml.org,2002:"
ALLOWED_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "seq", "map",
                                    "timestamp", "binary")}


class Abort(Exception):
    """Stop converting a file (after an alias bomb was reported)."""


_LINE = 1 << 24  # a file holds at most 8 MiB, so a column is always below this


def packed(node: yaml.Node) -> int:
    """Where a node starts, as one small int. Keeping these instead of the nodes lets the
    parser's tree go once a file is converted (it is most of the memory a big pack takes)."""
    m = node.start_mark
    return int(m.line) * _LINE + int(m.column)


def _position(file: str, where: Any) -> Position:
    """A Position from a packed start or a node (scalars of parsed text keep their node)."""
    if isinstance(where, int):
        line, col = divmod(where, _LINE)
    else:
        line, col = where.start_mark.line, where.start_mark.column
    return Position(file, line + 1, col + 1)


class Marks(Dict[Any, Any]):
    """Where things were written, kept packed and turned into a Position only when asked: a
    big pack has hundreds of thousands of keys and almost none need a message."""
    __slots__ = ("file",)

    def __init__(self, file: str):
        super().__init__()
        self.file = file

    def __getitem__(self, key: Any) -> Position:
        return _position(self.file, dict.__getitem__(self, key))

    def get(self, key: Any, default: Any = None) -> Any:
        return self[key] if key in self else default


class _Placed:
    """Where a mapping or list starts, worked out when first asked for."""
    __slots__ = ()

    @property
    def pos(self) -> Position:
        return _position(self.file, self.start)  # type: ignore[attr-defined]


class Obj(_Placed, Dict[str, Any]):
    """A checked mapping: values plus where each key and value was written."""
    __slots__ = ("start", "file", "key_pos", "val_pos", "unknown")
    start: int
    file: str
    key_pos: Marks
    val_pos: Marks
    unknown: bool  # an unknown key was reported: checks of its shape would only repeat it

    def at(self, key: str) -> Position:
        return self.val_pos.get(key) or self.pos


class Seq(_Placed, List[Any]):
    """A checked list, remembering where each item was written."""
    __slots__ = ("start", "file", "item_pos")
    start: int
    file: str
    item_pos: Marks


@dataclass
class Ctx:
    file: str
    report: Report

    def pos(self, node: yaml.Node) -> Position:
        m = node.start_mark
        return Position(self.file, m.line + 1, m.column + 1)

    def error(self, name: str, node: yaml.Node, message: str, hint: Hint = "") -> Any:
        self.report.add(name, self.pos(node), message, hint)
        return INVALID

    def visit(self, node: yaml.Node) -> bool:
        """Account for one node; False if its tag was refused. Every visit costs budget, so
        aliases that expand (an alias bomb) run out of it long before memory does."""
        self.report.budget -= 1
        if self.report.budget < 0:
            self.error("alias-bomb", node, _("the pack expands to too many values "
                                             "(over two million), probably through nested "
                                             "aliases"),
                       _("write the values out instead of repeating aliases"))
            raise Abort()
        if node.tag not in ALLOWED_TAGS:
            self.error("tag-refused", node, _("the YAML tag `{tag}` is not allowed in a "
                                              "pack").format(tag=_short_tag(node.tag)),
                       _("remove the tag; packs hold plain values only"))
            return False
        return True


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag


# Translators: what a YAML value turned out to be, in "expected {expected}, found {found}".
_KIND = {yaml.ScalarNode: N_("a single value"), yaml.SequenceNode: N_("a list"),
         yaml.MappingNode: N_("a mapping")}


def found(node: yaml.Node) -> str:
    return _(_KIND.get(type(node), N_("something else")))


def expected(what: str, node: yaml.Node) -> str:
    # Translators: {expected} and {found} are kinds of value, e.g. "a number", "a list".
    return _("expected {expected}, found {found}").format(expected=what, found=found(node))


def named(name: str) -> str:
    """A record's name in a message: a YAML key or file (`scale`, `pack.yaml`) as written, a
    description ("a scene", marked with N_ in schema.py) in the reader's language."""
    return _(name) if " " in name else name


class Spec:
    what = N_("a value")  # what a value of this spec is, in "expected ..."; see noun()

    def noun(self) -> str:
        """`what`, in the reader's language."""
        return _(self.what)

    def convert(self, node: yaml.Node, ctx: Ctx) -> Any:
        raise NotImplementedError

    def schema(self) -> JSON:
        raise NotImplementedError

    def scalar(self, node: yaml.Node, ctx: Ctx) -> Any:
        if not ctx.visit(node):
            return INVALID
        if not isinstance(node, yaml.ScalarNode):
            return ctx.error("wrong-type", node, expected(self.noun(), node),
                             self.type_hint(node))
        return node.value

    def type_hint(self, node: yaml.Node) -> str:
        return ""


def within(v: str, limit: int, node: yaml.Node, ctx: Ctx) -> Any:
    """`v`, or INVALID after reporting that it is longer than `limit` characters. Also warns
    when no font can draw some of its characters (game/packs/glyphs.py)."""
    if len(v) <= limit:
        check_glyphs(v, node, ctx)
        return v
    return ctx.error("too-long", node, ngettext(
        "this text is {length} character long; the limit here is {limit}",
        "this text is {length} characters long; the limit here is {limit}", len(v)).format(
            length=format_integer(len(v)), limit=format_integer(limit)),
        _("shorten it, or split it over several scenes") if limit >= PASSAGE else
        _("shorten it"))


@dataclass
class Text(Spec):
    doc: str = ""
    max_len: int = LINE
    what = N_("text")

    def convert(self, node: yaml.Node, ctx: Ctx) -> Any:
        v = self.scalar(node, ctx)
        return v if v is INVALID else within(str(v), self.max_len, node, ctx)

    def type_hint(self, node: yaml.Node) -> str:
        if isinstance(node, yaml.MappingNode):
            return _("a colon followed by a space starts a mapping; put the text in quotes "
                     "or use a block scalar (`|`)")
        return _("put the text in quotes")

    def schema(self) -> JSON:
        return dict(_ANY_SCALAR, maxLength=self.max_len)


@dataclass
class Number(Spec):
    lo: Optional[float] = None
    hi: Optional[float] = None
    integer: bool = False

    def noun(self) -> str:
        return _("a whole number") if self.integer else _("a number")

    def convert(self, node: yaml.Node, ctx: Ctx) -> Any:
        v = self.scalar(node, ctx)
        if v is INVALID:
            return v
        try:
            num: Any = int(v) if self.integer else float(v)
        except ValueError:
            # Translators: {expected} is a kind of value ("a number"), {value} what was written.
            return ctx.error("wrong-type", node, _("expected {expected}, found `{value}`").format(
                expected=self.noun(), value=_short(v)),
                _("write digits, e.g. 4.2") if not self.integer else _("write e.g. 3"))
        if not _finite(num):
            return ctx.error("bad-value", node, _("`{value}` is not a finite number").format(
                value=_short(v)), _("write an ordinary number, e.g. 4.2"))
        if (self.lo is not None and num < self.lo) or (self.hi is not None and num > self.hi):
            lo, hi = _fmt(self.lo), _fmt(self.hi)
            return ctx.error("bad-value", node, _("{value} is outside the allowed range {lo} to "
                                                  "{hi}").format(value=v, lo=lo, hi=hi),
                             _("use a number from {lo} to {hi}").format(lo=lo, hi=hi))
        if not self.integer and float(num).is_integer() and "." not in v and "e" not in v:
            num = int(num)  # keep 240 as 240, not 240.0, in text interpolation
        return num

    def schema(self) -> JSON:
        s: JSON = {"type": "integer" if self.integer else "number"}
        if self.lo is not None:
            s["minimum"] = self.lo
        if self.hi is not None:
            s["maximum"] = self.hi
        return s


def _short(v: str) -> str:
    return v if len(v) <= 40 else v[:37] + "..."


def _fmt(v: Optional[float]) -> str:
    # Translators: a range with no lower or upper bound, as in "from any to 5".
    return pgettext("range bound", "any") if v is None else (str(int(v)) if float(v).is_integer() else str(v))


class Boolean(Spec):
    what = N_("true or false")

    def convert(self, node: yaml.Node, ctx: Ctx) -> Any:
        v = self.scalar(node, ctx)
        if v is INVALID:
            return v
        low = v.lower()
        if low in ("true", "false"):
            return low == "true"
        return ctx.error("wrong-type", node, _("expected true or false, found `{value}`").format(
            value=v), _("write `true` or `false`"))

    def schema(self) -> JSON:
        return {"type": "boolean"}


_ID = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
# Used with fullmatch. No two parts can match the same digits (`\d+\.?\d*` could, and a long
# unquoted run of digits ending in a letter then took quadratic time), so it stays linear.
_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")
_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*")


@dataclass
class Ident(Spec):
    slug: bool = False  # pack ids may contain `-`; ids used in conditions may not
    what = N_("an id")

    def convert(self, node: yaml.Node, ctx: Ctx) -> Any:
        v = self.scalar(node, ctx)
        if v is INVALID:
            return v
        return check_id(v, node, ctx, self.slug)

    def schema(self) -> JSON:
        return {"type": "string", "pattern": f"^{(_SLUG if self.slug else _ID).pattern}$",
                "maxLength": ID_MAX}


def check_id(v: str, node: yaml.Node, ctx: Ctx, slug: bool = False) -> Any:
    pattern = _SLUG if slug else _ID
    if len(v) > ID_MAX:
        return ctx.error("too-long", node, _("this id is {length} characters long; the limit "
                                             "is {limit}").format(length=format_integer(len(v)),
                                                                  limit=ID_MAX),
                         _("use a short id; the text players see goes elsewhere"))
    if pattern.fullmatch(v):
        return v
    hint = _("use lower-case ASCII letters (a-z), digits, `-` and `_`") if slug else \
        _("use ASCII letters (a-z, A-Z), digits and `_`, starting with a letter (no spaces or "
          "`-`)")
    return ctx.error("bad-value", node, _("`{value}` is not a valid id").format(value=v), hint)


@dataclass
class Enum(Spec):
    values: Tuple[str, ...] = ()

    def noun(self) -> str:
        # Translators: {values} lists the words allowed, e.g. "hopeful, bleak, mixed".
        return _("one of {values}").format(values=", ".join(self.values))

    def convert(self, node: yaml.Node, ctx: Ctx) -> Any:
        v = self.scalar(node, ctx)
        if v is INVALID or v in self.values:
            return v
        return ctx.error("bad-value", node, _("`{value}` is not one of: {values}").format(
            value=v, values=", ".join(self.values)), lambda: did_you_mean(v, self.values))

    def schema(self) -> JSON:
        return {"enum": list(self.values)}


class _Parsed(Spec):
    """Text that is parsed once at load time; a syntax error points inside the text."""
    code = ""
    max_len = PASSAGE

    def __init__(self, max_len: int = 0):
        if max_len:
            self.max_len = max_len

    def parse(self, src: str) -> Any:
        raise NotImplementedError

    def convert(self, node: yaml.Node, ctx: Ctx) -> Any:
        v = self.scalar(node, ctx)
        if v is INVALID:
            return v
        if within(v, self.max_len, node, ctx) is INVALID:
            return INVALID
        try:
            return self.parse(v)
        except RecursionError:
            return ctx.error(self.code, node, _("this is nested too deeply"),
                             _("use fewer parentheses or nested `{if}`s"))
        except (conditions.ConditionError, text.TemplateError) as e:
            offset = e.column - 1 if isinstance(e, conditions.ConditionError) else e.offset
            return _error_inside(ctx, node, self.code, e.message, offset, e.hint, v)


class Condition(_Parsed):
    what = N_("a condition")
    code = "condition-syntax"
    max_len = 2_000
    parse = staticmethod(conditions.parse)

    def schema(self) -> JSON:
        return dict(_ANY_SCALAR, maxLength=self.max_len,
                    description="a condition, e.g. score >= 4.2")


class TemplateText(_Parsed):
    what = N_("text")
    code = "text-syntax"
    parse = staticmethod(text.parse_template)

    def schema(self) -> JSON:
        return dict(_ANY_SCALAR, maxLength=self.max_len)


def _error_inside(ctx: Ctx, node: yaml.ScalarNode, name: str, message: str, offset: int,
                  hint: str, value: str) -> Any:
    """Report at the exact line and column of `offset` within a scalar's value."""
    ctx.report.add(name, inner_position(ctx, node, value, offset), message, hint)
    return INVALID


def inner_position(ctx: Ctx, node: yaml.ScalarNode, value: str, offset: int) -> Position:
    m = node.start_mark
    if node.style != "|" and node.end_mark.line > m.line:
        # Folded (`>`) and multi-line plain or quoted values lose their line breaks, so the
        # offset cannot be counted back; find the words there in the source lines instead.
        found = _search_source(ctx, node, value[offset:])
        if found:
            return found
    before = value[:offset]
    row = before.count("\n")
    col_in_line = offset - (before.rfind("\n") + 1)
    if node.style in ("|", ">"):
        line = m.line + 2 + row  # the block starts on the line after `|`
        lines = ctx.report.sources.get(ctx.file, [])
        src = lines[line - 1] if 0 < line <= len(lines) else ""
        indent = len(src) - len(src.lstrip(" "))
        return Position(ctx.file, line, indent + col_in_line + 1)
    quote = 1 if node.style in ("'", '"') else 0
    if row == 0:
        return Position(ctx.file, m.line + 1, m.column + 1 + quote + col_in_line)
    return Position(ctx.file, m.line + 1 + row, col_in_line + 1)


def _search_source(ctx: Ctx, node: yaml.ScalarNode, rest: str) -> Optional[Position]:
    words = rest.split()
    if not words:
        return None
    needle = words[0]
    lines = ctx.report.sources.get(ctx.file, [])
    first, last = node.start_mark.line, min(node.end_mark.line, len(lines) - 1)
    for i in range(first, last + 1):
        start = node.start_mark.column if i == first else 0
        col = lines[i].find(needle, start)
        if col >= 0:
            return Position(ctx.file, i + 1, col + 1)
    return None


def _finite(num: float) -> bool:
    """Whether `num` is a finite float (an int past a float's range, e.g. 400 digits, is not:
    math.isfinite would raise on it)."""
    try:
        return math.isfinite(num)
    except OverflowError:
        return False


class Scalar(Spec):
    """A variable's value: true/false, a number, or text."""
    what = N_("true, false, a number or text")

    def convert(self, node: yaml.Node, ctx: Ctx) -> Any:
        v = self.scalar(node, ctx)
        if v is INVALID:
            return v
        if not node.style:  # unquoted (the C loader says "", the Python one None)
            if v.lower() in ("true", "false"):
                return v.lower() == "true"
            if _NUMBER.fullmatch(v):
                try:
                    num = float(v) if any(ch in v for ch in ".eE") else int(v)
                except ValueError:  # more digits than Python will convert
                    num = float("inf")
                if not _finite(num):
                    return ctx.error("bad-value", node, _("`{value}` is too large a number")
                                     .format(value=_short(v)), _("write an ordinary number"))
                return num
        return within(v, LINE, node, ctx)

    def schema(self) -> JSON:
        return {"type": ["boolean", "number", "string"], "maxLength": LINE}


@dataclass
class ListOf(Spec):
    item: Spec = field(default_factory=Text)
    min_items: int = 0
    what = N_("a list")

    def convert(self, node: yaml.Node, ctx: Ctx) -> Any:
        if isinstance(node, yaml.ScalarNode) and isinstance(self.item, Text) and node.value:
            node = yaml.SequenceNode(_CORE + "seq", [node], node.start_mark, node.end_mark)
        if not ctx.visit(node):
            return INVALID
        if not isinstance(node, yaml.SequenceNode):
            if isinstance(node, yaml.ScalarNode) and node.value == "" and not self.min_items:
                return _seq([], Marks(ctx.file), node, ctx.file)
            return ctx.error("wrong-type", node, expected(_("a list"), node),
                             _("start each item on its own line with `- `"))
        items: List[Any] = []
        poss = Marks(ctx.file)
        for child in node.value:
            v = self.item.convert(child, ctx)
            if v is not INVALID:
                dict.__setitem__(poss, len(items), packed(child))
                items.append(v)
        if len(node.value) < self.min_items:
            return ctx.error("missing-key", node, ngettext(
                "this list needs at least {n} item", "this list needs at least {n} items",
                self.min_items).format(n=self.min_items), "")
        return _seq(items, poss, node, ctx.file)

    def schema(self) -> JSON:
        s: JSON = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            s["minItems"] = self.min_items
        if isinstance(self.item, Text):  # one item may be written without the list
            return {"anyOf": [s, self.item.schema()]}
        return s


def _seq(items: List[Any], poss: Marks, node: yaml.Node, file: str) -> Seq:
    s = Seq(items)
    s.start, s.file, s.item_pos = packed(node), file, poss
    return s


def mapping_pairs(node: yaml.Node, ctx: Ctx, what: str) -> Optional[List[Tuple[Any, Any]]]:
    """The key/value node pairs of a mapping, with duplicate keys reported. `what` is what
    was expected, already in the reader's language."""
    if not ctx.visit(node):
        return None
    if not isinstance(node, yaml.MappingNode):
        if isinstance(node, yaml.ScalarNode) and node.value == "":
            return []
        ctx.error("wrong-type", node, expected(what, node),
                  _("write `key: value` pairs, one per line"))
        return None
    seen: Dict[str, yaml.Node] = {}
    pairs = []
    for k, v in node.value:
        if not isinstance(k, yaml.ScalarNode):
            ctx.error("wrong-type", k, _("a key must be a plain word"), "")
            continue
        if k.value in seen:
            first = seen[k.value].start_mark
            ctx.error("duplicate-key", k, _("`{key}` appears twice in this mapping (first on "
                                            "line {line})").format(key=k.value,
                                                                   line=first.line + 1),
                      _("rename or remove one of them"))
            continue
        seen[k.value] = k
        pairs.append((k, v))
    return pairs


@dataclass
class MapOf(Spec):
    value: Spec = field(default_factory=Text)
    key_slug: bool = False
    what = N_("a mapping")

    def convert(self, node: yaml.Node, ctx: Ctx) -> Any:
        pairs = mapping_pairs(node, ctx, _("a mapping of ids"))
        if pairs is None:
            return INVALID
        out = _obj(node, ctx.file)
        for k, v in pairs:
            key = self.key(k, ctx)
            val = self.value.convert(v, ctx)
            if val is INVALID:
                ctx.report.broken.add(k.value)  # reported already; references to it are fine
            if key is not INVALID and val is not INVALID:
                out[key] = val
                dict.__setitem__(out.key_pos, key, packed(k))
                dict.__setitem__(out.val_pos, key, packed(v))
        return out

    def key(self, node: yaml.Node, ctx: Ctx) -> Any:
        """The checked key, or INVALID after reporting why it is not one."""
        return check_id(node.value, node, ctx, self.key_slug)

    def schema(self) -> JSON:
        return {"type": ["object", "null"], "additionalProperties": self.value.schema(),
                "propertyNames": {"pattern": f"^{(_SLUG if self.key_slug else _ID).pattern}$"}}


def _known_keys(key: str, known: Dict[str, Any]) -> Callable[[], str]:
    """The hint for an unknown key, worked out only if the diagnostic is shown."""
    return lambda: did_you_mean(key, known) or _("known keys: {keys}").format(
        keys=", ".join(known))


def _obj(node: yaml.Node, file: str) -> Obj:
    o = Obj()
    o.start, o.file, o.key_pos, o.val_pos, o.unknown = packed(node), file, Marks(file), \
        Marks(file), False
    return o


@dataclass
class F:
    """A field of a Record: its spec, whether it is required, its default and its doc."""
    spec: Spec
    required: bool = False
    default: Any = None
    doc: str = ""


@dataclass
class Record(Spec):
    name: str = "record"
    fields: Dict[str, F] = field(default_factory=dict)
    doc: str = ""

    def noun(self) -> str:
        # Translators: {name} says which, e.g. "a scene" or "pack.yaml".
        return _("a mapping ({name})").format(name=named(self.name))

    def convert(self, node: yaml.Node, ctx: Ctx) -> Any:
        pairs = mapping_pairs(node, ctx, self.noun())
        if pairs is None:
            return INVALID
        out, ok = _obj(node, ctx.file), True
        for k, v in pairs:
            f = self.fields.get(k.value)
            if f is None:
                out.unknown = True  # checks of this mapping's shape would only repeat the typo
                # Translators: {name} is a kind of mapping ("a scene") or a file ("pack.yaml").
                ctx.error("unknown-key", k, _("`{key}` is not a key of {name}").format(
                    key=k.value, name=named(self.name)), _known_keys(k.value, self.fields))
                continue
            val = f.spec.convert(v, ctx)
            if val is INVALID:
                ok = ok and not f.required
                dict.__setitem__(out.key_pos, k.value, packed(k))  # written, though broken
                continue
            out[k.value] = val
            dict.__setitem__(out.key_pos, k.value, packed(k))
            # Parsed text keeps its node, so a message can point inside it (build.Spot).
            dict.__setitem__(out.val_pos, k.value, v if isinstance(f.spec, _Parsed) else packed(v))
        for key, f in self.fields.items():
            if key in out:
                continue
            if f.required and ok:
                # Translators: {name} is a kind of mapping ("a scene") or a file ("pack.yaml").
                ctx.error("missing-key", node, _("{name} needs `{key}`").format(
                    name=named(self.name), key=key), f.doc and f"`{key}`: {_(f.doc)}")
                ok = False
            elif not f.required and f.default is not None:
                out[key] = f.default
        return out if ok else INVALID

    def schema(self) -> JSON:
        return {"type": ["object", "null"], "description": self.doc,
                "properties": {k: dict(f.spec.schema(), **({"description": f.doc} if f.doc
                                                           else {}))
                               for k, f in self.fields.items()},
                "required": [k for k, f in self.fields.items() if f.required],
                "additionalProperties": False}


@dataclass(frozen=True)
class Variants:
    """What a OneOf says, in whole sentences naming its kind of mapping (an effect, a plan's
    action), each marked with N_() where the OneOf is declared."""
    such_as: str  # "an effect such as {example}"
    one_key: str  # "each effect has exactly one key, found {count}"
    own_item: str  # "start each effect with its own `- `"
    unknown: str  # "`{key}` is not an effect"
    known: str  # "effects are {names}"


# Translators: the effects of a scene or choice (rate, record, set, ...); {example} is the
# start of one, e.g. `rate: ...`; {count} a number of keys; {names} a list of effect names.
EFFECT_WORDS = Variants(N_("an effect such as {example}"),
                        N_("each effect has exactly one key, found {count}"),
                        N_("start each effect with its own `- `"),
                        N_("`{key}` is not an effect"), N_("effects are {names}"))


@dataclass
class OneOf(Spec):
    """A mapping with exactly one key naming the variant (effects; a plan's steps)."""
    name: str = "effect"
    options: Dict[str, Spec] = field(default_factory=dict)
    words: Variants = EFFECT_WORDS

    def noun(self) -> str:
        return _(self.words.such_as).format(example=f"`{next(iter(self.options))}: ...`")

    def convert(self, node: yaml.Node, ctx: Ctx) -> Any:
        pairs = mapping_pairs(node, ctx, self.noun())
        if pairs is None:
            return INVALID
        if len(pairs) != 1:
            return ctx.error("wrong-type", node, _(self.words.one_key).format(count=len(pairs)),
                             _(self.words.own_item))
        k, v = pairs[0]
        spec = self.options.get(k.value)
        if spec is None:
            return ctx.error("unknown-key", k, _(self.words.unknown).format(key=k.value),
                             lambda: did_you_mean(k.value, self.options) or
                             _(self.words.known).format(names=", ".join(self.options)))
        val = spec.convert(v, ctx)
        return INVALID if val is INVALID else (k.value, val, ctx.pos(k))

    def schema(self) -> JSON:
        return {"oneOf": [{"type": "object", "properties": {k: s.schema()}, "required": [k],
                           "additionalProperties": False} for k, s in self.options.items()]}


@dataclass
class Either(Spec):
    """A value written either plainly or as a mapping with more detail: a variable is `240`
    or `{value: 240, display: "{} marks"}`. The plain form stays valid (old packs load)."""
    plain: Spec = field(default_factory=Scalar)
    detailed: Spec = field(default_factory=Record)

    def noun(self) -> str:
        # Translators: two kinds of value a key accepts, e.g. "a number, or a mapping (...)".
        return _("{plain}, or {detailed}").format(plain=self.plain.noun(),
                                                  detailed=self.detailed.noun())

    def convert(self, node: yaml.Node, ctx: Ctx) -> Any:
        spec = self.detailed if isinstance(node, yaml.MappingNode) else self.plain
        return spec.convert(node, ctx)

    def schema(self) -> JSON:
        return {"anyOf": [self.plain.schema(), self.detailed.schema()]}
