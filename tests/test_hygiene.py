"""Tests that the headless core never imports Textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

CORE = sorted(
    p.stem
    for p in (Path(__file__).parent.parent / "stretchtimer").glob("*.py")
    if p.stem not in ("__init__", "__main__")  # __main__ runs the program when imported
)


def test_the_core_is_all_there() -> None:
    """The list covers the core the design names."""
    assert {"model", "content", "routines", "plan", "engine", "sound", "history", "paths"} <= set(CORE)


@pytest.mark.parametrize("module", CORE)
def test_core_module_imports_no_textual(module: str) -> None:
    """Importing a core module in a fresh interpreter loads no textual module."""
    code = (
        f"import sys, stretchtimer.{module}; "
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
