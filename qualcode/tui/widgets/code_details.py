"""The rules of one code: definition, include and exclude criteria, examples."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from qualcode.store.workbench import CodeRow


def code_text(code: CodeRow | None) -> Text:
    """A code's rules as styled text, or a hint when no code is highlighted."""
    if code is None:
        return Text("Highlight a code to see its definition and rules.", style="dim")
    text = Text()
    text.append("■ ", style=code.colour or "grey50")
    text.append(code.name, style="bold")
    text.append(f"  {code.key}\n", style="dim")
    text.append(f"{code.mine} by you · {code.total} by everyone\n", style="dim")
    if code.description:
        text.append(f"\n{code.description}\n")
    for title, items, bullet in (
        ("Include", code.include, "+"),
        ("Exclude", code.exclude, "−"),
        ("Examples", code.examples, "“"),
    ):
        if not items:
            continue
        text.append(f"\n{title}\n", style="bold")
        for item in items:
            shown = f"“{item}”" if bullet == "“" else item
            text.append(f" {bullet if bullet != '“' else '·'} {shown}\n")
    return text


class CodeDetails(Static):
    """Shows the highlighted code's rules, so coders decide with the codebook in view."""

    def show_code(self, code: CodeRow | None) -> None:
        self.update(code_text(code))
