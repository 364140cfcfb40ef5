"""The word-form table gives each form the lemma its worker gives, however forms collide."""

from __future__ import annotations

import sys
import threading

import numpy
import pytest

from qualcode.nlp.pipeline import blank_pipeline
from qualcode.nlp.wordforms import FormTable


def test_forms_sharing_their_low_bits_and_a_table_that_grows_keep_their_own_lemmas() -> None:
    worked: list[int] = []

    def work(orth: int) -> tuple[int, bool]:
        worked.append(orth)
        return (orth * 3 + 1) % 2**64, orth % 2 == 0

    table = FormTable(work, size=8)
    # Every form ends in the same 12 bits, so all start at one slot: probing must walk on.
    forms = [(i << 12) | 5 for i in range(1, 300)] + [2**64 - 1, 2**63]
    rng = numpy.random.default_rng(3)
    orths = numpy.array(forms, dtype=numpy.uint64)[rng.integers(0, len(forms), 5000)]
    lemmas, content = table.lookup(orths)
    assert lemmas.tolist() == [(orth * 3 + 1) % 2**64 for orth in orths.tolist()]
    assert content.tolist() == [orth % 2 == 0 for orth in orths.tolist()]
    assert len(worked) == len(set(worked)) == len(table) == len(set(orths.tolist()))
    again, _ = table.lookup(orths[::-1])
    assert again.tolist() == lemmas.tolist()[::-1]
    assert len(worked) == len(table)  # nothing worked out twice
    empty, none = table.lookup(orths[:0])
    assert len(empty) == len(none) == 0


def test_the_empty_string_is_not_a_word_form() -> None:
    table = FormTable(lambda orth: (orth, True))
    with pytest.raises(ValueError, match="empty string"):
        table.lookup(numpy.array([0], dtype=numpy.uint64))


def test_the_lemmatizer_lemmas_as_the_lookup_table_gives_them() -> None:
    nlp = blank_pipeline()
    texts = ["Commissioners were bidding for the tenders", "The tender was BID again, tenders."]
    docs = list(nlp.pipe(texts * 300, batch_size=64))
    assert [t.lemma_ for t in docs[0]] == ["commissioner", "be", "bid", "for", "the", "tender"]
    assert [t.lemma_ for t in docs[1]][:5] == ["the", "tender", "be", "bid", "again"]
    assert all(
        [t.lemma for t in doc] == [t.lemma for t in docs[i % 2]] for i, doc in enumerate(docs)
    )


def test_threads_sharing_a_table_each_get_every_lemma_right_while_it_grows() -> None:
    # The TUI's thread workers share one blank pipeline, so its table is filled and grown
    # by several threads at once; a reader must never see a key without its lemma.
    def work(orth: int) -> tuple[int, bool]:
        return orth ^ 0xFFFF, orth % 3 == 0

    table = FormTable(work, size=8)
    errors: list[str] = []

    def scorer(seed: int) -> None:
        rng = numpy.random.default_rng(seed)
        for _ in range(40):
            orths = rng.integers(1, 5000, 300).astype(numpy.uint64) << numpy.uint64(9)
            lemmas, content = table.lookup(orths)
            if lemmas.tolist() != [o ^ 0xFFFF for o in orths.tolist()]:
                errors.append("lemma")
            if content.tolist() != [o % 3 == 0 for o in orths.tolist()]:
                errors.append("content")

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=scorer, args=(seed,)) for seed in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == []
    assert len(table) == len(
        set(table.lookup(numpy.arange(1, 5000, dtype=numpy.uint64) << numpy.uint64(9))[0].tolist())
    )
