"""Every text colour meets WCAG AA contrast (4.5:1) on every surface it is drawn on, in both
palettes; and the widgets draw their text with those pairs (a focused button's subtitle, a
primary button's subtitle, a locked choice's reason)."""
import pytest

from game.ui.theme import AA, CONTRAST, SOFT, TEXT_ON, contrast_ratio, mix, person_colour

PALETTES = {"soft": SOFT, "high contrast": CONTRAST}


def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((255, 255, 255), (255, 255, 255)) == pytest.approx(1.0)
    assert contrast_ratio((118, 118, 118), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("name", PALETTES)
def test_every_text_pair_meets_aa(name):
    pal = PALETTES[name]
    bad = []
    for fg, surfaces in TEXT_ON.items():
        for bg in surfaces:
            ratio = contrast_ratio(getattr(pal, fg), getattr(pal, bg))
            if ratio < AA:
                bad.append(f"{fg} on {bg}: {ratio:.2f}")
    assert not bad, f"{name}: " + ", ".join(bad)


@pytest.mark.parametrize("name", PALETTES)
def test_derived_surfaces_meet_aa(name):
    """Surfaces mixed from the palette: the ending's tinted boxes, fact badges, avatars."""
    from game.ui.screens.debrief import fact_colours
    pal = PALETTES[name]
    for tint in (pal.up, pal.down):  # the ending's record boxes: body text and the heading
        surface = pal.chip if pal is CONTRAST else mix(pal.card, tint, 0.08)
        assert contrast_ratio(pal.text, surface) >= AA
        assert contrast_ratio(tint, surface) >= AA
    for kind in ("fact", "fiction", "myth", "disputed", "other"):
        fill, ink = fact_colours(pal, kind)
        assert contrast_ratio(ink, fill) >= AA, kind
    ink = (0, 0, 0) if pal is CONTRAST else (70, 50, 80)
    for who in ("rui", "bea", "teo", "a stranger", "you-3", "x" * 9):
        assert contrast_ratio(ink, person_colour(who, pal is CONTRAST)) >= AA, who


def test_buttons_draw_their_subtitles_with_checked_pairs(app):
    """A focused button's subtitle, a primary button's and a locked one's reason use the
    colours the pair table covers (so the table is the truth about what is drawn)."""
    import pygame
    from game.ui.widgets import Button
    for contrast in (False, True):
        app.settings.high_contrast = contrast
        app.relayout()
        pal = app.theme.pal
        surf = pygame.Surface((600, 200))
        for kind, enabled, focused, fill, ink in (
                ("normal", True, True, pal.button_hover, pal.muted),
                ("normal", True, False, pal.button, pal.muted),
                ("primary", True, True, pal.accent, pal.accent_text),
                ("choice", False, False, pal.locked, pal.locked_text)):
            b = Button("Label", sub="a subtitle", kind=kind, enabled=enabled)
            b.measure(app.rend, 560)
            calls = []
            orig = b._sub.draw
            b._sub.draw = lambda rend, s, x, y, colour, *a, calls=calls, **k: calls.append(colour)
            b.draw(app.rend, surf, pygame.Rect(10, 10, 560, 100), focused)
            b._sub.draw = orig
            assert calls == [ink], (kind, contrast)
            assert contrast_ratio(ink, fill) >= AA, (kind, contrast)
    app.settings.high_contrast = False


from ui_helpers import app, home  # noqa: E402,F401
