"""Provides a pace of breathing: seconds in and out, what each breath does, which comes first."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Pace:
    """Breathing in and out, in seconds: a flow's pace, or a hold's breathing guide."""

    inhale: int
    """Seconds breathing in."""
    exhale: int
    """Seconds breathing out."""
    in_label: str = ""
    """What the body does breathing in (`Cow: belly sinks`), or empty."""
    out_label: str = ""
    """What the body does breathing out (`Cat: back rounds`), or empty."""
    first: str = "in"
    """The breath a cycle starts with: `out` where the movement starts breathing out (a
    pelvic tilt, a chin tuck), else `in`."""

    @property
    def cycle(self) -> int:
        """Seconds of one breath, in and out."""
        return self.inhale + self.exhale

    def in_order(self) -> tuple[tuple[str, int, str], tuple[str, int, str]]:
        """((`in`, seconds, label), (`out`, seconds, label)) in the order a cycle does them."""
        both = (("in", self.inhale, self.in_label), ("out", self.exhale, self.out_label))
        return (both[1], both[0]) if self.first == "out" else both

    def phase_at(self, into: float) -> tuple[str, float]:
        """(`in` or `out`, how far through that breath 0..1) `into` seconds into a cycle."""
        (one, first_len, _), (two, second_len, _) = self.in_order()
        if into < first_len:
            return one, into / first_len
        return two, min(1.0, (into - first_len) / second_len)

    def text(self) -> str:
        """`4/6`."""
        return f"{self.inhale}/{self.exhale}"
