"""Save and load: every story's autosave (Load only) and three manual slots, each with pack,
episode, score and time. A damaged slot is shown as damaged and cannot be picked; it never hides
the others."""
from __future__ import annotations

import time

import pygame

from ... import saves
from ..widgets import Button
from .menu import Panel


def describe(slot: saves.SaveSlot) -> str:
    if slot.error:
        return f"Damaged: {slot.error}"
    if not slot.ok:
        return "Empty"
    when = time.strftime("%d %b %Y, %H:%M", time.localtime(slot.saved_at)) if slot.saved_at else ""
    parts = [slot.episode_title, slot.score_text, when]
    if not slot.is_auto:  # an autosave's label already names its story
        parts.insert(0, slot.title)
    return "  ·  ".join(p for p in parts if p)


class SavesScreen(Panel):
    name = "saves"

    def __init__(self, app, saving: bool):
        super().__init__(app)
        self.saving = saving
        self.heading = "Save game" if saving else "Load game"

    def layout(self) -> None:
        self.slots = saves.list_slots(include_auto=not self.saving)
        self.buttons = []
        for slot in self.slots:
            enabled = self.saving or slot.ok
            label = slot.label
            if self.saving and slot.ok:
                label += "  (overwrite)"
            self.buttons.append(Button(label, (lambda s=slot: self.pick(s)), sub=describe(slot),
                                       enabled=enabled or bool(slot.error and self.saving)))
        self.buttons.append(Button("Back", self.app.pop))
        self.panel_layout(720)
        if not self.buttons[self.focus].enabled:
            self.focus = next(i for i, b in enumerate(self.buttons) if b.enabled)

    def pick(self, slot: saves.SaveSlot) -> None:
        if self.saving:
            if self.app.session is None:
                return
            if slot.ok:
                self.ask_overwrite(slot)
                return
            self.write(slot)
        elif self._replaces_run(slot):
            self.ask_load(slot)
        else:
            self.app.open_save(slot)

    def _replaces_run(self, slot: saves.SaveSlot) -> bool:
        """Loading `slot` would replace the open game's run: a save of the same story other
        than its own autosave (which is the open game itself)."""
        sess = self.app.session
        return (sess is not None and slot.get("pack_id") == sess.pack.id
                and slot.slot != saves.auto_slot(sess.pack.id))

    def ask_load(self, slot: saves.SaveSlot) -> None:
        """Loading over a game of the same story replaces its run (and so, at the next
        choice, its autosave): ask, with Cancel focused."""
        from .menu import ConfirmDialog
        sess = self.app.session
        self.app.push(ConfirmDialog(
            self.app, "Load this save?", f"Your game now ({sess.episode_title()}, "
            f"{sess.rt.score_text}) is replaced by {slot.label.lower()}: {describe(slot)}.",
            [("Load it", lambda: self.app.open_save(slot), "Replaces the game in progress"),
             ("Cancel", None, "Keep playing")]))

    def ask_overwrite(self, slot: saves.SaveSlot) -> None:
        from .menu import ConfirmDialog
        self.app.push(ConfirmDialog(
            self.app, "Replace this save?", f"{slot.label} holds {describe(slot)}. Saving here "
            "replaces it.", [("Replace it", lambda: self.write(slot), "Cannot be undone"),
                             ("Cancel", None, "Keep it")]))

    def write(self, slot: saves.SaveSlot) -> None:
        if self.app.session is not None:
            try:
                self.app.session.save(slot.slot)
            except OSError as e:
                self.app.toast(f"Could not save: {e.strerror or e}", "down")
                return
            sess = self.app.session
            self.app.toast(f"{sess.episode_title()} at {sess.rt.score_text}, in "
                           f"{slot.label.lower()}", "up", "Saved")
            if self.app.top is self:
                self.app.pop()

    def on_key(self, e) -> bool:
        if e.key == pygame.K_BACKSPACE:  # what people press to go back: never destructive
            self.back()
            return True
        if e.key == pygame.K_DELETE:
            i = self.focus
            if i < len(self.slots) and self.slots[i].exists:
                self.ask_delete(self.slots[i])
            return True
        return False

    def ask_delete(self, slot: saves.SaveSlot) -> None:
        """Deleting cannot be undone: ask, with Cancel focused (Enter or Esc keeps the save)."""
        from .menu import ConfirmDialog

        def delete() -> None:
            saves.delete(slot.slot)
            self.app.toast(f"Deleted {slot.label.lower()}", "info")
            self.layout()
        self.app.push(ConfirmDialog(
            self.app, "Delete this save?", f"{slot.label}: {describe(slot)}. A deleted save "
            "cannot be brought back.",
            [("Delete the save", delete, "Cannot be undone"), ("Cancel", None, "Keep it")]))

    def refused(self, b) -> None:
        self.app.sound.play("locked")
        self.app.toast("This slot is empty" if b.sub == "Empty" else b.sub, "locked")

    def spoken(self) -> str:
        return f"{self.heading}. " + ". ".join(f"{s.label}: {describe(s)}" for s in self.slots)

    def draw(self, surf: pygame.Surface) -> None:
        super().draw(surf)
        t = self.theme
        hint = self.rend.label("body", "tiny", "Delete asks to remove a save", t.pal.muted)
        surf.blit(hint, (self.card.right - t.px(32) - hint.get_width(),
                         self.card.y + t.px(28) + self._head.get_height() - hint.get_height()))
