"""Provides the exit codes every way of leaving the program ends with."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What the process tells its caller."""

    OK = 0
    """Done: a routine complete, or a command that worked."""
    PAIN = 1
    """The user stopped a session because it hurt."""
    USAGE = 2
    """A usage or input error (one clear line on stderr)."""
    QUIT = 3
    """The user quit a session before its end."""
    DOCTOR = 4
    """`doctor` found something that does not work."""
    INTERRUPTED = 130
    """Ctrl+C (a signal N gives 128 + N)."""
    BROKEN_PIPE = 141
    """The output was closed (`| head -2`): as a process ended by SIGPIPE."""
