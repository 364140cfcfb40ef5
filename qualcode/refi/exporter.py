"""Write a qualcode project as QDA-XML: project.qde plus one plain-text source per document.

Participants go out as Cases under their public label with their public attributes; their
private identifiers never do. The transcripts go out as they are: that is what a .qdpx is for.
"""

from __future__ import annotations

import io
import zipfile
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.refi.codebook import ORIGIN, write_codes
from qualcode.refi.guids import Guids, project_guids
from qualcode.refi.qdaxml import (
    PROJECT_NS,
    PROJECT_SCHEMA,
    Element,
    format_datetime,
    parse_datetime,
    root,
    sub,
    text_child,
    to_bytes,
)
from qualcode.store.audit import get_setting
from qualcode.store.codes import codebook_spec
from qualcode.store.models import Code, Coder, Coding, Document, Memo, Participant, Passage, utcnow


@dataclass
class ExportSummary:
    """How much a .qdpx holds."""

    documents: int = 0
    codes: int = 0
    codings: int = 0
    coders: int = 0
    memos: int = 0
    participants: int = 0


class _Builder:
    """Builds one project.qde from one read session."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.guids: Guids = project_guids(session)
        self.summary = ExportSummary()
        self.coders = {c.id: c for c in session.scalars(select(Coder).order_by(Coder.id))}
        self.code_ids = {key: id_ for key, id_ in session.execute(select(Code.key, Code.id))}
        memos = list(session.scalars(select(Memo).order_by(Memo.id)))
        self.memos = memos
        self.on_passage: dict[int, list[Memo]] = defaultdict(list)
        self.on_document: dict[int, list[Memo]] = defaultdict(list)
        self.on_code: dict[int, list[Memo]] = defaultdict(list)
        self.on_project: list[Memo] = []
        for memo in memos:
            if memo.passage_id is not None:
                self.on_passage[memo.passage_id].append(memo)
            elif memo.document_id is not None:
                self.on_document[memo.document_id].append(memo)
            elif memo.code_id is not None:
                self.on_code[memo.code_id].append(memo)
            else:
                self.on_project.append(memo)
        self.coding_notes: list[Coding] = []

    def user(self, coder_id: int) -> str:
        return self.guids.of("coder", coder_id)

    def note(self, memo: Memo) -> str:
        return self.guids.of("memo", memo.id)

    def build(self) -> tuple[bytes, dict[str, str]]:
        spec = codebook_spec(self.session)
        created = parse_datetime(get_setting(self.session, "created_at"))
        project = root("Project", PROJECT_NS, PROJECT_SCHEMA, {
            "name": spec.name or "qualcode project", "origin": ORIGIN,
            "creationDateTime": format_datetime(created),
            "modifiedDateTime": format_datetime(utcnow()),
        })  # fmt: skip
        if self.coders:
            users = sub(project, "Users")
            for coder in self.coders.values():
                sub(users, "User", {"guid": self.user(coder.id), "name": coder.name})
        if spec.codes:
            codebook = sub(project, "CodeBook")
            write_codes(codebook, spec.codes, self._code_guid, self._code_notes)
            self.summary.codes = len(spec.walk())
        documents = list(self.session.scalars(select(Document).order_by(Document.id)))
        participants = list(self.session.scalars(select(Participant).order_by(Participant.id)))
        variables = self._variables(project, documents, participants)
        self._cases(project, participants, documents, variables)
        files = self._sources(project, documents, variables)
        self._notes(project)
        if spec.description:
            text_child(project, "Description", spec.description)
        for memo in self.on_project:
            sub(project, "NoteRef", {"targetGUID": self.note(memo)})
        self.summary.coders = len(self.coders)
        self.summary.memos = len(self.memos) + len(self.coding_notes)
        return to_bytes(project), files

    def _code_guid(self, key: str) -> str:
        return self.guids.of("code", self.code_ids[key])

    def _code_notes(self, key: str) -> list[str]:
        return [self.note(memo) for memo in self.on_code.get(self.code_ids[key], [])]

    def _variables(
        self, project: Element, documents: list[Document], participants: list[Participant]
    ) -> dict[str, str]:
        names = sorted(
            {name for p in participants for name in p.attributes}
            | {name for d in documents for name in d.attributes}
        )
        guids = {name: self.guids.of("variable", name) for name in names}
        if names:
            variables = sub(project, "Variables")
            for name in names:
                sub(variables, "Variable", {"guid": guids[name], "name": name,
                                            "typeOfVariable": "Text"})  # fmt: skip
        return guids

    def _cases(
        self,
        project: Element,
        participants: list[Participant],
        documents: list[Document],
        variables: dict[str, str],
    ) -> None:
        if not participants:
            return
        cases = sub(project, "Cases")
        for participant in participants:
            guid = self.guids.of("participant", participant.id)
            case = sub(cases, "Case", {"guid": guid, "name": participant.label})
            _values(case, participant.attributes, variables)
            for document in documents:
                if document.participant_id == participant.id:
                    sub(case, "SourceRef", {"targetGUID": self.guids.of("document", document.id)})
        self.summary.participants = len(participants)

    def _sources(
        self, project: Element, documents: list[Document], variables: dict[str, str]
    ) -> dict[str, str]:
        files: dict[str, str] = {}
        if not documents:
            return files
        sources = sub(project, "Sources")
        for document in documents:
            guid = self.guids.of("document", document.id)
            files[f"sources/{guid}.txt"] = document.text
            element = sub(sources, "TextSource", {
                "guid": guid, "name": document.title, "plainTextPath": f"internal://{guid}.txt",
                "creationDateTime": format_datetime(document.imported_at),
            })  # fmt: skip
            self._selections(element, document)
            for memo in self.on_document.get(document.id, []):
                sub(element, "NoteRef", {"targetGUID": self.note(memo)})
            _values(element, document.attributes, variables)
        self.summary.documents = len(documents)
        return files

    def _selections(self, source: Element, document: Document) -> None:
        spans: dict[tuple[int, int], tuple[list[Coding], list[Memo]]] = defaultdict(
            lambda: ([], [])
        )
        codings = self.session.scalars(
            select(Coding).where(Coding.document_id == document.id).order_by(Coding.id)
        )
        for coding in codings:
            spans[(coding.start, coding.end)][0].append(coding)
        passages = self.session.scalars(select(Passage).where(Passage.document_id == document.id))
        for passage in passages:
            for memo in self.on_passage.get(passage.id, []):
                spans[(passage.start, passage.end)][1].append(memo)
        for (start, end), (span_codings, memos) in sorted(spans.items()):
            first = span_codings[0].coder_id if span_codings else None
            selection = sub(source, "PlainTextSelection", {
                "guid": self.guids.of("selection", f"{document.id}:{start}:{end}"),
                "startPosition": str(start), "endPosition": str(end),
                "creatingUser": self.user(first) if first is not None else None,
            })  # fmt: skip
            for coding in span_codings:
                self._coding(selection, coding)
            for memo in memos:
                sub(selection, "NoteRef", {"targetGUID": self.note(memo)})

    def _coding(self, selection: Element, coding: Coding) -> None:
        element = sub(selection, "Coding", {
            "guid": self.guids.of("coding", coding.id), "creatingUser": self.user(coding.coder_id),
            "creationDateTime": format_datetime(coding.created_at),
        })  # fmt: skip
        sub(element, "CodeRef", {"targetGUID": self.guids.of("code", coding.code_id)})
        if coding.memo:
            sub(element, "NoteRef", {"targetGUID": self.guids.of("coding-memo", coding.id)})
            self.coding_notes.append(coding)
        self.summary.codings += 1

    def _notes(self, project: Element) -> None:
        if not self.memos and not self.coding_notes:
            return
        notes = sub(project, "Notes")
        for memo in self.memos:
            note = sub(notes, "Note", {
                "guid": self.note(memo), "name": f"Memo {memo.id}",
                "creatingUser": self.user(memo.coder_id),
                "creationDateTime": format_datetime(memo.created_at),
            })  # fmt: skip
            text_child(note, "PlainTextContent", memo.text)
        for coding in self.coding_notes:
            note = sub(notes, "Note", {
                "guid": self.guids.of("coding-memo", coding.id),
                "name": f"Memo on coding {coding.id}", "creatingUser": self.user(coding.coder_id),
            })  # fmt: skip
            text_child(note, "PlainTextContent", coding.memo or "")


def _values(element: Element, attributes: dict[str, str], variables: dict[str, str]) -> None:
    for name in sorted(attributes):
        value = sub(element, "VariableValue")
        sub(value, "VariableRef", {"targetGUID": variables[name]})
        text_child(value, "TextValue", attributes[name])


def project_qde(session: Session) -> tuple[bytes, dict[str, str], ExportSummary]:
    """The project.qde bytes, the source texts by zip path, and what they hold."""
    builder = _Builder(session)
    qde, files = builder.build()
    return qde, files, builder.summary


def qdpx_bytes(session: Session) -> tuple[bytes, ExportSummary]:
    """A whole .qdpx (zip of project.qde and sources/GUID.txt, UTF-8 with LF line ends)."""
    qde, files, summary = project_qde(session)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", qde)
        for name, text in files.items():
            archive.writestr(name, text.encode("utf-8"))
    return buffer.getvalue(), summary
