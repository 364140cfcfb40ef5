"""Quote sets from a real project: grouping, counts, de-duplication, filters, labels, redaction."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_helpers import Interview, build_project

from qualcode.errors import QualcodeError
from qualcode.export.build import build_quote_set
from qualcode.export.model import QuoteOptions, QuoteSet
from qualcode.store.db import Project


def build(project: Project, **options: object) -> QuoteSet:
    with project.read() as session:
        return build_quote_set(session, QuoteOptions(**options))  # type: ignore[arg-type]


def texts(quote_set: QuoteSet, key: str) -> list[str]:
    group = next(g for g in quote_set.walk() if g.key == key)
    return [q.text for q in group.quotes]


def test_groups_follow_the_code_tree_with_counts(small_project: Project) -> None:
    quote_set = build(small_project)
    assert [(g.key, g.level) for g in quote_set.walk()] == [
        ("funding", 1),
        ("contracts", 2),
        ("grants", 2),
        ("prisons", 1),
    ]
    funding = quote_set.groups[0]
    assert funding.description == "Money matters."
    assert len(funding.quotes) == 1  # coded with the theme itself
    # Sub-code quotes count towards the theme, each passage once.
    assert (funding.quote_count, funding.participant_count) == (5, 3)
    assert funding.children[1].counts_text() == "3 quotes from 3 participants"


def test_one_quote_per_passage_in_a_group(small_project: Project) -> None:
    quote_set = build(small_project)
    contracts = next(g for g in quote_set.walk() if g.key == "contracts")
    first = contracts.quotes[0]
    assert first.coders == ("ana", "ben")  # two coders, same span: one quote
    prisons = next(g for g in quote_set.walk() if g.key == "prisons")
    assert len(prisons.quotes) == 1  # overlapping spans of two coders merge
    assert prisons.quotes[0].text == "Sessions at [place] get cancelled at"
    grants = texts(quote_set, "grants")
    assert first.text in grants  # the same passage under each of its codes


def test_quotes_are_whole_words_without_speaker_labels(small_project: Project) -> None:
    quote_set = build(small_project)
    contracts = texts(quote_set, "contracts")
    assert contracts[0].startswith("Mostly contracts with the council.")
    assert not any(t.startswith(("[name]:", "Marcus")) for t in contracts)


def test_labels_order_and_missing_attributes(small_project: Project) -> None:
    grants = next(g for g in build(small_project).walk() if g.key == "grants")
    assert [q.label for q in grants.quotes] == [
        "Interviewee 1, drug treatment charity",
        "Interviewee 2, housing charity",
        "Interviewee 10",
    ]
    # Interviewee 10 has no organisation type: the field drops out with its brackets.
    custom = build(small_project, label_template="{label} ({organisation_type}), {size|upper}")
    grants = next(g for g in custom.walk() if g.key == "grants")
    assert grants.quotes[2].label == "Interviewee 10, Small"
    with pytest.raises(QualcodeError, match=r"unknown field \{role\} \(use \{label\}, "):
        build(small_project, label_template="{label} ({role})")  # nobody has a role


def test_context_sentences(small_project: Project) -> None:
    quote = build(small_project, context=1, codes=["contracts"]).walk()[0].quotes[1]
    assert quote.text == "Contracts are short."
    assert (quote.before, quote.after.strip()) == ("", "Grants are shorter.")
    zero = build(small_project, codes=["contracts"]).walk()[0].quotes[1]
    assert zero.before == zero.after == ""


def test_registered_identifiers_are_replaced_and_others_counted(small_project: Project) -> None:
    quote_set = build(small_project)
    everything = " ".join(q.text + q.label for q in quote_set.all_quotes())
    for secret in ["Marcus", "Tolver", "Calderbrook", "Helen", "Marsh", "Alder", "0161"]:
        assert secret not in everything
    assert "[organisation] only survived because [name?] cut costs" in everything
    assert quote_set.unreviewed == 1  # Jo Pinder
    kept = build(small_project, unreviewed="keep")
    everything = " ".join(q.text for q in kept.all_quotes())
    assert "[organisation] only survived because Jo Pinder cut costs" in everything
    assert (kept.unreviewed, kept.unreviewed_kept) == (1, True)


def test_consensus_keeps_only_text_every_coder_coded(small_project: Project) -> None:
    quote_set = build(small_project, consensus=True)
    assert [g.key for g in quote_set.walk()] == ["funding", "contracts", "prisons"]
    prisons = texts(quote_set, "prisons")
    assert prisons == ["Sessions at [place] get cancelled"]  # the overlap, to whole words
    assert texts(quote_set, "contracts")[0].startswith("Mostly contracts")


def test_one_coder(small_project: Project) -> None:
    quote_set = build(small_project, coder="ben")
    assert all(q.coders == ("ben",) for q in quote_set.all_quotes())
    assert len(texts(quote_set, "grants")) == 1


def test_where_filters_participants(small_project: Project) -> None:
    small = build(small_project, where={"size": ["small"]})
    assert {q.participant for q in small.all_quotes()} == {"Interviewee 1", "Interviewee 10"}
    either = build(
        small_project, where={"size": ["Small", "large"], "participant": ["Interviewee 2"]}
    )
    assert {q.participant for q in either.all_quotes()} == {"Interviewee 2"}
    assert build(small_project, where={"size": ["huge"]}).groups == []


def test_codes_select_subtrees(small_project: Project) -> None:
    assert [g.key for g in build(small_project, codes=["funding"]).walk()] == [
        "funding",
        "contracts",
        "grants",
    ]
    with pytest.raises(QualcodeError, match="did you mean 'grants'"):
        build(small_project, codes=["grant"])


def test_group_by_participant_and_attribute(small_project: Project) -> None:
    by_participant = build(small_project, group_by="participant")
    assert [g.title for g in by_participant.groups] == [
        "Interviewee 1",
        "Interviewee 2",
        "Interviewee 10",
    ]
    first = by_participant.groups[0]
    assert len(first.quotes) == 2  # one passage with three codes, one prison quote
    assert first.quotes[0].codes == ("contracts", "grants")
    assert "organisation_type: Drug treatment charity" in first.description
    by_size = build(small_project, group_by="size")
    assert [(g.title, g.quote_count) for g in by_size.groups] == [("large", 1), ("small", 4)]
    with pytest.raises(QualcodeError, match="organisation_type, size"):
        build(small_project, group_by="region")


def test_titles_and_file_names_never_appear(small_project: Project) -> None:
    quote_set = build(small_project, group_by="participant")
    text = repr([g.as_json() for g in quote_set.groups])
    assert "marcus-ellery" not in text.lower() and "tolver" not in text.lower()


def test_document_without_participant_keeps_private_keys_out(tmp_path: Path) -> None:
    body = "Q: Hello.\n\nA: Contracts are short."
    front = "---\ntitle: Talk with Hannah Cole\ninterviewer: Hannah Cole\nsector: health\n---\n\n"
    project = build_project(
        tmp_path / "p.qc",
        [Interview("", front + body + "\n", file_name="hannah-cole.md")],
        codings=[(1, "contracts", "ana", body.index("A:"), len(body))],
    )
    quote = build(project).all_quotes()[0]
    project.close()
    assert quote.attributes == {"sector": "health"}
    assert (quote.participant, quote.label, quote.text) == (
        "Document 1",
        "Document 1",
        "Contracts are short.",
    )
