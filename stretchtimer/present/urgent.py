"""Provides the urgent signs: when to see a doctor now instead of stretching, by body region."""

from __future__ import annotations

from collections.abc import Iterable

HEADING = "See a doctor now, and do not stretch, if you notice:"
FOOTNOTE = (
    "These are warning signs that need a doctor's look, not a diagnosis. Call emergency "
    "services for anything sudden or severe."
)
SIGNS: dict[str, tuple[str, ...]] = {
    "low-back": (
        "New trouble controlling your bladder or bowels, or being unable to pee",
        "Numbness in the groin, buttocks or inner thighs",
        "Weakness in a leg or foot that is getting worse, or a foot that drags",
        "Back pain with a fever, or with weight loss you cannot explain",
        "Back pain that began with a fall, an accident or a blow",
    ),
    "neck": (
        "Numbness, tingling or weakness spreading into an arm or hand",
        "Dizziness, fainting, double or blurred vision, or slurred speech",
        "A sudden, severe headache unlike any before",
        "Neck pain with a fever and a neck too stiff to bend forward",
        "Neck pain that began with a fall, an accident or a blow to the head",
    ),
}
"""The signs for each region the articles declare (library/article_meta.py REGIONS)."""
ANYWHERE = ("Chest pain, or pain that comes with shortness of breath",)
"""Signs that apply whatever is being stretched."""
REGION_NAMES = {"low-back": "the low back and legs", "neck": "the neck, shoulders and arms"}


def urgent_signs(regions: Iterable[str]) -> list[str]:
    """The signs for these regions (in the order given, each once), then those for anywhere."""
    out: list[str] = []
    for region in dict.fromkeys(regions):
        out += [s for s in SIGNS.get(region, ()) if s not in out]
    return out + list(ANYWHERE)


def urgent_text(regions: Iterable[str]) -> str:
    """The heading, the signs as a list (under a name for each region when there are two),
    and the footnote."""
    order = list(dict.fromkeys(r for r in regions if r in SIGNS))
    lines = [HEADING]
    if len(order) > 1:
        for region in order:
            lines.append(f"For {REGION_NAMES[region]}:")
            lines += [f"- {s}" for s in SIGNS[region]]
        lines += ["Anywhere:", *(f"- {s}" for s in ANYWHERE)]
    else:
        lines += [f"- {s}" for s in urgent_signs(order)]
    return "\n".join([*lines, FOOTNOTE])
