"""Store a REFI-QDA project in a qualcode project: codes, coders, documents, codings, memos."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qualcode.errors import QualcodeError
from qualcode.ingest.document import build_document
from qualcode.ingest.types import ReadDocument
from qualcode.refi.codebook import codes_to_spec
from qualcode.refi.guids import remember_guids
from qualcode.refi.model import RefiProject, RefiSource
from qualcode.refi.offsets import MappedText, map_text
from qualcode.refi.qdaxml import norm_guid
from qualcode.store.audit import get_or_create_coder, record
from qualcode.store.codes import install_codebook
from qualcode.store.documents import add_document, find_by_sha, get_or_create_participant
from qualcode.store.models import Code, Coder, Coding, Document, Memo, Passage
from qualcode.wording import plural


@dataclass
class Prepared:
    """A source ready to store: its normalised document and the map of its positions."""

    source: RefiSource
    read: ReadDocument
    mapped: MappedText


@dataclass
class ImportSummary:
    """What an import brought in, and one line for everything it left out."""

    origin: str
    documents: int = 0
    codes_added: int = 0
    codes_updated: int = 0
    codings: int = 0
    coders: int = 0
    participants: int = 0
    memos: int = 0
    remarks: list[str] = field(default_factory=list)


def prepare(refi: RefiProject, file_name: str) -> list[Prepared]:
    """Normalise every source with text (nothing is stored yet); skipped ones become remarks."""
    prepared: list[Prepared] = []
    for number, source in enumerate(refi.sources, start=1):
        lost = sum(len(selection.codings) for selection in source.selections)
        dropped = f" ({plural(lost, 'coding')} not imported)" if lost else ""
        if source.text is None:
            refi.remarks.append(f"source '{source.name}': {source.skipped}; skipped{dropped}")
            continue
        mapped = map_text(source.text)
        if not mapped.text:
            refi.remarks.append(
                f"source '{source.name}': its plain text is empty; skipped{dropped}"
            )
            continue
        title = _title(source, number)
        name = f"{file_name}/{source.member or source.guid}"
        prepared.append(
            Prepared(source, build_document(name, "qdpx", mapped.text, title=title), mapped)
        )
    return prepared


def _title(source: RefiSource, number: int) -> str:
    """The source's name; a bare GUID (as some tools write) gives way to the file's name."""
    if source.name and norm_guid(source.name) is None:
        return source.name
    stem = source.member.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return (
        stem if stem and norm_guid(stem) is None and "Content" not in stem else f"Source {number}"
    )


def check_empty(session: Session) -> None:
    """Refuse a project that already holds documents or codings."""
    documents = session.scalar(select(func.count(Document.id))) or 0
    codings = session.scalar(select(func.count(Coding.id))) or 0
    if documents or codings:
        raise QualcodeError(
            f"the project already has {plural(documents, 'document')} and "
            f"{plural(codings, 'coding')}; import a "
            ".qdpx into a new project (or one with no documents yet)"
        )


class _Store:
    """One import in one session: coders by user GUID, documents by source GUID."""

    def __init__(self, session: Session, refi: RefiProject, coder: str) -> None:
        self.session = session
        self.refi = refi
        self.importer = get_or_create_coder(session, coder)
        self.coder_name = self.importer.name
        self.coders: dict[str, Coder] = {}
        self.documents: dict[str, Document] = {}
        self.guids: dict[str, str] = {}
        self.summary = ImportSummary(origin=refi.origin, remarks=refi.remarks)

    def coder(self, guid: str | None) -> Coder:
        if guid is None:
            return self.importer
        if guid not in self.coders:
            raw = self.refi.users.get(guid) or f"user {guid[:8]}"
            name = " ".join(raw.split())[:200] or f"user {guid[:8]}"
            self.coders[guid] = get_or_create_coder(self.session, name)
            self.guids.setdefault(f"coder:{self.coders[guid].id}", guid)
        return self.coders[guid]

    def codebook(self) -> dict[str, Code]:
        taken = set(self.session.scalars(select(Code.key)))
        # A codebook the project already has keeps its name; only an empty one takes the name
        # and description of the project imported.
        name, description = ("", "") if taken else (self.refi.name, self.refi.description)
        spec, keys = codes_to_spec(self.refi.codes, taken, name=name, description=description)
        if taken and self.refi.codes:
            self.summary.remarks.append(
                f"the project's {plural(len(taken), 'code')} were kept beside the imported ones; "
                "for the other tool's codebook alone, import into a new project file (or one made "
                "with 'init --codebook none')"
            )
        added, updated = install_codebook(self.session, spec, coder=self.coder_name)
        self.summary.codes_added, self.summary.codes_updated = added, updated
        by_key = {code.key: code for code in self.session.scalars(select(Code))}
        codes = {guid: by_key[key] for guid, key in keys.items()}
        for guid, code in codes.items():
            self.guids.setdefault(f"code:{code.id}", guid)
        return codes

    def participants(self) -> dict[str, str]:
        """Cases as participants (label and public attributes); their label by source GUID."""
        labels: dict[str, str] = {}
        for number, case in enumerate(self.refi.cases, start=1):
            participant = get_or_create_participant(
                self.session, case.name or f"Case {number}", coder=self.coder_name
            )
            participant.attributes = {**participant.attributes, **case.variables}
            if case.guid:
                self.guids.setdefault(f"participant:{participant.id}", case.guid)
            for source in case.sources:
                labels.setdefault(source, participant.label)
            self.summary.participants += 1
        return labels

    def document(self, item: Prepared, participant: str | None) -> Document:
        existing = find_by_sha(self.session, item.read.sha256)
        if existing is not None:
            self.summary.remarks.append(
                f"source '{item.source.name}': same text as document {existing[0]} "
                f"('{existing[1]}'); its codings go there"
            )
            document = self.session.get(Document, existing[0])
            assert document is not None
            return document
        document = add_document(
            self.session, item.read, participant_label=participant, coder=self.coder_name
        )
        document.attributes = {**document.attributes, **item.source.variables}
        self.guids.setdefault(f"document:{document.id}", item.source.guid)
        self.summary.documents += 1
        return document


def store_refi(
    session: Session, refi: RefiProject, prepared: list[Prepared], *, coder: str
) -> ImportSummary:
    """Store a read REFI project in the caller's transaction (one import: all or nothing)."""
    check_empty(session)
    store = _Store(session, refi, coder)
    codes = store.codebook()
    for guid in refi.users:
        store.coder(guid)
    participants = store.participants()
    seen: set[tuple[int, int, int, int, int]] = set()
    added: list[Coding] = []
    blank = 0
    memos = _Memos(store)
    for item in prepared:
        document = store.document(item, participants.get(item.source.guid))
        store.documents[item.source.guid] = document
        for selection in item.source.selections:
            start, end = item.mapped.span(selection.start, selection.end)
            if start >= end or not document.text[start:end].strip():
                blank += bool(selection.codings)
                continue
            memos.on_selection(document, start, selection.notes)
            for refi_coding in selection.codings:
                code, who = codes[refi_coding.code], store.coder(refi_coding.user)
                key = (document.id, code.id, who.id, start, end)
                if key in seen:
                    continue
                seen.add(key)
                coding = Coding(
                    document=document, code=code, coder=who, start=start, end=end,
                    origin="import",
                    memo=_memo(selection.description, memos.joined(refi_coding.notes)),
                )  # fmt: skip
                if refi_coding.created is not None:
                    coding.created_at = refi_coding.created
                session.add(coding)
                added.append(coding)
        memos.add_all(item.source.notes, document=document)
    session.flush()
    for coding in added:
        record(session, "coding.add", "coding", coding.id, coder=store.coder_name,
               after={"document": coding.document_id, "code": coding.code.key,
                      "coder": coding.coder.name, "start": coding.start, "end": coding.end,
                      "origin": "import", "memo": coding.memo})  # fmt: skip
    store.summary.codings = len(added)
    store.summary.memos += sum(1 for coding in added if coding.memo)
    if blank:
        store.summary.remarks.append(
            f"{blank} selections held only spaces or line breaks; not imported"
        )
    memos.finish(codes)
    store.summary.coders = len({c.id for c in store.coders.values()})
    remember_guids(session, store.guids)
    record(
        session, "project.import-qdpx", "project", None, coder=store.coder_name,
        after={"origin": refi.origin, "documents": store.summary.documents,
               "codes": store.summary.codes_added, "codings": store.summary.codings},
    )  # fmt: skip
    return store.summary


def _memo(*parts: str | None) -> str | None:
    """A coding's memo from the selection's Description and the coding's notes, if any."""
    return "\n\n".join(part for part in parts if part) or None


class _Memos:
    """Notes become memos: on a coding, a passage, a document, a code, or the project."""

    def __init__(self, store: _Store) -> None:
        self.store = store
        self.used: set[str] = set()
        self.passages: dict[int, list[Passage]] = {}

    def joined(self, notes: list[str]) -> str:
        texts = [self._text(guid) for guid in notes]
        return "\n\n".join(text for text in texts if text)

    def _text(self, guid: str) -> str:
        note = self.store.refi.notes.get(guid)
        if note is None:
            return ""
        self.used.add(guid)
        return note.text

    def on_selection(self, document: Document, start: int, notes: list[str]) -> None:
        if not notes:
            return
        if document.id not in self.passages:
            query = select(Passage).where(Passage.document_id == document.id)
            self.passages[document.id] = list(
                self.store.session.scalars(query.order_by(Passage.start))
            )
        passages = self.passages[document.id]
        index = bisect_right([p.start for p in passages], start) - 1
        passage = passages[index] if passages and index >= 0 else None
        self.add_all(notes, document=document, passage=passage)

    def add_all(
        self,
        notes: list[str],
        *,
        document: Document | None = None,
        passage: Passage | None = None,
        code: Code | None = None,
    ) -> None:
        session = self.store.session
        for guid in notes:
            note = self.store.refi.notes.get(guid)
            if note is None or not note.text:
                continue
            self.used.add(guid)
            memo = Memo(
                coder_id=self.store.coder(note.user).id, text=note.text,
                document_id=document.id if document else None,
                passage_id=passage.id if passage else None, code_id=code.id if code else None,
            )  # fmt: skip
            if note.created is not None:
                memo.created_at = note.created
            session.add(memo)
            session.flush()
            record(session, "memo.add", "memo", memo.id, coder=self.store.coder_name,
                   after={"text": note.text, "document": memo.document_id,
                          "passage": memo.passage_id, "code": memo.code_id})  # fmt: skip
            self.store.summary.memos += 1

    def finish(self, codes: dict[str, Code]) -> None:
        """Memos on codes and on the project; notes nothing refers to belong to the project."""
        for refi_code in self.store.refi.all_codes():
            self.add_all(refi_code.notes, code=codes[refi_code.guid])
        loose = [g for g in self.store.refi.notes if g not in self.used]
        self.add_all(list(dict.fromkeys([*self.store.refi.project_notes, *loose])))
