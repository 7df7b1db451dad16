"""Provides the systemd user unit that starts reminders with the desktop session."""

from __future__ import annotations

import shlex

UNIT_NAME = "stretchtimer-remind.service"


def systemd_unit(program: list[str], args: list[str]) -> str:
    """The unit: `stretchtimer remind --desktop ...` (`program`: how to run stretchtimer)
    started with the graphical session and restarted if it fails."""
    command = shlex.join([*program, "remind", "--desktop", *args])
    return "\n".join(
        [
            "[Unit]",
            "Description=stretchtimer: a stretch break every so often",
            "PartOf=graphical-session.target",
            "After=graphical-session.target",
            "",
            "[Service]",
            f"ExecStart={command}",
            "Restart=on-failure",
            "RestartSec=30",
            "",
            "[Install]",
            "WantedBy=graphical-session.target",
            "",
        ]
    )
