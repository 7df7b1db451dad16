"""Tests that the code is ruff-clean and mypy --strict clean."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def test_ruff_clean() -> None:
    """ruff finds nothing in the package, the tests, the tools or the benchmarks."""
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "stretchtimer", "tests", "benchmarks", "tools"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow(seconds=10)  # seconds of CPU on a fresh clone (no mypy cache)
def test_mypy_strict_clean() -> None:
    """mypy --strict finds nothing in the package, the tests, the tools or the benchmarks
    (the files pyproject.toml names)."""
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
