"""Fixtures for REFI-QDA tests: the official schemas and a coded project."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import lxml.etree as etree  # type: ignore[import-untyped, unused-ignore]
import pytest
from refi_helpers import shared, span

from qualcode.codebook.yamlio import load_codebook
from qualcode.ingest import read_document
from qualcode.project import DEFAULT_CODEBOOK, new_project
from qualcode.store.codes import find_code
from qualcode.store.codings import add_coding
from qualcode.store.db import Project
from qualcode.store.documents import add_document, add_identifiers
from qualcode.store.models import Memo
from qualcode.store.workbench import set_passage_memo

HOUSING = """Participant: Interviewee 7
Organisation type: housing charity

Interviewer: How do you get your contracts these days?

Priya: Mostly through competitive tendering, and honestly the pre-qualification questionnaire
alone took us three weeks. We were undercut on price by a national provider.

Interviewer: And inside the prisons?

Priya: Sessions get cancelled at short notice when there's a lockdown. Security clearance for
our volunteers took four months.
"""
MUSIC = """Interviewer: What made the partnership work?

Respondent: Honestly, the café meetings 🙂 — a couple of good strong relationships between
individuals at the heart of it. We share premises with the drug service now.

Respondent: Partnership isn't easy though; we compete for the same funding pots.
"""


@pytest.fixture(scope="session")
def project_schema() -> etree.XMLSchema:
    """The official QDA-XML 1.0 Project schema."""
    return etree.XMLSchema(etree.parse(str(shared("Project.xsd"))))


@pytest.fixture(scope="session")
def codebook_schema() -> etree.XMLSchema:
    """The Codebook schema as REFI defines it: Project.xsd's CodeBookType in the codebook
    namespace with a CodeBook root carrying `origin` (Codebook.xsd itself is not shipped)."""
    text = shared("Project.xsd").read_text(encoding="utf-8")
    text = text.replace("urn:QDA-XML:project:1.0", "urn:QDA-XML:codebook:1.0")
    root = (
        '<xsd:element name="CodeBook"><xsd:complexType><xsd:sequence>'
        '<xsd:element name="Codes" type="CodesType"/>'
        '<xsd:element name="Sets" type="SetsType" minOccurs="0"/>'
        '</xsd:sequence><xsd:attribute name="origin" type="xsd:string"/>'
        "</xsd:complexType></xsd:element>"
    )
    start = text.index('<xsd:element name="Project"')
    end = text.index("</xsd:element>", start) + len("</xsd:element>")
    return etree.XMLSchema(etree.fromstring((text[:start] + root + text[end:]).encode()))


@pytest.fixture
def coded_project(tmp_path: Path) -> Iterator[Project]:
    """The default codebook, two transcripts (one with participant, identifiers and
    attributes), codings by two coders with a memo, and memos on a passage, a document,
    a code and the project."""
    project, _ = new_project(str(tmp_path / "coded.qc"), load_codebook(DEFAULT_CODEBOOK),
                             coder="tester")  # fmt: skip
    with project.write() as session:
        housing = add_document(
            session,
            read_document(Path("interview-07.txt"), data=HOUSING.encode()),
            attributes={"size": "small"},
        )
        music = add_document(session, read_document(Path("notes.md"), data=MUSIC.encode()))
        music.attributes = {"wave": "2"}
        assert housing.participant is not None
        add_identifiers(session, housing.participant, "name", ["Priya Sharma"], source="sheet")
        add_identifiers(session, housing.participant, "organisation", ["Hope Housing"],
                        source="sheet")  # fmt: skip
        tender = span(housing.text, "competitive tendering")
        add_coding(session, housing, find_code(session, "competitive-tendering"), "ana", *tender)
        add_coding(session, housing, find_code(session, "competitive-tendering"), "ben", *tender)
        add_coding(session, housing, find_code(session, "commissioning"), "ben",
                   *span(housing.text, "undercut on price by a national provider"),
                   memo="Price, not quality.")  # fmt: skip
        strong = span(music.text, "café meetings 🙂 — a couple of good strong relationships")
        add_coding(session, music, find_code(session, "partnership-levels"), "ana", *strong)
        add_coding(session, music, find_code(session, "independence"), "ana",
                   *span(music.text, "compete for the same funding pots"))  # fmt: skip
        independence_id = find_code(session, "independence").id
        passage = housing.passages[3]
        set_passage_memo(session, passage.id, "ana", "Lockdowns come up again here.")
        session.add(Memo(coder_id=1, document_id=music.id, text="Notes, not a transcript."))
        session.add(Memo(coder_id=1, code_id=independence_id, text="Split into voice and mission?"))
        session.add(Memo(coder_id=1, text="Second wave starts in May."))
    yield project
    project.close()
