"""Provides `r` on the screens that ask how much it hurts, for a routine that works two
regions: the question turns to the other region, and the app keeps the pick."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen

from stretchtimer.present.progress_words import region_name
from stretchtimer.ui.messages import RegionPicked
from stretchtimer.ui.widgets.pain_score import PainScore

REGION_BINDING = Binding("r", "other_region", "Other region")


def other_hint(region: str) -> str:
    """`r: ask about your neck and shoulders instead`."""
    return f"r: ask about your {region_name(region).lower()} instead"


class RegionPick(Screen[None]):
    """The screen's half of `r`: `regions` (more than one to pick), the one asked about."""

    regions: tuple[str, ...] = ()
    asked_region: str = ""

    def next_region(self) -> str:
        at = self.regions.index(self.asked_region) if self.asked_region in self.regions else -1
        return self.regions[(at + 1) % len(self.regions)]

    def can_pick(self) -> bool:
        found = self.query(PainScore)
        return len(self.regions) > 1 and bool(found) and found.first().score is None

    def action_other_region(self) -> None:
        """Ask about the next region the routine works, and say which comes after it."""
        if not self.can_pick():
            return
        self.asked_region = self.next_region()
        self.query_one(PainScore).ask_about(self.asked_region)
        for hint in self.query("#pain-region-hint"):
            hint.update(other_hint(self.next_region()))  # type: ignore[attr-defined]
        self.post_message(RegionPicked(self.asked_region))
