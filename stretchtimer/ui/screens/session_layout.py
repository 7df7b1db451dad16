"""Provides the session screen's layout: its widgets, how they fit the terminal (the far view,
small terminals, the footer), and drawing a SessionView into them, changed parts only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Digits, Footer, Label, Static

from stretchtimer.core.engine import Session, State
from stretchtimer.core.model import SegmentKind
from stretchtimer.present.session import PHASES, SessionView
from stretchtimer.ui.widgets.big_text import BigText, can_draw
from stretchtimer.ui.widgets.figure_view import FigureView
from stretchtimer.ui.widgets.notice_line import NoticeLine
from stretchtimer.ui.widgets.progress_line import ProgressLine

if TYPE_CHECKING:
    from stretchtimer.figure.draw import Box
    from stretchtimer.present.figure_motion import FigureNow


def flow_phase(v: SessionView) -> str:
    """The phase as the phase line says it: in a running flow, the breath itself (`Breathe
    in: cow`, what to do now), which the breath bar's own line cuts on a narrow screen."""
    if v.kind == "flow" and v.breath and v.state == "running":
        return v.breath.split(" (", 1)[0]
    return v.phase


class SessionLayout(Screen[None]):
    """The session screen's widgets and their drawing (SessionScreen adds the clock and keys)."""

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

    FAR_LEAST = (60, 24)
    """Below this size the far view would cost the countdown its digits (at 60x20 a flow's
    breath bar left its big digits four rows: none were drawn): the usual screen is shown even
    where `f` asked for the far view (the choice is kept for a bigger terminal)."""

    @staticmethod
    def stage_rows(height: int, far: bool) -> int:
        """Rows for the figure and the countdown: the far view gives them all but the 14 rows
        the rest needs; the usual screen all but 15, from 5 (countdown, bar, breath) to 16."""
        return max(6, height - 14) if far else max(5, min(16, height - 15))

    far: bool | None = None
    """The far view as `f` set it; None: on when the terminal is big enough."""
    _shown: SessionView | None = None

    figure_mode = "braille"
    """What the terminal can draw the figure with (the app sets it from the terminal)."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Label(id="title", markup=False)
            yield Label(id="step", markup=False)
            yield Label(id="left", markup=False)
        yield Label(id="exercise", markup=False)
        with Horizontal(id="phasebar"):
            yield Label(id="phase", markup=False)
            yield Label(id="side", markup=False)
        yield Label(id="far-side", markup=False)
        yield NoticeLine()
        with Horizontal(id="stage"):
            yield FigureView(self.figure_mode, id="figure")
            with Vertical(id="clock"):
                yield BigText(most=1, id="far-phase")
                yield Digits("0:00", id="countdown")
                yield BigText(id="far-count")
                yield ProgressLine(id="bar")
                with Horizontal(id="breathbar"):
                    yield Label(id="breath", markup=False)
                    yield ProgressLine(id="breath-fill")
        with Vertical(id="body"):
            yield Label(id="cue-title", markup=False)
            yield Static(id="cue", markup=False)
        yield Static(id="feel", markup=False)
        yield Static(id="tip", markup=False)
        yield Static(id="flags", markup=False)
        yield Label(id="next", markup=False)
        yield Static(id="too-small", markup=False)
        # The footer is mounted right after the first frame: it costs as much as the rest.

    def on_resize(self) -> None:
        """Drop the extras on short or narrow terminals: the countdown, the side, the red flags
        and the x key go last. Too small for a countdown: say how big it needs to be."""
        width, height = self.size
        self.set_class(height < 24, "-short")
        self.set_class(height < 16, "-tiny")
        self.set_class(width < 70, "-narrow")
        self.set_class(width < 50 or height < 14, "-no-figure")
        self.set_class(height >= 36, "-tall")
        far_fits = width >= self.FAR_FROM[0] and height >= self.FAR_FROM[1]
        far_can = width >= self.FAR_LEAST[0] and height >= self.FAR_LEAST[1]
        far = far_can and (far_fits if self.far is None else self.far)
        self.set_class(far, "-far")
        self.query_one("#stage").styles.height = self.stage_rows(height, far)
        now = self.query_one("#figure", FigureView).now
        if now is not None:
            self._fit_figure(now.box)
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
            footer.refresh(recompose=True)  # packed again for the new width
            self.refresh_bindings()  # f says which way it goes

    def _fit_footer(self, footer: Footer) -> None:
        """Keys packed where they would not fit padded; the palette's hint only where it does
        not cover them."""
        width = self.size.width
        footer.compact = width < self.FOOTER_ROOMY_FROM
        footer.show_command_palette = width >= self.PALETTE_HINT_FROM

    _figure_on = False
    """Whether the figure is drawn yet (from just after the first frame)."""

    def first_figure(self, session: Session | None) -> None:
        """The figure, once the first frame is up (its drawing is imported then: the
        countdown, the side and the instruction come first); from now on the clock draws it."""
        self._figure_on = True
        if session is not None and session.state in (State.READY, State.RUNNING):
            self.figure_at(session)

    def figure_at(self, session: Session) -> FigureNow | None:
        """Draw the figure at this moment of `session`, once the first frame is up."""
        if not self._figure_on:
            return None
        from stretchtimer.present.figure_motion import figure_now

        now = figure_now(session)
        self.render_figure(now)
        return now

    def render_figure(self, now: FigureNow | None) -> None:
        """The figure at this moment (none: its column gives way to the countdown)."""
        self.set_class(now is None, "-figureless")
        figure = self.query_one("#figure", FigureView)
        figure.show(now)
        if now is not None:
            self._fit_figure(now.box)

    def _fit_figure(self, box: Box) -> None:
        """The figure as wide as its pose needs at the stage's height, leaving the countdown
        the room for its digits (the far view's need 54 columns at 100 wide)."""
        from stretchtimer.present.figures import cols_for

        width, height = self.size
        rows = self.stage_rows(height, self.has_class("-far"))
        room = width - (54 if self.has_class("-far") else 30)
        cols = cols_for(box, rows, max(12, min(room, width * 3 // 5)))
        figure = self.query_one("#figure", FigureView)
        if figure.styles.width is None or figure.styles.width.value != cols:
            figure.styles.width = cols

    def render_view(self, v: SessionView) -> None:
        """Update only the widgets whose text changed, in one screen update."""
        with self.app.batch_update():
            old, self._shown = self._shown, v
            self._render_top(old, v)
            self._render_far(old, v)
            self._render_body(old, v)

    def _changed(self, old: SessionView | None, v: SessionView, *names: str) -> bool:
        return old is None or any(getattr(old, n) != getattr(v, n) for n in names)

    def _render_top(self, old: SessionView | None, v: SessionView) -> None:
        """The one-line labels; the screen is re-laid out only where a width changed (the
        time left ticks every second, always as wide)."""
        texts = {
            "title": v.title, "step": v.step, "left": v.left, "exercise": v.exercise,
            "phase": flow_phase(v).upper(), "side": v.side.upper(),
        }
        for name, text in texts.items():
            if self._changed(old, v, name):
                same_width = old is not None and cell_len(getattr(old, name)) == cell_len(text)
                self.query_one(f"#{name}", Label).update(text, layout=not same_width)

    def _render_far(self, old: SessionView | None, v: SessionView) -> None:
        """The far view's big side (with the phase), phase and countdown."""
        if self._changed(old, v, "side", "phase", "breath"):
            phase = flow_phase(v).upper()
            line = f"{phase} · {v.side.upper()}" if v.side else phase
            self.query_one("#far-side", Label).update(line)
        if self._changed(old, v, "phase", "state", "breath"):
            word = "PAUSED" if v.state == "paused" else PHASES[SegmentKind(v.kind)].upper()
            if v.kind == "flow" and v.breath and v.state != "paused":
                word = "IN" if v.breath.startswith("Breathe in") else "OUT"
            self.query_one("#far-phase", BigText).show(word if can_draw(word) else "")
        if self._changed(old, v, "countdown"):
            self.query_one("#countdown", Digits).update(v.countdown)
            self.query_one("#far-count", BigText).show(v.countdown)

    def _render_body(self, old: SessionView | None, v: SessionView) -> None:
        """The bars, the breath, the instruction, the red flags, the tip and what is next."""
        if self._changed(old, v, "breath", "breath_count"):
            self.set_class(bool(v.breath), "-breathing")
            # the count first: on a narrow terminal the article's words are what is cut
            shown = f"{v.breath_count}: {v.breath}" if v.breath_count else v.breath
            self.query_one("#breath", Label).update(shown)
        if self._changed(old, v, "breath_fill"):
            self.query_one("#breath-fill", ProgressLine).show(v.breath_fill)
        if self._changed(old, v, "progress"):
            self.query_one("#bar", ProgressLine).show(v.progress)
        if self._changed(old, v, "cue", "cue_title"):
            self.query_one("#cue-title", Label).update(v.cue_title + ":")
            lines = [f"{i}. {line}" for i, line in enumerate(v.cue, 1)]
            self.query_one("#cue", Static).update("\n".join(lines))
        if self._changed(old, v, "red_flags"):
            self.query_one("#flags", Static).update(v.red_flags)
        if self._changed(old, v, "tip"):
            self.query_one("#tip", Static).update(f"Tip: {v.tip}" if v.tip else "")
        if self._changed(old, v, "feel"):
            self.query_one("#feel", Static).update(v.feel)
            self.set_class(bool(v.feel), "-feeling")
        if self._changed(old, v, "next"):
            self.query_one("#next", Label).update(v.next)
        if self._changed(old, v, "kind", "state"):
            self.set_class(v.state == "paused", "-paused")
            for kind in ("prepare", "hold", "flow", "switch", "rest"):
                self.set_class(v.kind == kind, f"-{kind}")
