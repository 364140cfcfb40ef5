"""The CLI's console pictures control characters wherever they sit in what it prints."""

from __future__ import annotations

import io

from rich.markdown import Markdown
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from qualcode.cli.output import PlainConsole

ESCAPES = "a\x1b[31mb\x07c\x9bd\x7f"  # a colour change, a bell, a C1 control, DEL
PICTURED = "a␛[31mb"  # Rich's Text drops the bell itself; a string's is pictured (␇)


def test_control_characters_in_cells_titles_and_nested_renderables_are_pictured() -> None:
    # Tables and padding are not pictured themselves (only their cells are): text of every
    # kind, at every depth, must still come out as symbols.
    table = Table(title=Text("title " + ESCAPES), caption="caption " + ESCAPES)
    table.add_column("header " + ESCAPES)
    table.add_column(Text("header " + ESCAPES))
    table.add_row(ESCAPES, Text(ESCAPES, style="bold"))
    table.add_row(Panel(Text(ESCAPES)), Tree(Text(ESCAPES)))
    tree = Tree("root " + ESCAPES)
    tree.add(Text(ESCAPES)).add(ESCAPES)
    printed = [table, Panel(table), tree, Text(ESCAPES), ESCAPES, Markdown(f"* {ESCAPES}")]
    for width in (30, 80, 200):
        console = PlainConsole()
        console.file, console.width = io.StringIO(), width
        for renderable in printed:
            console.print(renderable)
        out = console.file.getvalue()
        assert not set(out) & {"\x1b", "\x07", "\x9b", "\x7f"}, width
        if width == 200:  # wide enough for every cell on one line
            assert out.count(PICTURED) == 22  # 8 in the table (twice), 3 in the tree, 3 alone
