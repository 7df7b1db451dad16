"""`suggest` and `today` over a real history file: three good mornings suggest holding the
first step longer, accepting it writes the user's own routine that `check` passes (the
bundled one untouched) and records the decision; declining keeps it back; `today` piped
prints one routine and why and exits 0."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from clihelp import cli

from stretchtimer.core.model import Side
from stretchtimer.core.plan import plan
from stretchtimer.history.store import History
from stretchtimer.library import paths
from stretchtimer.library.registry import Library
from stretchtimer.library.routines import load_routine


def write_sessions(name: str, days: list[int], before: int, after: int) -> None:
    """Completed sessions of bundled `name`, `days` ago at 08:00 local, every step held as
    planned, with these pain scores (written to the tables as the recorder writes them)."""
    library = Library()
    routine = load_routine(library.routines()[name], library)[0]
    segments = plan(routine, Side.LEFT).segments
    history = History(paths.history_file())
    try:
        for n, ago in enumerate(days):
            local = datetime.now().astimezone().replace(hour=8, minute=0) - timedelta(days=ago)
            started = local.astimezone(UTC).isoformat()
            held = sum(s.seconds for s in segments if s.kind.name == "HOLD")
            sid = history.conn.execute(
                "INSERT INTO sessions (routine, path, title, started_utc, status, segments_done,"
                " segments_total, seconds_held, pain_before, pain_after, pain_region)"
                " VALUES (?, ?, ?, ?, 'completed', ?, ?, ?, ?, ?, 'low-back')",
                (name, str(routine.path), routine.title, started, len(segments),
                 len(segments), held, before, after),
            ).lastrowid
            rows: dict[tuple[int, str | None, str], float] = {}
            for s in segments:
                if s.kind.name in ("HOLD", "FLOW"):
                    key = (s.step_index, s.side.value if s.side else None, s.variant.id)
                    rows[key] = rows.get(key, 0.0) + s.seconds
            history.conn.executemany(
                "INSERT INTO steps (session_id, position, exercise, variant, side, planned,"
                " held) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(sid, pos, routine.steps[pos].exercise.id, variant, side, secs, secs)
                 for (pos, side, variant), secs in rows.items()],
            )
            assert n >= 0
        history.conn.commit()
    finally:
        history.close()


def test_three_good_mornings_suggest_longer_holds_and_accepting_writes_a_routine(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The suggestion names its data and rule; `--accept 1` writes `quick-relief-coached`,
    which `check` passes, `plan` runs with the longer hold, and the bundled file is as it was."""
    write_sessions("quick-relief", [3, 2, 1], before=3, after=2)
    bundled = paths.bundled_dir("routines") / "quick-relief.yaml"
    original = bundled.read_bytes()
    code, out, err = cli(monkeypatch, ["suggest", "--format", "json"])
    assert (code, err) == (0, "")
    found = json.loads(out)
    progress = [s for s in found if s["rule"] == "progress" and s["routine"] == "quick-relief"]
    assert progress, found
    first = progress[0]
    assert first["change"]["edits"] and "3 " in first["data"]
    number = found.index(first) + 1
    code, out, err = cli(monkeypatch, ["suggest"])
    assert code == 0 and f"{number}. [progress] (quick-relief)" in out

    code, out, err = cli(monkeypatch, ["suggest", "--accept", str(number)])
    assert (code, err) == (0, "")
    written = paths.user_dir("routines") / "quick-relief-coached.yaml"
    assert str(written) in out and written.exists()
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# Written by stretchtimer's coach on ")
    assert "To undo it, delete this file" in text
    assert cli(monkeypatch, ["check", str(written)])[0] == 0
    assert bundled.read_bytes() == original
    edit = first["change"]["edits"][0]
    code, out, _ = cli(monkeypatch, ["plan", "quick-relief-coached", "--format", "json"])
    assert code == 0
    library = Library()
    step = load_routine(library.routines()["quick-relief"], library)[0].steps[edit["position"]]
    holds = [s["seconds"] for s in json.loads(out)["segments"]
             if s["kind"] == "hold" and s["variant"] == step.variant.id]
    assert holds and all(h == edit["hold"] for h in holds), (holds, edit)

    # Decided: not offered again; `today` proposes the coached version where it would
    # have proposed the original.
    code, out, _ = cli(monkeypatch, ["suggest", "--format", "json"])
    assert first["key"] not in [s["key"] for s in json.loads(out)]


def test_a_declined_suggestion_is_kept_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """`--decline` records it: the next `suggest` does not offer it; an unknown number is a
    usage error naming it."""
    write_sessions("quick-relief", [3, 2, 1], before=3, after=2)
    found = json.loads(cli(monkeypatch, ["suggest", "--format", "json"])[1])
    key = next(s["key"] for s in found if s["rule"] == "progress")
    code, out, _ = cli(monkeypatch, ["suggest", "--decline", key])
    assert code == 0 and "Declined: [progress] (quick-relief)" in out
    assert "Not suggested again for 7 days." in out
    again = json.loads(cli(monkeypatch, ["suggest", "--format", "json"])[1])
    assert key not in [s["key"] for s in again]
    assert not list(paths.user_dir("routines").glob("*.yaml"))
    code, _, err = cli(monkeypatch, ["suggest", "--accept", "99"])
    assert code == 2 and "no suggestion '99'" in err


def test_today_piped_prints_the_routine_and_why(monkeypatch: pytest.MonkeyPatch) -> None:
    """No terminal: the proposal (title, time, the command, the reason) and exit 0; with
    `--fit 3m` the plan fits in three minutes; JSON says the same."""
    code, out, err = cli(monkeypatch, ["today", "--fit", "3m"])
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("Today: ") and lines[1].strip().startswith("stretchtimer ")
    assert "--fit 3m" in lines[1] and lines[2].startswith("Why: ")
    data = json.loads(cli(monkeypatch, ["today", "--fit", "3m", "--format", "json"])[1])
    assert data["seconds"] <= 180 and data["fit_seconds"] == 180
    assert data["title"] in lines[0] and data["routine"] in lines[1]


def test_a_flare_this_morning_proposes_something_gentle(monkeypatch: pytest.MonkeyPatch) -> None:
    """A week of 2s, then an 8 this morning: `suggest` says flare, and `today` proposes the
    routine the flare names, saying why."""
    write_sessions("morning", [7, 6, 5, 4, 3, 2, 1], before=2, after=2)
    history = History(paths.history_file())
    history.record_check("low-back", 8)
    history.close()
    found = json.loads(cli(monkeypatch, ["suggest", "--format", "json"])[1])
    assert "flare" in [s["rule"] for s in found], found
    data = json.loads(cli(monkeypatch, ["today", "--format", "json"])[1])
    assert data["suggestion"] is not None and data["suggestion"]["rule"] == "flare"


def test_easing_off_never_makes_a_bundled_routine_longer() -> None:
    """For every bundled routine, the ease-off change makes no step and no plan longer (an
    easier variant done on both sides where the step was one is not offered then)."""
    from datetime import date

    from stretchtimer.core.coach_changes import apply, ease_off
    from stretchtimer.core.coach_types import Suggestion
    from stretchtimer.library.coached import write_coached

    library = Library()
    for name, entry in list(library.routines().items()):
        routine = load_routine(entry, library)[0]
        change = ease_off(routine)
        if change is None:
            continue
        before = plan(routine, Side.LEFT)
        eased = apply(routine, change)
        suggestion = Suggestion("ease-off", f"ease-off:{name}", name, "", "", change)
        path = write_coached(routine, suggestion, library, date(2026, 12, 2))
        written = load_routine(Library().routines()[path.stem], Library())[0]
        for after in (plan(eased, Side.LEFT), plan(written, Side.LEFT)):
            assert after.hold_seconds <= before.hold_seconds, name
            assert after.total_seconds <= before.total_seconds, name
        assert [(s.variant.id, s.sides, s.hold) for s in written.steps] == [
            (s.variant.id, s.sides, s.hold) for s in eased.steps], name


def test_advice_is_not_accepted_and_the_clinician_is_not_declined(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Flares three days running: the advice to see a clinician, which --decline refuses
    (and the summary offers no d for); --accept on advice says there is nothing to write;
    --accept with --decline is refused; --accept --format json says what was done."""
    write_sessions("morning", [9, 8, 7, 6, 5, 4, 3], before=2, after=2)
    history = History(paths.history_file())
    for ago in (2, 1, 0):
        at = datetime.now().astimezone().replace(hour=7) - timedelta(days=ago)
        history.conn.execute("INSERT INTO checks (at_utc, region, score) VALUES (?, ?, 8)",
                             (at.astimezone(UTC).isoformat(), "low-back"))
    history.conn.commit()
    history.close()
    found = json.loads(cli(monkeypatch, ["suggest", "--format", "json"])[1])
    rules = [s["rule"] for s in found]
    assert rules[0] == "clinician", rules
    code, _, err = cli(monkeypatch, ["suggest", "--decline", "1"])
    assert code == 2 and "not declined" in err
    code, _, err = cli(monkeypatch, ["suggest", "--accept", "1"])
    assert code == 2 and "advice, with nothing to write" in err
    code, _, err = cli(monkeypatch, ["suggest", "--accept", "1", "--decline", "1"])
    assert code == 2 and "not both" in err
    again = json.loads(cli(monkeypatch, ["suggest", "--format", "json"])[1])
    assert again[0]["key"] == found[0]["key"]  # still there
    flare = rules.index("flare") + 1
    code, out, _ = cli(monkeypatch, ["suggest", "--decline", str(flare), "--format", "json"])
    assert code == 0 and json.loads(out)["choice"] == "declined"


def test_two_coached_versions_have_names_and_titles_of_their_own() -> None:
    """A second accepted change of the same routine: -coached-2, titled (coached 2)."""
    from datetime import date

    from stretchtimer.core.coach_changes import ease_off
    from stretchtimer.core.coach_types import Suggestion
    from stretchtimer.library.coached import write_coached

    library = Library()
    routine = load_routine(library.routines()["morning"], library)[0]
    change = ease_off(routine)
    assert change is not None
    made = []
    for _ in range(2):
        suggestion = Suggestion("ease-off", "k", "morning", "", "", change)
        path = write_coached(routine, suggestion, Library(), date(2026, 12, 2))
        made.append((path.stem, load_routine(Library().routines()[path.stem], Library())[0].title))
    assert made == [("morning-coached", "Morning (coached)"),
                    ("morning-coached-2", "Morning (coached 2)")]
