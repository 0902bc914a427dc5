"""Reading pack files safely: size limits, UTF-8 only, YAML composed (never constructed), so
no tag can build a Python object. The C composer is used when PyYAML has it."""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Set, Tuple

import yaml

from ..engine.model import Position
from ..i18n import N_, _, format_integer
from .diagnostics import Report

try:
    from yaml import CSafeLoader as _Base
    HAS_C_LOADER = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Base
    HAS_C_LOADER = False

_STR, _SEQ, _MAP = ("tag:yaml.org,2002:" + t for t in ("str", "seq", "map"))


class _Loader(_Base):  # type: ignore[misc]
    """Composes only. Implicit typing is skipped (every plain scalar is a string) because the
    pack specs read each value by what the format expects there; that also avoids YAML 1.1's
    `no` -> false surprise and saves a regular-expression match per scalar."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode:
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

MAX_FILE_BYTES = 8 * 1024 * 1024
# The YAML and Markdown of one pack. `validate` must answer any pack within the limits in under
# 10 s on a 2-core machine; the C parser alone reads about 4 MiB a second and a loaded pack
# takes about 50 times its YAML in memory, so 16 MiB (about 15,000 scenes, three times the
# largest pack in bench/load.py) keeps both in bounds.
MAX_TEXT_BYTES = 16 * 1024 * 1024
MAX_PACK_BYTES = 64 * 1024 * 1024  # everything in a zip, pictures included, once unpacked
MAX_FILES = 2000


def decode(data: bytes, rel: str, report: Report) -> Optional[str]:
    """UTF-8 text of a file, or None after reporting where the bad byte is."""
    if len(data) > MAX_FILE_BYTES:
        report.add("too-large", Position(rel, 1, 1), _(
            "the file is {size} KiB; the limit is {limit} MiB per file").format(
                size=len(data) // 1024, limit=MAX_FILE_BYTES // (1024 * 1024)),
            _("split it into several episode files"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        report.add("not-utf8", Position(rel, line, col), _(
            "byte {byte} is not UTF-8 text").format(byte=f"0x{data[e.start]:02X}"),
            _("save the file as UTF-8 in your editor"))
        return None
    return text[1:] if text.startswith("\ufeff") else text


MAX_DEPTH = 200
_BRACKETS = re.compile(r"[\[\]{}]")
_DASHES = re.compile(r"^[ \t]*(?:-[ \t]+){%d,}" % MAX_DEPTH, re.M)
_INDENT = re.compile(r"^ {%d,}\S" % (MAX_DEPTH * 8), re.M)


def too_deep(text: str) -> Optional[int]:
    """The offset where nesting passes MAX_DEPTH, or None. The C composer recurses without a
    limit, so a 60 KB file of `[[[[...` would crash the process; this scan is a few ms."""
    depth = 0
    for m in _BRACKETS.finditer(text):
        depth += 1 if m.group() in "[{" else -1
        if depth > MAX_DEPTH:
            return m.start()
        depth = max(depth, 0)
    deep = _DASHES.search(text) or _INDENT.search(text)
    return deep.start() if deep else None


def compose(text: str, rel: str, report: Report) -> Optional[yaml.Node]:
    """The node tree of one YAML document, with syntax errors reported at their position."""
    report.sources[rel] = text.splitlines()
    deep = too_deep(text)
    if deep is not None:
        line = text.count("\n", 0, deep) + 1
        col = deep - (text.rfind("\n", 0, deep) + 1) + 1
        report.add("too-large", Position(rel, line, col), _(
            "the values here are nested more than {depth} levels deep").format(depth=MAX_DEPTH),
            _("a pack never needs this much nesting"))
        return None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except RecursionError:
        report.add("too-large", Position(rel, 1, 1), _("the values are nested too deeply"), "")
        return None
    except yaml.MarkedYAMLError as e:
        _syntax_error(e, text, rel, report)
        return None
    except yaml.YAMLError as e:
        report.add("yaml-syntax", Position(rel, 1, 1), _yaml_syntax(str(e)), "")
        return None
    if node is not None and _ANCHOR.search(text) and not aliases_fit(node, rel, report):
        return None
    return node


_ANCHOR = re.compile(r"&[^\s]")  # without an anchor there can be no alias


def _yaml_syntax(problem: str) -> str:
    # Translators: {problem} says what is wrong: one of the sentences below, or, for a rare
    # mistake, the YAML parser's own description in English.
    return _("YAML syntax: {problem}").format(problem=problem)


def _syntax_error(e: yaml.MarkedYAMLError, text: str, rel: str, report: Report) -> None:
    problem = (e.problem or e.context or "invalid YAML").strip()
    context = (e.context or "").strip()
    # Where an unclosed quote or bracket opened helps more than the end of file where the
    # parser noticed; where a `key` without `:` starts, more than the next line.
    opened = problem.startswith(_AT_START) and e.context_mark is not None
    mark = e.context_mark if opened else e.problem_mark or e.context_mark
    pos = Position(rel, mark.line + 1, mark.column + 1) if mark else Position(rel, 1, 1)
    before = _line_before(text, mark.line, mark.column) if mark else ""
    char = text[mark.index] if mark is not None and 0 <= mark.index < len(text) else ""
    report.add("yaml-syntax", pos, _yaml_syntax(_explain(problem, context, char)),
               _quote_hint(before) or _syntax_hint(problem, context, text, char))


# The problems whose context mark is where the unfinished thing began (PyYAML's words).
_AT_START = ("found unexpected end of stream", "did not find expected ',' or", "expected ',' or",
             "could not find expected ':'")

_TAB = N_("a tab is used for indenting here, and YAML indents with spaces only")
# PyYAML's problems as its C parser (libyaml) and its Python parser word them, by how they
# begin, in plain words; a problem not listed is shown in the parser's words.
_PROBLEMS: Tuple[Tuple[Tuple[str, ...], str], ...] = (
    (("found a tab character",), _TAB),
    (("did not find expected key", "expected <block end>"),
     N_("a line here does not fit the indentation of the lines around it")),
    (("did not find expected '-' indicator",),
     N_("a line here does not fit the list around it: its items start with `- ` at the same "
        "indentation")),
    (("mapping values are not allowed",),
     N_("a `: ` here would start a new key inside a value")),
    (("could not find expected ':'",),
     N_("this line is neither a `key: value` line nor part of the value before it")),
    (("found undefined alias",),
     N_("this alias (`*name`) names an anchor that is not defined before it")),
    (("second occurrence",), N_("this anchor (`&name`) is already used earlier in the file")),
    (("did not find expected ',' or ']'", "expected ',' or ']'"),
     N_("this list in brackets (`[ ]`) is never closed")),
    (("did not find expected ',' or '}'", "expected ',' or '}'"),
     N_("this mapping in braces (`{ }`) is never closed")),
    (("found unknown escape character",),
     N_("a backslash here starts an escape that YAML does not know")),
    (("but found another document", "found unexpected document"),
     N_("a `---` or `...` line here starts a second document in the file")),
    (("did not find expected <document start>", "expected '<document start>'"),
     N_("the document has ended before this line (after a `...` line or a `%` directive)")),
    (("did not find expected comment or line break", "expected chomping or indentation",
      "expected a comment or a line break", "expected indentation indicator"),
     N_("after `|` or `>` only `-`, `+` or a digit may follow on the same line")),
    (("did not find expected alphabetic or numeric character",
      "expected alphabetic or numeric character"),
     N_("an anchor (`&`) or alias (`*`) needs a name right after it")),
    (("did not find expected node content", "expected the node content"),
     N_("a value is missing here")),
)
_UNCLOSED_QUOTE = N_("this quoted text is never closed: the file ends before its closing quote")
_END_OF_FILE = N_("the file ends in the middle of a value")
# Translators: {char} is a character such as @ or `.
_RESERVED = N_("a value cannot start with the character {char} (YAML keeps it for itself)")


def _explain(problem: str, context: str, char: str) -> str:
    if problem.startswith("found unexpected end of stream"):
        return _(_UNCLOSED_QUOTE) if "quoted scalar" in context else _(_END_OF_FILE)
    if problem.startswith("found character"):
        return _(_TAB) if char == "\t" else _(_RESERVED).format(char=char)
    for starts, said in _PROBLEMS:
        if problem.startswith(starts):
            return _(said)
    return problem


def aliases_fit(root: yaml.Node, rel: str, report: Report) -> bool:
    """Refuse, without expanding anything, a tree whose aliases would multiply it (an alias
    bomb), nest it past MAX_DEPTH, or loop back into itself. One pass over the distinct nodes
    works out each node's expanded size and depth bottom-up; what the aliases add is charged to
    the pack's alias budget."""
    size: Dict[int, int] = {}
    depth: Dict[int, int] = {}
    refs: Dict[int, int] = {}
    open_: Set[int] = set()  # nodes whose children are being worked out
    stack: List[Tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        kids = _children(node)
        if done:
            open_.discard(key)
            size[key] = 1 + sum(size[id(k)] for k in kids)
            depth[key] = 1 + max((depth[id(k)] for k in kids), default=0)
            continue
        if key in size:
            continue
        open_.add(key)
        stack.append((node, True))
        for kid in kids:
            refs[id(kid)] = refs.get(id(kid), 0) + 1
            if id(kid) in open_:
                _refuse(report, rel, kid, _("this alias refers to a value that contains it, "
                                            "so it would never end"),
                        _("an anchor cannot be used inside itself"))
                return False
            if id(kid) not in size:
                stack.append((kid, False))
    added = size[id(root)] - len(size)
    report.alias_budget -= added
    if report.alias_budget < 0:
        nodes = {id(n): n for n, _ in _shared(root, refs)}
        worst = max(nodes, key=lambda k: size[k] * refs.get(k, 1))
        _refuse(report, rel, nodes[worst], _(
            "aliases of this value would make the pack {added} values larger (the limit is "
            "{limit} for a whole pack)").format(added=format_integer(added),
                                                limit=format_integer(ALIAS_LIMIT)),
            _("write the values out instead of repeating aliases"))
        return False
    if depth[id(root)] > MAX_DEPTH:
        _refuse(report, rel, root, _(
            "through aliases, the values here nest more than {depth} levels deep").format(
                depth=MAX_DEPTH), _("a pack never needs this much nesting"))
        return False
    return True


ALIAS_LIMIT = Report.alias_budget


def _children(node: yaml.Node) -> List[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return node.value if isinstance(node, yaml.SequenceNode) else []


def _shared(root: yaml.Node, refs: Dict[int, int]) -> List[Tuple[yaml.Node, int]]:
    """The nodes used more than once (anchored and aliased), each listed once."""
    seen: Set[int] = set()
    out, stack = [], [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if refs.get(id(node), 0) > 1:
            out.append((node, refs[id(node)]))
        stack.extend(_children(node))
    return out or [(root, 1)]


def _refuse(report: Report, rel: str, node: yaml.Node, message: str, hint: str) -> None:
    mark = node.start_mark
    report.add("alias-bomb", Position(rel, mark.line + 1, mark.column + 1), message, hint)


def _line_before(text: str, line: int, column: int) -> str:
    """The error line up to the error's column (bounded: lines are cut at 2,000 characters)."""
    start = 0
    for _row in range(line):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    return text[start:start + min(column, 2_000)]


QUOTES_HINT = N_("a quote inside the text ended the quoted text early. Write text that holds "
                 "double quotes in single quotes ('She said \"hi\"'), text that holds single "
                 "quotes in double quotes (\"It's fine\"), and text that holds both in single "
                 "quotes with each ' doubled ('It''s \"fine\"') or as a block scalar: `|` "
                 "after the key, then the text on the next lines, indented")


def _quote_hint(before: str) -> str:
    """The quote case: `title: "She said "hi""` stops at the second quote, and YAML then
    complains about what follows it (seen as the error coming right after a closing quote
    of a value that opened with the same quote)."""
    stripped = before.rstrip()
    for q in ('"', "'"):
        start = stripped.find(": " + q)
        start = stripped.find("- " + q) if start < 0 else start
        if start >= 0 and stripped.endswith(q) and stripped.count(q) >= 2 and \
                len(stripped) - 1 > start + 2:
            return _(QUOTES_HINT)
    return ""


def _syntax_hint(problem: str, context: str, text: str, char: str) -> str:
    if "tab" in problem or char == "\t" and "found character" in problem:
        return _("indent with spaces, not tabs")
    if "found character" in problem:
        return _("put the whole value in quotes")
    if "end of stream" in problem and "quoted scalar" in context:
        return _("close the quote where the text ends; text of several lines can also go in a "
                 "block scalar (`|`)")
    if "flow sequence" in context or "flow mapping" in context:
        return _("close the brackets, or put the value in quotes if they are part of the text")
    if problem == "second occurrence":
        return _("give each anchor its own name")
    if "escape character" in problem:
        return _("write `\\\\` for a backslash, or put the text in single quotes")
    if "mapping values are not allowed" in problem:
        return _("a `: ` inside text starts a mapping; quote the text or use a block scalar "
                 "(`|`)")
    if "found undefined alias" in problem:
        return _("define the anchor (`&name`) before using the alias (`*name`)")
    if "expected <document start>" in problem or "but found another document" in problem:
        return _("a file holds one document; remove the extra `---`")
    return _("check the indentation and colons on this line and the one before")
