"""Two coders' codings of one transcript side by side, with their disagreements marked."""

from __future__ import annotations

from typing import ClassVar

from rich import box
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from qualcode.errors import QualcodeError
from qualcode.numbering import passage_number
from qualcode.tui.comparison import Comparison, compare_coders
from qualcode.tui.context import Workbench
from qualcode.tui.screens.pick import PickScreen
from qualcode.tui.widgets.key_footer import KeyFooter
from qualcode.wording import plural

CODES = 26  # width of each coder's margin


class CompareScreen(Screen[None]):
    """Passages with each coder's codes in a margin of their own; one-sided codes stand out."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "choose", "Choose the two coders"),
        Binding("s", "swap", "Swap sides"),
        Binding("j,down", "scroll(1)", "Scroll", show=False),
        Binding("k,up", "scroll(-1)", "Scroll up", show=False),
        Binding("escape,q", "back", "Back", key_display="esc"),
    ]

    def __init__(self, bench: Workbench, document_id: int) -> None:
        super().__init__()
        self.bench = bench
        self.document_id = document_id
        self.comparison: Comparison | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="compare-title")
        with VerticalScroll(id="compare"):
            yield Static("Loading…", id="compare-table")
        yield Static("", id="status", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#compare").focus()
        self.load(None)

    def refresh_data(self) -> None:
        self.load(self.comparison.coders if self.comparison else None)

    def switch_coder(self) -> None:
        self.refresh_data()  # the new coder may be blind to this document

    @work(thread=True, exclusive=True, group="compare")
    def load(self, coders: tuple[str, str] | None) -> None:
        try:
            with self.bench.project.read() as session:
                found = compare_coders(session, self.document_id, self.bench.coder, coders)
        except QualcodeError as exc:
            self.app.call_from_thread(self._refused, str(exc))
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, found)

    def _refused(self, message: str) -> None:
        self.notify(
            f"Cannot compare coders: {message}", severity="warning", timeout=5, markup=False
        )
        if self.is_current:
            self.dismiss()

    def _show(self, comparison: Comparison) -> None:
        self.comparison = comparison
        first, second = comparison.coders
        title = Text(comparison.title, style="bold")
        title.append(f"  ·  {first} (left) and {second} (right)")
        self.query_one("#compare-title", Static).update(title)
        table = Table(expand=True, show_lines=True, box=box.HORIZONTALS, padding=(0, 1))
        table.add_column("#", justify="right", width=4, style="dim")
        table.add_column("Passage", ratio=1)
        table.add_column(Text(first), width=CODES)
        table.add_column(Text(second), width=CODES)
        differ = 0
        for passage in comparison.passages:
            agreed = passage.agreed
            differ += set(passage.first) != set(passage.second)
            text = Text(" ".join(passage.text.split()))
            table.add_row(
                str(passage_number(passage.index)),
                text,
                self._codes(passage.first, agreed),
                self._codes(passage.second, agreed),
            )
        self.query_one("#compare-table", Static).update(table)
        status = (
            f"{differ} of {plural(len(comparison.passages), 'passage')} differ  ·  "
            f"■ both applied  ± only this coder  ·  coders on this document: "
            f"{', '.join(comparison.candidates)}"
        )
        self.query_one("#status", Static).update(status)

    def _codes(self, keys: tuple[str, ...], agreed: set[str]) -> Text:
        assert self.comparison is not None
        out = Text()
        for key in keys:
            code = self.comparison.codes.get(key)
            if out:
                out.append("\n")
            if key in agreed:
                out.append("■ ", style=(code.colour if code else "") or "grey50")
                out.append(key)
            else:
                out.append(f"± {key}", style="bold yellow")
        return out

    def action_choose(self) -> None:
        if self.comparison is None:
            return
        names = self.comparison.candidates

        def second(first: int | None) -> None:
            if first is None:
                return
            rest = [n for n in names if n != names[first]]

            def done(other: int | None) -> None:
                if other is not None:
                    self.load((names[first], rest[other]))

            self.app.push_screen(PickScreen(f"Compare {names[first]} with…", list(rest)), done)

        self.app.push_screen(PickScreen("First coder (left)", list(names)), second)

    def action_swap(self) -> None:
        if self.comparison is not None:
            first, second = self.comparison.coders
            self.load((second, first))

    def action_scroll(self, step: int) -> None:
        scroll = self.query_one("#compare", VerticalScroll)
        scroll.scroll_relative(y=step * 3, animate=False)

    def action_back(self) -> None:
        self.dismiss()
