"""Tests that nothing from a file is ever a command or an option: every program we start (the
speech engine, each WAV player, tmux, the terminal) gets hostile text as data, proved with
stand-ins that record their exact argv and stdin, and with real tmux, espeak-ng and systemd
where they are installed; the systemd unit is read back by a splitter written from systemd's
own documentation."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import time
import wave
from datetime import datetime
from pathlib import Path

import pytest
from conftest import write
from fakes import Clocks
from tmuxhelp import Tmux

from stretchtimer.cli import main
from stretchtimer.core.errors import InputError
from stretchtimer.remind.places import COMMON_TERMINALS, terminal_command, tmux_message, tmux_text
from stretchtimer.remind.service import systemd_unit
from stretchtimer.reminding import announce
from stretchtimer.runner.reminder import Reminder
from stretchtimer.sound.commands import CHOICE_ENV, CommandPlayer, choose
from stretchtimer.sound.speech import ENGINES, find_engine

HOSTILE = [
    "-x",
    "--help",
    "--",
    "-",
    "#(touch /tmp/stretchtimer-owned)",
    "#{pane_id} #S #H ##[x",
    "$(touch /tmp/stretchtimer-owned)",
    "`id`",
    "; rm -rf ~",
    "ends with;",
    "line\nbreak",
    "%h %% %",
    "$HOME ${HOME}",
    "\"double\" 'single'",
    "back\\slash",
    "tab\there\x01ctl",
    "[[rate 50]] [[inpt PHON]]",
    "",
]
"""Leading `-` and `--`, tmux formats, shell syntax, newlines, systemd specifiers, quotes."""
ROUTINE = "-x $(touch owned) `id`; #{pane_id} \"q\" 'q' %h ${HOME}\nnewline"
"""A routine name as hostile as a file name can be."""


def stand_in(folder: Path, name: str) -> Path:
    """An executable called `name` that records its argv ($0 first), NUL-separated, in
    folder/argv, and its stdin in folder/stdin."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    argv, stdin = shlex.quote(str(folder / "argv")), shlex.quote(str(folder / "stdin"))
    path.write_text(
        f"#!/bin/sh\nPATH=/usr/bin:/bin\nprintf '%s\\0' \"$0\" \"$@\" > {argv}\ncat > {stdin}\n"
    )
    path.chmod(0o755)
    return path


def recorded(folder: Path) -> list[str]:
    """The argv the stand-in in `folder` was last run with ($0 first); it is then forgotten."""
    log = folder / "argv"
    argv = log.read_bytes().split(b"\0")[:-1]
    log.unlink()
    return [os.fsdecode(a) for a in argv]


def no_control(text: str) -> str:
    return "".join(" " if ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 else c for c in text)


# -- the speech engines --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("espeak-ng", ["-b", "1", "-s", "190", "-w", "{wav}", "--stdin"]),
        ("espeak", ["-b", "1", "-s", "190", "-w", "{wav}", "--stdin"]),
        ("say", ["-r", "190", "-o", "{wav}", "--data-format=LEI16@22050", "-f", "-"]),
    ],
)
def test_a_phrase_reaches_the_speech_engine_on_stdin_never_as_an_option(
    name: str, args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every phrase goes on the engine's stdin, none on its command line (before: the last
    argument, so `--help` or `-x` was an option); control characters (espeak-ng's Ctrl-A starts
    an embedded command) are spaces, and for `say` `[[...]]` commands are broken up. The WAV
    is an absolute path, even when given as `-x.wav`."""
    folder = tmp_path / "bin"
    stand_in(folder, name)
    monkeypatch.setenv("PATH", str(folder))
    engine = find_engine(lambda n: n if n == name else None)
    assert engine is ENGINES[name]
    monkeypatch.chdir(tmp_path)
    for text in HOSTILE:
        engine.render(text, Path("-x.wav"), 190)
        argv = recorded(folder)
        assert argv[0] == str(folder / name)
        assert argv[1:] == [a.format(wav=tmp_path / "-x.wav") for a in args]
        said = (folder / "stdin").read_text(encoding="utf-8")
        expected = no_control(text)
        assert said == (expected.replace("[[", "[ [") if name == "say" else expected)


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("espeak-ng"), reason="espeak-ng is not installed")
def test_real_espeak_ng_speaks_an_option_like_phrase_as_words(tmp_path: Path) -> None:
    """The real engine says `-x --version` (before: an invalid option, and no WAV), the same
    audio as `espeak-ng -- "-x --version"`; a Ctrl-A in a phrase does not change the speed."""
    engine = ENGINES["espeak-ng"]
    for n, (text, plain) in enumerate(
        [("-x --version", "-x --version"), ("hello \x0120S world", "hello  20S world")]
    ):
        ours, reference = tmp_path / f"ours{n}.wav", tmp_path / f"ref{n}.wav"
        engine.render(text, ours, 190)
        subprocess.run(
            ["espeak-ng", "-b", "1", "-s", "190", "-w", str(reference), "--", plain],
            check=True, timeout=30, capture_output=True,
        )
        with wave.open(str(ours)) as w:
            assert w.getnframes() > 1000
        assert ours.read_bytes() == reference.read_bytes()


# -- the WAV players -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("program", "before"), [("pw-play", []), ("paplay", []), ("aplay", ["--quiet"])]
)
def test_each_player_gets_our_arguments_then_the_absolute_wav(
    program: str, before: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pw-play, paplay and aplay get our arguments, then the WAV as one absolute argument,
    whatever its name: `-x $(touch owned) ...wav` given relative is `/.../-x $(touch ...`."""
    folder = tmp_path / "bin"
    stand_in(folder, program)
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.chdir(tmp_path)
    name = "-x $(touch owned) `id`; #{pane_id} 'q' %h.wav"
    player = CommandPlayer(program)
    player.play(Path(name))
    assert player._last is not None and player._last.wait(timeout=10) == 0
    assert recorded(folder) == [str(folder / program), *before, str(tmp_path / name)]
    assert not (tmp_path / "owned").exists()


def test_stretchtimer_player_is_one_program_never_split_never_a_shell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """STRETCHTIMER_PLAYER names one program, the whole value: `my player; touch owned` runs
    the file of that very name with the WAV; `aplay --quiet` (no such file) and `$(touch
    owned)` are no player at all (the bell), nothing split, no shell; `-x` is a program name,
    never an option."""
    folder = tmp_path / "bin"
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.chdir(tmp_path)
    stand_in(folder, "aplay")
    wav = tmp_path / "chime.wav"
    for value in ("my player; touch owned", "-x"):
        stand_in(folder, value)
        assert choose({CHOICE_ENV: value}, "gstreamer") == value
        player = CommandPlayer(value)
        player.play(wav)
        assert player._last is not None and player._last.wait(timeout=10) == 0
        assert recorded(folder) == [str(folder / value), str(wav)]
    for value in ("aplay --quiet", "$(touch owned)", "aplay;touch owned", "`touch owned`"):
        assert choose({CHOICE_ENV: value}, "gstreamer") == ""
    assert not (tmp_path / "owned").exists() and not (folder / "argv").exists()


# -- tmux ----------------------------------------------------------------------------------


def test_tmux_gets_the_message_escaped_and_never_as_an_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """display-message gets text tmux shows as it is (before: `#(...)` ran a shell command,
    `#{...}` and `%H` were expanded, `-x` was an option, a trailing `;` ended the command): `%`
    doubled for strftime, a run of `#` four times over (twice before `[`), a message that
    starts with `-` after `--`, a trailing `;` as `\\;`, control characters as spaces."""
    folder = tmp_path / "bin"
    stand_in(folder, "tmux")
    monkeypatch.setenv("PATH", str(folder))
    env = {"TMUX": "/tmp/tmux-1/default,1,0"}
    cases = {
        "-x --help": ["--", "-x --help"],
        "--": ["--", "--"],
        "#(touch /tmp/owned)": ["####(touch /tmp/owned)"],
        "#{pane_id} #S ## #": ["####{pane_id} ####S ######## ####"],
        "#[fg=red] ##[x": ["##[fg=red] ####[x"],
        "%H %% %": ["%%H %%%% %%"],
        "ends with;": ["ends with\\;"],
        "ends with\\;": ["ends with\\\\;"],
        "line\nbreak\t\x01": ["line break  "],
        "$(touch owned) `id` ; 'q' \"q\"": ["$(touch owned) `id` ; 'q' \"q\""],
        "stretchtimer: Time for a stretch break: -x": [
            "stretchtimer: Time for a stretch break: -x"
        ],
    }
    for text, message in cases.items():
        assert tmux_message(text, env)
        assert recorded(folder) == [str(folder / "tmux"), "display-message", "-d", "10000",
                                    *message]
    assert not (tmp_path / "owned").exists()


def _status_line(outer: Tmux, expected: str, timeout: float = 3.0) -> str:
    """The inner client's bottom line, as soon as it shows `expected` (or at the timeout)."""
    deadline = time.monotonic() + timeout
    line = ""
    while time.monotonic() < deadline:
        line = outer("capture-pane", "-p", "-t", "t").rstrip("\n").split("\n")[-1].rstrip()
        if line == expected:
            break
        time.sleep(0.02)
    return line


@pytest.mark.slow(seconds=2)
@pytest.mark.skipif(not shutil.which("tmux"), reason="tmux is not installed")
def test_real_tmux_shows_hostile_text_as_it_is_and_runs_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tmux server of our own, with a client attached inside a second one so its status line
    can be read: every hostile message, and a due break for a routine called `#(touch owned)
    #{pane_id}`, is shown exactly as written (control characters as spaces); nothing runs.
    Controls: the same `#(touch ...)` unescaped does create its file, and `#{session_name}`
    unescaped shows the session's name (a command client that stays a moment, as tmux kills
    its jobs when the client goes, makes the control certain)."""
    inner, outer = Tmux(tmp_path / "in.sock"), Tmux(tmp_path / "out.sock")
    inner("-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "220", "-y", "5", "sleep 60")
    outer("-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "220", "-y", "5",
          f"env -u TMUX tmux -S {shlex.quote(inner.socket)} attach -t t")
    try:
        deadline = time.monotonic() + 10
        while not inner("list-clients").strip() and time.monotonic() < deadline:
            time.sleep(0.02)
        pid = inner("display-message", "-p", "#{pid}").strip()
        monkeypatch.setenv("TMUX", f"{inner.socket},{pid},0")
        owned = tmp_path / "owned"
        messages = [*HOSTILE[:-1], f"#(touch {owned}) %H ;", "1:# 2:## 3:### 5:#####[ 6:#["]
        for text in messages:
            assert tmux_message(text)
            expected = no_control(text).rstrip()
            assert _status_line(outer, expected) == expected, repr(text)
        reminder = Reminder(Clocks(datetime(2026, 11, 24, 10)).schedule(60),
                            f"#(touch {owned}) #{{pane_id}}", "1m", None)
        announce(reminder)
        expected = f"stretchtimer: Time for a stretch break: #(touch {owned}) #{{pane_id}}"
        assert _status_line(outer, expected) == expected
        env = {**os.environ, "TMUX": f"{inner.socket},{pid},0"}

        def held(message: str) -> None:
            subprocess.run(["tmux", "display-message", "-d", "10000", message, ";",
                            "run-shell", "sleep 0.2"], env=env, timeout=10, check=True)

        held(tmux_text(f"#(touch {owned})"))
        control = tmp_path / "control"
        held(f"#(touch {control})")
        assert control.exists()
        subprocess.run(["tmux", "display-message", "-d", "10000", "#{session_name}"], env=env,
                       timeout=10, check=True)
        assert _status_line(outer, "t") == "t"
        time.sleep(0.5)  # with the 0.4 s above: a second for any job to have run
        assert not owned.exists()
    finally:
        outer("kill-server")
        inner("kill-server")


# -- the terminal --------------------------------------------------------------------------

BEFORE_COMMAND = {
    "x-terminal-emulator": ["-e"], "gnome-terminal": ["--"], "konsole": ["-e"],
    "xfce4-terminal": ["-x"], "kitty": ["-e"], "alacritty": ["-e"], "wezterm": ["start", "--"],
    "foot": ["-e"], "terminator": ["-x"], "xterm": ["-e"],
}
"""How each terminal takes a command as argv (xfce4-terminal's and terminator's `-e` take one
string: `-x` takes the rest)."""


def test_every_terminal_runs_the_routine_command_as_argv(tmp_path: Path) -> None:
    """Each terminal we know is started with the command's own argv, a hostile routine name
    one element of it (before: xfce4-terminal and terminator got `-e` and one word of it, tilix
    a `--` it does not read); tilix, which rebuilds one string from an argv quoting only the
    arguments with a space, gets that string quoted by us, which splits back (GLib's
    g_shell_parse_argv quotes as the shell does, no expansion) to the same argv."""
    command = ["/usr/bin/python3", "-m", "stretchtimer", "run", ROUTINE]
    assert set(BEFORE_COMMAND) | {"tilix"} == {"x-terminal-emulator", *COMMON_TERMINALS}
    for name in ("x-terminal-emulator", *COMMON_TERMINALS):
        folder = tmp_path / name
        stand_in(folder, name)
        argv = terminal_command(command, {"PATH": str(folder)})
        assert argv is not None
        subprocess.run(argv, stdin=subprocess.DEVNULL, check=True, timeout=10, cwd=tmp_path)
        got = recorded(folder)
        assert got[0] == str(folder / name)
        if name == "tilix":
            assert got[1] == "-e" and len(got) == 3 and shlex.split(got[2]) == command
        else:
            assert got[1:] == [*BEFORE_COMMAND[name], *command], name
    assert not (tmp_path / "owned").exists()


def test_terminal_is_one_program_never_split_never_a_shell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """$TERMINAL names one program, the whole value: `my term; touch owned` runs the file of
    that very name; `xterm -hold` and `$(touch owned)` name no file, so the next terminal
    found is used, and nothing is split; `-e` found through a relative PATH is run by its
    absolute path, never as an option."""
    folder = tmp_path / "bin"
    stand_in(folder, "xterm")
    command = ["/usr/bin/stretchtimer", "run", ROUTINE]
    cases = {
        "my term; touch owned": folder / "my term; touch owned",
        "-e": folder / "-e",
        "xterm -hold": folder / "xterm",
        "$(touch owned)": folder / "xterm",
    }
    monkeypatch.chdir(folder)
    for value, program in cases.items():
        stand_in(folder, program.name)
        for path in (str(folder), "."):
            argv = terminal_command(command, {"PATH": path, "TERMINAL": value})
            assert argv == [str(program), "-e", *command]
            subprocess.run(argv, stdin=subprocess.DEVNULL, check=True, timeout=10)
            assert recorded(folder) == argv
    assert not (folder / "owned").exists() and not (tmp_path / "owned").exists()


# -- the systemd unit ----------------------------------------------------------------------

_C_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
              "\\": "\\", '"': '"', "'": "'", "s": " "}
_HEX = {"x": 2, "u": 4, "U": 8}


def _specifiers(line: str) -> str:
    """systemd.unit(5), Specifiers, expanded over the whole line first: `%%` is `%`; any other
    would have been replaced by systemd, so it fails here."""
    out, i = [], 0
    while i < len(line):
        if line[i] == "%":
            assert line[i + 1 : i + 2] == "%", f"a specifier %{line[i + 1 : i + 2]} in {line!r}"
            i += 1
        out.append(line[i])
        i += 1
    return "".join(out)


def _escape(text: str, i: int) -> tuple[str, int]:
    """The C escape at text[i] (a backslash): systemd.syntax(7), Quoting, Table 1. `\\xNN` is
    a byte: one above 0x7f is a lone surrogate, as Python decodes a name that is not UTF-8."""
    c = text[i + 1]
    if c in _C_ESCAPES:
        return _C_ESCAPES[c], i + 2
    if c in _HEX:
        code = int(text[i + 2 : i + 2 + _HEX[c]], 16)
        if c == "x" and code >= 0x80:
            code += 0xDC00
        return chr(code), i + 2 + _HEX[c]
    assert c in "01234567", f"an unknown escape \\{c}"
    return chr(int(text[i + 1 : i + 4], 8)), i + 4


def _words(line: str) -> list[str]:
    """The words, as systemd.syntax(7) Quoting says: separated by whitespace; a word that
    starts with a quote runs to the matching quote, which whitespace or the end must follow;
    C escapes in and out of quotes. An unquoted lone `;` would separate two commands."""
    words, i = [], 0
    while i < len(line):
        if line[i] in " \t":
            i += 1
            continue
        assert not (line[i] == ";" and line[i + 1 : i + 2] in ("", " ")), "a lone ;"
        quote = line[i] if line[i] in "\"'" else ""
        i += bool(quote)
        word = []
        while i < len(line) and (line[i] != quote if quote else line[i] not in " \t"):
            if line[i] == "\\":
                char, i = _escape(line, i)
                word.append(char)
            else:
                word.append(line[i])
                i += 1
        if quote:
            assert i < len(line), "an unclosed quote"
            i += 1
            assert line[i : i + 1] in ("", " ", "\t"), "text after a closing quote"
        words.append("".join(word))
    return words


def _variables(word: str) -> str:
    """systemd.service(5), Command lines: in the arguments `$$` is `$`; `$VAR` and `${VAR}`
    would be replaced by systemd, so they fail here."""
    assert "$" not in word.replace("$$", ""), f"a variable in {word!r}"
    return word.replace("$$", "$")


def systemd_argv(unit: str) -> list[str]:
    """The argv systemd runs for the unit's one ExecStart= line."""
    (line,) = [ln for ln in unit.split("\n") if ln.startswith("ExecStart=")]
    program, *args = _words(_specifiers(line.removeprefix("ExecStart=")))
    return [program, *map(_variables, args)]


UNIT_ARGS = [
    "a%h", "%%", "%", "$HOME", "${HOME}", "$$", "a b", '"q"', "'q'", "back\\slash",
    "line\nbreak", "\n[Service]\nExecStartPre=/bin/touch /tmp/owned", ";", "\\;", "-x", "--",
    "", "tab\tx", "\x01\x7f", "\x85", "\udcff", "é ✓", "#(touch x)", "-e ;",
]


def test_the_unit_runs_exactly_our_argv_whatever_the_arguments() -> None:
    """ExecStart= read back as systemd reads it gives exactly our argv (before: shlex quoting,
    so `%h` was the home folder, `$HOME` expanded, a newline added a directive): `%` is `%%`,
    `$` is `$$` in the arguments (systemd takes the program's path as it is), quotes,
    backslashes and control characters are escaped; the unit has its own lines only."""
    program = ["/opt/we%h $HOME ;#/bin/python3", "-m", "stretchtimer"]
    unit = systemd_unit(program, UNIT_ARGS)
    assert systemd_argv(unit) == [*program, "remind", "--desktop", *UNIT_ARGS]
    assert [ln.partition("=")[0] for ln in unit.split("\n")] == [
        "[Unit]", "Description", "PartOf", "After", "", "[Service]", "ExecStart", "Restart",
        "RestartSec", "", "[Install]", "WantedBy", "",
    ]
    for bad in ("relative/python", "-/usr/bin/python", "@/bin/x", '/a"b', "/a'b", "/a\\b",
                "/a\nb", ""):
        with pytest.raises(InputError):
            systemd_unit([bad], [])


def test_print_service_with_a_hostile_routine_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`remind --print-service --routine PATH`, PATH in a folder called `we%h $HOME;#"q"`:
    the unit runs the routine at that very path."""
    routine = write(tmp_path / 'we%h $HOME;#"q" \\', "tiny.yaml",
                    "title: Tiny\nsteps:\n  - exercise: knee-to-chest\n    variant: double\n"
                    "    hold: 2\n")
    assert main(["remind", "--print-service", "--routine", str(routine)]) == 0
    argv = systemd_argv(capsys.readouterr().out)
    assert f"--routine={routine}" in argv


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is missing")
def test_systemd_itself_finds_the_program_at_a_hostile_path(tmp_path: Path) -> None:
    """systemd-analyze verify, which resolves the program's path as systemd would before
    running it, finds a program in a folder called `we%h $HOME ;#{x}` (control: the same unit
    with `%%` written `%` names a program under the home folder, which is not there)."""
    folder = tmp_path / "we%h $HOME ;#{x}"
    write(folder, "stretchtimer", "#!/bin/sh\n").chmod(0o755)
    unit = systemd_unit([str(folder / "stretchtimer")], UNIT_ARGS)
    good, bad = tmp_path / "good.service", tmp_path / "bad.service"
    good.write_text(unit, encoding="utf-8")
    bad.write_text(unit.replace("%%h", "%h"), encoding="utf-8")

    def verify(path: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["systemd-analyze", "verify", "--man=no", "--generators=no",
                               str(path)], capture_output=True, text=True, timeout=30)

    done = verify(good)
    if "Failed to initialize manager" in done.stderr:
        pytest.skip(f"systemd-analyze cannot run here: {done.stderr.strip()}")
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert verify(bad).returncode != 0
