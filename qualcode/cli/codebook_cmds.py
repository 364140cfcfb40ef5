"""Codebook commands: import, export, show, add, rename, edit, merge, move, remove."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import typer
from sqlalchemy import func, select

from qualcode.cli import refi_cmds, withdraw_cmds
from qualcode.cli.common import (
    CoderOpt,
    JsonOpt,
    ProjectArg,
    TemplateOpt,
    console,
    default_coder,
    fail,
    print_json,
    project_open,
    refuse_project_output,
)
from qualcode.cli.outcome import Outcome
from qualcode.cli.render import codebook_tree
from qualcode.cli.unreviewed import UnreviewedOpt, keep_unreviewed
from qualcode.codebook.types import CodeSpec
from qualcode.codebook.yamlio import load_codebook, save_codebook
from qualcode.errors import QualcodeError
from qualcode.store.codebook_edits import edit_code
from qualcode.store.codes import (
    add_code,
    codebook_spec,
    install_codebook,
    merge_codes,
    move_code,
    rename_code,
)
from qualcode.store.models import Code, Coding
from qualcode.store.number_keys import every_coders_keys
from qualcode.wording import plural

codebook_app = typer.Typer(help="Show and edit the project's codebook.")
KeyArg = Annotated[
    str, typer.Argument(metavar="KEY", help="A code key, e.g. competitive-tendering.")
]


@codebook_app.command("import")
def import_codebook(
    project: ProjectArg,
    file: Annotated[Path, typer.Argument(help="Codebook YAML file.")],
    coder: CoderOpt = None,
) -> None:
    """Merge a codebook (YAML, or REFI-QDA .qdc) in: new codes added, existing ones updated."""
    if file.suffix.lower() == ".qdc":
        from qualcode.cli.refi_cmds import import_qdc

        import_qdc(project, file, coder)
        return
    try:
        spec = load_codebook(file)
    except QualcodeError as exc:
        fail(exc)
    with project_open(project) as opened, opened.write() as session:
        added, updated = install_codebook(session, spec, coder=coder or default_coder())
    console.print(f"Codebook '{spec.name}': {plural(added, 'code')} added, {updated} updated.")


@codebook_app.command("export")
def export_codebook(
    project: ProjectArg,
    file: Annotated[
        Path,
        typer.Argument(
            help="File to write: .yaml (the format import reads), .qdc (REFI-QDA), or a methods "
            "appendix as .docx, .html, .md or .xlsx."
        ),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON document: the file written, counts.")
    ] = False,
    unreviewed: UnreviewedOpt = "redact",
    template: TemplateOpt = None,
) -> None:
    """Write the codebook: YAML (the format import reads), REFI-QDA .qdc, or a methods appendix
    (.docx .html .md .xlsx) with criteria, cues, anonymised example quotes and counts per coder."""
    from qualcode.export.codebook_write import document_format

    refuse_project_output(project, file, template)
    fmt = document_format(file)
    if file.suffix.lower() == ".qdc":
        if template is not None:
            fail("--template works only with HTML output, not qdc")
        refi_cmds.export_qdc(project, file, as_json)
        return
    if fmt is not None:
        _export_appendix(project, file, fmt, as_json, unreviewed, template)
        return
    if template is not None:
        fail("--template works only with HTML output, not yaml")
    with project_open(project) as opened, opened.read() as session:
        spec = codebook_spec(session)
    try:
        save_codebook(spec, file)
    except QualcodeError as exc:
        fail(exc)
    report = Outcome(as_json)
    report.say(f"Wrote {file}.")
    report.done(path=str(file), format="yaml", codes=len(spec.walk()))


def _export_appendix(
    project: str, file: Path, fmt: str, as_json: bool, unreviewed: str, template: Path | None
) -> None:
    """The codebook as a document for a report's methods section, anonymised like exports."""
    from qualcode.export.codebook_doc import build_codebook_document
    from qualcode.export.codebook_write import write_codebook_document

    keep = keep_unreviewed(unreviewed)
    with project_open(project) as opened, opened.read() as session:
        book = build_codebook_document(session, keep_unreviewed=keep)
        write_codebook_document(book, file, fmt, template)
    report = Outcome(as_json)
    examples = sum(len(c.examples) for c in book.codes)
    report.say(
        f"Wrote {plural(len(book.codes), 'code')} with {plural(examples, 'example quote')} "
        f"to {file} ({fmt})."
    )
    report.unreviewed(book.unreviewed, project, kept=book.unreviewed_kept)
    report.done(path=str(file), format=fmt, codes=len(book.codes), examples=examples)


def _tree_json(code: CodeSpec, parent: str | None, counts: dict[str, int]) -> dict[str, Any]:
    data = asdict(code)
    data.pop("children")
    data["parent"] = parent
    data["codings"] = counts.get(code.key, 0)
    data["children"] = [_tree_json(child, code.key, counts) for child in code.children]
    return data


@codebook_app.command("show")
def show_codebook(project: ProjectArg, as_json: JsonOpt = False) -> None:
    """The code tree with coding counts (and every field with --json)."""
    with project_open(project) as opened, opened.read() as session:
        spec = codebook_spec(session)
        counts = dict(
            session.execute(
                select(Code.key, func.count(Coding.id))
                .join(Coding, Coding.code_id == Code.id)
                .group_by(Code.key)
            ).all()
        )
        keys = every_coders_keys(session)
    if as_json:
        print_json(
            {
                "codebook": spec.name,
                "description": spec.description,
                "codes": [_tree_json(code, None, counts) for code in spec.codes],
                "number_keys": keys,
            }
        )
    else:
        console.print(codebook_tree(spec, counts))


@codebook_app.command("add")
def add(
    project: ProjectArg,
    key: KeyArg,
    name: Annotated[str, typer.Argument(help="The code's name.")],
    parent: Annotated[str | None, typer.Option(help="Parent code key.")] = None,
    description: Annotated[str, typer.Option(help="Definition.")] = "",
    cue: Annotated[list[str] | None, typer.Option(help="Cue phrase (repeatable).")] = None,
    coder: CoderOpt = None,
) -> None:
    """Add a code (a theme, or a sub-code with --parent)."""
    with project_open(project) as opened, opened.write() as session:
        code = add_code(
            session,
            key,
            name,
            parent_key=parent,
            description=description,
            cues=cue or [],
            coder=coder or default_coder(),
        )
    where = f" under '{parent}'" if parent else ""
    console.print(f"Added code '{code.key}'{where}.")


@codebook_app.command("rename")
def rename(
    project: ProjectArg,
    key: KeyArg,
    to: Annotated[str | None, typer.Option("--to", help="New key.")] = None,
    name: Annotated[str | None, typer.Option(help="New name.")] = None,
    coder: CoderOpt = None,
) -> None:
    """Change a code's key and/or name; its codings follow."""
    if to is None and name is None:
        fail("give --to NEW-KEY and/or --name 'New name'")
    with project_open(project) as opened, opened.write() as session:
        code = rename_code(session, key, new_key=to, new_name=name, coder=coder or default_coder())
    console.print(f"Code '{key}' is now '{code.key}' ({code.name}).")


@codebook_app.command("merge")
def merge(
    project: ProjectArg,
    source: Annotated[str, typer.Argument(metavar="SOURCE", help="Code to merge away.")],
    target: Annotated[str, typer.Argument(metavar="TARGET", help="Code that receives it.")],
    coder: CoderOpt = None,
) -> None:
    """Merge SOURCE into TARGET: codings and sub-codes move, SOURCE is removed (logged)."""
    with project_open(project) as opened, opened.write() as session:
        moved = merge_codes(session, source, target, coder=coder or default_coder())
    console.print(f"Merged '{source}' into '{target}': {plural(moved, 'coding')} moved.")


@codebook_app.command("move")
def move(
    project: ProjectArg,
    key: KeyArg,
    parent: Annotated[str | None, typer.Option(help="New parent code key.")] = None,
    top: Annotated[bool, typer.Option("--top", help="Make it a top-level theme.")] = False,
    coder: CoderOpt = None,
) -> None:
    """Move a code under another parent (or to the top level with --top)."""
    if (parent is None) == (not top):
        fail("give exactly one of --parent KEY or --top")
    with project_open(project) as opened, opened.write() as session:
        move_code(session, key, parent, coder=coder or default_coder())
    console.print(f"Moved '{key}' " + (f"under '{parent}'." if parent else "to the top level."))


# The REFI-QDA commands are written beside their importers, in refi_cmds.
codebook_app.command("import-qdc")(refi_cmds.import_qdc)

ListOpt = Annotated[list[str] | None, typer.Option(help="One item (repeatable).")]


@codebook_app.command("edit")
def edit(
    project: ProjectArg,
    key: KeyArg,
    description: Annotated[str | None, typer.Option(help="New definition.")] = None,
    include: ListOpt = None,
    exclude: ListOpt = None,
    example: ListOpt = None,
    cue: ListOpt = None,
    coder: CoderOpt = None,
) -> None:
    """Replace a code's definition, include/exclude criteria, examples or cue phrases."""
    fields = (description, include, exclude, example, cue)
    if all(value is None for value in fields):
        fail("give at least one of --description, --include, --exclude, --example, --cue")
    with project_open(project) as opened, opened.write() as session:
        edit_code(
            session,
            key,
            description=description,
            include=include,
            exclude=exclude,
            examples=example,
            cues=cue,
            coder=coder or default_coder(),
        )
    console.print(f"Edited code '{key}'.")


codebook_app.command("remove")(withdraw_cmds.code_remove)
