"""Tests the start-up pause of the garbage collector: paused by the console script, resumed
(with start-up's objects frozen) once the first frame is up, or at once for other commands."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from apphelp import build, drive
from textual.pilot import Pilot

from stretchtimer.cli import main
from stretchtimer.startup import pause_collector, resume_collector
from stretchtimer.ui.app import StretchApp


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    yield
    gc.enable()
    gc.unfreeze()


def test_pause_and_resume() -> None:
    pause_collector()
    assert not gc.isenabled()
    resume_collector()
    assert gc.isenabled() and gc.get_freeze_count() > 0
    frozen = gc.get_freeze_count()
    resume_collector()  # a second call changes nothing
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_the_app_resumes_it_after_its_first_frame() -> None:
    app, _, _ = build()
    seen: list[bool] = []

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        await pilot.pause()
        seen.append(gc.isenabled())

    pause_collector()
    drive(app, scenario)
    assert seen == [True]


@pytest.mark.parametrize(
    "argv", [["list"], ["check", "quick-relief"], ["quick-relief", "--plain", "--no-history"]]
)
def test_other_commands_resume_it_at_once(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """No screen to hurry for: a command that draws none works with the collector on."""
    seen: list[bool] = []
    import stretchtimer.cli.commands as commands
    import stretchtimer.plain as plain
    from stretchtimer.cli.table import Command

    def note(*args: object, **kwargs: object) -> int:
        seen.append(gc.isenabled())
        return 0

    for name in ("list", "check"):
        command = commands.BY_NAME[name]
        monkeypatch.setitem(commands.BY_NAME, name, Command(name, command.help, note, command.options))
    monkeypatch.setattr(plain, "run_plain", note)
    pause_collector()
    assert main(argv) == 0
    assert seen == [True]


def test_the_console_script_pauses_it_first(tmp_path: Path) -> None:
    """`stretchtimer` (launch.run) pauses the collector before the command line is imported."""
    code = (
        "import gc, sys\n"
        "sys.argv = ['stretchtimer', 'list']\n"
        "import stretchtimer.cli as cli\n"
        "cli.run = lambda: print('paused' if not gc.isenabled() else 'running')\n"
        "from stretchtimer.launch import run\n"
        "run()\n"
    )
    env = {**os.environ, "STRETCHTIMER_HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "paused", out.stderr
