"""Tests that the headless core never imports Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = [
    "model",
    "errors",
    "text",
    "files",
    "paths",
    "durations",
    "content",
    "library",
    "routines",
    "plan",
    "views",
    "engine",
    "sound",
    "chimes",
    "history",
    "plain",
]


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
