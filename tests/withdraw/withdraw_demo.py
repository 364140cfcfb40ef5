"""The demo with a coded, memoed, reviewed, edited and modelled interview per participant."""

from __future__ import annotations

from sqlalchemy import select

from qualcode.analysis.summaries import set_summary
from qualcode.audit.assignments import assign
from qualcode.memos.subjects import Subject
from qualcode.memos.writes import add_memo
from qualcode.nlp.feedback import accept_suggestion, reject_suggestion
from qualcode.nlp.training import train_project
from qualcode.revise.edit import edit_passage
from qualcode.store.coding_actions import set_coding_memo, set_passage_memo, set_reviewed
from qualcode.store.db import open_project
from qualcode.store.models import Coding, Document, Participant, Passage

WITHDRAWN = "Interviewee 3"
STAYING = "Interviewee 1"
# Words only the withdrawn participant's memos hold, to find in the file's bytes.
MEMO = "the locked-out Monday is the clearest case of prison disruption in the set"
SUMMARY = "short contracts and payment by results shape every answer"
CODING_MEMO = "frames tolerating failure as independence from qualification targets"
PARTICIPANT_MEMO = "speaks for the smallest providers, wary of every consortium offer"


def enrich(target: str) -> None:
    """Give two participants' documents every kind of row withdrawal must reach."""
    with open_project(target) as project:
        with project.write() as session:
            for label in (WITHDRAWN, STAYING):
                document = session.scalars(
                    select(Document).join(Participant).where(Participant.label == label)
                ).one()
                passages = session.scalars(
                    select(Passage)
                    .where(Passage.document_id == document.id)
                    .order_by(Passage.index)
                ).all()
                coding = session.scalars(
                    select(Coding).where(Coding.document_id == document.id).order_by(Coding.id)
                ).first()
                assert coding is not None and len(passages) > 6
                set_passage_memo(session, passages[3].id, "ana", f"{label}: {MEMO}")
                set_coding_memo(session, coding.id, "ben", f"{label}: {CODING_MEMO}")
                set_reviewed(session, passages[4].id, "ana", True)
                about = Subject("participant", participant_id=document.participant_id)
                add_memo(session, about, "ana", f"{label}: {PARTICIPANT_MEMO}")
                reject_suggestion(session, passages[2].id, "commissioning", "ana", score=0.4)
                accept_suggestion(session, passages[6].id, "independence", "ben", score=0.8)
                assign(session, document, ["ana", "ben"], blind=True, supervisor="sue")
                summary = f"{label}: {SUMMARY}"
                set_summary(session, "participant", label, "commissioning", summary, coder="ana")
                set_summary(
                    session, "document", str(document.id), "independence", summary, coder="ben"
                )
        with project.write() as session:
            document = session.scalars(
                select(Document).join(Participant).where(Participant.label == WITHDRAWN)
            ).one()
            coding = session.scalars(
                select(Coding).where(Coding.document_id == document.id).order_by(Coding.id)
            ).first()
            assert coding is not None
            coded = session.scalars(
                select(Passage)
                .where(Passage.document_id == document.id, Passage.end > coding.start)
                .order_by(Passage.index)
            ).first()
            assert coded is not None
            # Deleting the coded passage sets its codings (and a coding's memo) aside.
            edit_passage(session, document, coded.index, "", "ana")
        train_project(project, coder="ana", epochs=1)
