"""Benchmarks drawing a figure: our rasteriser against plotext's braille canvas, the same bones
drawn in the same script, taking turns (python -m benchmarks.figures [RUNS]).

Reports the milliseconds a frame costs for each bundled figure's hold at the sizes the session
screen draws (40x16, the far view's 70x34), and the import cost of each (whole process, beside
`python -c pass`). plotext is optional: without it only our side is reported."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable

from stretchtimer.figure.body import BONES
from stretchtimer.figure.draw import Scene, draw
from stretchtimer.figure.pose import rested
from stretchtimer.library.registry import Library
from stretchtimer.present.figures import scene_of

SIZES = ((40, 16), (70, 34))


def scenes() -> list[Scene]:
    """Every bundled variant's figure."""
    library = Library()
    out = []
    for ex_id in library.exercises():
        for v in library.find_exercise(ex_id).variants:
            if v.figure is not None:
                out.append(scene_of(v.figure))
    return out


def ours(sc: Scene, cols: int, rows: int) -> str:
    pose = sc.poses.get("hold") or next(iter(sc.poses.values()))
    return draw(sc, pose, cols, rows).text()


def plotext_frame(sc: Scene, cols: int, rows: int) -> str:
    """The same bones (and the head as a polygon) on plotext's braille canvas."""
    import math

    import plotext as plt  # type: ignore[import-not-found,import-untyped,unused-ignore]

    pose = sc.poses.get("hold") or next(iter(sc.poses.values()))
    at = rested(pose, sc.spec.view)
    plt.clf()
    plt.plotsize(cols, rows)
    plt.frame(False)
    plt.xticks([])
    plt.yticks([])
    for bone in BONES:
        if bone.name != "nose":
            (x0, y0), (x1, y1) = at[bone.start], at[bone.end]
            plt.plot([x0, x1], [y0, y1], marker="braille", color="white")
    hx, hy = at["nose"]
    ring = [i * math.pi / 8 for i in range(17)]
    plt.plot([hx + 0.06 * math.cos(a) for a in ring], [hy + 0.06 * math.sin(a) for a in ring],
             marker="braille", color="white")
    return str(plt.build())


def per_frame_ms(
    fn: Callable[[Scene, int, int], object], sc: Scene, cols: int, rows: int, n: int = 50
) -> float:
    """Milliseconds a frame of `fn` costs, over `n` frames."""
    start = time.perf_counter()
    for _ in range(n):
        fn(sc, cols, rows)
    return (time.perf_counter() - start) / n * 1000


def import_ms(module: str, runs: int) -> float:
    """Median ms to start Python and import `module`, less `python -c pass`."""
    def once(code: str) -> float:
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        return time.perf_counter() - t

    base = [once("pass") for _ in range(runs)]
    took = [once(f"import {module}") for _ in range(runs)]
    return (statistics.median(took) - statistics.median(base)) * 1000


def main(runs: int = 5) -> dict[str, float]:
    """Our and plotext's cost per frame (the worst figure, median of runs) and import."""
    all_scenes = scenes()
    try:
        import plotext  # type: ignore[import-not-found,import-untyped,unused-ignore]  # noqa: F401
        have_plotext = True
    except ImportError:
        have_plotext = False
    out: dict[str, float] = {"figures": float(len(all_scenes))}
    for cols, rows in SIZES:
        mine: list[float] = []
        theirs: list[float] = []
        for _ in range(runs):
            mine.append(max(per_frame_ms(ours, sc, cols, rows) for sc in all_scenes))
            if have_plotext:
                theirs.append(
                    max(per_frame_ms(plotext_frame, sc, cols, rows, 10) for sc in all_scenes)
                )
        out[f"ours_{cols}x{rows}_ms"] = statistics.median(mine)
        if theirs:
            out[f"plotext_{cols}x{rows}_ms"] = statistics.median(theirs)
    out["ours_import_ms"] = import_ms("stretchtimer.figure.draw", runs)
    if have_plotext:
        out["plotext_import_ms"] = import_ms("plotext", runs)
    return out


if __name__ == "__main__":
    result = main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
    for key, value in result.items():
        print(f"{key:24} {value:8.3f}")
    for cols, rows in SIZES:
        if f"plotext_{cols}x{rows}_ms" in result:
            ratio = result[f"plotext_{cols}x{rows}_ms"] / result[f"ours_{cols}x{rows}_ms"]
            print(f"plotext / ours, a frame at {cols}x{rows}: {ratio:.1f}x")
    if "plotext_import_ms" in result:
        ratio = result["plotext_import_ms"] / result["ours_import_ms"]
        print(f"plotext / ours, import: {ratio:.1f}x")
