"""The pygame front end: screens, widgets, theme, sound and speech over the runtime API.

Entry point: `game.ui.app.run_window(args)`. Nothing here is imported by the engine.
"""
import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # before any `import pygame`
