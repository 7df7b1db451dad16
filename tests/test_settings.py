"""Provides the tests of settings.yaml: every problem at once, each at its line and column,
unknown keys warned of with a suggestion, and defaults wherever a value is bad."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from conftest import write
from hypothesis import HealthCheck, given, settings, strategies

from stretchtimer.core.errors import InputError, Problem
from stretchtimer.core.model import Pace
from stretchtimer.library import paths
from stretchtimer.library.settings import (
    FILE_NAME,
    Settings,
    SettingsRead,
    check_settings,
    load_settings,
    read_settings,
)
from stretchtimer.library.settings_check import CHECKS


def settings_file(text: str) -> Path:
    """Write the user's settings.yaml (in the test's private config dir)."""
    return write(paths.config_dir(), FILE_NAME, text)


def lines(problems: list[Problem]) -> list[str]:
    """The problems as printed."""
    return [str(p) for p in problems]


def test_every_setting_is_checked() -> None:
    """The checker knows exactly the dataclass's fields: none unread, none unknown."""
    assert list(CHECKS) == [f.name for f in dataclasses.fields(Settings)]


def test_a_missing_file_is_the_defaults_and_no_problem() -> None:
    """No settings.yaml: the defaults, nothing to report, nothing raised."""
    read = read_settings()
    assert read == SettingsRead(Settings(), [], paths.config_dir() / FILE_NAME)
    assert load_settings() == Settings()


def test_an_empty_file_is_the_defaults() -> None:
    """A file with nothing (or only comments) in it says nothing."""
    path = settings_file("# nothing yet\n")
    assert read_settings() == SettingsRead(Settings(), [], path)


def test_every_good_value_is_read() -> None:
    """Each key's value is used, and the reminder values are kept as written."""
    settings_file(
        "record_history: false\nvoice: false\nvoice_rate: 150\nvoice_cues: [hold, complete]\n"
        "breathe: 4/6\ntransitions: 1.5\nask_pain: true\nremind_every: 1m30s\n"
        "remind_routine: morning\nremind_between: 09:00-17:30\nremind_days: mon-fri\n"
        "far_view: off\n"
    )
    read = read_settings()
    assert read.problems == []
    assert read.settings == Settings(
        record_history=False,
        voice=False,
        voice_rate=150,
        voice_cues=("hold", "complete"),
        breathe=Pace(4, 6),
        transitions=1.5,
        ask_pain=True,
        remind_every="1m30s",
        remind_routine="morning",
        remind_between="09:00-17:30",
        remind_days="mon-fri",
        far_view="off",
    )
    assert load_settings() == read.settings


def test_null_and_plain_seconds_for_the_reminder() -> None:
    """`remind_every: 300` is 300 seconds (kept as the text '300'); null is the default."""
    settings_file("remind_every: 300\nremind_routine: null\nremind_between: null\n")
    read = read_settings()
    assert read.problems == []
    assert (read.settings.remind_every, read.settings.remind_routine) == ("300", "desk-break")
    settings_file("remind_every: ~\nvoice_cues: []\n")
    read = read_settings()
    assert (read.settings.remind_every, read.settings.voice_cues) == ("50m", ())


@pytest.mark.parametrize(("text", "value"), [("yes", True), ("On", True), ("off", False)])
def test_yaml_1_1_booleans_still_work(text: str, value: bool) -> None:
    """What PyYAML's safe loader has always read as a bool (yes/no, on/off) is still one:
    files that worked keep working."""
    settings_file(f"voice: {text}\n")
    read = read_settings()
    assert (read.settings.voice, read.problems) == (value, [])


def test_a_misspelt_key_is_a_warning_with_a_suggestion_and_the_rest_applies() -> None:
    """`record_histroy` is ignored with a did-you-mean; the other keys are used, and
    load_settings does not fail on a warning."""
    path = settings_file("voice: false\nrecord_histroy: false\nvoice_rate: 120\n")
    read = read_settings()
    assert lines(read.problems) == [
        f"{path}:2:1: warning: unknown setting 'record_histroy' (ignored): "
        "did you mean 'record_history'?"
    ]
    assert read.problems[0].warning
    assert read.settings == Settings(voice=False, voice_rate=120)
    assert load_settings() == read.settings


def test_an_unknown_key_with_no_close_match_lists_the_settings() -> None:
    """Nothing like any setting: the warning lists them all."""
    path = settings_file("colour: blue\n")
    assert lines(read_settings().problems) == [
        f"{path}:1:1: warning: unknown setting 'colour' (ignored); the settings are: "
        + ", ".join(CHECKS)
    ]


def test_voice_flase_names_the_key_at_the_value() -> None:
    """The message points at the value (line 3, column 8) and names the key."""
    path = settings_file("# my settings\nask_pain: true\nvoice: flase\n")
    read = read_settings()
    assert lines(read.problems) == [f"{path}:3:8: voice must be true or false, not 'flase'"]
    assert read.settings == Settings(ask_pain=True)  # voice keeps its default
    with pytest.raises(InputError) as caught:
        load_settings()
    assert str(caught.value) == f"{path}:3:8: voice must be true or false, not 'flase'"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("record_history: 0", "1:17: record_history must be true or false, not '0'"),
        ("voice:", "1:7: voice must be true or false, not empty"),
        ("voice: !!bool maybe", "1:8: voice must be true or false, not 'maybe'"),
        ("ask_pain: 'true'", "1:11: ask_pain must be true or false (without quotes), not 'true'"),
        ("voice_rate: 500", "1:13: voice_rate must be a whole number from 80 to 400, not '500'"),
        (
            "voice_rate: 150.5",
            "1:13: voice_rate must be a whole number from 80 to 400, not '150.5'",
        ),
        ("voice_rate: 0xC8", "1:13: voice_rate must be a whole number from 80 to 400, not '0xC8'"),
        (
            "voice_cues: hold",
            "1:13: voice_cues must be a list of: exercise, hold, switch, "
            "red_flags, countdown, breaths, complete; not 'hold'",
        ),
        (
            "voice_cues: [hold, swtich]",
            "1:20: voice_cues: unknown cue 'swtich': did you mean 'switch'?",
        ),
        (
            "voice_cues:\n  - hold\n  - 7",
            "3:5: voice_cues: unknown cue '7'; use: exercise, hold, "
            "switch, red_flags, countdown, breaths, complete",
        ),
        (
            "breathe: 4-6",
            "1:10: breathe: give seconds in and out like '4/6' (each 1 to 15), not '4-6'",
        ),
        (
            "breathe: 0/6",
            "1:10: breathe: give seconds in and out like '4/6' (each 1 to 15), not '0/6'",
        ),
        ("transitions: 5", "1:14: transitions must be a number from 1 to 3, like 1.5, not '5'"),
        ("transitions: yes", "1:14: transitions must be a number from 1 to 3, like 1.5, not 'yes'"),
        (
            "transitions: .nan",
            "1:14: transitions must be a number from 1 to 3, like 1.5, not '.nan'",
        ),
        (
            "remind_every: 2s",
            "1:15: remind_every must be a duration from 5s to 8h, "
            "like 50m, 1h or 1h30m, not '2s'",
        ),
        (
            "remind_every: 9h",
            "1:15: remind_every must be a duration from 5s to 8h, "
            "like 50m, 1h or 1h30m, not '9h'",
        ),
        (
            "remind_every: 50:00",
            "1:15: remind_every must be a duration from 5s to 8h, "
            "like 50m, 1h or 1h30m, not '50:00'",
        ),
        (
            "remind_routine: [a]",
            "1:17: remind_routine must be a routine's name or path, like desk-break, not a list",
        ),
        (
            "remind_routine: ' '",
            "1:17: remind_routine must be a routine's name or path, like desk-break, not ' '",
        ),
        (
            "remind_between: 9-5",
            "1:17: remind_between must be HH:MM-HH:MM local hours, like 09:00-17:30, not '9-5'",
        ),
        (
            "remind_between: {a: 1}",
            "1:17: remind_between must be HH:MM-HH:MM local hours, like 09:00-17:30, not a mapping",
        ),
        (
            "remind_days: weekdays",
            "1:14: remind_days must be weekdays like mon-fri or mon,wed,fri, not 'weekdays'",
        ),
    ],
)
def test_each_bad_value_is_its_own_message_at_its_value(text: str, message: str) -> None:
    """Every key's bad value: `path:line:col: message` naming the key, the key's default in
    the settings, and load_settings raising exactly that."""
    path = settings_file(text + "\n")
    read = read_settings()
    assert lines(read.problems) == [f"{path}:{message}"]
    assert not read.problems[0].warning
    assert read.settings == Settings()
    with pytest.raises(InputError):
        load_settings()


def test_several_problems_are_reported_at_once_in_file_order() -> None:
    """Errors and warnings together, each at its own place; the good keys still apply."""
    path = settings_file(
        "voice: flase\n"
        "voice_rate: 120\n"
        "transitions: 4\n"
        "ask_pian: true\n"
        "remind_every: 1h\n"
        "remind_days: mon-fri\n"
    )
    read = read_settings()
    assert lines(read.problems) == [
        f"{path}:1:8: voice must be true or false, not 'flase'",
        f"{path}:3:14: transitions must be a number from 1 to 3, like 1.5, not '4'",
        f"{path}:4:1: warning: unknown setting 'ask_pian' (ignored): did you mean 'ask_pain'?",
    ]
    assert read.settings == Settings(voice_rate=120, remind_every="1h", remind_days="mon-fri")
    with pytest.raises(InputError) as caught:
        load_settings()
    assert len(caught.value.problems) == 2  # the warning is not an error
    assert check_settings(path) == read.problems


def test_a_bad_remind_every_names_the_setting_not_the_option() -> None:
    """The reminder's interval from settings.yaml is blamed on settings.yaml, at its line."""
    path = settings_file("voice: true\n\nremind_every: often\n")
    (problem,) = read_settings().problems
    assert (problem.path, problem.line, problem.col) == (path, 3, 15)
    assert problem.message.startswith("remind_every must be a duration")
    assert "--every" not in str(problem)


def test_a_key_given_twice_is_an_error_at_the_second() -> None:
    """Which of the two was meant is unknown: an error at the second, and the default."""
    path = settings_file("voice_rate: 120\nvoice: false\nvoice_rate: 300\n")
    read = read_settings()
    assert lines(read.problems) == [
        f"{path}:3:1: 'voice_rate' is given twice (first on line 1): give it once"
    ]
    assert read.settings == Settings(voice=False)


def test_a_key_that_is_not_a_word() -> None:
    """`3: x` or `[a]: b` is no setting's name."""
    path = settings_file("3: x\nvoice: false\n")
    read = read_settings()
    assert lines(read.problems) == [f"{path}:1:1: a setting's name must be a plain word, not '3'"]
    assert read.settings == Settings(voice=False)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "voice: [true\n",
            "1:8: YAML: while parsing a flow sequence: did not find expected ',' or ']'",
        ),
        (
            "voice: true\n  ask_pain: false\n",
            "2:11: YAML: mapping values are not allowed in this context",
        ),
        ("\tvoice: true\n", "1:1: YAML: a tab is used for indentation; YAML needs spaces"),
        ("a: &x 1\nb: *x\n", "1:4: anchors and aliases (& and *) are not allowed"),
    ],
)
def test_bad_yaml_gives_line_and_column(text: str, message: str) -> None:
    """YAML that cannot be read: one error where it goes wrong, and the defaults."""
    path = settings_file(text)
    read = read_settings()
    assert (lines(read.problems), read.settings) == ([f"{path}:{message}"], Settings())


@pytest.mark.parametrize(
    ("text", "what"), [("- voice\n- true\n", "a list"), ("just text\n", "'just text'")]
)
def test_settings_must_be_a_mapping(text: str, what: str) -> None:
    """A list or a line of text is no settings file."""
    path = settings_file(text)
    assert lines(read_settings().problems) == [
        f"{path}:1:1: settings must be a mapping like 'record_history: false', not {what}"
    ]


def test_unreadable_files_are_problems_not_tracebacks(tmp_path: Path) -> None:
    """Binary, huge, not UTF-8, a directory: each one problem, the defaults, no exception."""
    cases = {
        "binary.yaml": (b"voice: \x00\x01", ": is a binary file, not text"),
        "huge.yaml": (b"# " + b"x" * 300_000, ": file is larger than 256 kB; refused"),
        "latin.yaml": (b"voice: true\nroutine: caf\xe9\n", ":2:13: is not UTF-8 text"),
    }
    for name, (data, message) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        read = read_settings(path)
        assert (lines(read.problems), read.settings) == ([f"{path}{message}"], Settings())
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    assert lines(read_settings(folder).problems) == [f"{folder}: is a directory, not a file"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_a_file_that_may_not_be_read(tmp_path: Path) -> None:
    """Permission denied is a problem, not a traceback."""
    path = tmp_path / FILE_NAME
    path.write_text("voice: false\n", encoding="utf-8")
    path.chmod(0)
    try:
        assert lines(read_settings(path).problems) == [f"{path}: permission denied"]
    finally:
        path.chmod(0o600)


def test_check_settings_reports_a_missing_file(tmp_path: Path) -> None:
    """`stretchtimer check` on a path that is not there says so (reading it is no problem)."""
    path = tmp_path / FILE_NAME
    assert lines(check_settings(path)) == [f"{path}: no such file"]
    assert read_settings(path) == SettingsRead(Settings(), [], path)
    path.write_text("voice: false\n", encoding="utf-8")
    assert check_settings(path) == []


_KEYS = strategies.sampled_from([*CHECKS, "voice_rat", "3", "- x", "? [a]"])
_VALUES = strategies.one_of(
    strategies.sampled_from(
        ["true", "no", "4/6", "1.5", "[hold, x]", "{a: 1}", "~", "'", "&a 1", "09:00-17:30"]
    ),
    strategies.text(max_size=12),
)


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    strategies.one_of(
        strategies.text(max_size=200),
        strategies.lists(strategies.tuples(_KEYS, _VALUES), max_size=8).map(
            lambda pairs: "".join(f"{k}: {v}\n" for k, v in pairs)
        ),
    )
)
def test_read_settings_never_raises(tmp_path: Path, text: str) -> None:
    """Whatever the file holds, read_settings returns Settings and problems with positions
    inside the file, and load_settings raises InputError only when there are errors."""
    path = tmp_path / FILE_NAME
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    read = read_settings(path)
    assert isinstance(read.settings, Settings)
    for problem in read.problems:
        assert problem.path == path
        assert problem.line is None or 1 <= problem.line <= text.count("\n") + 2
    try:
        load_settings(path)
    except InputError as exc:
        assert exc.problems == read.errors and read.errors
    else:
        assert not read.errors
