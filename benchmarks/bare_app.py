"""Provides the baseline: the smallest Textual app that shows one label."""

from textual.app import App, ComposeResult
from textual.widgets import Label


class Bare(App[None]):
    """One label, nothing else."""

    def compose(self) -> ComposeResult:
        yield Label("bare app ready")


if __name__ == "__main__":
    Bare().run()
