"""argparse's own words ("usage:", "options", "invalid choice: ...") in the game's language.

argparse looks its messages up with the module-level `_` and `ngettext` it imported from the
standard `gettext` module (the stdlib's `argparse` domain, which no catalogue of ours fills).
`install()` points those two names at game.i18n, so the words below, marked for our catalogue,
follow `set_language` like the rest of the command line. The msgids are copied exactly from the
argparse source of Python 3.11 (only the ones a person can see: messages for a programmer who
misuses argparse stay English); a msgid a later Python changes simply shows in English.
"""
from __future__ import annotations

import argparse
import re
from typing import Any, Callable, List

from . import i18n
from .i18n import N_, _
from .textflow import columns, wrap_columns

WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    # Translators: argparse's error line; %(prog)s is the command, %(message)s what went wrong.
    N_("%(prog)s: error: %(message)s\n"),
    # Translators: %(argument_name)s is an option such as --seed, %(message)s what is wrong.
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    # Translators: %(option)s is what the person typed, %(matches)s the options it could mean.
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    # Translators: %(type)s is a Python type name such as int, %(value)r the text given.
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
)


def _plurals() -> None:  # never called: marks argparse's plural message for the catalogue
    i18n.ngettext("expected %s argument", "expected %s arguments", 1)


_FIELDS = re.compile(r"%(?:\([a-z_]+\))?[a-z%]")


def _kept(english: str, translated: str) -> str:
    """`translated`, unless its %-fields differ from the English ones: argparse fills them
    with `%`, and a catalogue mistake must not turn a usage error into a traceback."""
    return translated if sorted(_FIELDS.findall(translated)) == \
        sorted(_FIELDS.findall(english)) else english


def _gettext(message):
    # argparse also passes None (an absent subparser description): hand it back untouched.
    if not isinstance(message, str) or not message:
        return message
    return _kept(message, i18n.gettext(message))


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _kept(singular if n == 1 else plural, i18n.ngettext(singular, plural, n))


def install() -> None:
    """argparse's messages from our catalogue from now on (English stays byte-identical)."""
    argparse._ = _gettext  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext  # type: ignore[attr-defined]


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help, wrapped as the game wraps text: where UAX #14 allows a break (so
    Chinese wraps between characters, never inside a Latin word) and measured in terminal
    columns (a Chinese character takes two). textwrap, which argparse uses, knows neither.
    Text without East Asian wide characters still goes to textwrap, so English help is the
    same, byte for byte, as argparse's own."""

    def _split_lines(self, text: str, width: int) -> List[str]:
        if not _needs_columns(text):
            return super()._split_lines(text, width)
        return wrap_columns(self._whitespace_matcher.sub(" ", text).strip(), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if not _needs_columns(text):
            return super()._fill_text(text, width, indent)
        text = self._whitespace_matcher.sub(" ", text).strip()
        return "\n".join(wrap_columns(indent + text, width, subsequent_indent=indent))


def _needs_columns(text: str) -> bool:
    return columns(text) != len(text)


class ArgumentParser(argparse.ArgumentParser):
    """A parser whose help is wrapped by `HelpFormatter`; its sub-commands' parsers are of
    this class too (argparse makes them of the parent's class, but passes them no formatter)."""

    def __init__(self, *args: Any, formatter_class: Any = HelpFormatter, **kwargs: Any) -> None:
        super().__init__(*args, formatter_class=formatter_class, **kwargs)


# ---- number options: argparse names a type function in its error ("invalid _positive value"),
# so each of these raises its own sentence, naming the option.

def whole(option: str) -> Callable[[str], int]:
    """Any whole number (seeds, display numbers)."""
    def whole_number(text: str) -> int:
        try:
            return int(text)
        except ValueError:
            # Translators: {option} is a command-line option such as --seed; {value} what was
            # typed after it.
            raise argparse.ArgumentTypeError(_("{option} needs a whole number, not '{value}'")
                                             .format(option=option, value=text)) from None
    return whole_number


def positive(option: str) -> Callable[[str], int]:
    """A whole number of 1 or more (counts and limits)."""
    def positive_number(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = 0
        if value < 1:
            # Translators: {option} is a command-line option such as --runs; {value} what was
            # typed after it.
            raise argparse.ArgumentTypeError(_(
                "{option} needs a whole number above 0, not '{value}'").format(
                    option=option, value=text))
        return value
    return positive_number
