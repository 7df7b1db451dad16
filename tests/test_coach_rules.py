"""Tests the coach's rules: progress, stay, ease off, replace, flare, clinician and gap, each
on both sides of its threshold, over generated histories on fixed days."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

from stretchtimer.core.coach import (
    Change,
    StepEdit,
    Suggestion,
    apply,
    gentlest,
    suggest,
)
from stretchtimer.core.model import Exercise, Pace, Routine, Sides, Step, Variant
from stretchtimer.core.records import Decision, MorningCheck, SessionRecord, StepRecord

TODAY = date(2024, 12, 20)
"""The day the rules run on."""


def at(day: date, hour: int = 9) -> datetime:
    """A local, aware moment of `day`."""
    return datetime(day.year, day.month, day.day, hour).astimezone()


def ago(days: int) -> date:
    """`days` before TODAY."""
    return TODAY - timedelta(days=days)


def variant(
    vid: str,
    name: str = "",
    *,
    position: str | None = "lying-back",
    hold_min: int | None = None,
    hold_max: int | None = None,
    easier: str | None = None,
    harder: str | None = None,
) -> Variant:
    """A variant with only what the coach reads."""
    return Variant(
        vid, name, position=position, hold_min=hold_min, hold_max=hold_max, easier=easier,
        harder=harder,
    )


def exercise(eid: str, title: str, *variants: Variant, region: str = "low-back") -> Exercise:
    """An exercise of these variants."""
    return Exercise(eid, title, Path(f"{eid}.md"), variants=variants, region=region)


KNEE = exercise(
    "knee-to-chest", "Knee-to-Chest",
    variant("single", "Single Knee to Chest", hold_max=30, harder="double"),
    variant("double", "Double Knee to Chest", hold_min=10, hold_max=40, easier="single"),
)
TWIST = exercise("supine-twist", "Supine Twist", variant("default", hold_max=30, harder="deep"),
                 variant("deep", "Deep Twist", hold_min=10))
TILT = exercise("pelvic-tilts", "Pelvic Tilts", variant("default"))
CHILD = exercise("childs-pose", "Child's Pose", variant("classic", "Classic Child's Pose",
                                                        position="kneeling"))
NECK = exercise("neck-side-stretch", "Neck Side Stretch", variant("default", position="seated"),
                region="neck")
BREATH = Pace(4, 6)


def step(
    ex: Exercise,
    vid: str | None = None,
    hold: int = 20,
    *,
    sides: Sides = Sides.NONE,
    repeat: int = 1,
    reps: int = 0,
    optional: bool = False,
    prepare: int = 5,
) -> Step:
    """A step of `ex` (its first variant unless `vid` says)."""
    v = ex.variant(vid) if vid else ex.variants[0]
    pace = BREATH if reps else None
    return Step(ex, v, hold, sides, repeat, prepare, reps=reps, pace=pace, optional=optional)


def routine(name: str, *steps: Step, title: str = "") -> Routine:
    """A routine of these steps."""
    return Routine(name, title or name.title(), "", Path(f"{name}.yaml"), steps)


MORNING = routine(
    "morning",
    step(KNEE, "single", 20, sides=Sides.BOTH),
    step(TWIST, None, 30, sides=Sides.BOTH),
    step(TILT, None, 0, reps=6),
    step(CHILD, None, 45, optional=True),
)


SIDES: dict[Sides, tuple[str | None, ...]] = {
    Sides.BOTH: ("left", "right"), Sides.LEFT: ("left",), Sides.RIGHT: ("right",),
    Sides.NONE: (None,),
}
"""The sides recorded for a step."""


def records_of(r: Routine, held: float = 1.0, stop: str | None = None) -> tuple[StepRecord, ...]:
    """A step record for each step and side of `r`, `held` of each held; `stop`: the
    exercise id whose left side had "this hurts"."""
    out: list[StepRecord] = []
    for i, s in enumerate(r.steps):
        planned = float(s.reps * 10 or s.hold * s.repeat)
        for side in SIDES[s.sides]:
            hurt = stop == s.exercise.id and side in ("left", None)
            out.append(StepRecord(i, s.exercise.id, s.variant.id, side, planned, planned * held,
                                  pain_stop=hurt))
    return tuple(out)


def session(
    day: date,
    before: int | None = 2,
    after: int | None = 1,
    *,
    r: Routine = MORNING,
    status: str = "completed",
    held: float = 1.0,
    stop: str | None = None,
    hour: int = 9,
    steps: bool = True,
    region: str = "low-back",
) -> SessionRecord:
    """A session of `r` on `day`."""
    recs = records_of(r, held, stop) if steps else ()
    total = sum(s.held for s in recs) if steps else 60.0  # (older rows: held, but no steps)
    return SessionRecord(at(day, hour), r.name, r.title, status, before, after, region, total,
                         recs)


def check(day: date, score: int | None, region: str = "low-back") -> MorningCheck:
    """A morning check on `day`."""
    return MorningCheck(at(day, 7), region, score)


def decided(key: str, day: date, choice: str = "declined", rule: str = "", routine: str = "",
            made: str = "") -> Decision:
    """A decision made on `day`."""
    return Decision(at(day, 12), key, choice, routine, rule, made)


ROUTINES = {"morning": MORNING}


def run(
    records: Sequence[SessionRecord],
    checks: Sequence[MorningCheck] = (),
    decisions: Sequence[Decision] = (),
    routines: dict[str, Routine] | None = None,
    today: date = TODAY,
) -> list[Suggestion]:
    """The suggestions for TODAY."""
    return suggest(records, checks, decisions, routines or ROUTINES, today)


def rules(found: Sequence[Suggestion]) -> list[str]:
    """The rules of these suggestions, in order."""
    return [s.rule for s in found]


def only(found: Sequence[Suggestion], rule: str) -> Suggestion:
    """The one suggestion of `rule`."""
    matching = [s for s in found if s.rule == rule]
    assert len(matching) == 1, found
    return matching[0]


def good_three(
    days: Sequence[int] = (2, 1, 0), r: Routine = MORNING, held: float = 1.0, steps: bool = True
) -> list[SessionRecord]:
    """Three green sessions of `r`, `days` ago."""
    return [session(ago(n), r=r, held=held, steps=steps) for n in days]


# --- progress --------------------------------------------------------------------------------


def test_progress_after_three_good_days_holds_the_first_step_longer() -> None:
    """3 green, full, completed sessions on 3 days: the first hold 5 s longer, and the text
    names the data."""
    found = run(good_three())
    p = only(found, "progress")
    assert p.change == Change(
        (StepEdit(0, hold=25),), (), "Single Knee to Chest held 25 s instead of 20 s"
    )
    assert p.data == "3 sessions on 3 days within 10 days, pain 2 to 1 on average, no stops"
    assert p.data in p.text and p.change.what in p.text
    assert p.routine == "morning" and p.key == f"progress:morning:{p.change.what}"
    assert apply(MORNING, p.change).steps[0].hold == 25


def test_progress_within_10_days_but_not_11() -> None:
    """The 3 days may span 10 days (first to last 9 apart), not 11."""
    assert "progress" in rules(run(good_three((9, 4, 0))))
    assert "progress" not in rules(run(good_three((10, 4, 0))))


def test_progress_needs_3_different_days() -> None:
    """Three sessions on two days are not enough."""
    found = run([session(ago(1)), session(ago(0), hour=8), session(ago(0), hour=18)])
    assert "progress" not in rules(found)


def test_progress_needs_80_percent_held() -> None:
    """Each session held 80% of its plan: 79% in one of them is not enough."""
    assert "progress" in rules(run(good_three(held=0.8)))
    found = run([session(ago(2)), session(ago(1), held=0.79), session(ago(0))])
    assert "progress" not in rules(found)


def test_progress_needs_completed_sessions_without_stops() -> None:
    """A partial session among the last 3 holds it back; so does "this hurts"."""
    assert "progress" not in rules(run([session(ago(2)), session(ago(1), status="partial"),
                                        session(ago(0))]))
    stopped = run([session(ago(2)), session(ago(1), stop="supine-twist"), session(ago(0))])
    assert "progress" not in rules(stopped)


def test_progress_after_a_settled_amber_but_not_an_amber_score() -> None:
    """An amber that settled by the next morning counts as good; one that did not does not."""
    amber = session(ago(3), 2, 4)
    settled = run([amber, session(ago(1)), session(ago(0))], [check(ago(2), 2)])
    assert "progress" in rules(settled)
    unsettled = run([amber, session(ago(1)), session(ago(0))], [check(ago(2), 5)])
    assert "progress" not in rules(unsettled)


def test_progress_ignores_running_sessions() -> None:
    """A session still running is not one of the last 3."""
    found = run([*good_three(), session(ago(0), None, None, status="running", hour=20)])
    assert "progress" in rules(found)


def test_hold_at_its_longest_falls_through_to_repeat_then_harder() -> None:
    """Holds at their longest: the first step done once more; all at 3 times and flows at 12
    breaths: the first harder variant; nothing left: stay."""
    at_max = routine(
        "morning",
        step(KNEE, "single", 30, sides=Sides.BOTH),
        step(TWIST, None, 30),
        step(TILT, None, 0, reps=6),
    )
    found = run(good_three(r=at_max), routines={"morning": at_max})
    assert only(found, "progress").change == Change(
        (StepEdit(0, repeat=2),), (), "Single Knee to Chest done 2 times instead of 1"
    )
    full = routine(
        "morning",
        step(KNEE, "single", 30, repeat=3),
        step(TILT, None, 0, reps=11),
    )
    found = run(good_three(r=full), routines={"morning": full})
    assert only(found, "progress").change == Change(
        (StepEdit(1, reps=12),), (), "Pelvic Tilts for 12 breaths instead of 11"
    )
    top = routine("morning", step(KNEE, "single", 30, repeat=3), step(TILT, None, 0, reps=12))
    found = run(good_three(r=top), routines={"morning": top})
    assert only(found, "progress").change == Change(
        (StepEdit(0, variant="double"),), (), "Double Knee to Chest instead of Single Knee to Chest"
    )
    assert apply(top, only(found, "progress").change or Change()).steps[0].variant.id == "double"
    done = routine("morning", step(KNEE, "double", 40, repeat=3))
    found = run(good_three(r=done), routines={"morning": done})
    assert rules(found) == ["stay"]


def test_hold_max_defaults_to_the_fitting_bound() -> None:
    """Without the variant's longest, a hold may grow up to twice itself (core.fit.bounds)."""
    free = routine("morning", step(TILT, None, 10, repeat=3), step(CHILD, None, 10))
    found = run(good_three(r=free), routines={"morning": free})
    assert only(found, "progress").change == Change(
        (StepEdit(0, hold=15),), (), "Pelvic Tilts held 15 s instead of 10 s"
    )
    short = routine("morning", step(TILT, None, 4))  # 4 + 5 = 9 > 8: no longer
    found = run(good_three(r=short), routines={"morning": short})
    assert only(found, "progress").change == Change(
        (StepEdit(0, repeat=2),), (), "Pelvic Tilts done 2 times instead of 1"
    )


def test_progress_skips_a_step_stopped_for_pain_lately() -> None:
    """An exercise and side stopped for pain in the last 14 days is left alone (the stop was
    in another routine); after 14 days it is not."""
    other = routine("other", step(KNEE, "single", 20, sides=Sides.LEFT))
    hurt = session(ago(13), r=other, stop="knee-to-chest")
    found = run([hurt, *good_three()], routines={"morning": MORNING, "other": other})
    change = only(found, "progress").change
    assert change is not None and change.edits == (StepEdit(3, hold=50),)
    old = session(ago(14), r=other, stop="knee-to-chest")
    found = run([old, *good_three()], routines={"morning": MORNING, "other": other})
    change = only(found, "progress").change
    assert change is not None and change.edits == (StepEdit(0, hold=25),)


def test_progress_at_most_once_a_week() -> None:
    """An accepted progression of the routine 6 days ago holds it back; 7 days ago does not."""
    def accepted(days: int) -> Decision:
        return decided("progress:morning:x", ago(days), "accepted", "progress", "morning",
                       "morning-2")

    assert "progress" not in rules(run(good_three(), decisions=[accepted(6)]))
    assert "progress" in rules(run(good_three(), decisions=[accepted(7)]))
    made = routine("morning-2", *MORNING.steps)
    again = good_three(r=made)
    decision = decided("progress:morning:x", ago(6), "accepted", "progress", "morning",
                       "morning-2")
    found = run(again, decisions=[decision], routines={"morning-2": made})
    assert "progress" not in rules(found)  # the routine it made waits the week too


def test_declined_is_not_offered_for_7_days_then_is_again() -> None:
    """A declined key is not offered on the day nor the 6 after; on the 8th day it is."""
    key = only(run(good_three()), "progress").key
    for days in range(7):
        assert "progress" not in rules(run(good_three(), decisions=[decided(key, ago(days))]))
    assert "progress" in rules(run(good_three(), decisions=[decided(key, ago(7))]))
    other = decided("progress:morning:something else", ago(0))
    assert "progress" in rules(run(good_three(), decisions=[other]))


def test_accepted_is_not_offered_again() -> None:
    """A key accepted (even long ago) is not offered again."""
    key = only(run(good_three()), "progress").key
    old = decided(key, ago(60), "accepted", "other-rule", "morning", "morning-2")
    assert "progress" not in rules(run(good_three(), decisions=[old]))


def test_no_progress_in_a_gap() -> None:
    """Back after 7 days: no progress (start shorter, not harder)."""
    found = run(good_three((9, 8, 7)))
    assert "progress" not in rules(found) and "gap" in rules(found)


# --- stay ------------------------------------------------------------------------------------


def test_stay_with_fewer_than_3_sessions() -> None:
    """Two sessions: keep it as it is, and say why."""
    s = only(run([session(ago(1)), session(ago(0))]), "stay")
    assert s.change is None and s.text.startswith("Keep Morning as it is: only 2 sessions")
    assert "Keep Morning as it is: only 1 session so" in only(run([session(ago(0))]), "stay").text


def test_stay_when_the_last_3_lack_scores_or_steps() -> None:
    """A missing score after, or sessions without steps, among the last 3: stay."""
    no_score = run([session(ago(2)), session(ago(1), 2, None), session(ago(0))])
    assert "one of the last 3 sessions had no pain score after" in only(no_score, "stay").text
    no_steps = run(good_three(steps=False))
    assert "steps recorded" in only(no_steps, "stay").text


def test_a_session_quit_at_once_is_not_a_session_done() -> None:
    """Quit before anything was held: not counted (not for the rotation, not as data)."""
    quit_at_once = session(ago(0), None, None, status="quit", held=0.0)
    assert rules(run([quit_at_once])) == rules(run([]))


def test_stay_with_an_unknown_amber() -> None:
    """An amber with no next-morning check among the last 3: stay, naming its day."""
    found = run([session(ago(2)), session(ago(1), 2, 4), session(ago(0))])
    assert "on 19 Dec" in only(found, "stay").text
    assert "progress" not in rules(found)


def test_stay_only_for_routines_done_in_the_last_14_days() -> None:
    """Done 13 days ago: stay; 14 days ago: nothing about the routine."""
    assert "stay" in rules(run([session(ago(13))]))
    assert rules(run([session(ago(14))])) == ["gap"]


# --- ease off --------------------------------------------------------------------------------


EASE = routine(
    "morning",
    step(KNEE, "double", 20, sides=Sides.BOTH),   # easier single; 15 s
    step(TWIST, None, 30),                         # 22.5 -> 23 s
    step(TILT, None, 5),                           # not below 5 s: left alone
    step(TWIST, "deep", 12),                       # 9 -> its hold_min 10
    step(TILT, None, 0, reps=6),                   # a flow: breaths kept
    step(CHILD, None, 45, optional=True),          # left out
)


def test_ease_off_after_a_red_session() -> None:
    """After a red, every step easier: the easier variant, holds 25% shorter (not below the
    variant's shortest nor 5 s), optional steps left out; the text names the session."""
    found = run([session(ago(2), 3, 2, r=EASE), session(ago(1), 3, 7, r=EASE)],
                routines={"morning": EASE})
    e = only(found, "ease-off")
    assert e.change is not None
    assert e.change.edits == (
        StepEdit(0, hold=15, variant="single"),
        StepEdit(1, hold=23),
        StepEdit(3, hold=10),
    )
    assert e.change.drop == (5,)
    assert e.data == "pain 3 before, 7 after on 19 Dec"
    assert e.change.what == (
        "Morning with easier variants, holds 25% shorter and the optional steps left out"
    )
    assert e.data in e.text
    eased = apply(EASE, e.change)
    assert [(s.variant.id, s.hold) for s in eased.steps] == [
        ("single", 15), ("default", 23), ("default", 5), ("deep", 10), ("default", 0),
    ]
    assert "progress" not in rules(found) and "stay" not in rules(found)


def test_ease_off_with_nothing_to_ease_is_advice_only() -> None:
    """A routine already at its gentlest: ease-off says to go gently, with no change."""
    tiny = routine("morning", step(TILT, None, 5))
    e = only(run([session(ago(0), 2, 8, r=tiny)], routines={"morning": tiny}), "ease-off")
    assert e.change is None and "go gently" in e.text


def test_ease_off_after_an_amber_that_did_not_settle() -> None:
    """An amber still 2 above usual the next morning counts as red."""
    records = [session(ago(2)), session(ago(1), 2, 4)]
    found = run(records, [check(ago(0), 4)])
    assert "still 4 the next morning" in only(found, "ease-off").text
    assert "ease-off" not in rules(run(records, [check(ago(0), 3)]))


def test_ease_off_only_when_the_latest_session_was_red() -> None:
    """A red followed by a green: no easing off."""
    found = run([session(ago(2), 3, 8), session(ago(1), 2, 1)])
    assert "ease-off" not in rules(found)


def test_ease_off_within_14_days() -> None:
    """A red 13 days ago still counts; 14 days ago it does not."""
    assert "ease-off" in rules(run([session(ago(13), 2, 8)]))
    assert "ease-off" not in rules(run([session(ago(14), 2, 8)]))


def test_ease_off_for_a_stop_names_it() -> None:
    """Stopped for pain: red, and the text says so."""
    found = run([session(ago(0), 2, 3, status="stopped")])
    assert "stopped for pain" in only(found, "ease-off").text


# --- replace ---------------------------------------------------------------------------------


def test_replace_after_2_stops_in_14_days() -> None:
    """The same exercise and side stopped twice within 14 days: leave it out, and worth
    replacing with another exercise."""
    found = run([session(ago(13), stop="supine-twist"), session(ago(0), stop="supine-twist")])
    r = only(found, "replace")
    assert r.change == Change((), (1,), "Supine Twist left out")
    assert r.key == "replace:morning:supine-twist"
    assert "stopped for pain in 2 sessions" in r.text and "physiotherapist" in r.text
    assert "different exercise" in r.text


def test_no_replace_after_1_stop_or_2_over_15_days() -> None:
    """One stop is not enough, nor two 14 days apart, nor one on each side."""
    assert "replace" not in rules(run([session(ago(0), stop="supine-twist")]))
    spread = [session(ago(14), stop="supine-twist"), session(ago(0), stop="supine-twist")]
    assert "replace" not in rules(run(spread))
    right = SessionRecord(at(ago(1)), "morning", "Morning", "completed", 2, 1, "low-back", 50.0,
                          (StepRecord(0, "knee-to-chest", "single", "right", 20, 20,
                                      pain_stop=True),))
    assert "replace" not in rules(run([session(ago(0), stop="knee-to-chest"), right]))


def test_this_hurts_twice_in_one_session_is_one_stop() -> None:
    """Pressed, gone on (the easier way), pressed again on the same side: one session, so
    no replace yet; in a second session it is."""
    from dataclasses import replace as with_

    once = session(ago(1), stop="supine-twist")
    twice = with_(once, steps=once.steps + tuple(s for s in once.steps if s.pain_stop))
    assert sum(s.pain_stop for s in twice.steps) == 2
    assert "replace" not in rules(run([twice]))
    assert "in 2 sessions" in only(run([twice, session(ago(0), stop="supine-twist")]),
                                   "replace").text


def test_replace_never_leaves_a_routine_empty() -> None:
    """When the sore step is the routine's only one: worth replacing, but no change."""
    lone = routine("morning", step(TWIST, None, 20))
    found = run([session(ago(2), r=lone, stop="supine-twist"),
                 session(ago(0), r=lone, stop="supine-twist")], routines={"morning": lone})
    r = only(found, "replace")
    assert r.change is None and "worth replacing" in r.text


def test_replace_only_for_routines_with_the_exercise() -> None:
    """A routine without the exercise gets no replace suggestion."""
    neck = routine("neck", step(NECK, None, 20))
    found = run(
        [session(ago(3), stop="supine-twist"), session(ago(0), stop="supine-twist"),
         session(ago(1), r=neck, region="neck")],
        routines={"morning": MORNING, "neck": neck},
    )
    assert [s.routine for s in found if s.rule == "replace"] == ["morning"]


# --- flare, clinician, gap -------------------------------------------------------------------


def usual(score: int, days: int = 7, end: int = 0) -> list[MorningCheck]:
    """A check of `score` on each of the `days` days before `end` days ago."""
    return [check(ago(end + n), score) for n in range(1, days + 1)]


def test_flare_at_3_above_the_baseline_not_2() -> None:
    """Today's first score 3 above the baseline is a flare, naming the gentlest routine."""
    f = only(run([], [*usual(2), check(ago(0), 5)]), "flare")
    assert f.change is None and f.routine == "morning"
    assert "5 today against a usual 2" in f.text
    assert "flare" not in rules(run([], [*usual(2), check(ago(0), 4)]))


def test_flare_at_7_without_a_baseline() -> None:
    """With no baseline, 7 is a flare and 6 is not."""
    assert "flare" in rules(run([], [check(ago(0), 7)]))
    assert "flare" not in rules(run([], [check(ago(0), 6)]))


def test_a_flare_holds_back_progress() -> None:
    """No progress for a routine of the region in a flare today."""
    found = run(good_three((3, 2, 1)), [check(ago(0), 8)])
    assert "flare" in rules(found) and "progress" not in rules(found)


def test_flare_names_the_gentlest_routine_of_the_region() -> None:
    """All lying beats some kneeling; the gentlest is picked among the region's routines."""
    gentle = routine("gentle", step(KNEE, "single", 20, prepare=10), title="Gentle")
    neck = routine("neck", step(NECK, None, 20))
    found = run([], [check(ago(0), 8)],
                routines={"morning": MORNING, "gentle": gentle, "neck": neck})
    f = only(found, "flare")
    assert f.routine == "gentle" and "Gentle is the gentlest" in f.text


def test_gentlest_ranks_lying_then_positions_then_transitions_then_holds() -> None:
    """The ranking's four keys, each deciding in turn."""
    seated = variant("seated", position="seated")
    up = exercise("up", "Up", seated)
    lying_long = routine("a", step(KNEE, "single", 60))
    kneeling = routine("b", step(CHILD, None, 10))
    assert gentlest({"b": kneeling, "a": lying_long}, "low-back") == "a"
    two = routine("c", step(up, None, 10), step(CHILD, None, 10))
    one = routine("d", step(up, None, 10), step(up, None, 10))
    assert gentlest({"c": two, "d": one}, "low-back") == "d"
    slow = routine("e", step(KNEE, "single", 30, prepare=12))
    quick = routine("f", step(KNEE, "single", 20, prepare=5))
    assert gentlest({"f": quick, "e": slow}, "low-back") == "e"
    short = routine("g", step(KNEE, "single", 20))
    assert gentlest({"f": quick, "g": short}, "low-back") == "f"  # a tie: the first
    assert gentlest({"a": lying_long, "g": short}, "low-back") == "g"
    assert gentlest({}, "low-back") is None


def test_clinician_after_3_flare_days_running() -> None:
    """Flares today and the two days before: worth seeing a clinician; two days: not."""
    flares = [check(ago(n), 5) for n in range(3)]
    found = run([], [*usual(2, end=2), *flares])
    c = only(found, "clinician")
    assert c.routine == "" and "clinician" in c.text and "3 days running" in c.text
    assert rules(found)[0] == "clinician"
    two = run([], [*usual(2, end=2), check(ago(2), 2), *flares[:2]])
    assert "clinician" not in rules(two)


def test_clinician_when_the_baseline_rose_2_in_2_weeks() -> None:
    """The baseline 2 above what it was 14 days ago: a clinician; 1 above: not."""
    then = usual(2, end=14)
    assert baseline_text(run([], [*then, *usual(4)])) == "rose from 2 to 4"
    assert "clinician" not in rules(run([], [*then, *usual(3)]))


def baseline_text(found: Sequence[Suggestion]) -> str:
    """The `rose from A to B` part of the clinician suggestion."""
    text = only(found, "clinician").text
    return text[text.index("rose from"):].split(" in ")[0]


def test_gap_at_7_days_not_6() -> None:
    """The latest session 7 days ago is a gap; 6 days ago is not; no sessions at all is not."""
    g = only(run([session(ago(7))]), "gap")
    assert g.change is None and "shorter, not harder" in g.text and "7 days" in g.text
    assert "gap" not in rules(run([session(ago(6))]))
    assert run([]) == []


def test_the_order_of_the_rules() -> None:
    """Flare, ease-off, replace, stay, gap, as listed."""
    other = routine("other", step(TWIST, None, 20), title="Other")
    records = [
        session(ago(10), stop="knee-to-chest"),
        session(ago(8), stop="knee-to-chest"),
        session(ago(9), r=other),
    ]
    found = run(records, [check(ago(0), 9)], routines={"morning": MORNING, "other": other})
    assert rules(found) == ["flare", "ease-off", "replace", "stay", "gap"]


def test_unknown_routines_count_for_zones_and_flares_only() -> None:
    """Sessions of a routine not given feed the baseline and the flare, no routine rules."""
    stray = [session(ago(n), 2, 2, r=routine("gone", step(TILT))) for n in range(1, 8)]
    found = run([*stray, session(ago(0), 6, 6, r=routine("gone", step(TILT)))])
    assert rules(found) == ["flare"]
