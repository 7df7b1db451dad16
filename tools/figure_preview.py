"""Prints every variant's figure of an article at a size and in a mode, for drawing figures:
`python tools/figure_preview.py content/cat-cow.md [--cols 30] [--mode ascii] [--steps 3]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from stretchtimer.core.errors import InputError
from stretchtimer.figure.draw import draw
from stretchtimer.figure.pose import blend, ease
from stretchtimer.library.articles import load_article
from stretchtimer.present.figures import figure_text, rows_for, scene_of


def main() -> int:
    """Print the figures; a bad article prints its problems and exits 2."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("article", type=Path)
    ap.add_argument("--cols", type=int, default=26)
    ap.add_argument("--rows", type=int, default=12)
    ap.add_argument("--mode", choices=("braille", "blocks", "ascii"), default="braille")
    ap.add_argument("--steps", type=int, default=0, help="also draw this many in-between poses")
    args = ap.parse_args()
    try:
        ex = load_article(args.article)
    except InputError as exc:
        print(exc, file=sys.stderr)
        return 2
    for v in ex.variants:
        print(f"== {v.id} ({v.position}, sides: {v.sides})")
        if v.figure is None:
            print("(no figure)")
            continue
        print("\n".join(figure_text(v, args.cols, args.rows, args.mode)))
        names = [n for n, _ in v.figure.frames]
        if args.steps and len(names) >= 2:
            sc = scene_of(v.figure)
            a, b = sc.poses[names[0]], sc.poses[names[1]]
            rows = rows_for(sc.box, args.cols, args.rows, args.mode)
            for i in range(1, args.steps + 1):
                t = ease(i / (args.steps + 1))
                print(f"-- {names[0]} to {names[1]}, {t:.2f}")
                print(draw(sc, blend(a, b, t), args.cols, rows, mode=args.mode).text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
