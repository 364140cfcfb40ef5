"""Counts in words."""

from qualcode.wording import plural


def test_one_is_singular_and_others_plural() -> None:
    assert plural(1, "group") == "1 group"
    assert plural(0, "group") == "0 groups"
    assert plural(2, "coded interviewer turn") == "2 coded interviewer turns"
    assert plural(3, "person", "people") == "3 people"
