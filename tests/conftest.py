"""Provides shared fixtures: a private STRETCHTIMER_HOME and a library over temp folders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from stretchtimer.library import paths
from stretchtimer.library.registry import Library
from stretchtimer.library.state import mark_urgent_signs_seen

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLES = FIXTURES / "articles"


@pytest.fixture(autouse=True)
def private_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Every test gets its own user directories, never the real ones, as a user who has seen
    the urgent signs already (tests of the first session remove that)."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv(paths.HOME_ENV, str(home))
    mark_urgent_signs_seen()
    monkeypatch.delenv("PLAYSOUND3_BACKEND", raising=False)
    yield home


@pytest.fixture
def library() -> Library:
    """The bundled library, with the test's (empty) user folders in front."""
    return Library()


def write(folder: Path, name: str, text: str) -> Path:
    """Write `text` to folder/name, creating the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path



def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slow tests (real terminals, real sound: mostly waiting in real time) go first, so
    the workers start them at once and do the quick ones while they wait, rather than finding
    them at the end of the queue, where the whole run would wait for them. The longest come
    first (`slow(seconds=...)`): pytest-xdist deals the first tests out one a worker in turn,
    so each worker starts with one long test instead of one worker queueing several."""

    def order(item: pytest.Item) -> tuple[bool, float]:
        slow = item.get_closest_marker("slow")
        return slow is None, -float(slow.kwargs.get("seconds", 1)) if slow else 0.0

    items.sort(key=order)
