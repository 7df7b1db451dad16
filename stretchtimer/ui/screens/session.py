"""Provides the session screen: renders a Session's view and forwards keys to it."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Digits, Footer, Label, Static

from stretchtimer.core.engine import Clock, Session, State
from stretchtimer.core.model import Plan, SegmentKind
from stretchtimer.present.session import PHASES, SessionView, view
from stretchtimer.sound.chimes import Chimes
from stretchtimer.sound.voice import Voice, wav_seconds
from stretchtimer.ui.messages import (
    SessionBegan,
    SessionFinished,
    SessionQuit,
    SessionStoppedForPain,
    SpeechQueued,
)
from stretchtimer.ui.screens.confirm import ConfirmScreen
from stretchtimer.ui.widgets.big_text import BigText, can_draw
from stretchtimer.ui.widgets.progress_line import ProgressLine

VOICE_AFTER = 0.3
"""Seconds after the session starts to begin rendering its phrases: never before the first
frame (the first phrase is needed at the first hold, seconds later)."""
BREATH_FRAME = 0.2
"""Seconds between frames while a breath bar fills and empties (the countdown alone needs a
frame a second)."""
FINAL_FRAME = 0.05
"""Seconds the end of a routine stays on the session screen before the summary replaces it:
enough for the final frame to be painted first (Textual paints at most every 1/60 s)."""


class SessionScreen(Screen[None]):
    """One guided run through a plan."""

    BINDINGS = [
        Binding("x", "hurt", "This hurts"),
        Binding("q", "quit_session", "Quit"),
        Binding("space", "pause", "Pause"),
        Binding("space", "resume", "Resume"),
        Binding("n,right", "next", "Next"),
        Binding("p,left", "back", "Back"),
        Binding("m", "mute", "Mute"),
        Binding("m", "unmute", "Unmute"),
        Binding("h", "app.progress", "Progress", show=False),
        Binding("f", "far", "Far view"),
        Binding("v", "voice", "Voice"),
    ]
    """x and q first: on a narrow terminal the footer cuts from the right."""
    FAR_FROM = (100, 28)
    """From this size (columns, rows) the far view is on unless `f` turned it off (28 rows: a
    100x30 tmux window's pane is 29 rows under its status line)."""
    MIN_SIZE = (30, 10)
    """Smaller than this (columns, rows), no countdown fits: the screen says so instead."""
    FOOTER_ROOMY_FROM = 90
    """From this width the footer's keys fit with their padding; below it they are packed
    (packed, they fit whole from 80 columns; narrower, x and q come first and the edge cuts)."""
    PALETTE_HINT_FROM = 100
    """From this width `^p palette` fits beside the keys; narrower, it would cover them (ctrl+p
    still opens it)."""

    def __init__(
        self, plan: Plan, clock: Clock, chimes: Chimes, voice: Voice | None = None
    ) -> None:
        super().__init__()
        self.voice = voice
        """The app's voice (None: no speech engine or switched off for good)."""
        self.plan = plan
        self.clock = clock
        """Where time comes from (the tests' is fake): never read anywhere else."""
        self.chimes = chimes
        """The app's chimes: this screen sounds them and mutes them."""
        self.session: Session | None = None
        self.far: bool | None = None
        """The far view as `f` set it; None: on when the terminal is big enough."""
        self.paused_by_cover = False
        """Paused because a dialog, the palette or the progress screen covers this screen: it
        resumes when they close (a session the user had paused stays paused)."""
        self._timer: Timer | None = None
        self._shown: SessionView | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Label(id="title", markup=False)
            yield Label(id="step", markup=False)
            yield Label(id="left", markup=False)
        yield Label(id="exercise", markup=False)
        with Horizontal(id="phasebar"):
            yield Label(id="phase", markup=False)
            yield Label(id="side", markup=False)
        yield BigText(most=2, id="far-phase")
        yield Label(id="far-side", markup=False)
        yield Digits("0:00", id="countdown")
        yield BigText(id="far-count")
        yield ProgressLine(id="bar")
        with Horizontal(id="breathbar"):
            yield Label(id="breath", markup=False)
            yield ProgressLine(id="breath-fill")
        with Vertical(id="body"):
            yield Label(id="cue-title", markup=False)
            yield Static(id="cue", markup=False)
        yield Static(id="flags", markup=False)
        yield Static(id="tip", markup=False)
        yield Label(id="next", markup=False)
        yield Static(id="too-small", markup=False)
        # The footer is mounted right after the first frame: it costs as much as the rest.

    def on_mount(self) -> None:
        self.session = Session(self.plan, self.clock)
        self.render_view(view(self.session))
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
                texts = self.voice.plan(self.plan)
                self.set_timer(VOICE_AFTER, lambda: self._render_voice(texts))
            self.post_message(SessionBegan(self.session))
            self.session.start()
            self.tick()

    def on_resize(self) -> None:
        """Drop the extras on short or narrow terminals: the countdown, the side, the red flags
        and the x key go last. Too small for a countdown: say how big it needs to be."""
        width, height = self.size
        self.set_class(height < 24, "-short")
        self.set_class(height < 16, "-tiny")
        self.set_class(width < 70, "-narrow")
        far_fits = width >= self.FAR_FROM[0] and height >= self.FAR_FROM[1]
        self.set_class(far_fits if self.far is None else self.far, "-far")
        too_small = width < self.MIN_SIZE[0] or height < self.MIN_SIZE[1]
        self.set_class(too_small, "-too-small")
        if too_small:
            need = f"{self.MIN_SIZE[0]}x{self.MIN_SIZE[1]}"
            self.query_one("#too-small", Static).update(
                f"stretchtimer needs a terminal of at least {need} (this one is "
                f"{width}x{height}). x: this hurts, q: quit."
            )
        for footer in self.query(Footer):
            self._fit_footer(footer)

    def _fit_footer(self, footer: Footer) -> None:
        """Keys packed where they would not fit padded; the palette's hint only where it does
        not cover them."""
        width = self.size.width
        footer.compact = width < self.FOOTER_ROOMY_FROM
        footer.show_command_palette = width >= self.PALETTE_HINT_FROM

    def tick(self) -> None:
        """Look at the clock: play chimes for new events, redraw what changed, re-arm."""
        session = self.session
        if session is None:
            return
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        events = session.tick()
        voice = self.voice if self.voice is not None and self.chimes.can_play else None
        chime = self.chimes.on_events(
            events, self.plan, ticks=not (voice is not None and voice.counts_down)
        )
        if voice is not None and voice.on:
            voice.hear(events, self.clock(), after=wav_seconds(chime.path) if chime else 0.0)
            if voice.next_due() is not None:
                self.post_message(SpeechQueued())
        if session.state is State.FINISHED:
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
        wait = session.next_change_in()
        if shown.breath and session.state is State.RUNNING:
            wait = min(wait, BREATH_FRAME)
        self._timer = self.set_timer(wait, self.tick)

    def render_view(self, v: SessionView) -> None:
        """Update only the widgets whose text changed, in one screen update."""
        with self.app.batch_update():
            self._render_view(v)

    def _render_view(self, v: SessionView) -> None:
        old = self._shown
        self._shown = v

        def changed(name: str) -> bool:
            return old is None or getattr(old, name) != getattr(v, name)

        def label(name: str, text: str) -> None:
            """Update a one-line label; re-lay out the screen only if its width changed (the
            time left ticks every second, always as wide)."""
            if changed(name):
                same_width = old is not None and cell_len(getattr(old, name)) == cell_len(text)
                self.query_one(f"#{name}", Label).update(text, layout=not same_width)

        label("title", v.title)
        label("step", v.step)
        label("left", v.left)
        label("exercise", v.exercise)
        label("phase", v.phase.upper())
        label("side", v.side.upper())
        if changed("side"):
            self.query_one("#far-side", Label).update(v.side.upper())
        if changed("phase") or changed("state") or changed("breath"):
            word = "PAUSED" if v.state == "paused" else PHASES[SegmentKind(v.kind)].upper()
            if v.kind == "flow" and v.breath and v.state != "paused":
                word = "IN" if v.breath.startswith("Breathe in") else "OUT"
            self.query_one("#far-phase", BigText).show(word if can_draw(word) else "")
        if changed("breath") or changed("breath_count"):
            self.set_class(bool(v.breath), "-breathing")
            # the count first: on a narrow terminal the article's words are what is cut
            shown = f"{v.breath_count}: {v.breath}" if v.breath_count else v.breath
            self.query_one("#breath", Label).update(shown)
        if changed("breath_fill"):
            self.query_one("#breath-fill", ProgressLine).show(v.breath_fill)
        if changed("countdown"):
            self.query_one("#countdown", Digits).update(v.countdown)
            self.query_one("#far-count", BigText).show(v.countdown)
        if changed("progress"):
            self.query_one("#bar", ProgressLine).show(v.progress)
        if changed("cue") or changed("cue_title"):
            self.query_one("#cue-title", Label).update(v.cue_title + ":")
            lines = [f"{i}. {line}" for i, line in enumerate(v.cue, 1)]
            self.query_one("#cue", Static).update("\n".join(lines))
        if changed("red_flags"):
            self.query_one("#flags", Static).update(v.red_flags)
        if changed("tip"):
            self.query_one("#tip", Static).update(f"Tip: {v.tip}" if v.tip else "")
        if changed("next"):
            self.query_one("#next", Label).update(v.next)
        if changed("kind") or changed("state"):
            self.set_class(v.state == "paused", "-paused")
            for kind in ("prepare", "hold", "flow", "switch", "rest"):
                self.set_class(v.kind == kind, f"-{kind}")

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
        if action == "voice":
            return self.voice is not None and self.voice.engine is not None
        return True

    def _drive(self, command: Callable[[Session], None]) -> None:
        """Apply a key's command to the session, then redraw and re-arm at once (what the
        voice had queued is dropped: the new moment brings its own words)."""
        if self.voice is not None:
            self.voice.silence()
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

    def action_far(self) -> None:
        """The far view on or off (it starts on where the terminal is big enough)."""
        self.far = not self.has_class("-far")
        self.on_resize()

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
        """Stop at once: this hurts."""
        self._begin()
        if self.session and self.session.active:
            self.session.stop("pain")
            self.session.tick()
            self.post_message(SessionStoppedForPain(self.session))

    def action_quit_session(self) -> None:
        """Ask, then quit the session."""

        def answered(yes: bool | None) -> None:
            if yes and self.session:
                self.session.stop("quit")
                self.post_message(SessionQuit(self.session))

        if self.session and self.session.active:
            self.app.push_screen(ConfirmScreen("Quit this session?"), answered)
        else:
            self.app.exit(0, return_code=0)
