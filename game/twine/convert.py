"""Passages to scenes: links become choices, `(if:)`/`<<if>>` become `{if}` text and `show_if`,
`(set:)`/`<<set>>` become effects, and everything else goes on the list of what was not
converted, with its line and column.

The walk over a passage's tree is iterative: a stack of item iterators, where an item is a
node, a piece of template markup to emit, or a `_Sub` (children to walk in a new context).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from types import SimpleNamespace
from typing import Dict, Iterator, List, Optional, Tuple

from ..engine import conditions
from ..i18n import N_, _
from ..packs.validate import covers_every_case
from . import expr, shape
from .drafts import ChoiceDraft, Conversion, SceneDraft
from .expr import Effect, ExprError, Names
from .markup import Node, scan
from .story import Passage, Story

MAX_LABEL = 200  # the pack format's limit for a button label or an ending title
MAX_TEXT = 20_000  # ...and for a scene's text
MAX_CONDITION = 2_000  # ...and for a condition
MARK = "\ue000"  # stands for a link in the text until lines are sorted out (never in input)
TAG = "\ue001"  # around `{if}`, `{else}`, `{end}` until then, apart from literal braces

SKIPPED_PASSAGES = {
    "StoryCaption", "StoryMenu", "StoryBanner", "StoryAuthor", "StorySubtitle", "StoryShare",
    "PassageReady", "PassageDone", "PassageHeader", "PassageFooter", "StoryInterface",
    "StorySettings", "StoryIncludes",
}
# Translators: what a Twine passage with this tag is, in "the passage 'X' (...) was left out".
SKIPPED_TAGS = {"script": N_("story JavaScript"), "stylesheet": N_("a stylesheet (CSS)"),
                "widget": N_("SugarCube widgets"), "header": N_("a header passage"),
                "footer": N_("a footer passage"), "debug-header": N_("a debug header"),
                "debug-footer": N_("a debug footer"),
                "debug-startup": N_("a debug startup passage"),
                "Twine.image": N_("an image passage"), "Twine.audio": N_("an audio passage")}
STYLE_MACROS = {"textstyle", "textcolour", "textcolor", "colour", "color", "font", "align",
                "css", "textrotate", "transition", "t8n", "transitiontime", "background",
                "hoverstyle", "box", "textsize", "b4r", "border", "bordercolour", "opacity",
                "charstyle", "linestyle", "textindent", "float"}
PLAIN_MACROS = {"nobr", "collapse", "verbatim", "silently"}
IF_MACROS = {"if", "unless", "elseif", "else"}
LINK_MACROS = {"link", "linkreveal", "linkrevealgoto", "linkreplace", "button"}


@dataclass(frozen=True)
class _Ctx:
    conds: Tuple[str, ...] = ()
    choice: Optional[ChoiceDraft] = None
    silent: bool = False
    init: bool = False  # StoryInit / startup: sets give start values


@dataclass
class _Sub:
    nodes: List[Node]
    ctx: _Ctx


@dataclass
class _Finish:
    choice: ChoiceDraft
    node: Node


def scene_ids(story: Story, passages: List[Passage]) -> Dict[str, str]:
    """Safe, unique scene ids (a letter first, then letters, digits and `_`)."""
    ids: Dict[str, str] = {}
    taken = set()
    for p in passages:
        base = re.sub(r"[^a-z0-9]+", "_", p.name.lower(), flags=re.ASCII).strip("_")[:40]
        if not base[:1].isalpha():
            base = "p_" + base if base else "passage"
        sid, k = base, 2
        while sid in taken:
            sid, k = f"{base}_{k}", k + 1
        taken.add(sid)
        ids[p.name] = sid
    return ids


class Converter:
    def __init__(self, story: Story):
        self.story = story
        self.family = story.family or _guess_family(story)
        self.names = Names()
        self.problems: List[Tuple[int, int, str]] = [(line, 1, what)
                                                    for line, what in story.extras]
        self.scene_passages: List[Passage] = []
        self.init_passages: List[Passage] = []
        self._sort_passages()
        self.ids = scene_ids(story, self.scene_passages)
        self.taken = set(self.ids.values())
        self.here = ""  # the scene being converted

    def _sort_passages(self) -> None:
        for p in self.story.passages:
            skipped = next((SKIPPED_TAGS[t] for t in p.tags if t in SKIPPED_TAGS), None)
            if p.name == "StoryInit" or "startup" in p.tags:
                self.init_passages.append(p)
            elif skipped:
                self.problem(p.header, 1, _("the passage {name} ({what}) was left out").format(
                    name=repr(p.name), what=_(skipped)))
            elif p.name in SKIPPED_PASSAGES:
                self.problem(p.header, 1, _("the special passage {name} was left out: "
                                            "Standing has no sidebar, banner or per-passage "
                                            "code").format(name=repr(p.name)))
            else:
                self.scene_passages.append(p)

    def problem(self, line: int, col: int, what: str) -> None:
        self.problems.append((line, col, what))

    def scene_of(self, name: str) -> Optional[str]:
        return self.ids.get(name)

    # ---- the whole story ----

    def run(self) -> Conversion:
        if not self.scene_passages:
            self.problem(1, 1, _("no passage can become a scene"))
        for p in self.init_passages:
            self.passage(p, SceneDraft("", p.name, p.header), _Ctx(init=True))
        scenes = [self.passage(p, SceneDraft(self.ids[p.name], p.name, p.header), _Ctx())
                  for p in self.scene_passages]
        start = self.ids.get(self.story.start) or self.ids.get("Start") or \
            (scenes[0].id if scenes else "")
        if self.story.start and self.story.start not in self.ids:
            self.problem(1, 1, _("the start passage {name} does not exist; the story starts at "
                                 "the first passage").format(name=repr(self.story.start)))
        conv = Conversion(self.story.title or "Imported story", self.family, start, scenes,
                          self.names, self.problems)
        shape.prune_unreachable(conv)
        end_id, k = "story_end", 2
        while end_id in self.taken:
            end_id, k = f"story_end_{k}", k + 1
        shape.add_exits(conv, end_id)
        conv.problems.sort()
        return conv

    # ---- one passage ----

    def passage(self, p: Passage, sc: SceneDraft, ctx: _Ctx) -> SceneDraft:
        self.here = sc.id
        result = scan(p.text, self.family, p.line)
        self.problems.extend(result.problems)
        out: List[str] = []
        links: List[str] = []
        stack: List[Tuple[Iterator, _Ctx]] = [(iter(_group(result.nodes, self.family)), ctx)]
        while stack:
            it, c = stack[-1]
            item = next(it, None)
            if item is None:
                stack.pop()
            elif isinstance(item, str):
                if not c.silent and c.choice is None:
                    out.append(TAG + item + TAG)
            elif isinstance(item, _Sub):
                stack.append((iter(_group(item.nodes, self.family)), item.ctx))
            elif isinstance(item, _Finish):
                self.finish_link(sc, item)
            else:
                more = self.node(item, c, sc, out, links, p)
                if more is not None:
                    stack.append((iter(more), c))
        if not ctx.init:
            self.finish_scene(sc, "".join(out), links)
        return sc

    def node(self, n: Node, c: _Ctx, sc: SceneDraft, out: List[str], links: List[str],
             p: Passage) -> Optional[list]:
        """Convert one node; returns items to walk next (in the same context), if any."""
        if n.kind == "text":
            if not c.silent and c.choice is None and not c.init:
                out.append(_prose(n.text, self.family))
        elif n.kind == "var":
            self.print_var(n, "$" + n.text, c, out)
        elif n.kind == "link":
            self.link(n, c, sc, out, links)
        elif n.kind == "tag":
            self.tag(n, c, out)
        elif n.kind == "hook":
            return [_Sub(n.children or [], c)]
        elif n.kind == "chain":
            return self.chain(n, c)
        else:
            return self.macro(n, c, sc, out, links, p)
        return None

    def print_var(self, n: Node, name: str, c: _Ctx, out: List[str]) -> None:
        if c.silent or c.choice is not None or c.init:
            return
        if n.prop or not re.fullmatch(r"[$_][A-Za-z_]\w*", name):
            self.problem(n.line, n.col, _("printing `{name}` with a property or an "
                                          "expression").format(name=name))
            return
        var = self.names.get(name)
        var.read = True
        out.append("{" + var.id + "}")

    def link(self, n: Node, c: _Ctx, sc: SceneDraft, out: List[str], links: List[str]) -> None:
        label, target = _split_link(n.text, self.family)
        effects: List[Effect] = []
        if n.args:
            effects = self.assign(n, n.args)
        self.add_choice(sc, n, c, label, target, effects, out, links)

    def add_choice(self, sc: SceneDraft, n: Node, c: _Ctx, label: str, target: str,
                   effects: List[Effect], out: List[str], links: List[str]
                   ) -> Optional[ChoiceDraft]:
        sid = self.ids.get(target)
        if c.init:
            self.problem(n.line, n.col, _("a link in a start-up passage was left out"))
            return None
        if sid is None:
            self.problem(n.line, n.col, _not_a_scene(target))
            return None
        if c.choice is not None:  # a link inside a link's hook: the outer one decides
            self.problem(n.line, n.col, _("a link inside a link's content was left out"))
            return None
        if len(" and ".join(c.conds)) > MAX_CONDITION:
            self.problem(n.line, n.col, _("a link under conditions too long for a pack (over "
                                          "{limit} characters); it was left out").format(
                                              limit=MAX_CONDITION))
            return None
        choice = ChoiceDraft(_label(label), sid, c.conds, effects, n.line, n.col)
        sc.choices.append(choice)
        if not c.silent:
            out.append(f"{MARK}{len(links)}{MARK}")
            links.append(_escape(label))
        return choice

    def assign(self, n: Node, args: str) -> List[Effect]:
        try:
            return expr.assignments(args, self.family, self.names)
        except ExprError as e:
            # Translators: {what} is a description such as "the assignment `+=`".
            self.problem(n.line, n.col, _("an assignment Standing cannot express: "
                                          "{what}").format(what=e))
            return []

    def cond(self, n: Node, src: str, here: str) -> Optional[str]:
        try:
            return expr.condition(src, self.family, self.names, self.scene_of, here)
        except ExprError as e:
            self.problem(n.line, n.col, _("a condition Standing cannot express: "
                                          "{what}").format(what=e))
            return None

    def tag(self, n: Node, c: _Ctx, out: List[str]) -> None:
        if c.silent or c.choice is not None or c.init:
            return
        if n.text in ("br", "p", "div", "hr", "li", "ul", "ol", "h1", "h2", "h3", "blockquote"):
            out.append("\n")
        elif n.text in ("b", "strong"):
            out.append("**")
        elif n.text in ("i", "em"):
            out.append("*")
        elif n.text in ("span", "u", "s", "small", "big", "sub", "sup", "mark", "code",
                        "center", "font"):
            pass
        elif not n.closing:
            self.problem(n.line, n.col, _("the HTML element {element} was left out (any text "
                                          "inside it was kept)").format(element=f"<{n.text}>"))

    # ---- macros ----

    def macro(self, n: Node, c: _Ctx, sc: SceneDraft, out, links, p) -> Optional[list]:
        name, kids = n.text, n.children
        if name in ("set", "put"):
            effects = self.assign(n, n.args)
            self.effects(n, c, sc, effects)
        elif name in ("print", "=", "-"):
            self.print_var(n, n.args.strip(), c, out)
        elif name in ("linkgoto", "goto"):
            args = n.args.strip()
            strings = [_split_link(args[2:-2], self.family)[1]] if args.startswith("[[") and \
                args.endswith("]]") else _strings(args)
            if name == "goto" and strings and len(strings) == 1:
                self.goto(n, c, sc, strings[0], out, links)
            elif name == "linkgoto" and strings and len(strings) in (1, 2):
                self.add_choice(sc, n, c, strings[0], strings[-1], [], out, links)
            else:
                self.problem(n.line, n.col, _("`{macro}` with a computed passage "
                                              "name").format(macro=name))
        elif name in LINK_MACROS and kids is not None:
            return self.link_macro(n, c, sc, out, links)
        elif name in IF_MACROS:
            self.problem(n.line, n.col, _("`{macro}` without the `if` it belongs to").format(
                macro=name))
        elif name in PLAIN_MACROS and kids is not None:
            return [_Sub(kids, replace(c, silent=c.silent or name == "silently"))]
        elif name in STYLE_MACROS and kids is not None:
            self.problem(n.line, n.col, _("the styling macro `{macro}` (its text was "
                                          "kept)").format(macro=name))
            return [_Sub(kids, c)]
        else:
            said = _("the macro `{macro}` and its content were left out: Standing has no "
                     "equivalent") if kids else \
                _("the macro `{macro}` was left out: Standing has no equivalent")
            self.problem(n.line, n.col, said.format(macro=name))
        return None

    def effects(self, n: Node, c: _Ctx, sc: SceneDraft, effects: List[Effect]) -> None:
        outer = c.choice.conds if c.choice is not None else ()
        if c.conds != outer:
            self.problem(n.line, n.col, _("an assignment inside an `if`: Standing has no "
                                          "conditional effects; give it a choice of its own "
                                          "with that condition, or route through two scenes"))
        elif c.init:
            by_id = {v.id: v for v in self.names.vars.values()}
            for kind, vid, value in effects:
                if kind == "set":
                    by_id[vid].start = value  # type: ignore[assignment]
                else:
                    self.problem(n.line, n.col, _("a start value that is not a plain value"))
        elif c.choice is not None:
            c.choice.effects.extend(effects)
        else:
            sc.effects.extend(effects)

    def goto(self, n: Node, c: _Ctx, sc: SceneDraft, target: str, out, links) -> None:
        sid = self.ids.get(target)
        if sid is None:
            self.problem(n.line, n.col, _("`goto` to {name}, which is not a passage that became "
                                          "a scene").format(name=repr(target)))
        elif c.choice is not None:
            c.choice.target = sid
        elif c.conds:  # a conditional redirect: a Continue shown only then
            added = self.add_choice(sc, n, replace(c, silent=True), "Continue", target, [], out,
                                    links)
            if added is not None:
                added.redirect = True
        elif not c.init:
            sc.goto = sc.goto or sid

    def link_macro(self, n: Node, c: _Ctx, sc: SceneDraft, out, links) -> Optional[list]:
        label, target = self.link_args(n)
        if label is None:
            self.problem(n.line, n.col, _("`{macro}` with a computed label").format(
                macro=n.text))
            return None
        choice = ChoiceDraft(_label(label), self.ids.get(target or "", ""), c.conds, [],
                             n.line, n.col)
        if target and not choice.target:
            self.problem(n.line, n.col, _not_a_scene(target))
            return None
        return [_Sub(n.children or [], replace(c, choice=choice)), _Finish(choice, n)] \
            if c.choice is None else [_Sub([], c)]

    def link_args(self, n: Node) -> Tuple[Optional[str], str]:
        args = n.args.strip()
        if args.startswith("[[") and args.endswith("]]"):
            return _split_link(args[2:-2], self.family)
        strings = _strings(args)
        if not strings or len(strings) > 2:
            return None, ""
        return strings[0], strings[1] if len(strings) == 2 else ""

    def finish_link(self, sc: SceneDraft, f: _Finish) -> None:
        ch, n = f.choice, f.node
        if not ch.target:
            self.problem(n.line, n.col, _("a `{macro}` that shows text instead of going to a "
                                          "passage was left out").format(macro=n.text))
            return
        sc.choices.append(ch)

    # ---- if chains ----

    def chain(self, n: Node, c: _Ctx) -> list:
        """`{if a}..{else}{if b}..{else}..{end}{end}` in text; `show_if` for what is inside."""
        items: list = []
        before: List[str] = []
        closes = 0
        for k, branch in enumerate(n.children or []):
            src = branch.args
            if branch.text in ("else",):
                cond = None
            else:
                cond = self.cond(branch, src, self.here) if src.strip() else None
                if cond is None:  # the later branches depend on this one: all are left out
                    if not src.strip():
                        self.problem(branch.line, branch.col, _("an `if` without a condition"))
                    self.problem(branch.line, branch.col, _("this `if` and the branches after "
                                                            "it were left out"))
                    break
                if branch.text == "unless":
                    cond = f"not ({cond})"
            if k:
                items.append("{else}")
            if cond is not None:
                items.append("{if " + cond + "}")
                closes += 1
            conds = c.conds + tuple(f"not ({b})" for b in before) + \
                ((f"({cond})" if cond is not None else ""),)
            items.append(_Sub(branch.children or [], replace(c, conds=tuple(x for x in conds
                                                                            if x))))
            if cond is None:
                break
            before.append(cond)
        items.extend("{end}" for _n in range(closes))
        return items

    # ---- the scene's shape ----

    def finish_scene(self, sc: SceneDraft, text: str, links: List[str]) -> None:
        lines = []
        for line in text.split("\n"):
            bare = _TAGS.sub("", _LINKS.sub("", line))
            if not bare.strip(" \t*->#"):  # a line of links only: they are the choices
                line = "".join(m.group(1) for m in _TAGS.finditer(line))
                if not line:
                    continue
            line = _LINKS.sub(lambda m: links[int(m.group(1))], line)
            lines.append(_TAGS.sub(lambda m: m.group(1), line))
        body = "\n\n".join(_heading(x.strip()) for x in lines)
        while True:  # `{if a}{end}` left where the branch held only links
            shorter = _EMPTY_IF.sub("", body)
            if shorter == body:
                break
            body = shorter
        body = re.sub(r"\n{3,}", "\n\n", body).strip()
        if len(body) > MAX_TEXT:  # cut at a line (no tag spans one) and close what is open
            self.problem(sc.line, 1, _("the passage's text was cut to {limit} "
                                       "characters").format(limit=MAX_TEXT))
            body = body[:MAX_TEXT - 1000].rsplit("\n", 1)[0]
            body += "{end}" * (len(_OPEN_IF.findall(body)) - len(_END.findall(body)))
        sc.text = body or sc.name
        if sc.goto:
            sc.choices = []
        redirects = [ch for ch in sc.choices if ch.redirect]
        for ch in sc.choices:
            if not ch.redirect:
                ch.conds = ch.conds + tuple(_negate(r.conds) for r in redirects)
        sc.ending = not sc.choices and not sc.goto
        if sc.choices and not _always_one(sc.choices):
            sc.fallback, k = f"{sc.id}_end", 2  # Twine stops where no link shows
            while sc.fallback in self.taken:
                sc.fallback, k = f"{sc.id}_end_{k}", k + 1
            self.taken.add(sc.fallback)
            sc.choices.append(ChoiceDraft("The end", sc.fallback, tuple(
                _negate(ch.conds) for ch in sc.choices)))


def _always_one(choices: List[ChoiceDraft]) -> bool:
    """Whether the validator can prove some choice always shows (its own SP024 check)."""
    gates = [SimpleNamespace(condition=None, show_if=conditions.parse(" and ".join(ch.conds))
                             if ch.conds else None) for ch in choices]
    return covers_every_case(gates)  # type: ignore[arg-type]


def _negate(conds: Tuple[str, ...]) -> str:
    return f"not ({' and '.join(conds)})"


def _group(nodes: List[Node], family: str) -> List[Node]:
    """The same nodes with each if/else-if/else run folded into one `chain` node."""
    out: List[Node] = []
    pending: List[Node] = []  # whitespace between a hook and the else that follows it
    for n in nodes:
        if n.kind == "macro" and n.text in IF_MACROS:
            if family == "sugarcube" and n.text == "if" and n.children is not None:
                out.extend(pending)
                pending = []
                out.append(_sugarcube_chain(n))
                continue
            if n.children is None:
                out.extend(pending + [n])
                pending = []
                continue
            last = out[-1] if out else None
            if n.text in ("elseif", "else") and last is not None and last.kind == "chain" and \
                    (last.children or [])[-1].text != "else":
                last.children.append(n)  # type: ignore[union-attr]
                pending = []  # whitespace between branches is not shown
                continue
            out.extend(pending)
            pending = []
            if n.text in ("if", "unless"):
                out.append(Node("chain", "", n.line, n.col, children=[n]))
            else:
                out.append(n)
            continue
        if n.kind == "text" and not n.text.strip() and out and out[-1].kind == "chain":
            pending.append(n)
            continue
        out.extend(pending)
        pending = []
        out.append(n)
    return out + pending


def _sugarcube_chain(n: Node) -> Node:
    branches = [Node("macro", "if", n.line, n.col, args=n.args, children=[])]
    for kid in n.children or []:
        if kid.kind == "macro" and kid.text in ("elseif", "else") and kid.children is None:
            args = kid.args
            if kid.text == "else" and args.strip().startswith("if "):
                kid = Node("macro", "elseif", kid.line, kid.col, args=args.strip()[3:])
                args = kid.args
            branches.append(Node("macro", kid.text, kid.line, kid.col, args=args, children=[]))
        else:
            branches[-1].children.append(kid)  # type: ignore[union-attr]
    return Node("chain", "", n.line, n.col, children=branches)


def _guess_family(story: Story) -> str:
    sugar = sum(p.text.count("<<") for p in story.passages)
    harlowe = sum(len(re.findall(r"\([a-z-]{2,20}:", p.text)) for p in story.passages)
    return "sugarcube" if sugar > harlowe else "harlowe"


def _split_link(body: str, family: str) -> Tuple[str, str]:
    """(label, target) of `[[label|target]]`, `[[label->target]]`, `[[target<-label]]`."""
    if family == "sugarcube" and "|" in body:
        label, target = body.split("|", 1)
    elif "->" in body:
        label, target = body.rsplit("->", 1)
    elif "<-" in body:
        target, label = body.split("<-", 1)
    elif "|" in body:
        label, target = body.rsplit("|", 1)
    else:
        label = target = body
    return label.strip(), target.strip()


_STRING = re.compile(r"""\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*(,|$)?""", re.S)


def _strings(args: str) -> Optional[List[str]]:
    """The string literals of `"a", "b"` or `"a" "b"`; None when anything else is there."""
    out, i = [], 0
    args = args.strip()
    while i < len(args):
        m = _STRING.match(args, i)
        if not m or m.end() == i:
            return None
        raw = m.group(1) if m.group(1) is not None else m.group(2)
        out.append(re.sub(r"\\(.)", r"\1", raw))
        i = m.end()
    return out


def _escape(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


_TAGS = re.compile(TAG + "([^" + TAG + "]*)" + TAG)
_LINKS = re.compile(MARK + r"(\d+)" + MARK)
_OPEN_IF = re.compile(r"(?<!\{)\{if ")
_END = re.compile(r"(?<!\{)\{end\}")
_EMPTY_IF = re.compile(r"(?<!\{)\{if [^{}]*\}\s*(?:\{else\}\s*)?\{end\}")
_BOLD = re.compile(r"''")
_ITALIC = re.compile(r"(?<![:/])//")


def _prose(text: str, family: str) -> str:
    """Twine prose as Standing text: braces escaped, ''bold'' and //italic// converted."""
    return _ITALIC.sub("*", _BOLD.sub("**", _escape(text)))


def _label(text: str) -> str:
    text = _escape(" ".join(text.split())) or "Continue"
    return text if len(text) <= MAX_LABEL else text[:MAX_LABEL - 1].rstrip("{") + "…"


def _heading(line: str) -> str:
    m = re.match(r"#{1,6} +(.+)", line)
    return f"**{m.group(1)}**" if m else line


def _not_a_scene(target: str) -> str:
    return _("a link to {name}, which is not a passage that became a scene; it was left "
             "out").format(name=repr(target))
