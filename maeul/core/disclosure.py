"""Published counts of people by group (turnout by dong, answers by age group).

A count of one or two people in a small group can point at who they are, so public
figures never show a group of fewer than five. When exactly one group is hidden, the
next smallest is hidden too: otherwise the published total minus the others gives the
hidden count back. Page, API and export call `suppress_small`; nothing else decides it.
"""

SMALL_GROUP = 5


def suppress_small(counts: dict[str, int]) -> list[tuple[str, int | None]]:
    """`(group, count)` sorted by group, with None where the count may not be published."""
    hidden = {name for name, n in counts.items() if 0 < n < SMALL_GROUP}
    if len(hidden) == 1:
        shown = sorted((n, name) for name, n in counts.items() if name not in hidden and n > 0)
        if shown:
            hidden.add(shown[0][1])
    return [(name, None if name in hidden else n) for name, n in sorted(counts.items())]
