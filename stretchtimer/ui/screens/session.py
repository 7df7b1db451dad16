"""Provides the session screen: renders a Session's view and forwards keys to it."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import Digits, Footer, Label

from stretchtimer.core.engine import Session, State
from stretchtimer.present.session import SessionView, view
from stretchtimer.runner.session import SessionRunner
from stretchtimer.ui.messages import (
    FarViewChosen,
    SessionBegan,
    SessionFinished,
    SessionHurts,
    SessionQuit,
    SpeechQueued,
)
from stretchtimer.ui.screens.confirm import ConfirmScreen
from stretchtimer.ui.screens.session_layout import SessionLayout
from stretchtimer.ui.widgets.big_text import BigText

VOICE_AFTER = 0.3
"""Seconds after the session starts to begin rendering its phrases: never before the first
frame (the first phrase is needed at the first hold, seconds later)."""
BREATH_FRAME = 0.25
"""Seconds between frames while a breath bar fills and empties (the countdown alone needs a
frame a second): four a second, sixteen steps to a 4 s breath."""
FIGURE_FRAME = BREATH_FRAME
"""Seconds between frames while the figure moves (a get-ready easing into the hold, a flow):
the breath bar's own frames (8 a second cost half as much CPU again for motion that reads no
better; a flow at 4 a second costs 4.8% of a core here, headless, 3.6% before the figure at
5); a still hold draws nothing."""
FINAL_FRAME = 0.05
"""Seconds the end of a routine stays on the session screen before the summary replaces it:
enough for the final frame to be painted first (Textual paints at most every 1/60 s)."""


class SessionScreen(SessionLayout):
    """One guided run through a plan."""

    BINDINGS = [
        Binding("x", "hurt", "This hurts"),
        Binding("q", "quit_session", "Quit"),
        Binding("space", "pause", "Pause"),
        Binding("space", "resume", "Resume"),
        Binding("n,right", "next", "Next"),
        Binding("p,left", "back", "Restart/back"),
        Binding("m", "mute", "Mute"),
        Binding("m", "unmute", "Unmute"),
        Binding("h", "app.progress", "Progress", show=False),
        Binding("f", "far", "Far view"),
        Binding("f", "near", "Near view"),
        Binding("v", "voice", "Voice"),
    ]
    """x and q first: on a narrow terminal the footer cuts from the right."""
    def __init__(
        self, runner: SessionRunner, far: bool | None = None, figure_mode: str = "braille"
    ) -> None:
        super().__init__()
        self.figure_mode = figure_mode
        self.runner = runner
        """The session's life (its clock, chimes, voice and record): this screen draws it and
        forwards the keys."""
        self.voice = runner.voice
        """The app's voice (None: no speech engine or switched off for good)."""
        self.chimes = runner.chimes
        """The app's chimes: this screen mutes them."""
        self.session: Session | None = None
        self.far: bool | None = far
        """The far view as set, or as `f` last left it; None: on where the terminal is big
        enough."""
        self.paused_by_cover = False
        """Paused because a dialog, the palette or the progress screen covers this screen: it
        resumes when they close (a session the user had paused stays paused)."""
        self._timer: Timer | None = None
        self._ended = False
        """The end was drawn and SessionFinished posted (once: the summary is shown once)."""
        self._shown: SessionView | None = None

    def on_mount(self) -> None:
        self.session = self.runner.session
        self.render_view(view(self.session))
        # The figure follows the first frame (its drawing is imported then): the countdown,
        # the side and the instruction come first.
        self.call_after_refresh(lambda: self.first_figure(self.session))
        # The clock starts as the countdown is first drawn: on the app's first screen,
        # call_after_refresh would start it about 35 ms after the frame showed (measured in
        # tmux), call_later within a few ms of it.
        self.call_later(self._begin)

    def _begin(self) -> None:
        if not self.query(Footer):
            footer = Footer()
            self._fit_footer(footer)
            self.mount(footer)
            self.call_after_refresh(self.refresh_bindings)
        if self.session is not None and self.session.state is State.READY:
            if self.voice is not None:
                texts = self.runner.phrases()
                self.set_timer(VOICE_AFTER, lambda: self._render_voice(texts))
            self.post_message(SessionBegan(self.session))
            self.runner.start()
            self.tick()

    def tick(self) -> None:
        """Look at the clock: play chimes for new events, redraw what changed, re-arm."""
        session = self.session
        if session is None:
            return
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.runner.tick()
        if self.runner.next_phrase() is not None:
            self.post_message(SpeechQueued())
        if session.state is State.FINISHED:
            if self._ended:
                return  # said once: a look after the end (a late timer, a test) changes nothing
            self._ended = True
            # The end is drawn at once ("0:00", ROUTINE COMPLETE); the summary,
            # a whole new screen (about 30 ms to build and paint), follows it.
            # In the far view the small phase label is hidden and the big side line is a
            # fixed size: neither needs a new layout (which would repaint every row).
            final = view(session)
            far = self.has_class("-far")
            with self.app.batch_update():
                self.query_one("#countdown", Digits).update(final.countdown)
                self.query_one("#phase", Label).update(final.phase.upper(), layout=not far)
                self.query_one("#far-count", BigText).show(final.countdown)
                self.query_one("#far-phase", BigText).show("DONE")
                self.query_one("#far-side", Label).update(final.phase.upper(), layout=False)
            if FINAL_FRAME > 0:
                self.set_timer(FINAL_FRAME, lambda: self.post_message(SessionFinished(session)))
            else:
                self.post_message(SessionFinished(session))
            return
        if session.state is State.STOPPED:
            return
        shown = view(session)
        self.render_view(shown)
        figure = self.figure_at(session)
        wait = session.next_change_in()
        if shown.breath and session.state is State.RUNNING:
            wait = min(wait, BREATH_FRAME)
        if figure is not None and figure.moving and session.state is State.RUNNING:
            wait = min(wait, FIGURE_FRAME)
        self._timer = self.set_timer(wait, self.tick)

    # -- keys ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show each key only when it does something now."""
        session = self.session
        # A key pressed as the first frame appears (before the clock starts) starts it.
        running = session is not None and (session.active or session.state is State.READY)
        muted = self.chimes.muted
        if action == "pause":
            return running and session is not None and session.state is State.RUNNING
        if action == "resume":
            return running and session is not None and session.state is State.PAUSED
        if action == "mute":
            return not muted
        if action == "unmute":
            return muted
        if action in ("next", "back", "hurt"):
            return running
        if action in ("far", "near"):
            return self.has_class("-far") is (action == "near")
        if action == "voice":
            return self.voice is not None and self.voice.engine is not None
        return True

    def _drive(self, command: Callable[[Session], None]) -> None:
        """Apply a key's command to the session, then redraw and re-arm at once (what the
        voice had queued is dropped: the new moment brings its own words)."""
        self.runner.silence()
        if self.session:
            self._begin()  # (it is running already unless the key beat the first refresh)
            command(self.session)
            self.refresh_bindings()
            self.tick()

    def action_pause(self) -> None:
        """Pause the countdown."""
        self._drive(Session.pause)

    def action_resume(self) -> None:
        """Resume the countdown."""
        self._drive(Session.resume)

    def action_toggle_pause(self) -> None:
        """Pause or resume (the command palette's single entry). Chosen in the palette, which
        paused the session while open: the user meant the session as it was before, running,
        so it stays paused."""
        if self.paused_by_cover:
            self.paused_by_cover = False
            return
        self._drive(Session.toggle_pause)

    def _render_voice(self, texts: list[str]) -> None:
        """Render the phrases in a worker (after the first frame; a phrase takes ~60 ms)."""
        voice = self.voice
        if voice is not None:
            self.run_worker(
                partial(voice.render, texts), thread=True, group="voice", exit_on_error=False
            )

    def action_voice(self) -> None:
        """Spoken cues on or off."""
        if self.voice is not None:
            self.voice.on = not self.voice.on
            self.voice.silence()
            self.notify("Voice on" if self.voice.on else "Voice off (v to turn it on)")
            self.refresh_bindings()

    def action_near(self) -> None:
        """The far view off (the footer names the way `f` goes)."""
        self.action_far()

    def action_far(self) -> None:
        """The far view on or off (it starts on where the terminal is big enough); the choice
        is kept for the next session (written in a worker)."""
        self.far = not self.has_class("-far")
        self.on_resize()
        self.refresh_bindings()
        self.post_message(FarViewChosen(self.far))

    def on_screen_suspend(self) -> None:
        """Covered (the quit dialog, the palette, the progress screen): pause what runs."""
        session = self.session
        if session is not None and session.state is State.RUNNING:
            self.paused_by_cover = True
            self._drive(Session.pause)

    def on_screen_resume(self) -> None:
        """Uncovered: resume only what the cover paused."""
        if self.paused_by_cover:
            self.paused_by_cover = False
            self._drive(Session.resume)

    def action_next(self) -> None:
        """Skip to the next segment."""
        self._drive(Session.next)

    def action_back(self) -> None:
        """Restart this segment, or go back one."""
        self._drive(Session.back)

    def action_toggle_mute(self) -> None:
        """Mute or unmute (the command palette's single entry)."""
        if self.chimes.muted:
            self.action_unmute()
        else:
            self.action_mute()

    def action_mute(self) -> None:
        """Silence the chimes."""
        self.chimes.muted = True
        self.notify("Chimes muted (m to unmute)")
        self.refresh_bindings()

    def action_unmute(self) -> None:
        """Turn the chimes back on."""
        self.chimes.muted = False
        self.notify("Chimes on")
        self.refresh_bindings()

    def action_hurt(self) -> None:
        """This hurts: pause at once and ask (the app shows the pain screen)."""
        self._begin()
        if self.session and self.runner.hurt():
            self.refresh_bindings()
            self.tick()
            self.post_message(SessionHurts(self.session))

    def went_on(self) -> None:
        """The session goes on after "this hurts" (another way, or the next exercise): draw
        where it is, and render the phrases of what changed."""
        if self.voice is not None:
            self._render_voice(self.runner.phrases())
        self.refresh_bindings()
        self.tick()

    def action_quit_session(self) -> None:
        """Ask, then quit the session."""

        def answered(yes: bool | None) -> None:
            if yes and self.session and self.session.active:
                self.runner.stop("quit")
                self.post_message(SessionQuit(self.session))

        if self.session and self.session.active:
            self.app.push_screen(ConfirmScreen("Quit this session?"), answered)
        else:
            self.app.call_later(self.app.action_quit)  # the app decides: leave, or wait again
