"""Did-you-mean hints for author typos.

A small set of options is compared whole. A large one (20,000 scene ids) is indexed once by
its one-letter deletions, so a lookup compares the word only with the few options one or two
edits away instead of with every option."""
from __future__ import annotations

import difflib
from typing import Dict, Iterable, List, Optional

from ..i18n import _

SMALL = 300  # up to this many options, compare with each of them
MAX_WORD = 64  # longer words are not typos of an id: no suggestion, and no cost
MAX_CANDIDATES = 200


def _variants(word: str) -> List[str]:
    """The word and every way of deleting one letter from it."""
    return [word] + [word[:i] + word[i + 1:] for i in range(len(word))]


class Suggester:
    """Did-you-mean over a fixed set of options; build it once, ask it many times."""

    def __init__(self, options: Iterable[str]):
        self.options = [o for o in dict.fromkeys(options) if isinstance(o, str)]
        self._index: Optional[Dict[str, List[str]]] = None

    def closest(self, word: str) -> Optional[str]:
        if len(word) > MAX_WORD:
            return None
        pool = self.options if len(self.options) <= SMALL else self._near(word)
        close = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
        return close[0] if close else None

    def hint(self, word: str) -> str:
        """A hint naming the closest option, or "" when nothing is close."""
        best = self.closest(word)
        # Translators: `name` is an id or a key the author may have meant.
        return _("did you mean {name}?").format(name=f"`{best}`") if best else ""

    def _near(self, word: str) -> List[str]:
        if self._index is None:
            self._index = {}
            for option in self.options:
                if len(option) <= MAX_WORD:
                    for v in _variants(option):
                        self._index.setdefault(v, []).append(option)
        found: Dict[str, None] = {}
        for v in _variants(word):
            for option in self._index.get(v, ()):
                found[option] = None
                if len(found) >= MAX_CANDIDATES:
                    return list(found)
        return list(found)


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """A hint naming the closest option, or "" when nothing is close. For many lookups in
    one large set, build a Suggester once instead."""
    return (options if isinstance(options, Suggester) else Suggester(options)).hint(word)
