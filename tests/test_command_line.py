"""Tests the command line built from one table: every command's help, a misspelt command, and
settings read once, validated with their lines, never stopping `doctor` or `check`."""

from __future__ import annotations

import pytest
from clihelp import cli
from conftest import write

from stretchtimer.cli.commands import COMMANDS
from stretchtimer.library import paths
from stretchtimer.library.settings import FILE_NAME


@pytest.mark.parametrize("command", [c.name for c in COMMANDS])
def test_every_command_has_help_for_itself_and_each_option(
    command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`stretchtimer COMMAND --help` shows the command's one line and a help text for every
    option (the remind copy of --voice had lost its help)."""
    code, out, _ = cli(monkeypatch, [command, "--help"])
    spec = next(c for c in COMMANDS if c.name == command)
    assert code == 0
    flat = " ".join(out.split())
    assert spec.help in flat
    for opt in spec.options:
        assert opt.help and " ".join(opt.help.split()) in flat, opt.names


def test_the_main_help_lists_the_commands_from_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = cli(monkeypatch, ["--help"])
    assert code == 0
    assert ", ".join(c.name for c in COMMANDS) in " ".join(out.split())


def test_a_misspelt_command_gets_did_you_mean(monkeypatch: pytest.MonkeyPatch) -> None:
    """`stretchtimer histroy` is neither a command nor a routine: one line, exit 2, "did you
    mean 'history'?"; a misspelt routine keeps its own hint; a routine name still runs."""
    code, _, err = cli(monkeypatch, ["histroy"])
    assert code == 2 and "did you mean 'history'?" in err and len(err.splitlines()) == 1
    code, _, err = cli(monkeypatch, ["quick-releif", "--plain"])
    assert code == 2 and "did you mean 'quick-relief'" in err


def settings(text: str) -> str:
    return str(write(paths.config_dir(), FILE_NAME, text))


def test_a_bad_setting_names_itself_and_its_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """`voice: flase` stops a command that uses the settings with path:line:col naming the
    key; `remind_every` is named as itself, not as --every; --every is named as the flag."""
    path = settings("ask_pain: false\nvoice: flase\n")
    code, out, err = cli(monkeypatch, ["plan", "quick-relief"])
    assert code == 2 and out == ""
    assert err.strip() == f"{path}:2:8: voice must be true or false, not 'flase'"
    path = settings("remind_every: often\n")
    code, _, err = cli(monkeypatch, ["remind", "--print-service"])
    assert code == 2 and err.startswith(f"{path}:1:15: remind_every") and "--every" not in err
    settings("")
    code, _, err = cli(monkeypatch, ["remind", "--every", "often", "--print-service"])
    assert code == 2 and err.startswith("--every: 'often' is not a duration")


def test_a_misspelt_setting_is_a_warning_and_the_rest_applies(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`record_histroy: false` is not silently ignored: a warning with did-you-mean; the
    command runs with the other settings (transitions: 2 doubles the get-ready)."""
    path = settings("record_histroy: false\ntransitions: 2\n")
    code, out, err = cli(monkeypatch, ["plan", "quick-relief"])
    assert code == 0
    assert f"{path}:1:1: warning: unknown setting 'record_histroy'" in err
    assert "did you mean 'record_history'?" in err
    assert "Get ready, 10 s" in out or "10 s" in out


def test_a_broken_settings_file_never_stops_doctor_or_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """doctor reports the broken file (exit 4: something does not work) and the rest of its
    lines; `check settings.yaml` validates it as settings, not as a routine."""
    path = settings("voice: flase\nvoice_rate: 9000\n")
    code, out, _ = cli(monkeypatch, ["doctor", "--quiet"])
    assert code == 4
    assert f"Settings: {path}: 2 error(s)" in out and "Terminal:" in out and "History:" in out
    assert f"{path}:2:13: voice_rate must be a whole number from 80 to 400" in out
    code, out, err = cli(monkeypatch, ["check", path])
    assert code == 2 and out == ""
    assert err.splitlines()[0] == f"{path}:1:8: voice must be true or false, not 'flase'"
    assert "routine" not in err
    settings("voice: false\n")
    code, out, err = cli(monkeypatch, ["check", path])
    assert (code, out.strip(), err) == (0, f"{path}: ok", "")


def test_doctor_with_the_voice_off_suggests_voice(monkeypatch: pytest.MonkeyPatch) -> None:
    """With `voice: false`, doctor says how to turn it on (--voice), not --no-voice."""
    from stretchtimer.sound.speech import find_engine

    if find_engine() is None:
        pytest.skip("no speech engine here")
    settings("voice: false\n")
    _, out, _ = cli(monkeypatch, ["doctor", "--quiet"])
    line = next(ln for ln in out.splitlines() if ln.startswith("Voice:"))
    assert "--voice" in line and "--no-voice" not in line


def test_the_service_runs_with_the_same_home(monkeypatch: pytest.MonkeyPatch) -> None:
    """--print-service under STRETCHTIMER_HOME: the unit sets it, escaped for systemd, so the
    service reads the same settings and history."""
    code, out, _ = cli(monkeypatch, ["remind", "--print-service"])
    home = str(paths.config_dir().parent)
    assert code == 0
    assert f"Environment=STRETCHTIMER_HOME={home}" in out or (
        f'Environment="STRETCHTIMER_HOME={home.replace("%", "%%")}"' in out
    )
    assert out.index("Environment=") < out.index("ExecStart=")
