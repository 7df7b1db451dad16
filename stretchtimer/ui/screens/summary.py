"""Provides the end-of-routine summary screen: what was done, the streak, how much it hurts
now (0 none to 10 worst), compared with before when that was asked, and the coach's
suggestion (read in a worker, never waited for; a accepts, d declines)."""

from __future__ import annotations

from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Label, Static

from stretchtimer.core.coach_types import Suggestion, declinable
from stretchtimer.core.engine import Session
from stretchtimer.core.errors import InputError
from stretchtimer.core.exit_codes import ExitCode
from stretchtimer.core.moments import PainTime
from stretchtimer.core.regions import routine_regions
from stretchtimer.present.coaching import decided_text, summary_coach_text
from stretchtimer.present.pain import pain_change, routine_region
from stretchtimer.present.session import NOT_COUNTED, done_text
from stretchtimer.runner.coach import SessionCoach
from stretchtimer.ui.messages import CoachDecided, CoachSaid, PainGiven, SessionDone, StreakRead
from stretchtimer.ui.region_pick import REGION_BINDING, RegionPick, other_hint
from stretchtimer.ui.widgets.pain_score import PAIN_BINDINGS, PainScore


class SummaryScreen(RegionPick):
    """Routine complete: what was done, and how much it hurts now."""

    BINDINGS = [
        Binding("enter", "enter", "Done"),
        Binding("q", "done", "Quit"),
        Binding("h", "app.progress", "Progress"),
        Binding("a", "accept", "Accept"),
        Binding("d", "decline", "Decline"),
        REGION_BINDING,
        *PAIN_BINDINGS,
    ]

    def __init__(
        self,
        session: Session,
        streak: Callable[[], str] | None = None,
        pain_before: int | None = None,
        coach: SessionCoach | None = None,
        recording: bool = True,
        region: str | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.streak = streak
        """Reads the streak from the history (`3 days in a row`): called in a worker."""
        self.pain_before = pain_before
        """How much it hurt before the session (0-10), if asked and answered."""
        self.pain: int | None = None
        """How much it hurts now (0-10), once answered."""
        self.pain_region = region or routine_region(session.plan.routine)
        self.asked_region = self.pain_region
        self.regions = routine_regions(session.plan.routine)
        self.recording = recording
        """The history records (off: no pain question, no word of streaks)."""
        self.coach = coach
        """The coach for this routine (None: no history, nothing to learn from)."""
        self.suggestion: Suggestion | None = None
        """The suggestion shown, until it is accepted or declined."""
        self._asked = 0
        """How many times the coach was asked: only the latest answer is shown."""
        self._decided: str | None = None
        """`accept` or `decline` once one was chosen: the coach is not asked again."""

    def compose(self) -> ComposeResult:
        s = self.session
        with Vertical(id="summary"):
            yield Label("Routine complete", id="summary-title", markup=False)
            yield Label(s.plan.routine.title, id="summary-routine", markup=False)
            yield Static(done_text(s), id="summary-facts", markup=False)
            if not s.held_enough and self.recording:
                yield Static(NOT_COUNTED, id="not-counted", markup=False)
            streak = Label("", id="streak", markup=False)
            streak.display = False  # until the history says there is one
            yield streak
            if self.recording:
                yield PainScore(self.pain_region, PainTime.AFTER, id="pain-now")
                if len(self.regions) > 1:
                    yield Static(other_hint(self.next_region()), id="pain-region-hint",
                                 markup=False)
            note = Static("", id="summary-coach", markup=False)
            note.display = False  # until the coach has something to say
            yield note
            hint = "Well done. Enter to finish." if s.held_enough else "Enter to finish."
            if not self.recording:
                hint += " (Nothing was recorded: the history is off.)"
            yield Label(hint, id="summary-hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        if self.streak is not None:
            self.read_streak()
        self.read_coach()

    def read_coach(self) -> None:
        """Ask the coach again (the app calls it once the score now is recorded)."""
        if self.coach is not None and self._decided is None:
            self._asked += 1
            self._ask_coach(self._asked)

    @work(thread=True, exclusive=True, group="coach", exit_on_error=False)
    def _ask_coach(self, asked: int) -> None:
        """The coach's suggestions for this routine, off the event loop, posted back."""
        assert self.coach is not None
        self.post_message(CoachSaid(self.coach.suggestions(), asked))

    @on(CoachSaid)
    def show_coach(self, message: CoachSaid) -> None:
        """Show the first suggestion, with its keys."""
        if self._decided is not None or message.asked != self._asked:
            return  # (a slower, older read: the newer one knows the score now)
        note = self.query_one("#summary-coach", Static)
        said = message.suggestions
        if self.pain is None:  # "stay: no score after" says only what the question asks
            said = [s for s in said if s.rule != "stay"]
        if not said:
            self.suggestion, note.display = None, False
            self.refresh_bindings()
            return
        self.suggestion = said[0]
        note.update(summary_coach_text(self.suggestion, len(said) - 1))
        note.display = True
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """a only for a suggestion with a change to write; d for any suggestion shown; the
        number keys only where the pain question is asked."""
        if action == "pain":
            return self.recording
        if action == "other_region":
            return self.recording and self.can_pick()
        if action == "accept":
            return self.suggestion is not None and self.suggestion.change is not None
        if action == "decline":
            return self.suggestion is not None and declinable(self.suggestion)
        return True

    def action_accept(self) -> None:
        self._decide(True)

    def action_decline(self) -> None:
        self._decide(False)

    def _decide(self, accept: bool) -> None:
        if self.suggestion is None or self.coach is None:
            return
        chosen, self.suggestion = self.suggestion, None
        self._decided = "accept" if accept else "decline"
        self.refresh_bindings()
        self.query_one("#summary-coach", Static).update("The coach: writing it down...")
        self._write_decision(chosen, accept)

    @work(thread=True, group="decide", exit_on_error=False)
    def _write_decision(self, chosen: Suggestion, accept: bool) -> None:
        """Accept (the file written) or decline, off the event loop; what to say posted."""
        assert self.coach is not None
        try:
            if accept:
                path = self.coach.accept(chosen)
                text = decided_text(path)
            else:
                self.coach.decline(chosen)
                text = "The coach: declined, not suggested again for 7 days."
        except InputError as exc:
            text = f"The coach could not write it: {exc.problems[0]}"
        self.post_message(CoachDecided(text))

    @on(CoachDecided)
    def show_decided(self, message: CoachDecided) -> None:
        self.query_one("#summary-coach", Static).update(message.text)

    @work(thread=True, exclusive=True, group="streak", exit_on_error=False)
    def read_streak(self) -> None:
        """Read the streak off the event loop (it waits for the session's row to be written)
        and post it back."""
        assert self.streak is not None
        text = self.streak()
        if text:
            self.post_message(StreakRead(text))

    @on(StreakRead)
    def show_streak(self, message: StreakRead) -> None:
        """Show the streak under the facts."""
        label = self.query_one("#streak", Label)
        label.update(message.text)
        label.display = True

    def action_pain(self, digit: int) -> None:
        """A number key: the score now, or the 1 that may begin a 10."""
        score = self.query_one(PainScore).digit(digit)
        if score is not None:
            self.record(score)

    def record(self, score: int) -> None:
        """Note how much it hurts now; the app stores it."""
        self.pain = score
        self.post_message(PainGiven(PainTime.AFTER, score))
        for hint in self.query("#pain-region-hint"):
            hint.display = False
        self.refresh_bindings()
        change = pain_change(self.pain_before, score)
        self.query_one(PainScore).update(
            f"Noted: {score} of 10. {change if self.pain_before is not None else ''}".rstrip()
        )

    def action_enter(self) -> None:
        """Enter: a waiting 1 is the answer; otherwise leave."""
        found = self.query(PainScore)
        score = found.first().enter() if found else None
        if score is not None:
            self.record(score)
        else:
            self.action_done()

    def action_done(self) -> None:
        """Done: exit code 0 (or, while reminding, back to waiting)."""
        self.post_message(SessionDone(ExitCode.OK))
