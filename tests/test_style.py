"""Tests that the code is ruff-clean (mypy --strict runs in .ci/run, beside the suite)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
