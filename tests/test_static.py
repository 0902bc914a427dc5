"""The static checks as part of the suite (issue 14 §11): ruff's lint and mypy, strict on
game/engine and game/packs (both configured in pyproject.toml). A finding fails the test with
the tool's own report. Without the tool installed the test is skipped on a workstation, but
fails in CI, where `pip install -e ".[test]"` must have installed it."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import pytest

from conftest import ROOT


def _run(module: str, *args: str) -> None:
    if importlib.util.find_spec(module) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{module} is not installed; CI installs it with the `test` extra")
        pytest.skip(f"{module} is not installed (pip install -e '.[test]')")
    r = subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True,
                       text=True, timeout=600)
    assert r.returncode == 0, f"{module} {' '.join(args)}:\n{r.stdout}{r.stderr}"


def test_ruff_finds_nothing():
    _run("ruff", "check", ".", "--no-cache")


def test_mypy_finds_nothing():
    _run("mypy", "--cache-dir", os.devnull)  # the files and strictness are in pyproject.toml
