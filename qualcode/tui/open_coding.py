"""Open and in-vivo coding from the transcript: name a new code, place it, apply it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qualcode.store.open_coding import in_vivo_name
from qualcode.tui.code_choices import parent_choices, theme_of
from qualcode.tui.screens.code_palette import NewCode
from qualcode.tui.screens.pick import PickScreen
from qualcode.tui.widgets.codebook_tree import CodebookTree

if TYPE_CHECKING:
    from qualcode.tui.screens.transcript import TranscriptScreen


class OpenCoding:
    """Makes codes while the coder reads: from the palette's text, or from selected words."""

    def __init__(self, screen: TranscriptScreen) -> None:
        self.screen = screen

    def place(self, new: NewCode) -> None:
        """Ask under which theme the new code goes (the nearest one first), then make it."""
        codes = self.screen.codes
        near = new.near
        if near is None:
            highlighted = self.screen.query_one(CodebookTree).highlighted_code
            near = highlighted.id if highlighted else None
        theme = theme_of(codes, near)
        labels, parents = parent_choices(codes)
        first = parents.index(theme) if theme in parents else 0
        title = f"Where does the new code “{new.name}” go? (enter: here, esc: cancel)"

        def chosen(index: int | None) -> None:
            if index is not None:
                parent = parents[index]
                self.screen.coding.create(new.name, parent.key if parent else None)

        self.screen.app.push_screen(PickScreen(title, labels, first), chosen)

    def in_vivo(self) -> None:
        """Make a code named after the selected words, as a theme, and apply it at once."""
        model = self.screen.view.model
        span, passage = model.span_in_passage(), model.cursor_passage
        if span is None or passage is None:
            self.screen.notify(
                "Select some words first (shift+→), then i makes them a code",
                severity="warning",
                markup=False,
            )
            return
        name = in_vivo_name(passage.text[span[0] : span[1]])
        same = next((c for c in self.screen.codes if c.name.casefold() == name.casefold()), None)
        if same is not None:
            self.screen.coding.apply(same)  # the words already name a code: use it
        else:
            self.screen.coding.create(name, None)
