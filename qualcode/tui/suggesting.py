"""Answering suggestions from the transcript: accept, reject, and the review queue."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from qualcode.errors import QualcodeError
from qualcode.nlp import QueueItem, Suggestion, accept_suggestion, reject_suggestion, review_queue
from qualcode.numbering import passage_number
from qualcode.tui.context import Workbench
from qualcode.tui.widgets.suggestions import SuggestionsPane

Say = Callable[[str], None]
Jump = Callable[[int, int], None]


class SuggestionActions:
    """What y, n and the review-queue key do; every answer is committed by the writer."""

    def __init__(
        self,
        bench: Workbench,
        pane: SuggestionsPane,
        say: Say,
        warn: Say,
        changed: Callable[[], None],
    ) -> None:
        self.bench, self.pane = bench, pane
        self.say, self.warn, self.changed = say, warn, changed

    def decide(self, accepted: bool) -> None:
        """Accept (a coding with origin "suggestion") or reject (a negative example)."""
        suggestion, passage_id = self.pane.chosen, self.pane.passage_id
        if suggestion is None or passage_id is None:
            self.warn("No suggestion for this passage")
            return
        coder = self.bench.coder
        answer = accept_suggestion if accepted else reject_suggestion

        def work(session: Session) -> None:
            answer(
                session,
                passage_id,
                suggestion.code,
                coder,
                score=suggestion.score,
                origin=suggestion.origin,
            )

        self.bench.writer.submit(work, lambda _: self._done(suggestion, accepted), self.warn)

    def _done(self, suggestion: Suggestion, accepted: bool) -> None:
        self.say(f"{'Accepted' if accepted else 'Rejected'} suggestion {suggestion.code}")
        self.changed()
        self.pane.refresh_suggestions()

    def next_in_queue(self, current: int | None, jump: Jump) -> None:
        """Find the most informative uncoded passage (not the one under the cursor) and go."""
        coder = self.bench.coder

        def find() -> None:
            try:
                items = review_queue(self.bench.project, coder=coder, limit=None)
            except QualcodeError as exc:
                self.pane.app.call_from_thread(self.warn, str(exc))
                return
            item = next((i for i in items if i.passage.passage_id != current), None)
            self.pane.app.call_from_thread(self._found, item, jump)

        self.say("Finding the next passage to review…")
        self.pane.run_worker(find, thread=True, exclusive=True, group="review-queue")

    def _found(self, item: QueueItem | None, jump: Jump) -> None:
        if item is None:
            self.say("Review queue is empty: every passage is coded or reviewed")
            return
        passage = item.passage
        self.say(
            f"Review queue: {passage.document_title}, passage {passage_number(passage.index)} "
            f"(uncertainty {item.uncertainty:.2f})"
        )
        jump(passage.document_id, passage.index)
