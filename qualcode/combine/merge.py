"""Bring everything from another qualcode project into this one, in the caller's transaction."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qualcode.combine.documents import Placement, lineage
from qualcode.errors import QualcodeError
from qualcode.store.audit import get_or_create_coder, record
from qualcode.store.codes import add_code, all_codes
from qualcode.store.documents import add_identifiers, get_or_create_participant
from qualcode.store.models import (
    Assignment,
    AssignmentCoder,
    AuditEvent,
    Code,
    Coder,
    Coding,
    Document,
    DocumentVersion,
    Identifier,
    Memo,
    OrphanedCoding,
    Participant,
    Passage,
    Review,
)

# Counts that mean the target changed; "... matched" and "documents re-anchored" do not.
CHANGES = (" added", " updated", " linked", " set aside")  # not "left out": nothing changes
# The fields of a code that make its definition; a difference is a conflict to report.
DEFINITION = ("name", "description", "include", "exclude", "examples", "cues")


@dataclass
class CombineSummary:
    """What combining did: counts per kind of record, and conflicts in words."""

    counts: dict[str, int] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)

    def add(self, what: str, number: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + number

    def get(self, what: str) -> int:
        return self.counts.get(what, 0)

    @property
    def changed(self) -> bool:
        """Did anything change (as opposed to being found already there)?"""
        return any(n for what, n in self.counts.items() if what.endswith(CHANGES))


class _Combine:
    """One combine: maps from the other project's ids to this project's rows."""

    def __init__(
        self, target: Session, other: Session, *, coder: str, only: str | None, prefer: bool
    ) -> None:
        self.target, self.other, self.coder, self.only, self.prefer = (
            target, other, coder, only, prefer,
        )  # fmt: skip
        self.summary = CombineSummary()
        self.coders: dict[int, Coder] = {}
        self.codes: dict[int, Code] = {}
        self.participants: dict[int, Participant] = {}
        self.places: dict[int, Placement] = {}
        self.withdrawn: set[int] = set()  # the other's participants withdrawn from this one
        self.left_out: set[int] = set()  # the other's documents of withdrawn participants

    @property
    def keys(self) -> dict[int, str]:
        return {code.id: code.key for code in self.codes.values()}

    @property
    def names(self) -> dict[int, str]:
        return {coder.id: coder.name for coder in self.coders.values()}

    def coder_of(self, other_id: int) -> Coder:
        if other_id not in self.coders:
            name = self.other.get_one(Coder, other_id).name
            known = self.target.scalar(select(Coder.id).where(Coder.name == name))
            self.coders[other_id] = get_or_create_coder(self.target, name)
            self.summary.add("coders matched" if known else "coders added")
        return self.coders[other_id]

    def wanted(self, coder_id: int) -> bool:
        """Is this coder's work taken (all coders', unless one was asked for)?"""
        return self.only is None or self.other.get_one(Coder, coder_id).name == self.only

    def run_codes(self) -> None:
        by_key = {code.key: code for code in self.target.scalars(select(Code))}
        for code in all_codes(self.other):
            mine = by_key.get(code.key)
            parent = code.parent.key if code.parent else None
            if mine is None:
                mine = add_code(
                    self.target, code.key, code.name, parent_key=parent,
                    description=code.description, cues=list(code.cues), coder=self.coder,
                )  # fmt: skip
                mine.include, mine.exclude = list(code.include), list(code.exclude)
                mine.examples, mine.colour = list(code.examples), code.colour
                by_key[code.key] = mine
                self.summary.add("codes added")
            else:
                self._compare_code(mine, code, parent)
            self.codes[code.id] = mine

    def _compare_code(self, mine: Code, code: Code, parent: str | None) -> None:
        differs = [f for f in DEFINITION if getattr(mine, f) != getattr(code, f)]
        my_parent = mine.parent.key if mine.parent else None
        if parent != my_parent:
            differs.append("parent")
        self.summary.add("codes matched")
        if not differs:
            return
        if self.prefer and "parent" not in differs:
            before = {f: getattr(mine, f) for f in differs}
            for name in differs:
                setattr(mine, name, getattr(code, name))
            self.summary.add("codes updated")
            record(self.target, "code.update", "code", mine.id, coder=self.coder,
                   before={"key": mine.key, **before},
                   after={"key": mine.key, **{f: getattr(mine, f) for f in differs}})  # fmt: skip
            self.summary.conflicts.append(
                f"code '{mine.key}': {', '.join(differs)} taken from the other project"
            )
            return
        kept = "kept as this project has it"
        if self.prefer:
            kept += " (a different parent is never moved; use 'codebook move')"
        self.summary.conflicts.append(f"code '{mine.key}': {', '.join(differs)} differ; {kept}")

    def run_participants(self) -> None:
        gone = withdrawn_labels(self.target)
        for person in self.other.scalars(select(Participant).order_by(Participant.id)):
            if person.label in gone:
                # Withdrawal is for good: a coder's older copy must not bring them back.
                self.withdrawn.add(person.id)
                self.summary.conflicts.append(
                    f"participant '{person.label}' withdrew from this project: their documents, "
                    "codings, memos and identifiers were left out"
                )
                continue
            known = self.target.scalar(select(Participant).where(Participant.label == person.label))
            mine = known or get_or_create_participant(self.target, person.label, coder=self.coder)
            self.summary.add("participants matched" if known else "participants added")
            merged = dict(mine.attributes)
            for key, value in person.attributes.items():
                if key not in merged:
                    merged[key] = value
                    self.summary.add("attributes added")
                elif merged[key] != value:
                    self.summary.conflicts.append(
                        f"participant '{person.label}': attribute '{key}' is "
                        f"'{merged[key]}' here and '{value}' there; kept '{merged[key]}'"
                    )
            if merged != mine.attributes:
                mine.attributes = merged
            self.participants[person.id] = mine
        self._identifiers()

    def _identifiers(self) -> None:
        groups: dict[tuple[int | None, str, str], list[str]] = {}
        for ident in self.other.scalars(select(Identifier).order_by(Identifier.id)):
            key = (ident.participant_id, ident.kind, ident.source)
            groups.setdefault(key, []).append(ident.value)
        for (person_id, kind, source), values in groups.items():
            if person_id in self.withdrawn:
                continue
            person = self.participants[person_id] if person_id is not None else None
            added = add_identifiers(self.target, person, kind, values, source=source)
            self.summary.add("identifiers added", added)

    def run_documents(self) -> None:
        by_sha = {sha: doc_id for doc_id, sha in self.target.execute(
            select(Document.id, Document.sha256))}  # fmt: skip
        by_origin = lineage(self.target)
        other_origin = {doc_id: sha for sha, doc_id in lineage(self.other).items()}
        for doc in self.other.scalars(select(Document).order_by(Document.id)):
            if doc.participant_id in self.withdrawn:
                self.left_out.add(doc.id)
                self.summary.add("documents left out")
                continue
            same = by_sha.get(doc.sha256)
            related = by_origin.get(other_origin.get(doc.id, doc.sha256))
            if same is not None:
                target = self.target.get_one(Document, same)
                self.summary.add("documents matched")
            elif related is not None:
                target = self.target.get_one(Document, related)
                self.summary.add("documents re-anchored")
                self.summary.conflicts.append(
                    f"document '{doc.title}': its text differs here (edited in one project); "
                    "codings from the other project were re-anchored onto this project's text"
                )
            else:
                target = self._copy_document(doc)
                by_sha[doc.sha256] = target.id
                self.summary.add("documents added")
            self._link(target, doc)
            place = Placement(target, doc.text, target.text == doc.text)
            place.passages = list(self.target.scalars(
                select(Passage).where(Passage.document_id == target.id).order_by(Passage.start)
            ))  # fmt: skip
            self.places[doc.id] = place

    def _link(self, target: Document, doc: Document) -> None:
        """A matched document takes the other's participant if it had none; else report."""
        person = self.participants.get(doc.participant_id) if doc.participant_id else None
        if person is None or target.participant_id == person.id:
            return
        if target.participant_id is None:
            target.participant = person
            self.summary.add("documents linked")
            return
        self.summary.conflicts.append(
            f"document '{target.title}': linked to '{person.label}' there; kept this project's link"
        )

    def _copy_document(self, doc: Document) -> Document:
        person = self.participants.get(doc.participant_id) if doc.participant_id else None
        copy = Document(
            title=doc.title, source_name=doc.source_name, sha256=doc.sha256, format=doc.format,
            text=doc.text, attributes=dict(doc.attributes), participant=person,
        )  # fmt: skip
        self.target.add(copy)
        self.target.flush()
        self.target.add_all(
            Passage(document_id=copy.id, index=p.index, start=p.start, end=p.end,
                    speaker=p.speaker, text=p.text, meta=dict(p.meta))
            for p in self.other.scalars(select(Passage).where(Passage.document_id == doc.id))
        )  # fmt: skip
        self.target.add_all(
            DocumentVersion(document_id=copy.id, number=v.number, text=v.text, sha256=v.sha256,
                            change=v.change, note=v.note, summary=dict(v.summary),
                            created_by=v.created_by, created_at=v.created_at)
            for v in self.other.scalars(
                select(DocumentVersion).where(DocumentVersion.document_id == doc.id))
        )  # fmt: skip
        self.target.flush()
        record(self.target, "document.import", "document", copy.id, coder=self.coder,
               after={"sha256": copy.sha256, "format": copy.format, "combined": True,
                      "participant": person.label if person else None})  # fmt: skip
        return copy

    def run_codings(self) -> None:
        columns = (Coding.document_id, Coding.code_id, Coding.coder_id, Coding.start, Coding.end)
        existing = {tuple(row) for row in self.target.execute(select(*columns))}
        added: list[Coding] = []
        for coding in self.other.scalars(select(Coding).order_by(Coding.id)):
            if not self.wanted(coding.coder_id) or coding.document_id in self.left_out:
                continue
            place, code = self.places[coding.document_id], self.codes[coding.code_id]
            who = self.coder_of(coding.coder_id)
            span = place.span(coding.start, coding.end)
            if span is None:
                self._orphan(place, coding, code, who)
                continue
            key = (place.target.id, code.id, who.id, *span)
            if key in existing:
                self.summary.add("codings matched")
                continue
            existing.add(key)
            added.append(Coding(
                document_id=place.target.id, code_id=code.id, coder_id=who.id, start=span[0],
                end=span[1], origin=coding.origin, memo=coding.memo,
                created_at=coding.created_at, updated_at=coding.updated_at,
            ))  # fmt: skip
        self.target.add_all(added)
        self.target.flush()
        keys, names = self.keys, self.names
        for new in added:  # every coding has the event that created it (see `check`)
            record(self.target, "coding.add", "coding", new.id, coder=self.coder,
                   after={"document": new.document_id, "code": keys[new.code_id],
                          "coder": names[new.coder_id], "start": new.start,
                          "end": new.end, "origin": new.origin, "combined": True})  # fmt: skip
        self.summary.add("codings added", len(added))

    def _orphan(self, place: Placement, coding: Coding, code: Code, who: Coder) -> None:
        """A coding whose words this project's text no longer has: set aside, never lost."""
        words = place.other_text[coding.start : coding.end]
        already = self.target.scalar(select(OrphanedCoding.id).where(
            OrphanedCoding.document_id == place.target.id, OrphanedCoding.code_id == code.id,
            OrphanedCoding.coder_id == who.id, OrphanedCoding.text == words,
        ).limit(1))  # fmt: skip
        if already is not None:
            self.summary.add("codings matched")
            return
        version = self.target.scalar(
            select(func.max(DocumentVersion.number)).where(
                DocumentVersion.document_id == place.target.id
            )
        )
        self.target.add(OrphanedCoding(
            document_id=place.target.id, coding_id=coding.id, code_id=code.id,
            code_key=code.key, coder_id=who.id, origin=coding.origin, memo=coding.memo,
            version=version or 1, start=coding.start, end=coding.end,
            text=words, coded_at=coding.created_at,
            orphaned_by=self.coder,
        ))  # fmt: skip
        self.summary.add("codings set aside")

    def run_memos(self) -> None:
        columns = (
            Memo.coder_id, Memo.document_id, Memo.passage_id, Memo.code_id, Memo.text,
            Memo.participant_id,
        )  # fmt: skip
        existing = {tuple(row) for row in self.target.execute(select(*columns))}
        for memo in self.other.scalars(select(Memo).order_by(Memo.id)):
            if not self.wanted(memo.coder_id) or self._left_out(memo.document_id, memo.passage_id):
                continue
            if memo.participant_id in self.withdrawn:
                continue  # a memo about someone who withdrew from this project stays out
            person = self.participants.get(memo.participant_id or 0)
            document_id = passage_id = None
            if memo.document_id is not None:
                document_id = self.places[memo.document_id].target.id
            if memo.passage_id is not None:
                passage = self._passage(memo.passage_id)
                if passage is None:
                    self.summary.conflicts.append(
                        f"a memo by {self.other.get_one(Coder, memo.coder_id).name} on a passage "
                        "whose words are not in this project's text was put on its document"
                    )
                    document_id = self.places[self._document_of(memo.passage_id)].target.id
                else:
                    passage_id = passage.id
            code_id = self.codes[memo.code_id].id if memo.code_id is not None else None
            who = self.coder_of(memo.coder_id)
            person_id = person.id if person is not None else None
            key = (who.id, document_id, passage_id, code_id, memo.text, person_id)
            if key in existing:
                self.summary.add("memos matched")
                continue
            existing.add(key)
            self.target.add(Memo(
                coder_id=who.id, document_id=document_id, passage_id=passage_id,
                code_id=code_id, participant_id=person_id, text=memo.text,
                created_at=memo.created_at,
                updated_at=memo.updated_at,
            ))  # fmt: skip
            self.summary.add("memos added")

    def _left_out(self, document_id: int | None, passage_id: int | None) -> bool:
        """Is this on a document left out (its participant withdrew)?"""
        if passage_id is not None:
            document_id = self._document_of(passage_id)
        return document_id is not None and document_id in self.left_out

    def _document_of(self, passage_id: int) -> int:
        return self.other.get_one(Passage, passage_id).document_id

    def _passage(self, passage_id: int) -> Passage | None:
        """This project's passage for one of the other's: where its first words now stand."""
        theirs = self.other.get_one(Passage, passage_id)
        place = self.places[theirs.document_id]
        span = place.span(theirs.start, theirs.end)
        return place.passage_at(span[0]) if span is not None else None

    def run_reviews(self) -> None:
        columns = (Review.passage_id, Review.coder_id)
        existing = {tuple(row) for row in self.target.execute(select(*columns))}
        for review in self.other.scalars(select(Review).order_by(Review.id)):
            if not self.wanted(review.coder_id) or self._left_out(None, review.passage_id):
                continue
            passage = self._passage(review.passage_id)
            if passage is None:
                continue
            who = self.coder_of(review.coder_id)
            if (passage.id, who.id) in existing:
                self.summary.add("reviews matched")
                continue
            existing.add((passage.id, who.id))
            self.target.add(
                Review(passage_id=passage.id, coder_id=who.id, reviewed_at=review.reviewed_at)
            )
            self.summary.add("reviews added")

    def run_assignments(self) -> None:
        def shape(assignment: Assignment, coder_names: list[str]) -> tuple[object, ...]:
            return (assignment.blind, assignment.status, tuple(sorted(coder_names)))

        existing: set[tuple[object, ...]] = set()
        for mine in self.target.scalars(select(Assignment)):
            names = [c.coder.name for c in mine.coders]
            existing.add((mine.document_id, *shape(mine, names)))
        for theirs in self.other.scalars(select(Assignment).order_by(Assignment.id)):
            if theirs.document_id in self.left_out:
                continue
            names = [c.coder.name for c in theirs.coders]
            document_id = self.places[theirs.document_id].target.id
            key = (document_id, *shape(theirs, names))
            if key in existing:
                self.summary.add("assignments matched")
                continue
            existing.add(key)
            copy = Assignment(
                document_id=document_id, blind=theirs.blind, status=theirs.status,
                assigned_by=theirs.assigned_by, assigned_at=theirs.assigned_at,
                closed_by=theirs.closed_by, closed_at=theirs.closed_at,
            )  # fmt: skip
            copy.coders = [AssignmentCoder(coder=self.coder_of(c.coder_id)) for c in theirs.coders]
            self.target.add(copy)
            self.summary.add("assignments added")


def withdrawn_labels(session: Session) -> set[str]:
    """Labels of participants withdrawn from this project (the trail keeps only the label)."""
    states = session.scalars(
        select(AuditEvent.after).where(AuditEvent.action == "participant.withdraw")
    )
    return {state["label"] for state in states if state and isinstance(state.get("label"), str)}


def combine_projects(
    target: Session,
    other: Session,
    *,
    coder: str,
    only_coder: str | None = None,
    prefer_other: bool = False,
    other_name: str = "",
) -> CombineSummary:
    """Bring the other project's work into the target's session (the caller commits or not).

    Documents are matched by content hash (a document edited in one project has its codings
    re-anchored onto the target's text; words no longer there are set aside as orphaned
    codings), participants by label, codes by key, coders by name; identical codings, memos,
    reviews and assignments are not duplicated, so combining twice changes nothing.
    """
    if (
        only_coder is not None
        and other.scalar(select(Coder.id).where(Coder.name == only_coder)) is None
    ):
        raise QualcodeError(f"the other project has no coder named '{only_coder}'")
    run = _Combine(target, other, coder=coder, only=only_coder, prefer=prefer_other)
    run.run_codes()
    run.run_participants()
    run.run_documents()
    run.run_codings()
    run.run_memos()
    run.run_reviews()
    if only_coder is None:
        run.run_assignments()
    target.flush()
    summary = run.summary
    if summary.changed:
        record(target, "project.combine", "project", None, coder=coder,
               after={"from": other_name, "coder": only_coder, **summary.counts})  # fmt: skip
    return summary
