"""The people in a names roster ("Sara Lee, Tom Ng", "Lee, Sara; Ng, Tom"), one name each."""

from __future__ import annotations

import re

from qualcode.anonymise.names import is_first_name, is_surname

_ITEMS = re.compile(r"[;\n]")
_NOTE = re.compile(r"\([^()]*\)")
# Lowercase words inside a surname ("van der Berg", "de la Cruz"): no name of their own.
_PARTICLE = re.compile(r"[a-z][a-z']{0,3}")
# What ends a speaker label where the roster's name is used ("Lee, Sara  0:13", "Lee, Sara:").
_LABEL_END = r"(?=[ \t]*(?:\d{1,2}:\d{2}|[:(\[\]*]|$))"


def roster_names(names: str, elsewhere: str = "") -> list[str]:
    """The people a roster lists, in order. Items apart by ";" are one name each, "Surname,
    Given" included. Between commas, a directory name ("Lee, Sara") is read as one person
    where `elsewhere` (the text outside the roster) uses it as a speaker label, or where the
    surname is no given name ("Okafor, Tomasz"), and so is the rest of a list of such names;
    otherwise each piece is a name ("Sara Lee, Tom Ng", "Sara, Tom, Jo")."""
    people: list[str] = []
    items = [" ".join(item.split()) for item in _ITEMS.split(names)]
    apart = sum(1 for item in items if item) > 1
    for item in items:
        pieces = [" ".join(piece.split()) for piece in item.split(",")]
        pieces = [piece for piece in pieces if piece]
        if apart and len(pieces) == 2 and _directory(*pieces):
            people.append(", ".join(pieces))
            continue
        people.extend(_people(pieces, elsewhere))
    return people


def _people(pieces: list[str], elsewhere: str) -> list[str]:
    """Pieces paired where they read as "Surname, Given": every pair, when the list has the
    shape of directory names throughout and one pair is surely one ("Lee, Sara, Ng, Tom")."""
    pairs = list(zip(pieces[::2], pieces[1::2], strict=False))
    directory = len(pieces) % 2 == 0 and all(_directory(*pair) for pair in pairs)
    if directory and any(_one_person(*pair, elsewhere) for pair in pairs):
        return [", ".join(pair) for pair in pairs]
    people: list[str] = []
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        if index + 1 < len(pieces) and _one_person(piece, pieces[index + 1], elsewhere):
            people.append(f"{piece}, {pieces[index + 1]}")
            index += 2
        else:
            people.append(piece)
            index += 1
    return people


def _words(piece: str) -> list[str]:
    """The words of a piece that may be a name: no note, no particle, no initial."""
    words = _NOTE.sub(" ", piece).replace(".", " ").split()
    return [w for w in words if not _PARTICLE.fullmatch(w) and len(w) > 1]


def _directory(surname: str, given: str) -> bool:
    """True when two pieces have the shape of "Surname, Given": one word of surname (with
    particles: "van der Berg") and one given name (with initials or a note: "Sara M. (Guest)")."""
    return len(_words(surname)) == 1 and len(_words(given)) == 1


def _one_person(surname: str, given: str, elsewhere: str) -> bool:
    if not _directory(surname, given):
        return False
    name = _NOTE.sub(" ", f"{surname}, {given}").split()
    label = r"[ \t]+".join(re.escape(w) for w in name) + r"(?:[ \t]*\([^()\n]*\))?"
    if elsewhere and re.search(rf"(?<![\w,]){label}{_LABEL_END}", elsewhere, re.M):
        return True
    family, first = _words(surname)[0], _words(given)[0]
    return is_surname(family) and not is_first_name(family) and is_first_name(first)
