"""Import interview files from inside the workbench, with a progress bar."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from sqlalchemy.exc import SQLAlchemyError
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, ProgressBar, RichLog

from qualcode.errors import QualcodeError
from qualcode.importing import ImportOutcome, import_paths
from qualcode.ingest import iter_import_files
from qualcode.revise.speakers import parse_speaker_map
from qualcode.tui.context import Workbench

STATUS_STYLE = {"imported": "green", "duplicate": "yellow", "failed": "bold red"}


class ImportScreen(ModalScreen[bool]):
    """Import files and folders, one transaction per file; dismisses with whether any landed."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close")]

    def __init__(self, bench: Workbench) -> None:
        super().__init__()
        self.bench = bench
        self.imported = 0
        self.running = False

    def compose(self) -> ComposeResult:
        with Vertical(id="import"):
            yield Label(
                "Import interview files (.docx .odt .pdf .rtf .txt .md .vtt .srt)",
                id="import-title",
            )
            yield Input(placeholder="Files or folders, separated by spaces", id="import-paths")
            yield Input(placeholder="Participant label (optional)", id="import-participant")
            yield Input(
                placeholder="Speakers as roles (optional): Sara=Interviewer,BSR01=Interviewee 1",
                id="import-speakers",
            )
            yield ProgressBar(id="import-progress", show_eta=False)
            yield RichLog(id="import-log", markup=False, wrap=True)
            yield Label("enter: import  ·  escape: close", id="import-help")

    def on_mount(self) -> None:
        self.query_one("#import-paths", Input).focus()

    @on(Input.Submitted)
    def _start(self) -> None:
        if self.running:
            return
        raw = self.query_one("#import-paths", Input).value
        try:
            paths = [Path(part).expanduser() for part in shlex.split(raw)]
        except ValueError as exc:
            self.notify(f"Cannot read the paths: {exc}", severity="warning", markup=False)
            return
        if not paths:
            self.notify("Type a file or folder to import", severity="warning")
            return
        participant = self.query_one("#import-participant", Input).value.strip() or None
        raw_speakers = self.query_one("#import-speakers", Input).value.strip()
        try:
            speakers = parse_speaker_map(raw_speakers) if raw_speakers else {}
        except QualcodeError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        self.running = True
        self.run_import(paths, participant, speakers)

    @work(thread=True, exclusive=True, group="import")
    def run_import(
        self, paths: list[Path], participant: str | None, speakers: dict[str, str]
    ) -> None:
        # Files reported before an error are stored whole; the error stops the rest (the
        # project locked by another program, the reading process killed).
        problem = None
        try:
            files = iter_import_files(paths)
            self.app.call_from_thread(self._begin, len(files))
            import_paths(
                self.bench.project,
                files,
                participant=participant,
                coder=self.bench.coder,
                speakers=speakers,
                on_file=lambda _path, outcome: self.app.call_from_thread(self._advance, outcome),
            )
        except QualcodeError as exc:
            problem = str(exc)
        except SQLAlchemyError as exc:
            problem = f"database error ({str(exc).splitlines()[0]})"
        self.app.call_from_thread(self._end, problem)

    def _begin(self, total: int) -> None:
        self.query_one(ProgressBar).update(total=total, progress=0)
        if total == 0:
            self.query_one(RichLog).write("No importable files there.")

    def _advance(self, outcome: ImportOutcome) -> None:
        self.imported += outcome.status == "imported"
        self.query_one(ProgressBar).advance(1)
        log = self.query_one(RichLog)
        log.write(Text(outcome.message, style=STATUS_STYLE.get(outcome.status, "")))
        for warning in outcome.warnings:
            log.write(Text(f"warning: {warning}", style="yellow"))

    def _end(self, problem: str | None = None) -> None:
        self.running = False
        if problem is not None:
            self.query_one(RichLog).write(Text(f"error: {problem}", style="bold red"))
            self.notify(f"Import stopped: {problem}", severity="error", markup=False)
        self.query_one(RichLog).write(f"Done: {self.imported} imported. Escape to close.")

    def action_close(self) -> None:
        if not self.running:
            self.dismiss(self.imported > 0)
