"""The codebook as a tree: number keys, colours, and counts (this coder / everyone)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from qualcode.store.workbench import CodeRow


def code_label(code: CodeRow, number: int | None) -> Text:
    """A code as a tree line: its number key, a colour chip, its name and its counts."""
    label = Text()
    label.append(f"{number % 10} " if number is not None else "  ", style="bold")
    label.append("■ ", style=code.colour or "grey50")
    label.append(code.name if len(code.name) <= 24 else code.name[:23] + "…")
    label.append(f" {code.mine}/{code.total}", style="dim")
    return label


class CodebookTree(Tree[int]):
    """Codes in codebook order; enter applies the highlighted code to the selection."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "apply", "Apply code"),
        Binding("space", "toggle_node", "Fold", show=False),
        Binding("c", "quotes", "Quotes"),
        Binding("p", "pin", "Pin to a number key"),
    ]

    class ApplyCode(Message):
        """Apply this code to the transcript's selection."""

        def __init__(self, code_id: int) -> None:
            super().__init__()
            self.code_id = code_id

    class ShowQuotes(Message):
        """Open the code view of this code."""

        def __init__(self, code_id: int) -> None:
            super().__init__()
            self.code_id = code_id

    class PinKey(Message):
        """Ask which number key this code should go on."""

        def __init__(self, code_id: int) -> None:
            super().__init__()
            self.code_id = code_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Codebook", id=id)
        self.show_root = False
        self.guide_depth = 2
        self.auto_expand = False
        self.codes: dict[int, CodeRow] = {}

    def show_codes(self, codes: list[CodeRow], numbers: dict[int, int]) -> None:
        """Rebuild the tree, keeping the highlighted code."""
        current = self.cursor_node.data if self.cursor_node else None
        self.codes = {code.id: code for code in codes}
        self.clear()
        nodes: dict[int, TreeNode[int]] = {}
        for code in codes:
            parent = nodes.get(code.parent_id or -1, self.root)
            label = code_label(code, numbers.get(code.id))
            if code.has_children:
                nodes[code.id] = parent.add(label, data=code.id, expand=True)
            else:
                nodes[code.id] = parent.add_leaf(label, data=code.id)
        target = nodes[current] if current in nodes else next(iter(nodes.values()), None)
        if target is not None:  # lines exist only after the refresh
            self.call_after_refresh(self._restore_cursor, target, self.cursor_line)

    def _restore_cursor(self, node: TreeNode[int], line_when_built: int) -> None:
        # A key pressed before the refresh (C then ↓ straight away) moved the cursor: it wins.
        if self.cursor_line == line_when_built:
            self.move_cursor(node)

    @property
    def highlighted_code(self) -> CodeRow | None:
        node = self.cursor_node
        return self.codes.get(node.data) if node is not None and node.data is not None else None

    def action_apply(self) -> None:
        code = self.highlighted_code
        if code is not None:
            self.post_message(self.ApplyCode(code.id))

    def action_quotes(self) -> None:
        code = self.highlighted_code
        if code is not None:
            self.post_message(self.ShowQuotes(code.id))

    def action_pin(self) -> None:
        code = self.highlighted_code
        if code is not None:
            self.post_message(self.PinKey(code.id))
