"""Tests the spoken cues: what is said and when (on the fake clock, with a recording engine and
player), the queue (the chime first, a phrase after its end, never two at once, a phrase not
rendered in time dropped), the switches, and one real espeak-ng rendering."""

from __future__ import annotations

import shutil
import struct
import wave
from pathlib import Path

import pytest
from apphelp import advance, drive, quick_relief, until
from fakes import FakeClock, RecordingPlayer, make_plan
from textual.pilot import Pilot

from stretchtimer.core.events import Countdown, Finished, SegmentStarted
from stretchtimer.sound.chime import Chime
from stretchtimer.sound.phrases import phrases, seconds_to_say
from stretchtimer.sound.speech import find_engine
from stretchtimer.sound.voice import Voice, wav_seconds
from stretchtimer.ui.app import StretchApp


class RecordingEngine:
    """Renders a phrase as a WAV of silence, a tenth of a second a word; records the texts."""

    name = "recording"

    def __init__(self) -> None:
        self.rendered: list[str] = []

    def render(self, text: str, wav_path: Path, rate: int) -> None:
        self.rendered.append(text)
        frames = 2205 * len(text.split())
        with wave.open(str(wav_path), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(22050)
            w.writeframes(struct.pack(f"<{frames}h", *([0] * frames)))


def voice(tmp_path: Path, engine: RecordingEngine | None = None) -> Voice:
    return Voice(engine or RecordingEngine(), tmp_path / "phrases")


def test_what_is_said_for_quick_relief() -> None:
    """The exercise and what the side means, the hold's length, the red flags once per
    exercise, the switch, 3-2-1 in each hold, the end."""
    table = phrases(quick_relief())
    assert table[(0, "start")] == ["Single Knee to Chest.", "Left knee comes in first."]
    assert table[(1, "start")] == ["Hold, 20 seconds.", "Stop if your back pain gets worse."]
    assert table[(2, "start")] == ["Switch: right knee comes in."]
    assert table[(3, "start")] == ["Hold, 20 seconds."]  # the red flags were said once
    assert [table[(1, n)] for n in ("3", "2", "1")] == [["3"], ["2"], ["1"]]
    assert table[(5, "finish")] == ["Routine complete."]
    assert all(seconds_to_say(t) <= 3.0 for texts in table.values() for t in texts)


def test_the_starting_position_only_when_there_is_time_for_it() -> None:
    """A long get-ready adds the first starting-position line; a short one does not."""
    short = phrases(make_plan(("prepare", 2, None), ("hold", 10, None)))
    long = phrases(make_plan(("prepare", 10, None), ("hold", 10, None)))
    assert short[(0, "start")] == ["Demo."]
    assert long[(0, "start")] == ["Demo.", "Lie down."]


def test_cues_can_be_chosen() -> None:
    """settings.yaml's voice_cues: only the hold lengths and the end, say."""
    table = phrases(quick_relief(), ("hold", "complete"))
    said = [t for texts in table.values() for t in texts]
    assert set(said) == {"Hold, 20 seconds.", "Hold, 30 seconds.", "Routine complete."}


def test_the_queue_chime_first_one_at_a_time_and_unready_dropped(tmp_path: Path) -> None:
    """A hold's phrases start when its chime ends, the second after the first; a phrase not
    rendered when its moment comes is dropped, never said late."""
    v = voice(tmp_path)
    plan = quick_relief()
    texts = v.plan(plan)
    v.render([t for t in texts if not t.startswith("Stop if")])  # that one is not ready
    v.hear([SegmentStarted(1)], now=100.0, after=0.9)
    assert v.next_due() == pytest.approx(100.9)
    assert v.due(100.5) == []
    (first,) = v.due(100.9)
    assert first == v.path_for("Hold, 20 seconds.") and v.due(200.0) == []
    v.render(texts)
    v.hear([SegmentStarted(1)], now=300.0, after=0.9)
    assert v.due(301.0) == [v.path_for("Hold, 20 seconds.")]  # its WAV: 0.3 s (3 words)
    assert v.due(301.1) == []  # one at a time: the red flags wait for it to end
    assert v.due(301.25) == [v.path_for("Stop if your back pain gets worse.")]
    v.hear([SegmentStarted(1)], now=500.0, after=0.0)
    assert v.due(600.0) == []  # long overdue (a stalled loop): dropped, never said late
    v.silence()
    assert v.next_due() is None


def test_late_events_and_a_voice_switched_off_say_nothing(tmp_path: Path) -> None:
    v = voice(tmp_path)
    v.render(v.plan(quick_relief()))
    v.hear([SegmentStarted(1, late=True), Countdown(1, late=True, n=3)], now=0.0, after=0.0)
    assert v.next_due() is None
    v.on = False
    v.hear([Finished(5)], now=0.0, after=0.0)
    assert v.next_due() is None


def test_phrases_are_cached_on_disk(tmp_path: Path) -> None:
    """A second session renders nothing: every phrase is ready from the cache at once."""
    engine = RecordingEngine()
    v = voice(tmp_path, engine)
    v.render(v.plan(quick_relief()))
    count = len(engine.rendered)
    again = voice(tmp_path, engine)
    texts = again.plan(quick_relief())
    assert all(again.ready(t) for t in texts)
    again.render(texts)
    assert len(engine.rendered) == count


def test_in_the_app_the_voice_follows_the_chime_and_counts_down(tmp_path: Path) -> None:
    """At the first hold: the hold chime, then 'Hold, 20 seconds.' when it ends, then the red
    flags; 3-2-1 are spoken instead of the ticks; m silences the voice too."""
    v = voice(tmp_path)
    v.render(v.plan(quick_relief()))
    clock = FakeClock()
    player = RecordingPlayer()
    app = StretchApp(plan=quick_relief(), clock=clock, player=player, voice=v)
    stem = {v.path_for(t).stem: t for t in v.plan(quick_relief())}

    def heard() -> list[str]:
        return [stem.get(p, p) for p in player.played]

    def run(seconds: float) -> None:
        """The fake clock moves; the screen and the app's voice look every quarter second."""
        for _ in range(round(seconds / 0.25)):
            advance(app, clock, 0.25)
            app.speak_due()

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        app.speak_due()  # (the app's timer would; the scenario holds the loop)
        run(5.0)  # the first hold starts
        assert heard() == ["Single Knee to Chest.", "Left knee comes in first.", "hold"]
        run(wav_seconds(Chime.HOLD.path) - 0.25)
        assert heard()[-1] == "hold"  # the chime is still sounding
        run(1.0)
        assert heard()[-2:] == ["Hold, 20 seconds.", "Stop if your back pain gets worse."]
        run(18.0)  # to 24.75 s: through the last three seconds of the hold (it ends at 25)
        assert "tick" not in heard() and heard()[-3:] == ["3", "2", "1"]
        await pilot.press("m")
        run(10.0)
        assert "Switch: right knee comes in." not in heard() and "switch" not in heard()

    drive(app, scenario)


def test_a_phrase_already_due_is_said_at_once(tmp_path: Path) -> None:
    """A phrase due the very moment the app arms its timer (or already past it) is said at
    once, and the app still ends cleanly: a Textual timer cannot take a zero delay (it was a
    ZeroDivisionError on leaving the summary, with no sound player and the voice on)."""
    v = voice(tmp_path)
    v.render(v.plan(quick_relief()))
    clock = FakeClock()
    player = RecordingPlayer()
    app = StretchApp(plan=quick_relief(), clock=clock, player=player, voice=v)

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        v.silence()  # nothing queued before it
        said = len(player.played)
        v.hear([SegmentStarted(1)], now=clock(), after=0.0)  # due this very moment
        app.arm_voice()
        await until(pilot, lambda: len(player.played) > said)  # the app's real timer
        assert len(player.played) > said

    drive(app, scenario)


def test_v_switches_the_voice(tmp_path: Path) -> None:
    """v turns the voice off and on; with no engine there is no v."""
    v = voice(tmp_path)
    app = StretchApp(plan=quick_relief(), clock=FakeClock(), player=RecordingPlayer(), voice=v)

    async def scenario(app: StretchApp, pilot: Pilot[int]) -> None:
        await pilot.press("v")
        assert v.on is False
        await pilot.press("v")
        assert v.on is True

    drive(app, scenario)


@pytest.mark.slow(seconds=3)
@pytest.mark.skipif(not shutil.which("espeak-ng"), reason="espeak-ng is not installed")
def test_espeak_ng_renders_a_phrase_that_reaches_an_alsa_device(tmp_path: Path) -> None:
    """The real engine: every phrase of every bundled routine renders to a WAV of about 3 s
    at most, and what is said at a moment fits inside its segment; one phrase, played by
    aplay, reaches ALSA's file device intact."""
    import os
    import subprocess

    from stretchtimer.core.plan import plan as make_plan
    from stretchtimer.library.registry import Library
    from stretchtimer.library.routines import load_routine

    engine = find_engine()
    assert engine is not None and engine.name == "espeak-ng"
    v = Voice(engine, tmp_path / "phrases")
    library = Library()
    too_long = []
    for entry in library.routines().values():  # every bundled routine's phrases
        plan = make_plan(load_routine(entry, library)[0])
        v.render(v.plan(plan))
        for (index, _), texts in v.table.items():
            room = plan.segments[index].seconds
            took = sum(wav_seconds(v.path_for(t)) for t in texts)
            longest = max(wav_seconds(v.path_for(t)) for t in texts)
            if not 0.2 < took < room - 0.5 or longest > 3.5:
                too_long.append((entry.id, texts, round(took, 2), room))
    assert not too_long, too_long
    if not shutil.which("aplay"):
        return
    played = tmp_path / "PLAYED"
    (tmp_path / ".asoundrc").write_text(
        f'pcm.!default {{ type file slave.pcm "null" file "{played}" format "raw" }}\n'
    )
    wav = v.path_for("Hold, 20 seconds.")
    env = {**os.environ, "HOME": str(tmp_path)}
    subprocess.run(["aplay", "--quiet", str(wav)], env=env, check=True, timeout=30)
    with wave.open(str(wav)) as w:
        frames = w.readframes(w.getnframes())
    assert played.read_bytes()[: len(frames)] == frames


def test_an_unwritable_cache_means_no_voice_and_no_error(tmp_path: Path) -> None:
    """The cache folder is a file: nothing is rendered, nothing raises, nothing is said."""
    (tmp_path / "phrases").write_text("not a folder")
    v = voice(tmp_path)
    v.render(v.plan(quick_relief()))
    v.hear([SegmentStarted(1)], now=0.0, after=0.0)
    assert v.next_due() is None


def test_the_voice_counts_what_the_engine_counts() -> None:
    """A 4 s hold counts down 2, 1 (no 3): the voice says the same numbers, so with the ticks
    replaced by the voice, no number goes silent."""
    table = phrases(make_plan(("hold", 4, None)))
    assert [n for n in ("3", "2", "1") if (0, n) in table] == ["2", "1"]
