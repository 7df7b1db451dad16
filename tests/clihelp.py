"""Provides the command line run in this process: its exit code and what it printed, with a
session in plain mode on a fake clock."""

from __future__ import annotations

import io
import sys
from typing import Any

import pytest
from fakes import FakeClock

from stretchtimer import plain
from stretchtimer.cli import main
from stretchtimer.core.model import Plan
from stretchtimer.plain import run_plain


def cli(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> tuple[int, str, str]:
    """`stretchtimer ARGV` in this process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    code = main(argv)
    return code, out.getvalue(), err.getvalue()


def plain_run(
    monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> tuple[int, str, str, FakeClock]:
    """`stretchtimer ARGV --plain --mute` in this process, on a fake clock: (exit code, stdout,
    stderr, clock)."""
    clock = FakeClock()

    def on_fake_clock(plan: Plan, **kwargs: Any) -> int:
        return run_plain(plan, **kwargs, clock=clock, sleep=clock.advance)

    monkeypatch.setattr(plain, "run_plain", on_fake_clock)
    code, out, err = cli(monkeypatch, [*argv, "--plain", "--mute"])
    return code, out, err, clock


