"""The presenter view on a real X server: both windows appear and show what they drew
(tests/xvfb_presenter.py does the work inside xvfb-run and captures the screen with xwd).
Skipped where Xvfb or xwd is not installed. STANDING_DOC_SHOTS=1 also refreshes
docs/screenshots/presenter-*.png."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(not (shutil.which("xvfb-run") and shutil.which("xwd")),
                    reason="needs xvfb-run and xwd (Debian: xvfb, x11-apps)")
def test_both_windows_show_on_a_real_x_screen(tmp_path):
    env = dict(os.environ, STANDING_HOME=str(tmp_path / "home"), PYTHONPATH=str(REPO))
    for k in ("SDL_VIDEODRIVER", "DISPLAY", "STANDING_SCRIPT"):
        env.pop(k, None)
    out = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 3200x1080x24", sys.executable,
                          str(REPO / "tests" / "xvfb_presenter.py"), str(tmp_path)],
                         env=env, capture_output=True, text=True, timeout=240)
    assert out.returncode == 0, out.stderr[-2000:]
    shots = {ln.split()[1]: (float(ln.split()[2]), float(ln.split()[3]))
             for ln in out.stdout.splitlines() if ln.startswith("SHOT ")}
    assert set(shots) == {"vote", "ending"}
    for name, (audience, presenter) in shots.items():
        assert audience > 0.97 and presenter > 0.97, (name, audience, presenter)
        assert (tmp_path / f"presenter-{name}.png").stat().st_size > 10_000
    if os.environ.get("STANDING_DOC_SHOTS"):
        for name in shots:
            shutil.copy(tmp_path / f"presenter-{name}.png", REPO / "docs" / "screenshots")
