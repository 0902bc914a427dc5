"""Run under Xvfb (a real X server, SDL's x11 driver): open the projector window and the presenter
window side by side, run a class vote from the teacher's window with real events, and capture
the X screen with `xwd`, so what is checked is what X shows, not what the game meant to draw.

    xvfb-run -s "-screen 0 3200x1080x24" python3 tests/xvfb_presenter.py OUT_DIR

Writes OUT_DIR/presenter-vote.png and OUT_DIR/presenter-ending.png (the whole screen: the
projector's 1920x1080 window on the left, the teacher's on the right) and prints one line per
shot: `SHOT name audience_match presenter_match`, the share of sampled pixels where the screen
shows what each window drew. tests/test_ui_presenter_xvfb.py runs it; with
STANDING_DOC_SHOTS=1 it also writes docs/screenshots/.
"""
from __future__ import annotations

import os
import struct
import subprocess
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

REPO = Path(__file__).resolve().parent.parent
AUDIENCE = (1920, 1080)
os.environ.update(SDL_VIDEO_WINDOW_POS="0,0", STANDING_PRESENTER="both",
                  SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
os.environ.setdefault("STANDING_HOME", tempfile.mkdtemp())
sys.path.insert(0, str(REPO))

import pygame  # noqa: E402


def xwd_root() -> pygame.Surface:
    """The X screen as a surface (a 24- or 32-bit ZPixmap XWD, as Xvfb at depth 24 writes)."""
    raw = subprocess.run(["xwd", "-root", "-silent"], capture_output=True, check=True).stdout
    head = struct.unpack(">25I", raw[:100])
    header_size, w, h, bpp, line = head[0], head[4], head[5], head[11], head[12]
    byte_order, ncolors = head[7], head[19]
    if bpp not in (24, 32):
        raise SystemExit(f"xwd gave {bpp} bits per pixel; run Xvfb at depth 24")
    start = header_size + 12 * ncolors
    pixels = raw[start:start + line * h]
    fmt = {(32, 0): "BGRA", (32, 1): "ARGB", (24, 0): "BGR", (24, 1): "RGB"}[bpp, byte_order]
    return pygame.image.frombuffer(pixels, (w, h), fmt, line).copy()


def match(screen: pygame.Surface, drawn: pygame.Surface, at) -> float:
    """The share of a grid of sampled pixels where the screen shows what the window drew."""
    w, h = drawn.get_size()
    same = total = 0
    for y in range(5, h - 5, max(1, h // 40)):
        for x in range(5, w - 5, max(1, w // 40)):
            a, b = screen.get_at((at[0] + x, at[1] + y)), drawn.get_at((x, y))
            same += abs(a.r - b.r) + abs(a.g - b.g) + abs(a.b - b.b) < 24
            total += 1
    return same / max(1, total)


def settle(app, frames: int = 20) -> None:
    for _ in range(frames):
        for e in pygame.event.get():
            app.handle(e)
        app.step(1 / 30)
        pygame.time.wait(10)


def press(app, name: str, window) -> None:
    k = pygame.key.key_code(name)
    for kind in (pygame.KEYDOWN, pygame.KEYUP):
        pygame.event.post(pygame.event.Event(kind, key=k, mod=0, unicode=name if len(name) == 1
                                             else "", scancode=0, window=window))
    settle(app, 3)


def shot(app, out: Path, name: str) -> None:
    app.dirty = True
    app.presenter.dirty = True
    settle(app, 30)  # the thumbnail turns smooth once nothing moves
    pygame.time.wait(300)  # let X finish drawing both windows
    screen = xwd_root()
    pos = app.presenter.window.position
    a = match(screen, app.surface, (0, 0))
    p = match(screen, app.presenter.surface, pos)
    pygame.image.save(screen.subsurface((0, 0, pos[0] + app.presenter.window.size[0],
                                         max(AUDIENCE[1], pos[1] + app.presenter.window.size[1]))),
                      str(out / f"presenter-{name}.png"))
    print(f"SHOT {name} {a:.3f} {p:.3f}", flush=True)


def main(out: Path) -> int:
    from game.ui.app import App
    from game.ui.screens.title import TitleScreen
    from game.ui.settings import Settings
    args = SimpleNamespace(pack=None, projector=True, presenter=True, audience_display=None)
    app = App(args, size=AUDIENCE, settings=Settings(text_speed=3))
    app.persist = False
    app.presenter.window.position = (AUDIENCE[0], 140)
    app.push(TitleScreen(app))
    app.after_first_frame()
    app.start_game(str(REPO / "story" / "tutorial"), seed=1)
    w = app.presenter.window
    settle(app)
    for k in ("return", "t", "1", "4", "b", "1", "1", "c", "5"):  # Get up; vote: A 14, B 11, C 5
        press(app, k, w)
    shot(app, out, "vote")
    # count, take A; drive Bea home; the discussion pause (P up, P down); on to the ending
    for k in ("return", "return", "a", "p", "p", "a"):
        press(app, k, w)
    shot(app, out, "ending")
    app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
