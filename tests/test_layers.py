"""Tests the layers: import-linter's contracts (pyproject.toml) hold, and the core, imported on
its own, loads no Textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
CORE = sorted(p.stem for p in (ROOT / "stretchtimer" / "core").glob("*.py") if p.stem != "__init__")


def test_import_contracts_are_kept() -> None:
    """lint-imports finds every contract kept (layers only import downward; Textual only in ui/)."""
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_core_is_all_there() -> None:
    """The core holds what the design names."""
    assert {"model", "events", "plan", "engine", "errors"} <= set(CORE)


def test_core_imports_no_textual_at_run_time() -> None:
    """Importing every core module in a fresh interpreter loads no Textual and no Rich (the
    contracts read the source; this proves what really loads)."""
    imports = "; ".join(f"import stretchtimer.core.{m}" for m in CORE)
    code = (
        f"import sys; {imports}; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
