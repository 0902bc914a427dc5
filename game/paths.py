"""Where Standing keeps things: bundled packs, the user's packs, saves, settings and caches.

platformdirs gives each platform's conventional folders; STANDING_HOME overrides them all
(tests and portable installs use it).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP = "standing"
REPO_ROOT = Path(__file__).resolve().parent.parent


def _home(kind: str, default: str) -> Path:
    base = os.environ.get("STANDING_HOME")
    path = Path(base) / kind if base else Path(default)
    return path


def _shipped(name: str) -> Path:
    """A top-level folder of the repository, or its copy in <prefix>/share/standing after a
    non-editable install."""
    here = REPO_ROOT / name
    if here.is_dir():
        return here
    return Path(sys.prefix) / "share" / APP / name


def bundled_story_dir() -> Path:
    return Path(os.environ.get("STANDING_STORY_DIR", _shipped("story")))


def assets_dir() -> Path:
    return _shipped("assets")


def user_packs_dir() -> Path:
    return _home("packs", os.path.join(platformdirs.user_data_dir(APP, False), "packs"))


def saves_dir() -> Path:
    return _home("saves", os.path.join(platformdirs.user_data_dir(APP, False), "saves"))


def config_dir() -> Path:
    return _home("config", platformdirs.user_config_dir(APP, False))


def cache_dir() -> Path:
    return _home("cache", platformdirs.user_cache_dir(APP, False))
