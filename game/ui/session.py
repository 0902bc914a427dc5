"""One game in progress: the pack, where it came from, and its runtime.

Screens go through this for everything that touches files (loading, autosave, F5 reload), so
the screens themselves only call the runtime API.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional

from .. import saves
from ..i18n import _
from ..engine import Pack, Runtime, StateError
from ..engine.runtime import shown_label
from ..engine.state import GameState
from ..engine import events as ev


class PackProblem(Exception):
    """A pack that cannot be played; carries its diagnostics for the error screen."""

    def __init__(self, path: str, diagnostics: list, message: str = ""):
        super().__init__(message or _("{path} cannot be played").format(path=path))
        self.path = path
        self.diagnostics = diagnostics
        self.message = message


# The language packs are played in (`standing play --lang`): a pack with that translation is
# shown in it; None plays every pack as written. A choice in the window can come later.
LANGUAGE: Optional[str] = None


def load(path: str, fresh: bool = False) -> Pack:
    """Load a pack for play, or raise PackProblem. `fresh` skips the compiled cache (F5)."""
    from ..packs import load_pack
    from ..packs.cache import load_cached
    result = load_pack(path) if fresh else load_cached(path)
    if LANGUAGE:
        from ..packs.translation import translated
        result = translated(result, LANGUAGE)
    else:
        from . import language
        result = language.played_in(result, language.PREFERRED)
    if not result.ok:
        raise PackProblem(path, list(result.errors or result.diagnostics))
    return result.pack


@dataclass
class Session:
    path: str
    pack: Pack
    rt: Runtime
    autosave_error: str = ""
    persist: bool = True  # False for screenshots and benchmarks: no autosave
    last_events: List[ev.Event] = field(default_factory=list)
    original: Optional[GameState] = None  # what if: the run as it was before the first rewind

    @classmethod
    def new(cls, path: str, episode: Optional[str] = None, seed: Optional[int] = None,
            persist: bool = True) -> "Session":
        pack = load(path)
        if episode and episode not in [e.id for e in pack.episodes]:
            # Translators: {episode} and {episodes} are ids typed on the command line.
            raise PackProblem(path, [], _("'{story}' has no episode `{episode}`; its episodes "
                                          "are {episodes}").format(
                story=pack.info.title, episode=episode,
                episodes=", ".join(e.id for e in pack.episodes)))
        s = cls(path, pack, Runtime.start(pack, episode, seed), persist=persist)
        s.autosave()
        return s

    @classmethod
    def from_save(cls, slot: saves.SaveSlot) -> "Session":
        """Raises saves.SaveError with a sentence for the player."""
        rt = saves.restore(slot)
        return cls(str(slot.get("pack_path")), rt.pack, rt)

    def choose(self, index: int) -> List[ev.Event]:
        self.last_events = self.rt.choose(index)
        self.autosave()
        return self.last_events

    def next_episode(self) -> List[ev.Event]:
        self.last_events = self.rt.begin_next_episode()
        self.autosave()
        return self.last_events

    def undo(self) -> bool:
        if not self.rt.can_undo:
            return False
        self.rt.undo()
        self.autosave()
        return True

    def autosave(self) -> None:
        if not self.persist:
            return
        try:
            saves.write(saves.AUTO, self.rt, self.path)
            self.autosave_error = ""
        except OSError as e:  # a full or read-only disk must not stop play
            # Translators: {problem} is the system's reason (disk full, read-only...).
            self.autosave_error = _("Autosave failed: {problem}").format(problem=e.strerror or e)

    def save(self, slot: str) -> None:
        saves.write(slot, self.rt, self.path)

    def reload(self) -> str:
        """Reload the pack from disk keeping the run (F5). Returns a message for the player;
        raises PackProblem when the pack now has errors."""
        pack = load(self.path, fresh=True)
        try:
            rt = Runtime(pack, self.rt.state.clone())
        except StateError as e:
            # Translators: {problem} says why the run does not fit the changed story.
            return _("Reloaded, but kept the old version: {problem}").format(problem=e)
        self.pack, self.rt = pack, rt
        return _("Reloaded '{story}' from disk").format(story=pack.info.title)

    # ---- reading helpers for the screens ---------------------------------------------

    def episode_title(self) -> str:
        try:
            return self.pack.episode(self.rt.state.episode).title
        except KeyError:
            return self.rt.state.episode

    def backlog(self) -> List[dict]:
        """Earlier passages with the choice taken after each, rebuilt by replaying the run
        (texts depend on the state at the time, so they cannot be re-rendered from now)."""
        from ..engine import replay
        out = []
        st = self.rt.state
        for i, step in enumerate(st.history):
            try:
                rt = replay(self.pack, st, i)
                if rt.scene.ending is not None and rt.next_episode is not None:
                    rt.begin_next_episode()  # the step was taken in the next episode
                p = rt.passage
            except StateError:
                break
            out.append({"speaker": p.speaker_name, "text": p.text,
                        "choice": shown_label(step.text),
                        "before": step.score_before, "after": step.score_after,
                        "episode": step.episode})
        return out
