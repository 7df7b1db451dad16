"""Provides the zones of a session (green, amber, red) by its pain scores against the region's
baseline (the usual first score of a day), and whether an amber settled by the next morning."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from stretchtimer.core.records import MorningCheck, SessionRecord

WINDOW = 7
"""The baseline is the median first score of this many days with data (the last ones)."""
REAL = 2
"""A change of this many points or more is real (1 is noise)."""
RED_RISE = 4
"""A rise of this many points or more over the reference is red."""
RED_AFTER = 6
"""A score after of this or more is red (unless it came down from a higher reference)."""
AMBER_AFTER = 4
"""A score after of this or more is amber."""
SETTLED_MOST = 3
"""With neither baseline nor reference, a next-morning score up to this counts as settled."""


class Zone(StrEnum):
    """How a session went, by its pain scores."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"


class Settling(StrEnum):
    """Whether an amber session's pain went back to usual by the next morning."""

    SETTLED = "settled"
    NOT_SETTLED = "not-settled"
    UNKNOWN = "unknown"


def median(values: Sequence[int]) -> float:
    """The median (the mean of the two middle ones for an even count); values not empty."""
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[mid])
    return (ordered[mid - 1] + ordered[mid]) / 2


@dataclass(frozen=True)
class RegionScores:
    """One region's first score of every day with data, in day order."""

    days: tuple[date, ...] = ()
    """The days with a first score, ascending."""
    scores: tuple[int, ...] = ()
    """Each day's first score."""

    def on(self, day: date) -> int | None:
        """The first score of `day`, or None when it has none."""
        i = bisect_left(self.days, day)
        return self.scores[i] if i < len(self.days) and self.days[i] == day else None

    def baseline(self, day: date) -> float | None:
        """The median first score of the last WINDOW days with data strictly before `day`."""
        i = bisect_left(self.days, day)
        window = self.scores[max(0, i - WINDOW) : i]
        return median(window) if window else None

    def as_dict(self) -> dict[date, int]:
        """{day: first score}."""
        return dict(zip(self.days, self.scores, strict=True))


@dataclass(frozen=True)
class Judged:
    """A session with its zone, as the coach reads it."""

    record: SessionRecord
    """The session."""
    zone: Zone | None
    """Its zone, or None when unknown (no score after, and not stopped for pain)."""
    reference: float | None
    """The score it is measured against: pain before, else the baseline of its day."""
    settling: Settling | None = None
    """For an amber, whether it settled by the next morning; None for the other zones."""

    @property
    def effective(self) -> Zone | None:
        """The zone that counts: an amber that did not settle counts as red."""
        if self.zone is Zone.AMBER and self.settling is Settling.NOT_SETTLED:
            return Zone.RED
        return self.zone


def zone_of(record: SessionRecord, reference: float | None) -> Zone | None:
    """The session's zone measured against `reference` (None: no reference)."""
    if record.stopped_for_pain:
        return Zone.RED
    after = record.pain_after
    if after is None:
        return None
    rise = None if reference is None else after - reference
    if rise is not None and rise >= RED_RISE:
        return Zone.RED
    if after >= RED_AFTER:
        improved = rise is not None and rise <= -REAL
        return Zone.AMBER if improved else Zone.RED
    if after >= AMBER_AFTER or (rise is not None and rise >= REAL):
        return Zone.AMBER
    return Zone.GREEN


def _session_score(record: SessionRecord) -> int | None:
    """The first score a session gave: pain before, else pain after."""
    return record.pain_before if record.pain_before is not None else record.pain_after


def _earliest(
    found: dict[tuple[str, date], tuple[datetime, int]], key: tuple[str, date], at: datetime,
    score: int,
) -> None:
    """Keep the earlier of the score found so far for `key` and this one."""
    seen = found.get(key)
    if seen is None or at < seen[0]:
        found[key] = (at, score)


class Judge:
    """Judges sessions against one history; every region's first scores are found once, so
    that each baseline after is a binary search."""

    def __init__(
        self,
        records: Iterable[SessionRecord],
        checks: Iterable[MorningCheck],
        days: Sequence[date] | None = None,
    ) -> None:
        """`days`, when given, are the records' local days, in order (saves finding them)."""
        records = list(records)
        local = days if days is not None else [r.day for r in records]
        sessions: dict[tuple[str, date], tuple[datetime, int]] = {}
        for record, day in zip(records, local, strict=True):
            score = _session_score(record)
            if record.region is not None and score is not None:
                _earliest(sessions, (record.region, day), record.started, score)
        mornings: dict[tuple[str, date], tuple[datetime, int]] = {}
        for check in checks:
            if check.score is not None:
                _earliest(mornings, (check.region, check.day), check.at, check.score)
        first = {key: score for key, (_, score) in sessions.items()}
        first.update({key: score for key, (_, score) in mornings.items()})
        rows: dict[str, list[tuple[date, int]]] = {}
        for (region, day), score in sorted(first.items()):
            rows.setdefault(region, []).append((day, score))
        self._regions = {
            region: RegionScores(tuple(d for d, _ in row), tuple(s for _, s in row))
            for region, row in rows.items()
        }
        self._mornings = {key: score for key, (_, score) in mornings.items()}

    def regions(self) -> tuple[str, ...]:
        """The regions with any score, sorted."""
        return tuple(sorted(self._regions))

    def scores(self, region: str | None) -> RegionScores:
        """A region's first scores (none for an unknown region)."""
        return self._regions.get(region or "", RegionScores())

    def baseline(self, region: str | None, day: date) -> float | None:
        """The region's baseline as of `day`."""
        return self.scores(region).baseline(day)

    def morning(self, region: str | None, day: date) -> int | None:
        """The first answered morning check of `day` for the region, or None."""
        return self._mornings.get((region or "", day))

    def reference(self, record: SessionRecord, day: date | None = None) -> float | None:
        """Pain before, else the baseline as of the session's day (`day`, when known)."""
        if record.pain_before is not None:
            return float(record.pain_before)
        return self.baseline(record.region, day or record.day)

    def settling(
        self, record: SessionRecord, reference: float | None, day: date | None = None
    ) -> Settling:
        """Whether the session's pain was back within 1 of usual at the next morning's check."""
        day = day or record.day
        score = self.morning(record.region, day + timedelta(days=1))
        if score is None:
            return Settling.UNKNOWN
        usual = self.baseline(record.region, day)
        usual = reference if usual is None else usual
        most = SETTLED_MOST if usual is None else usual + (REAL - 1)
        return Settling.SETTLED if score <= most else Settling.NOT_SETTLED

    def judge(self, record: SessionRecord, day: date | None = None) -> Judged:
        """The session judged (`day`: its local day, when known)."""
        day = day or record.day
        ref = self.reference(record, day)
        zone = zone_of(record, ref)
        settling = self.settling(record, ref, day) if zone is Zone.AMBER else None
        return Judged(record, zone, ref, settling)


def first_scores(
    records: Iterable[SessionRecord], checks: Iterable[MorningCheck], region: str
) -> dict[date, int]:
    """{day: the region's first score that day} (build a Judge for many questions)."""
    return Judge(records, checks).scores(region).as_dict()


def baseline(
    records: Iterable[SessionRecord], checks: Iterable[MorningCheck], region: str, day: date
) -> float | None:
    """The region's baseline as of `day`: the median first score of the last 7 days with data
    before it, or None when there are none."""
    return Judge(records, checks).baseline(region, day)


def reference(
    record: SessionRecord, records: Iterable[SessionRecord], checks: Iterable[MorningCheck]
) -> float | None:
    """The session's reference: its pain before, else the baseline as of its day."""
    return Judge(records, checks).reference(record)


def judge(
    record: SessionRecord, records: Iterable[SessionRecord], checks: Iterable[MorningCheck]
) -> Judged:
    """The session judged against the history (build a Judge to judge many)."""
    return Judge(records, checks).judge(record)
