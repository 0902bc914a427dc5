"""Save and load: every story's autosave (Load only) and three manual slots, each with pack,
episode, score and time. A damaged slot is shown as damaged and cannot be picked; it never hides
the others."""
from __future__ import annotations

from datetime import datetime

import pygame

from ... import saves
from ...i18n import _, format_datetime
from ..widgets import Button
from .menu import Panel


def describe(slot: saves.SaveSlot) -> str:
    if slot.error:
        # Translators: {problem} says what is wrong with a save file
        return _("Damaged: {problem}").format(problem=slot.error)
    if not slot.ok:
        # Translators: a save slot with nothing in it
        return _("Empty")
    when = saved_when(slot.saved_at)
    parts = [slot.episode_title, slot.score_text, when]
    if not slot.is_auto:  # an autosave's label already names its story
        parts.insert(0, slot.title)
    return "  ·  ".join(p for p in parts if p)


def saved_when(stamp: float) -> str:
    """When a save was written, in the player's language ("" when unknown or out of range)."""
    if not stamp:
        return ""
    # Translators: how a save's date and time show in the save list, as a CLDR date pattern
    # (https://unicode.org/reports/tr35/tr35-dates.html#Date_Field_Symbol_Table), or one
    # of the words short, medium, long for the language's own form of that length
    pattern = _("dd MMM y, HH:mm")
    try:
        when = datetime.fromtimestamp(stamp)
    except (OverflowError, OSError, ValueError):  # a hand-edited time out of range
        return ""
    try:
        return format_datetime(when, pattern)
    except ValueError:  # a pattern Babel cannot read: the language's own medium form
        return format_datetime(when, "medium")


def in_sentence(slot: saves.SaveSlot) -> str:
    """The slot named inside a sentence: "slot 2", "autosave: Sesame Month"."""
    if slot.is_auto and slot.ok:
        # Translators: a story's autosave named inside a sentence ("Deleted autosave: …")
        return _("autosave: {story}").format(story=slot.title)
    if slot.is_auto:
        return slot.label
    # Translators: a save slot named inside a sentence ("Saved … in slot 2")
    return _("slot {number}").format(number=slot.slot)


class SavesScreen(Panel):
    name = "saves"

    def __init__(self, app, saving: bool):
        super().__init__(app)
        self.saving = saving

    @property
    def heading(self) -> str:
        return _("Save game") if self.saving else _("Load game")

    def layout(self) -> None:
        self.slots = saves.list_slots(include_auto=not self.saving)
        self.buttons = []
        for slot in self.slots:
            enabled = self.saving or slot.ok
            label = slot.label
            if self.saving and slot.ok:
                # Translators: after a save slot's name when saving there replaces it
                label = _("{slot}  (overwrite)").format(slot=label)
            self.buttons.append(Button(label, (lambda s=slot: self.pick(s)), sub=describe(slot),
                                       enabled=enabled or bool(slot.error and self.saving)))
        self.buttons.append(Button(_("Back"), self.app.pop))
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
        # Translators: {episode} and {score} are where the open game is now; {slot} names a
        # save ("slot 2") and {save} describes it (episode, score, date)
        intro = _("Your game now ({episode}, {score}) is replaced by {slot}: {save}.").format(
            episode=sess.episode_title(), score=sess.rt.score_text, slot=in_sentence(slot),
            save=describe(slot))
        self.app.push(ConfirmDialog(
            self.app, _("Load this save?"), intro,
            [(_("Load it"), lambda: self.app.open_save(slot), _("Replaces the game in progress")),
             (_("Cancel"), None, _("Keep playing"))]))

    def ask_overwrite(self, slot: saves.SaveSlot) -> None:
        from .menu import ConfirmDialog
        # Translators: {slot} is a save slot's name ("Slot 2"), {save} describes what it holds
        intro = _("{slot} holds {save}. Saving here replaces it.").format(
            slot=slot.label, save=describe(slot))
        self.app.push(ConfirmDialog(
            self.app, _("Replace this save?"), intro,
            [(_("Replace it"), lambda: self.write(slot), _("Cannot be undone")),
             (_("Cancel"), None, _("Keep it"))]))

    def write(self, slot: saves.SaveSlot) -> None:
        if self.app.session is not None:
            try:
                self.app.session.save(slot.slot)
            except OSError as e:
                # Translators: {problem} is the system's reason ("No space left on device")
                self.app.toast(_("Could not save: {problem}").format(problem=e.strerror or e),
                               "down")
                return
            sess = self.app.session
            # Translators: after saving: the episode, the score then, and the slot ("slot 2")
            self.app.toast(_("{episode} at {score}, in {slot}").format(
                episode=sess.episode_title(), score=sess.rt.score_text,
                slot=in_sentence(slot)), "up", _("Saved"))
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
            # Translators: {slot} names the save ("slot 2", "autosave: Sesame Month")
            self.app.toast(_("Deleted {slot}").format(slot=in_sentence(slot)), "info")
            self.layout()
        # Translators: {slot} is a save slot's name ("Slot 2"), {save} describes what it holds
        intro = _("{slot}: {save}. A deleted save cannot be brought back.").format(
            slot=slot.label, save=describe(slot))
        self.app.push(ConfirmDialog(
            self.app, _("Delete this save?"), intro,
            [(_("Delete the save"), delete, _("Cannot be undone")),
             (_("Cancel"), None, _("Keep it"))]))

    def refused(self, b) -> None:
        self.app.sound.play("locked")
        i = self.buttons.index(b)
        empty = i < len(self.slots) and not self.slots[i].exists
        self.app.toast(_("This slot is empty") if empty else b.sub, "locked")

    @property
    def hint(self) -> str:
        # Translators: "Delete" is the key of that name
        return _("Delete asks to remove a save")

    def spoken(self) -> str:
        # Translators: read aloud: a save slot's name, then what it holds
        slots = [_("{slot}: {save}").format(slot=s.label, save=describe(s)) for s in self.slots]
        return f"{self.heading}. " + ". ".join(slots)
