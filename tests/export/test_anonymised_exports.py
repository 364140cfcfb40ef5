"""Property: no registered identifier, in any form people write it, survives any export format."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from export_helpers import Interview, build_project, read_back
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qualcode.anonymise.lexicon import is_common_word
from qualcode.export.build import build_quote_set
from qualcode.export.model import FORMATS, QuoteOptions
from qualcode.export.write import write_quote_set
from qualcode.store.codes import add_code
from qualcode.store.codings import add_coding
from qualcode.store.models import Document

SYLLABLES = [
    "ka", "ve", "lor", "min", "dru", "sel", "thor", "qua", "zen", "bri",
    "mo", "nak", "tus", "pel", "vor", "xan", "gri", "fen", "dal", "wyn",
]  # fmt: skip
TEMPLATES = [
    "I spoke to {} about the contract.",
    "{} said the funding was short.",
    "We met at {} last week, and it rained.",
    "The money came through {} in the end.",
    "Honestly, {} never rang back.",
]
FILLERS = ["The council cut the budget again.", "Nobody plans beyond a year.", "It was hard."]


def _token(parts: list[str]) -> str:
    return "".join(parts).capitalize()


tokens = (
    st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=4)
    .map(_token)
    .filter(lambda t: len(t) >= 5 and not is_common_word(t))
)


@dataclass
class Person:
    first: str
    last: str
    organisation: str
    place: str


@st.composite
def misspelt(draw: st.DrawFn, word: str) -> str:
    """One edit: a letter changed, dropped, added, or two letters swapped."""
    position = draw(st.integers(min_value=1, max_value=len(word) - 2))
    letter = draw(st.sampled_from("aeiouklmnrst"))
    operation = draw(st.sampled_from(["replace", "delete", "insert", "swap"]))
    if operation == "replace":
        result = word[:position] + letter + word[position + 1 :]
    elif operation == "delete":
        result = word[:position] + word[position + 1 :]
    elif operation == "insert":
        result = word[:position] + letter + word[position:]
    else:
        result = word[:position] + word[position + 1] + word[position] + word[position + 2 :]
    if result.lower() == word.lower() or is_common_word(result):
        return word
    return result


@st.composite
def forms(draw: st.DrawFn, person: Person) -> list[str]:
    """How a text might mention this person, their organisation and their place."""
    f, s, org, place = person.first, person.last, person.organisation, person.place
    org_word = org.split()[0]
    choices = [
        f"{f} {s}", f"{f} {s}".lower(), f"{f} {s}".upper(), f"{f} {s}'s", f, s, f"{s}’s",
        f.lower(), s.upper(), f"{f[0]}. {s}", f"{f[0]} {s}", org, org.lower(), f"{org}'s",
        org_word, place, place.lower(), f"{place}'s",
        draw(misspelt(f)), draw(misspelt(s)), draw(misspelt(org_word)), draw(misspelt(place)),
    ]  # fmt: skip
    return draw(st.lists(st.sampled_from(choices), min_size=2, max_size=8))


@st.composite
def studies(draw: st.DrawFn) -> tuple[list[Person], list[list[str]], list[int]]:
    count = draw(st.integers(min_value=1, max_value=3))
    words = draw(st.lists(tokens, min_size=4 * count, max_size=4 * count, unique_by=str.lower))
    people = [
        Person(
            words[4 * i],
            words[4 * i + 1],
            f"{words[4 * i + 2]} {draw(st.sampled_from(['Trust', 'Housing', 'Recovery']))}",
            words[4 * i + 3],
        )
        for i in range(count)
    ]
    planted = [draw(forms(person)) for person in people]
    cuts = draw(st.lists(st.integers(min_value=0, max_value=10_000), min_size=2, max_size=2))
    return people, planted, cuts


def transcript(person: Person, planted: list[str], others: list[str]) -> str:
    sentences = [TEMPLATES[i % len(TEMPLATES)].format(form) for i, form in enumerate(planted)]
    sentences += [s.format(o) for s, o in zip(TEMPLATES, others, strict=False)]
    answer = " ".join([FILLERS[0], *sentences, FILLERS[1]])
    return f"Interviewer: How is it going?\n\n{person.first}: {answer}\n\nInterviewer: Thanks.\n"


def leaks(text: str, secrets: set[str]) -> list[str]:
    return [s for s in secrets if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text, re.IGNORECASE)]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(
    study=studies(),
    context=st.integers(min_value=0, max_value=2),
    group_by=st.sampled_from(["code", "participant"]),
)
def test_no_identifier_survives_any_export(
    study: tuple[list[Person], list[list[str]], list[int]], context: int, group_by: str
) -> None:
    people, planted, cuts = study
    # Everyone is mentioned in everyone's interview too, the registry is project-wide.
    interviews = [
        Interview(
            f"Interviewee {n}",
            transcript(person, planted[n - 1], [p.last for p in people if p is not person]),
            {"organisation_type": "charity"},
        )
        for n, person in enumerate(people, start=1)
    ]
    identifiers: list[tuple[str | None, str, str]] = []
    codings: list[tuple[int, str, str, int, int]] = []
    for n, (person, interview) in enumerate(zip(people, interviews, strict=True), start=1):
        label = f"Interviewee {n}"
        identifiers += [
            (label, "name", f"{person.first} {person.last}"),
            (label, "organisation", person.organisation),
            (label, "place", person.place),
        ]
        answer = interview.text.index(f"{person.first}:")
        end = interview.text.index("\n\nInterviewer: Thanks")
        codings.append((n, "contracts", "ana", answer, end))
        start, stop = sorted(answer + c % (end - answer) for c in cuts)
        if stop > start:
            codings.append((n, "prisons", "ben", start, stop))
    secrets = {form for forms_ in planted for form in forms_}
    secrets |= {w for p in people for w in (p.first, p.last, p.place, p.organisation.split()[0])}
    with tempfile.TemporaryDirectory() as folder:
        project = build_project(Path(folder) / "p.qc", interviews, identifiers, codings)
        # A code named after each person: its key must not leak while its name is redacted.
        with project.write() as session:
            for n, person in enumerate(people, start=1):
                key = f"{person.first}-{person.last}-referrals".lower()
                code = add_code(session, key, f"Referrals via {person.first} {person.last}")
                document = session.get(Document, n)
                assert document is not None
                add_coding(
                    session, document, code, "ana", *next(c[3:] for c in codings if c[0] == n)
                )
        try:
            with project.read() as session:
                options = QuoteOptions(context=context, group_by=group_by)
                quote_set = build_quote_set(session, options)
        finally:
            project.close()
        assert quote_set.all_quotes()
        for fmt in FORMATS:
            path = Path(folder) / f"quotes.{fmt}"
            write_quote_set(quote_set, path, fmt)
            assert leaks(read_back(path), secrets) == [], fmt
