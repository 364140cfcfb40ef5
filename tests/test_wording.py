"""Counts in words."""

from qualcode.wording import counted, plural


def test_one_is_singular_and_others_plural() -> None:
    assert plural(1, "group") == "1 group"
    assert plural(0, "group") == "0 groups"
    assert plural(2, "coded interviewer turn") == "2 coded interviewer turns"
    assert plural(3, "person", "people") == "3 people"


def test_counted_makes_a_plural_key_singular_for_one() -> None:
    assert counted(1, "set-aside codings") == "1 set-aside coding"
    assert counted(2, "set-aside codings") == "2 set-aside codings"
    assert counted(0, "passages") == "0 passages"
