"""Edit a code: key, name, definition, include and exclude criteria, examples, cue phrases."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, TextArea

from qualcode.store.workbench import CodeRow

LISTS = (
    ("include", "Include (one criterion a line)"),
    ("exclude", "Exclude (one criterion a line)"),
    ("examples", "Examples (one quote a line)"),
    ("cues", "Cue phrases for suggestions (one a line)"),
)


@dataclass(frozen=True)
class CodeForm:
    """What the coder wrote in the form."""

    key: str
    name: str
    description: str
    include: list[str]
    exclude: list[str]
    examples: list[str]
    cues: list[str]


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class CodeFormScreen(ModalScreen[CodeForm | None]):
    """A code's fields in one form; ctrl+s saves, escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "dismiss(None)", "Cancel"),
    ]

    def __init__(self, code: CodeRow, *, focus: str = "name") -> None:
        super().__init__()
        self.code = code
        self.first = focus

    def compose(self) -> ComposeResult:
        code = self.code
        with Vertical(id="code-form"):
            yield Label(f"Edit the code “{code.name}”", id="code-form-title", markup=False)
            with VerticalScroll(id="code-form-fields"):
                yield Label("Name")
                yield Input(code.name, id="form-name")
                yield Label("Key (lowercase words joined by hyphens; codings follow it)")
                yield Input(code.key, id="form-key")
                yield Label("Definition")
                yield TextArea(code.description, id="form-description", soft_wrap=True)
                values = {
                    "include": code.include,
                    "exclude": code.exclude,
                    "examples": code.examples,
                    "cues": code.cues,
                }
                for field, title in LISTS:
                    yield Label(title)
                    yield TextArea("\n".join(values[field]), id=f"form-{field}", soft_wrap=True)
            yield Label("ctrl+s save · escape cancel · tab next field", id="code-form-help")

    def on_mount(self) -> None:
        self.query_one(f"#form-{self.first}").focus()

    def action_save(self) -> None:
        def area(field: str) -> str:
            return self.query_one(f"#form-{field}", TextArea).text

        self.dismiss(
            CodeForm(
                key=self.query_one("#form-key", Input).value.strip(),
                name=" ".join(self.query_one("#form-name", Input).value.split()),
                description=area("description").strip(),
                include=lines(area("include")),
                exclude=lines(area("exclude")),
                examples=lines(area("examples")),
                cues=lines(area("cues")),
            )
        )
