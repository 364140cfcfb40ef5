"""Reading a document near each quote redacts exactly what the whole-document check does."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.redact_export import build
from qualcode.anonymise.nearby import sentence_cuts
from qualcode.anonymise.redactor import Redactor
from qualcode.anonymise.terms import Entry
from qualcode.export.build import build_quote_set
from qualcode.export.model import QuoteOptions
from qualcode.export.policy import ExportRedactor
from qualcode.store.db import open_project

REGISTERED = [
    Entry("name", "Mary O'Neill"), Entry("name", "Jo Pinder"), Entry("speaker", "Siobhan"),
    Entry("organisation", "St Mungo's"), Entry("name", "Brady-O'Brien"),
    Entry("organisation", "Smith & Jones"), Entry("place", "Halbury"),
    Entry("organisation", "Kingsmoor Trust"), Entry("organisation", "Northern Lights Arts"),
    Entry("organisation", "Keyring Housing"),
]  # fmt: skip
PIECES = [
    "Siobhan:", "Interviewer:", "Q:", "Gwen:", "Mary O'Neill", "Mary", "O'Neill", "O’Neill",
    "Jo Pinder", "Jo", "Pinder's", "Tendai Moyo", "Tendai", "Moyo", "Zoë Brady-O'Brien",
    "Anne-Marie", "D’Souza", "Siobhán", "Hope", "Hope said", "the Hope", "Will Brown",
    "Will", "Grace Street", "The Kingsmoor Trust", "Kingsmoor", "the Kingsmoor", "St Mungo's",
    "Saint Mungo", "Smith and Jones", "Halbury", "Halbry", "Ana de Souza", "de Souza", "J.",
    "J. Smith", "Mr Kessler", "Kessler", "Okafor", "OKAFOR", "ΟΔΥΣΣΕΑΣ", "ΟΔΥΣΣΕΑΣ's",
    "İlkay", "Don't", "I", "I'm", "And", "But", "The", "funding", "was", "cut", "said",
    "our finance director,", "07700 900123", "jo@example.org", "www.example.org", "so",
    # "I" goes on no name, but a title may take it as an initial.
    "And I", "I'd", "The I", "Ivy", "Ivy Okafor", "Dr I. Kaur", "Dr I Kaur", "Mr", "Dr", "I.",
    "The Ivybridge Trust", "at The Ivybridge Trust", "O\u00adkafor", "Pin\u00adder",
    # Short forms of registered organisations, and names that start as they do.
    "Northern Lights", "Northern", "Keyring", "Keyring Ltd", "Northern Lights-2025", "Ireland",
    "Keyring Housing", "Lights", "van der Merwe", "de la", "447700900777",
]  # fmt: skip
SEPARATORS = [" ", " ", " ", "\n", "\n\n", ". ", ", ", "\u00a0", "? ", "\r\n", ' "', "  "]
texts = st.lists(
    st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), min_size=1, max_size=60
).map(lambda parts: "".join(p + s for p, s in parts))


def _policy(dismissed: set[str]) -> ExportRedactor:
    return ExportRedactor(Redactor(REGISTERED), dismissed, keep_unreviewed=False)


@settings(max_examples=250, deadline=None)
@given(
    texts,
    st.sets(st.sampled_from(["okafor", "tendai", "the kingsmoor trust", "hope"]), max_size=2),
    st.data(),
)
def test_near_a_quote_as_over_the_whole_document(
    text: str, dismissed: set[str], data: st.DataObject
) -> None:
    windows = []
    for _ in range(4):
        start = data.draw(st.integers(0, len(text)))
        windows.append((start, data.draw(st.integers(start, len(text)))))
    _check_windows(text, dismissed, windows)


def _check_windows(text: str, dismissed: set[str], windows: list[tuple[int, int]]) -> None:
    """Each window (and each line on its own) redacted near as over the whole text."""
    whole, near = _policy(dismissed), _policy(dismissed)
    everywhere = whole.unreviewed(text)
    scan = near.nearby(text)
    lines = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]
    for start, end in [(start, start) for start in lines] + windows:
        expected = whole.combine(text, everywhere, start, end)
        assert near.combine(text, near.unreviewed_near(scan, start, end), start, end) == expected
    assert near.flagged == whole.flagged


# Sentences ending in every kind of last word: a lowercase one (where the scan may cut), a
# title, an initial, "St.", an address, a number; then a capital, a name, a title...
ENDINGS = [
    "said", "so", "cut", "etc", "mrs", "Dr", "Mrs", "J", "St", "jo@example", "www.example",
    "07700 900123", "Mary", "of Hope", "de", "x", "é", "O'Neill",
]  # fmt: skip
OPENINGS = [
    "Mary O'Neill", "O'Neill", "Smith", "Hope", "Kessler", "Kessler said", "The Kingsmoor",
    "Mungo's", "Giles", "Tendai Moyo", "Okafor", "I", "And", "Halbury", "Jo Pinder", "Moyo",
]  # fmt: skip
sentences = st.lists(
    st.tuples(
        st.sampled_from(ENDINGS),
        st.sampled_from([". ", "? ", "! ", ".  ", ".\n"]),
        st.sampled_from(OPENINGS),
        st.sampled_from([" ", " said ", " met ", "'s "]),
    ),
    min_size=1,
    max_size=30,
).map(lambda parts: "".join("".join(part) for part in parts))


@settings(max_examples=250, deadline=None)
@given(sentences, st.data())
def test_sentence_by_sentence_as_over_the_whole_document(text: str, data: st.DataObject) -> None:
    windows = []
    for _ in range(4):
        start = data.draw(st.integers(0, len(text)))
        windows.append((start, data.draw(st.integers(start, len(text)))))
    cuts = sentence_cuts(text)
    _check_windows(text, set(), windows + [(c, c + 1) for c in cuts] + [(c - 1, c) for c in cuts])


def test_sentences_are_cut_only_after_an_everyday_lowercase_word() -> None:
    text = "It was cut. Mary came. Dr. Kaur, Mrs. Ng, J. Smith. See www.x. So so. Then St. Ives"
    starts = [text[cut:].split()[0] for cut in sentence_cuts(text)]
    assert starts == ["Mary", "Dr.", "Then"]


@pytest.mark.parametrize(
    "text",
    [
        # "The I…" is looked up elsewhere unless the word is "I": here "The" opens a name.
        "We work at The Ivybridge Trust now.\nThe Ivybridge Trust was late.\nAnd I rang.",
        "And I think Tendai Moyo rang.\nAnd I rang back.\nI Moyo said.\nSo I'd ask Ivy Okafor.",
        "He saw Dr I. Kaur today.\nDr I. Kaur said so.\nAnd I. Kaur too, Mr Dr I. Kaur.",
    ],
)
def test_lines_after_a_pronoun_as_over_the_whole_document(text: str) -> None:
    _check_windows(text, set(), [(0, len(text))])


@pytest.fixture(scope="module")
def generated_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("corpus"), docs=4, words=1500, quotes=40, seed=7)


def test_export_matches_the_whole_document_check(
    generated_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    options = QuoteOptions(context=1)
    with open_project(str(generated_project)) as project, project.read() as session:
        fast = build_quote_set(session, options)
        monkeypatch.setattr(
            ExportRedactor,
            "unreviewed_near",
            lambda self, scan, start, end: self.unreviewed(scan.text),
        )
        whole = build_quote_set(session, options)
    assert fast.unreviewed > 0  # the corpus has unregistered names to find
    assert replace(fast, generated_at="") == replace(whole, generated_at="")
