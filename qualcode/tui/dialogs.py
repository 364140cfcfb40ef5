"""The small dialogs of coding: which coding to act on, and writing memos."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text

from qualcode.numbering import passage_number
from qualcode.store.workbench import CodingView
from qualcode.tui.coding import CodingController, Say
from qualcode.tui.screens.memo import MemoScreen
from qualcode.tui.screens.pick import PickScreen

if TYPE_CHECKING:
    from qualcode.tui.screens.transcript import TranscriptScreen

CodingCallback = Callable[[CodingView], None]


class CodingDialogs:
    """Opens the pick-a-coding and memo dialogs over the transcript and acts on the answer."""

    def __init__(self, screen: TranscriptScreen, coding: CodingController, warn: Say) -> None:
        self.screen = screen
        self.coding = coding
        self.warn = warn

    def pick_coding(self, title: str, then: CodingCallback) -> None:
        mine = self.screen.view.model.codings_here()
        if not mine:
            self.warn("None of your codings overlap the selection")
        elif len(mine) == 1:
            then(mine[0])
        else:
            labels: list[Text | str] = [self.coding_label(c) for c in mine]
            self.screen.app.push_screen(
                PickScreen(title, labels), lambda n: then(mine[n]) if n is not None else None
            )

    def coding_label(self, coding: CodingView) -> Text:
        code = self.screen.code_by_id(coding.code_id)
        label = Text()
        label.append("■ ", style=code.colour if code else "grey50")
        label.append(code.name if code else "?")
        passage = self.screen.view.model.cursor_passage
        if passage is not None:
            quote = " ".join(passage.text[max(0, coding.start - passage.start) :].split()[:8])
            label.append(f"  “{quote}…”", style="dim")
        return label

    def passage_memo(self) -> None:
        passage = self.screen.view.model.cursor_passage
        if passage is None:
            return
        memo = self.screen.view.model.marks.memos.get(passage.id, "")
        title = f"Memo on passage {passage_number(passage.index)}"

        def saved(text: str | None) -> None:
            if text is not None:
                self.coding.passage_memo(passage, text)

        self.screen.app.push_screen(MemoScreen(title, memo, passage.text), saved)

    def coding_memo(self) -> None:
        def edit(coding: CodingView) -> None:
            code = self.screen.code_by_id(coding.code_id)
            title = f"Memo on your coding with {code.key if code else '?'}"
            quote = self.screen.view.model.target_label()

            def saved(text: str | None) -> None:
                if text is not None:
                    self.coding.coding_memo(coding, text)

            self.screen.app.push_screen(MemoScreen(title, coding.memo or "", quote), saved)

        self.pick_coding("Write a memo on which coding?", edit)
