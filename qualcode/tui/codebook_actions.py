"""Changing the codebook from the workbench, through the same core as the codebook commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session
from textual.screen import Screen

from qualcode.store.codebook_edits import edit_code
from qualcode.store.codes import code_state, find_code, merge_codes, move_code, rename_code
from qualcode.store.workbench import CodeRow
from qualcode.tui.code_choices import code_choice, inside, parent_choices
from qualcode.tui.context import Workbench
from qualcode.tui.history import CodeChanged
from qualcode.tui.screens.code_form import CodeForm, CodeFormScreen
from qualcode.tui.screens.confirm import ConfirmScreen
from qualcode.tui.screens.pick import PickScreen
from qualcode.withdraw.removals import CodeRemoval, plan_code_removal, remove_code
from qualcode.wording import plural

Say = Callable[[str], None]
State = dict[str, Any]


class CodebookActions:
    """Rename, edit, move, merge and remove codes; each change audited, edits undoable."""

    def __init__(
        self, screen: Screen[Any], bench: Workbench, say: Say, warn: Say, after: Callable[[], None]
    ) -> None:
        self.screen = screen
        self.bench = bench
        self.say = say
        self.warn = warn
        self.after = after

    def _ask(self, dialog: Any, then: Callable[[Any], None]) -> None:
        # Via the app's queue: writer callbacks run outside the app's context.
        self.screen.app.call_later(self.screen.app.push_screen, dialog, then)

    def _changed(self, message: str) -> Callable[[tuple[State, State]], None]:
        def done(states: tuple[State, State]) -> None:
            before, after = states
            if before != after:
                self.bench.history.push(CodeChanged(before, after))
            self.say(message)
            self.after()

        return done

    def edit(self, code: CodeRow, focus: str = "description") -> None:
        """The form for a code's name, key and rules; saving changes what changed."""
        coder = self.bench.coder

        def saved(form: CodeForm | None) -> None:
            if form is None:
                return

            def work(session: Session) -> tuple[State, State]:
                before = code_state(find_code(session, code.key))
                new_key = form.key or code.key
                if (new_key, form.name) != (code.key, code.name):
                    rename_code(session, code.key, new_key=new_key, new_name=form.name, coder=coder)
                edited = edit_code(
                    session,
                    new_key,
                    description=form.description,
                    include=form.include,
                    exclude=form.exclude,
                    examples=form.examples,
                    cues=form.cues,
                    coder=coder,
                )
                return before, code_state(edited)

            message = f"Saved {form.key or code.key} (u to undo)"
            self.bench.writer.submit(work, self._changed(message), self.warn)

        self._ask(CodeFormScreen(code, focus=focus), saved)

    def move(self, code: CodeRow, codes: list[CodeRow]) -> None:
        """Put a code under another parent, or make it a theme."""
        labels, parents = parent_choices(codes, leave_out=inside(codes, code.id))
        ids = [p.id if p else None for p in parents]
        first = ids.index(code.parent_id) if code.parent_id in ids else 0
        coder = self.bench.coder

        def chosen(index: int | None) -> None:
            if index is None:
                return
            parent = parents[index]

            def work(session: Session) -> tuple[State, State]:
                before = code_state(find_code(session, code.key))
                moved = move_code(session, code.key, parent.key if parent else None, coder=coder)
                return before, code_state(moved)

            where = f"under {parent.key}" if parent else "to the top level"
            self.bench.writer.submit(work, self._changed(f"Moved {code.key} {where}"), self.warn)

        self._ask(PickScreen(f"Move “{code.name}” under:", labels, first), chosen)

    def merge(self, code: CodeRow, codes: list[CodeRow]) -> None:
        """Merge a code into another: its codings and sub-codes move, it is removed."""
        self._pick_other(
            code, codes, f"Merge “{code.name}” into:", lambda target: self._merge(code, target)
        )

    def _pick_other(
        self, code: CodeRow, codes: list[CodeRow], title: str, then: Callable[[CodeRow], None]
    ) -> None:
        others = [c for c in codes if c.id not in inside(codes, code.id)]
        if not others:
            self.warn("There is no other code to choose")
            return
        labels: list[Any] = [code_choice(c) for c in others]
        self._ask(PickScreen(title, labels), lambda n: then(others[n]) if n is not None else None)

    def _merge(self, code: CodeRow, target: CodeRow) -> None:
        def counted(usage: CodeRemoval) -> None:
            message = (
                f"{plural(usage.codings, 'coding')} of “{code.name}” move to “{target.name}”, "
                f"and {plural(usage.sub_codes, 'sub-code')}; “{code.name}” is removed. "
                "This cannot be undone."
            )

            def confirmed(yes: bool | None) -> None:
                if yes:
                    coder = self.bench.coder
                    self.bench.writer.submit(
                        lambda s: merge_codes(s, code.key, target.key, coder=coder),
                        lambda n: self._gone(
                            f"Merged {code.key} into {target.key}: {plural(n, 'coding')} moved"
                        ),
                        self.warn,
                    )

            self._ask(ConfirmScreen(f"Merge {code.key} into {target.key}?", message), confirmed)

        self._usage(code, counted)

    def remove(self, code: CodeRow, codes: list[CodeRow]) -> None:
        """Remove a code: its codings go to a chosen code, or are deleted after a confirmation."""

        def counted(usage: CodeRemoval) -> None:
            if usage.codings == 0:
                self._confirm_remove(code, usage, None)
                return
            labels: list[Any] = [
                f"Move its {plural(usage.codings, 'coding')} to another code, then remove it",
                f"Remove it and delete its {plural(usage.codings, 'coding')}",
            ]

            def chosen(index: int | None) -> None:
                if index == 0:
                    title = f"Which code gets the codings of “{code.name}”?"
                    self._pick_other(
                        code, codes, title, lambda t: self._confirm_remove(code, usage, t)
                    )
                elif index == 1:
                    self._confirm_remove(code, usage, None)

            self._ask(PickScreen(f"Remove “{code.name}”", labels), chosen)

        self._usage(code, counted)

    def _confirm_remove(self, code: CodeRow, usage: CodeRemoval, target: CodeRow | None) -> None:
        codings = plural(usage.codings, "coding")
        one = usage.codings == 1
        fate = f"{'moves' if one else 'move'} to “{target.name}”" if target else "deleted"
        fate = fate if target else f"{'is' if one else 'are'} deleted"
        if usage.coders > 1 and not target:
            fate += f" (by {usage.coders} coders)"
        if usage.sub_codes and not target:
            self.warn(
                f"“{code.name}” has {plural(usage.sub_codes, 'sub-code')}: move them first (m), "
                "or choose a code to take its codings and sub-codes"
            )
            return
        children = (
            f"; {plural(usage.sub_codes, 'sub-code')} move to “{target.name}”"
            if target and usage.sub_codes
            else ""
        )
        memos = f"; {plural(usage.memos, 'memo')} on it go too" if usage.memos else ""
        message = f"Its {codings} {fate}{children}{memos}. This cannot be undone."
        to_key, coder = (target.key if target else None), self.bench.coder

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.bench.writer.submit(
                    lambda s: remove_code(s, code.key, into=to_key, coder=coder),
                    lambda done: self._gone(removed_text(done, to_key)),
                    self.warn,
                )

        self._ask(ConfirmScreen(f"Remove the code {code.key}?", message), confirmed)

    def _usage(self, code: CodeRow, then: Callable[[CodeRemoval], None]) -> None:
        self.bench.writer.submit(lambda s: plan_code_removal(s, code.key), then, self.warn)

    def _gone(self, message: str) -> None:
        self.say(message)
        self.after()


def removed_text(done: CodeRemoval, into: str | None) -> str:
    """What removing a code did, in a line."""
    if into:
        return f"Removed {done.key}: {plural(done.codings, 'coding')} moved to {into}"
    return f"Removed {done.key} and {plural(done.codings, 'coding')}"
