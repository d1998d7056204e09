"""Published counts of people never show a group under five, nor let one be subtracted back."""

from maeul.core.disclosure import suppress_small


def test_groups_of_five_or_more_are_shown():
    assert suppress_small({"독산1동": 5, "가산동": 12}) == [("가산동", 12), ("독산1동", 5)]


def test_groups_under_five_are_hidden():
    assert suppress_small({"독산1동": 3, "가산동": 2, "시흥1동": 40}) == [
        ("가산동", None),
        ("독산1동", None),
        ("시흥1동", 40),
    ]


def test_a_lone_hidden_group_takes_the_next_smallest_with_it():
    """Otherwise the total minus the shown groups gives the hidden one back."""
    shown = suppress_small({"독산1동": 3, "가산동": 9, "시흥1동": 40})

    assert shown == [("가산동", None), ("독산1동", None), ("시흥1동", 40)]


def test_nothing_to_hide_changes_nothing():
    assert suppress_small({}) == []
    assert suppress_small({"독산1동": 7}) == [("독산1동", 7)]
