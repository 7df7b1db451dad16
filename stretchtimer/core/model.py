"""Provides the frozen dataclasses the core passes around: exercises, routines, plans."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from stretchtimer.core.figure_spec import FigureSpec
from stretchtimer.core.pace import Pace as Pace


class Side(StrEnum):
    """Which side of the body a hold is for."""

    LEFT = "left"
    RIGHT = "right"

    @property
    def other(self) -> Side:
        """The opposite side."""
        return Side.RIGHT if self is Side.LEFT else Side.LEFT


class Sides(StrEnum):
    """Which sides a step is done on (`sides:` in a routine or an article)."""

    BOTH = "both"
    LEFT = "left"
    RIGHT = "right"
    NONE = "none"


@dataclass(frozen=True)
class Mistake:
    """One entry of an article's Common Mistakes."""

    title: str
    """The mistake's name, without its number."""
    problem: str = ""
    """What goes wrong."""
    fix: str = ""
    """How to put it right."""


POSITIONS = (
    "standing", "seated", "kneeling", "all-fours", "lying-back", "lying-front", "side-lying",
)
"""The body positions an article may declare (DESIGN section 2), highest first."""


@dataclass(frozen=True)
class Section:
    """A part of an article kept whole for reading (When to Use, Programming, FAQ, ...)."""

    title: str
    """Its heading as written."""
    lines: tuple[str, ...] = ()
    """Its paragraphs as plain text, list items as `- item`."""
    parts: tuple[Section, ...] = ()
    """Its subsections (`### Morning` under `## When to Use`), in order."""


@dataclass(frozen=True)
class Variant:
    """One way of doing an exercise (a `### Variant` under `## How to ...`)."""

    id: str
    """Slug of the heading (`single-knee-to-chest`), or `default` when unnamed."""
    name: str
    """The heading as written, or empty for an unnamed variant."""
    starting_position: tuple[str, ...] = ()
    """The numbered steps to get into position."""
    steps: tuple[str, ...] = ()
    """The numbered steps of the movement."""
    hold: int | None = None
    """Suggested hold in seconds (frontmatter `hold`, else read from the steps)."""
    sides: Sides | None = None
    """Suggested sides (frontmatter `sides`, else `both` when a step says to switch)."""
    left: str = ""
    """What the left side means (`**Left side:** your left knee comes in`), or empty."""
    right: str = ""
    """What the right side means, or empty (then it is made from `left`)."""
    position: str | None = None
    """The body position (one of POSITIONS), or None when the article does not say."""
    equipment: tuple[str, ...] = ()
    """What it needs (`mat`, `cushion`), as the article's frontmatter names it."""
    flow: Pace | None = None
    """Done as a flow paced by breath (frontmatter `flow:`), with its labels and pace."""
    hold_min: int | None = None
    """The shortest sensible hold (frontmatter `hold: {min: 20, max: 45}`), for fitting."""
    hold_max: int | None = None
    """The longest sensible hold, for fitting."""
    easier: str | None = None
    """The id of an easier variant of the same exercise (frontmatter), offered after pain."""
    harder: str | None = None
    """The id of a harder variant of the same exercise (frontmatter `harder:`), the coach's
    last step when it suggests progress."""
    figure: FigureSpec | None = None
    """Its stick figure (frontmatter `figure:`, the variant's own or the article's), or None."""
    mistakes: tuple[str, ...] | None = None
    """The titles of the article's Common Mistakes that concern this variant (frontmatter
    `variants: {ID: {mistakes: [...]}}`); None: all of them."""
    modifications: tuple[str, ...] | None = None
    """The article's modifications that fit this variant (by their leading words); None: all."""


@dataclass(frozen=True)
class Exercise:
    """An exercise article, as written."""

    id: str
    """The file's stem."""
    title: str
    """The H1, or frontmatter `title` when there is none."""
    path: Path
    """Where the article was read from."""
    summary: str = ""
    """The `At a Glance` line."""
    difficulty: str = ""
    """beginner, intermediate or advanced (lower case, from the frontmatter or the Quick Facts
    row, whichever spelling), or the article's own word, lower-cased."""
    targets: tuple[str, ...] = ()
    """The Quick Facts `Targets` row, split on commas."""
    variants: tuple[Variant, ...] = ()
    """Ways of doing it; never empty."""
    good_sensations: tuple[str, ...] = ()
    """What a person should feel."""
    red_flags: tuple[str, ...] = ()
    """Stop if: shown during every hold."""
    mistakes: tuple[Mistake, ...] = ()
    """Common mistakes with problem and fix: tips during holds."""
    cautions: tuple[str, ...] = ()
    """Precautions' `Use Caution With`: shown before a routine starts."""
    modifications: tuple[str, ...] = ()
    """Precautions' `Modifications`: offered in the pain screen."""
    facts: tuple[tuple[str, str], ...] = ()
    """Every Quick Facts row (label, value), in order."""
    sections: tuple[Section, ...] = ()
    """The other sections, whole (Why, Variations, When to Use, Programming, FAQ, ...)."""
    disclaimer: str = ""
    """The article's disclaimer line, without its label."""
    reviewed: str = ""
    """When the article was last reviewed (`January 2025`), as it says."""
    region: str = "low-back"
    """The body region it works (frontmatter `region`, else from the targets): which urgent
    signs apply."""
    metadata: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    """The frontmatter, unknown keys included."""

    def variant(self, variant_id: str) -> Variant:
        """The variant with this exact id."""
        for v in self.variants:
            if v.id == variant_id:
                return v
        raise KeyError(variant_id)


@dataclass(frozen=True)
class Step:
    """One step of a routine: an exercise held for some seconds."""

    exercise: Exercise
    """The exercise, resolved."""
    variant: Variant
    """The variant, resolved."""
    hold: int
    """Seconds per side."""
    sides: Sides = Sides.NONE
    """both | left | right | none."""
    repeat: int = 1
    """How many times the hold is done."""
    prepare: int = 5
    """Seconds to get into position."""
    switch: int = 5
    """Seconds between the two sides."""
    rest: int = 0
    """Seconds after the step."""
    reps: int = 0
    """Breaths of a flow (0: a hold)."""
    pace: Pace | None = None
    """A flow's pace, or a hold's breathing guide (`breathe: 4/6`), or None."""
    optional: bool = False
    """Dropped first when the routine is fitted to less time."""


@dataclass(frozen=True)
class Routine:
    """A validated routine."""

    name: str
    """The file's stem."""
    title: str
    """Its title."""
    description: str
    """Its one-line description."""
    path: Path
    """Where it was read from."""
    steps: tuple[Step, ...]
    """Its steps, in order."""
    source: str = "bundled"
    """bundled | user | path."""
    when: str = ""
    """For when (`Stiff after a night's sleep`): one line for `list` and the picker."""


class SegmentKind(StrEnum):
    """What a segment of a plan asks of the person."""

    PREPARE = "prepare"
    HOLD = "hold"
    FLOW = "flow"
    SWITCH = "switch"
    REST = "rest"


@dataclass(frozen=True)
class Segment:
    """One timed part of a plan."""

    kind: SegmentKind
    """prepare, hold, switch or rest."""
    seconds: int
    """How long it lasts."""
    cue: str
    """What to do, in one line."""
    step_index: int
    """0-based index of the routine step it belongs to."""
    exercise: Exercise
    """The exercise of that step."""
    variant: Variant
    """The variant of that step."""
    side: Side | None = None
    """For a hold (and the switch before it), which side."""
    repeat_index: int = 0
    """0-based repetition within the step."""
    pace: Pace | None = None
    """A flow's breaths, or a hold's breathing guide."""


@dataclass(frozen=True)
class Plan:
    """A routine flattened into timed segments."""

    routine: Routine
    """The routine it came from."""
    segments: tuple[Segment, ...]
    """Its segments, in order."""
    lead: Side = Side.LEFT
    """The side done first in two-sided steps."""

    @property
    def total_seconds(self) -> int:
        """Total length in seconds."""
        return sum(s.seconds for s in self.segments)

    dropped: tuple[Step, ...] = ()
    """Steps of the routine left out to fit a time budget (`--fit`)."""

    @property
    def hold_seconds(self) -> int:
        """Planned seconds of holding or flowing (the rest is getting ready, switching,
        resting)."""
        return sum(s.seconds for s in self.segments if s.kind in WORKING)

    @property
    def step_count(self) -> int:
        """How many routine steps."""
        return len(self.routine.steps)

    def seconds_from(self, index: int) -> int:
        """Seconds of the segments from `index` to the end."""
        return sum(s.seconds for s in self.segments[index:])


WORKING = (SegmentKind.HOLD, SegmentKind.FLOW)
"""The segments that are the exercise itself (held time, for streaks and summaries)."""
