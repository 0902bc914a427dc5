"""The engine never imports pygame (or anything that opens a window or a socket)."""
import ast
import subprocess
import sys
from pathlib import Path

ENGINE = Path(__file__).resolve().parent.parent / "game" / "engine"


def test_no_engine_module_imports_pygame_or_io_libraries():
    banned = {"pygame", "socket", "subprocess", "urllib", "http"}
    for path in ENGINE.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in banned, f"{path.name} imports {name}"


def test_importing_the_engine_loads_no_pygame():
    code = ("import sys, game.engine, game.packs, game.text; "
            "print('pygame' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ENGINE.parent.parent, check=True).stdout
    assert out.strip() == "False"
