"""Provides the systemd user unit that starts reminders with the desktop session."""

from __future__ import annotations

import re

from stretchtimer.core.errors import InputError

UNIT_NAME = "stretchtimer-remind.service"
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
"""The C escapes systemd unquotes inside a double-quoted word (systemd.syntax(7), Quoting)."""
_REFUSED_IN_PROGRAM = "\"'\\"
"""Characters systemd refuses in the program's path ("Executable name contains special
characters"), however they are escaped; control characters too."""
_BARE = re.compile(r"[A-Za-z0-9_./:=+,@-]+")
"""A word made only of these means itself to systemd as it is, unquoted."""


def _escaped(c: str, program: bool) -> str:
    """One character of a word (see systemd_word)."""
    code = ord(c)
    if c in _ESCAPES:
        return _ESCAPES[c]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, as Python decodes it
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x20 or code == 0x7F:
        return f"\\x{code:02x}"
    if 0x80 <= code < 0xA0:  # \xNN would be that raw byte: these are characters
        return f"\\u{code:04x}"
    if c == "%" or (c == "$" and not program):
        return c * 2
    return c


def systemd_word(arg: str, program: bool = False) -> str:
    """One argument of a command line in a unit (systemd.service(5), Command lines), as data:
    in double quotes, so spaces and a lone `;` are part of it; `\\` and `"` escaped, and every
    control character too (a raw newline would end the line and start a directive of its own:
    `\\n` is a newline inside the argument); `%` as `%%` (systemd expands its `%` specifiers,
    `%h` the home folder, before it unquotes); `$` as `$$` in an argument (systemd expands
    `$VAR` and `${VAR}` in the arguments, not in the program's path, which it takes as it is).
    A byte that is not UTF-8 (a lone surrogate in Python) is `\\xNN`. A word of letters,
    digits and `_./:=+,@-` only is left bare, as systemd's own units write them."""
    if _BARE.fullmatch(arg):
        return arg
    return '"' + "".join(_escaped(c, program) for c in arg) + '"'


def systemd_command(argv: list[str]) -> str:
    """A whole command line for ExecStart=, every argument one word (see systemd_word). The
    program must be an absolute path (systemd reads a leading `-`, `@`, `:`, `+` or `!` of the
    first word, even quoted, as a prefix that changes how it is run) without a quote, a
    backslash or a control character (systemd refuses them there): else an InputError."""
    program = argv[0] if argv else ""
    if not program.startswith("/") or any(
        c in _REFUSED_IN_PROGRAM or ord(c) < 0x20 or ord(c) == 0x7F for c in program
    ):
        raise InputError.single(
            program, "systemd cannot run this program: it needs an absolute path without "
            "quotes, backslashes or control characters"
        )
    return " ".join([systemd_word(program, program=True), *map(systemd_word, argv[1:])])


def systemd_unit(
    program: list[str], args: list[str], env: dict[str, str] | None = None
) -> str:
    """The unit: `stretchtimer remind --desktop ...` (`program`: how to run stretchtimer)
    started with the graphical session and restarted if it fails; `env`: variables it runs
    with (STRETCHTIMER_HOME, so the service reads the same settings and history)."""
    command = systemd_command([*program, "remind", "--desktop", *args])
    # Environment= expands `%` specifiers but not `$` (systemd.exec): quoted as a program is
    environment = [
        f"Environment={systemd_word(f'{name}={value}', program=True)}"
        for name, value in (env or {}).items()
    ]
    return "\n".join(
        [
            "[Unit]",
            "Description=stretchtimer: a stretch break every so often",
            "PartOf=graphical-session.target",
            "After=graphical-session.target",
            "",
            "[Service]",
            *environment,
            f"ExecStart={command}",
            "Restart=on-failure",
            "RestartSec=30",
            "",
            "[Install]",
            "WantedBy=graphical-session.target",
            "",
        ]
    )
