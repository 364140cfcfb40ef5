"""What a command that writes did: lines for people, or with --json one JSON document."""

from __future__ import annotations

from typing import Any

from qualcode.cli.common import console, error_console, print_json, warn


class Outcome:
    """Collects a command's report. Without --json, messages are printed as they come (lines
    on standard output, warnings on standard error); with --json nothing is printed until
    `done`, which prints the fields and every warning as one JSON document. Errors are not
    collected: they stay one `error:` line on standard error."""

    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json
        self.warnings: list[str] = []

    def say(self, message: str) -> None:
        """A line for people on standard output (nothing with --json)."""
        if not self.as_json:
            console.print(message, soft_wrap=True, markup=False)

    def warn(self, message: str, *, label: str | None = "warning") -> None:
        """A warning on standard error after `label:` (`warning:` in yellow; `note:`; none),
        or with --json kept, without the label, for the document's `warnings`."""
        if self.as_json:
            self.warnings.append(message)
        elif label == "warning":
            warn(message)
        else:
            line = f"{label}: {message}" if label else message
            error_console.print(line, soft_wrap=True, markup=False)

    def unreviewed(self, count: int, project: str, *, kept: bool) -> None:
        """The note on unreviewed possible identifiers in what was written, if any."""
        from qualcode.export.policy import unreviewed_note  # only when there is a note to give

        note = unreviewed_note(count, project, kept=kept)
        if note:
            self.warn(note, label="warning" if kept else None)

    def done(self, **fields: Any) -> None:
        """With --json, print the fields and the warnings as one JSON document."""
        if self.as_json:
            print_json({**fields, "warnings": self.warnings})
