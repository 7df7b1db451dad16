"""Provides the routine loader: YAML nodes into a validated Routine, every problem at once."""

from __future__ import annotations

from pathlib import Path

from stretchtimer.core.errors import InputError, Problem
from stretchtimer.core.model import Exercise, Pace, Routine, Sides, Step, Variant
from stretchtimer.core.plan import plan
from stretchtimer.core.text import did_you_mean, id_matches, is_slug, old_slug, slugify
from stretchtimer.core.up_and_down import back_down_text
from stretchtimer.library.files import is_regular, read_text
from stretchtimer.library.nodes import INT, STR, MappingNode, Node, ScalarNode, SequenceNode
from stretchtimer.library.parse_cache import ParseCache
from stretchtimer.library.registry import Entry, Library
from stretchtimer.library.routine_values import TIMING_KEYS, ValueChecker

_TOP_KEYS = ("title", "description", "when", "defaults", "steps")
_STEP_KEYS = (
    "exercise", "variant", "hold", "sides", "repeat", "reps", "pace", "breathe", "optional",
    *TIMING_KEYS,
)
DEFAULT_REPS = 6
"""Breaths of a flow when neither the step (`reps:`) nor a hold says otherwise."""
_SIDES = ("both", "left", "right", "none")
_DEFAULTS = {"prepare": 5, "switch": 5, "rest": 0}
MAX_HOLD = 3600
"""The longest hold, in seconds, from a routine or an article alike."""


class _Checker(ValueChecker):
    """Walks one routine's nodes, collecting problems."""

    def __init__(self, path: Path, library: Library) -> None:
        super().__init__(path)
        self.library = library

    def exercise(self, node: Node, where: str) -> Exercise | None:
        if not isinstance(node, ScalarNode) or node.tag != STR:
            self.add(node, f"{where}exercise must be an exercise id such as 'cat-cow'")
            return None
        name = str(node.value)
        if not is_slug(name):
            self.add(
                node,
                f"{where}exercise '{name}' is not an id: use a plain name like 'cat-cow' "
                "(lower-case letters, digits and hyphens; no paths)",
            )
            return None
        known = self.library.exercises()
        if name not in known:
            self.add(node, f"{where}unknown exercise '{name}'{did_you_mean(name, list(known))}")
            return None
        try:
            return self.library.exercise(name)
        except InputError as exc:
            first = exc.problems[0]
            self.add(node, f"{where}exercise '{name}' cannot be loaded: {first}")
            return None

    def variant(self, node: Node | None, exercise: Exercise, where: str) -> Variant | None:
        if node is None:
            return exercise.variants[0]
        if not isinstance(node, ScalarNode) or node.tag not in (STR, INT):
            self.add(node, f"{where}variant must be text")
            return None
        wanted = slugify(str(node.value))
        ids = [v.id for v in exercise.variants]
        matches = id_matches(wanted, ids)
        if len(matches) == 1:
            return exercise.variant(matches[0])
        if len(matches) > 1:
            names = ", ".join(matches)
            self.add(
                node, f"{where}variant '{node.value}' of '{exercise.id}' could be any of: {names}"
            )
            return None
        renamed = [v for v in exercise.variants if v.name and old_slug(v.name) == wanted]
        if len(renamed) == 1:
            self.add(node, f"{where}variant '{node.value}' is now called '{renamed[0].id}': "
                     "write that (the old name still works)", warning=True)
            return renamed[0]
        short = {v.split("-")[0]: v for v in ids}
        hint = did_you_mean(wanted, ids) or did_you_mean(wanted, list(short))
        listing = hint or "; it has: " + ", ".join(ids)
        self.add(node, f"{where}'{exercise.id}' has no variant '{node.value}'{listing}")
        return None

    def step(self, node: Node, index: int, defaults: dict[str, int]) -> Step | None:
        where = f"step {index}: "
        if not isinstance(node, MappingNode):
            self.add(node, f"step {index} must be a mapping with at least 'exercise:'")
            return None
        keys = self.mapping(node, _STEP_KEYS, f"step {index}")
        timings = self.timings(keys, defaults, where)
        if "exercise" not in keys:
            self.add(node, f"step {index} has no 'exercise:'")
            return None
        exercise = self.exercise(keys["exercise"][1], where)
        variant = (
            self.variant(keys["variant"][1], exercise, where)
            if exercise and "variant" in keys
            else (exercise.variants[0] if exercise else None)
        )
        flow = variant.flow if variant is not None else None
        if "reps" in keys or ("hold" not in keys and flow is not None):
            return self.flow_step(node, keys, index, exercise, variant, timings)
        if "pace" in keys:
            self.add(
                keys["pace"][1],
                f"{where}pace is for a flow paced by breath ('reps: 8'); a hold's breathing "
                "guide is 'breathe: 4/6'",
            )
        hold: int | None = None
        if "hold" in keys:
            hold = self.duration(keys["hold"][1], f"{where}hold", 1, MAX_HOLD)
        elif variant is not None:
            hold = variant.hold
            if hold is None:
                self.add(node, f"step {index} has no 'hold:' and its article suggests none")
            elif not 1 <= hold <= MAX_HOLD:
                self.add(
                    node,
                    f"step {index}: the hold its article suggests ({hold} s) is out of range: "
                    f"use 1 to {MAX_HOLD} seconds, or give 'hold:'",
                )
                hold = None
        sides = Sides(variant.sides) if variant and variant.sides else Sides.NONE
        if "sides" in keys:
            sides_node = keys["sides"][1]
            value = sides_node.value if isinstance(sides_node, ScalarNode) else None
            if sides_node.tag != STR or value not in _SIDES:
                hint = did_you_mean(str(value), list(_SIDES)) if value is not None else ""
                self.add(sides_node, f"{where}sides must be one of: {', '.join(_SIDES)}{hint}")
            else:
                sides = Sides(str(value))
        if sides is Sides.BOTH and variant is not None and not (variant.left or variant.right):
            self.add(
                keys["sides"][1] if "sides" in keys else node,
                f"{where}{variant.name or exercise.title if exercise else ''} is held on both "
                "sides, but its article never says what 'left' means: the session can only "
                "say LEFT SIDE (add a line like '**Left side:** your left knee comes in' "
                "after its movement)",
                warning=True,
            )
        repeat = self.count(keys, "repeat", 20, where, 1)
        breathe = self.pace(keys["breathe"][1], f"{where}breathe") if "breathe" in keys else None
        optional = self.flag(keys, "optional", where)
        if exercise is None or variant is None or hold is None or repeat is None:
            return None
        return Step(
            exercise, variant, hold, sides, repeat, **timings, pace=breathe, optional=optional
        )

    def flow_step(
        self,
        node: Node,
        keys: dict[str, tuple[Node, Node]],
        index: int,
        exercise: Exercise | None,
        variant: Variant | None,
        timings: dict[str, int],
    ) -> Step | None:
        """A step paced by breath: `reps` breaths at the step's pace, else the article's,
        else 4/4, with the article's words for each breath."""
        where = f"step {index}: "
        for other in ("hold", "breathe", "repeat"):
            if other in keys:
                self.add(
                    keys[other][0],
                    f"{where}'{other}' does not go with a flow: a step is held ('hold:') or "
                    "paced by breath ('reps:'), not both",
                )
        reps = self.count(keys, "reps", 60, where, DEFAULT_REPS)
        flow = variant.flow if variant is not None else None
        pace = self.pace(keys["pace"][1], f"{where}pace") if "pace" in keys else None
        if pace is None and "pace" not in keys:
            pace = flow or Pace(4, 4)
        sides = Sides.NONE
        if "sides" in keys:
            self.add(keys["sides"][0], f"{where}a flow has no sides: it is one movement")
        optional = self.flag(keys, "optional", where)
        if exercise is None or variant is None or reps is None or pace is None:
            return None
        if flow is not None:
            pace = Pace(pace.inhale, pace.exhale, flow.in_label, flow.out_label, flow.first)
        return Step(
            exercise, variant, 0, sides, 1, **timings, reps=reps, pace=pace, optional=optional
        )

    def routine(self, root: Node | None, name: str, source: str) -> Routine | None:
        if root is None:
            self.add(None, "the routine is empty: it needs 'title:' and 'steps:'")
            return None
        if not isinstance(root, MappingNode):
            self.add(
                root, "a routine must be a mapping with 'title:' and 'steps:', not a list or text"
            )
            return None
        keys = self.mapping(root, _TOP_KEYS, "routine")
        title = name.replace("-", " ").capitalize()
        if "title" in keys:
            title = self.text(keys["title"][1], "title") or title
        description = ""
        if "description" in keys:
            description = self.text(keys["description"][1], "description") or ""
        when = ""
        if "when" in keys:
            when = self.text(keys["when"][1], "when") or ""
        defaults = dict(_DEFAULTS)
        if "defaults" in keys:
            dnode = keys["defaults"][1]
            if isinstance(dnode, MappingNode):
                defaults = self.timings(
                    self.mapping(dnode, TIMING_KEYS, "defaults"), defaults, "defaults: "
                )
            else:
                self.add(dnode, "defaults must be a mapping of prepare, switch and rest")
        if "steps" not in keys:
            self.add(root, "the routine has no 'steps:'")
            return None
        snode = keys["steps"][1]
        if not isinstance(snode, SequenceNode) or not snode.value:
            self.add(snode, "steps must be a list with at least one step ('- exercise: ...')")
            return None
        steps = [self.step(item, i, defaults) for i, item in enumerate(snode.value, start=1)]
        if any(s is None for s in steps) or self.errors():
            return None
        routine = Routine(
            name, title, description, self.path, tuple(s for s in steps if s), source, when
        )
        if not plan(routine).segments:
            self.add(snode, "the routine plans no time at all: give its steps a hold")
            return None
        trip = back_down_text([s.variant.position for s in routine.steps])
        if trip is not None:
            self.add(snode.value[trip[0]], trip[1], warning=True)
        return routine

def _nodes(path: Path, cache: ParseCache | None) -> Node | None:
    """The routine's node tree: from the parse cache while the file is unchanged (no YAML to
    load or parse), else read and parsed, and remembered."""
    try:
        st = path.stat()
        key = path.resolve()
    except (OSError, RuntimeError):
        st = None  # read_text says what is wrong
    if cache is not None and is_regular(st):  # a FIFO or a device: read_text refuses it
        hit = cache.get_routine(key, st)
        if hit is not None:
            return hit
    text = read_text(path)
    from stretchtimer.library.yamlsafe import safe_compose

    root = safe_compose(text, path)
    if cache is not None and st is not None and root is not None:
        cache.put_routine(key, st, root)
    return root


def check_routine(
    path: Path, library: Library, name: str | None = None, source: str = "path"
) -> tuple[Routine | None, list[Problem]]:
    """The routine (None if it has errors) and every problem found, warnings included."""
    checker = _Checker(path, library)
    try:
        root = _nodes(path, library.cache)
    except InputError as exc:
        return None, exc.problems
    routine = checker.routine(root, name or path.stem, source)
    return routine, sorted(checker.problems, key=lambda p: (p.line or 0, p.col or 0))


def load_routine(entry: Entry, library: Library) -> tuple[Routine, list[Problem]]:
    """The routine and its warnings; InputError with every error if it has any."""
    routine, problems = check_routine(entry.path, library, entry.id, entry.source)
    if routine is None:
        raise InputError([p for p in problems if not p.warning] or problems)
    return routine, problems
