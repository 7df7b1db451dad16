"""Provides the chime synthesizer (a build tool): the shipped bell-like WAV files, made with the
standard library. Run `python tools/make_chimes.py` to write them again."""

from __future__ import annotations

import io
import math
import struct
import wave
from pathlib import Path

from stretchtimer.sound.chime import WAV_DIR, Chime

RATE = 22_050
"""Samples a second: plenty for bell tones, and small files."""



# (start seconds, frequency Hz, amplitude, decay per second) for each note.
_NOTES: dict[Chime, tuple[float, list[tuple[float, float, float, float]]]] = {
    Chime.HOLD: (0.9, [(0.0, 880.0, 0.55, 4.0)]),
    Chime.TICK: (0.15, [(0.0, 1318.5, 0.35, 30.0)]),
    Chime.SWITCH: (1.1, [(0.0, 659.3, 0.5, 4.5), (0.35, 523.3, 0.5, 3.5)]),
    Chime.RELEASE: (0.8, [(0.0, 440.0, 0.45, 5.0)]),
    Chime.BREATH_IN: (0.6, [(0.0, 587.3, 0.25, 6.0), (0.12, 784.0, 0.2, 6.0)]),
    Chime.BREATH_OUT: (0.6, [(0.0, 784.0, 0.2, 6.0), (0.12, 587.3, 0.25, 6.0)]),
    Chime.COMPLETE: (
        2.0,
        [(0.0, 523.3, 0.4, 3.0), (0.25, 659.3, 0.4, 3.0), (0.5, 784.0, 0.5, 2.0)],
    ),
}
_PARTIALS = ((1.0, 1.0), (2.0, 0.35), (3.01, 0.15), (4.2, 0.06))
"""Overtones (ratio, weight) of a bell: slightly inharmonic for the shimmer."""
_ATTACK = 0.004


def samples(chime: Chime) -> list[int]:
    """16-bit samples of a chime: fast attack, exponential decay, faded to silence."""
    length, notes = _NOTES[chime]
    count = int(length * RATE)
    out: list[int] = []
    for i in range(count):
        t = i / RATE
        value = 0.0
        for start, freq, amp, decay in notes:
            dt = t - start
            if dt < 0:
                continue
            envelope = amp * min(1.0, dt / _ATTACK) * math.exp(-decay * dt)
            for ratio, weight in _PARTIALS:
                value += envelope * weight * math.sin(2 * math.pi * freq * ratio * dt)
        fade = min(1.0, (count - i) / (0.02 * RATE))
        out.append(max(-32767, min(32767, round(value * fade * 20000))))
    return out


def wav_bytes(chime: Chime) -> bytes:
    """A complete mono 16-bit WAV file of the chime."""
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        frames = samples(chime)
        w.writeframes(struct.pack(f"<{len(frames)}h", *frames))
    return buf.getvalue()


def write_all(folder: Path) -> list[Path]:
    """Write every chime into `folder` as NAME.wav (how the shipped files were made)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for chime in Chime:
        path = folder / f"{chime.value}.wav"
        path.write_bytes(wav_bytes(chime))
        written.append(path)
    return written


if __name__ == "__main__":
    for p in write_all(WAV_DIR):
        print(p)
