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


MOST_LINES = 300


def test_no_module_of_the_package_is_over_300_lines() -> None:
    """Small files, one concept each: no module of the package over 300 lines."""
    long = {
        str(path.relative_to(ROOT)): n
        for path in (ROOT / "stretchtimer").rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MOST_LINES
    }
    assert long == {}


def test_every_function_is_within_complexity_15() -> None:
    """ruff's C901 is on, at 15 (pyproject.toml), so test_ruff_clean enforces it."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    lint = config["tool"]["ruff"]["lint"]
    assert "C901" in lint["select"] and lint["mccabe"]["max-complexity"] == 15
