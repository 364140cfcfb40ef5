"""Participant commands: import the sheet (or preview how it is read), remove an attribute."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from qualcode.cli import withdraw_cmds
from qualcode.cli.common import (
    CoderOpt,
    ProjectArg,
    confirm_or_stop,
    console,
    default_coder,
    fail,
    project_open,
)
from qualcode.cli.options import YesOpt
from qualcode.errors import QualcodeError
from qualcode.tables.participants import (
    attribute_values,
    import_sheet,
    plan_sheet,
    read_sheet,
    remove_attribute,
)
from qualcode.wording import plural

participants_app = typer.Typer(help="The participant sheet: labels, identifiers, attributes.")
attribute_app = typer.Typer(help="Public participant attributes.")
participants_app.add_typer(attribute_app, name="attribute")


def _dry_run(sheet_path: Path) -> None:
    try:
        sheet = plan_sheet(sheet_path)
    except QualcodeError as exc:
        fail(exc)
    console.print(f"{sheet.name}: {plural(len(sheet.rows), 'participant')}; columns:")
    for column in sheet.columns:
        console.print(f"  {column.header}: {column.describe()}")
    console.print("Dry run: nothing was changed.")
    if sheet.refused():
        try:
            sheet.check()
        except QualcodeError as exc:
            fail(exc)


@participants_app.command("import")
def participants_import(
    project: ProjectArg,
    sheet: Annotated[
        Path,
        typer.Argument(
            help="CSV: label, real_name (or name), aliases, organisation, places, documents, "
            "and attribute columns."
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print how every column will be used; change nothing.")
    ] = False,
    coder: CoderOpt = None,
) -> None:
    """Import the participant sheet: names, contacts and addresses stay private identifiers,
    other columns are public attributes."""
    if dry_run:
        _dry_run(sheet)
        return
    with project_open(project) as opened:
        table = read_sheet(sheet)
        with opened.write() as session:
            summary = import_sheet(session, table, coder=coder or default_coder())
    console.print(
        f"{plural(summary.participants, 'participant')}, "
        f"{plural(summary.identifiers, 'new identifier')}, "
        f"{plural(summary.documents_linked, 'document')} linked."
    )
    if summary.made_private:
        console.print(
            f"{plural(summary.made_private, 'name-like public attribute value')} from an earlier "
            "import now kept as private identifiers."
        )


@attribute_app.command("remove")
def attribute_remove(
    project: ProjectArg,
    attribute: Annotated[str, typer.Argument(help="The public attribute to remove.")],
    yes: YesOpt = False,
    coder: CoderOpt = None,
) -> None:
    """Remove a public attribute from every participant (one change, one audit event)."""
    with project_open(project) as opened:
        with opened.read() as session:
            count = len(attribute_values(session, attribute))
        if not count:
            fail(f"no participant has an attribute {attribute!r}")
        question = f"Remove {attribute!r} from {plural(count, 'participant')}?"
        confirm_or_stop(question, yes)
        with opened.write() as session:
            removed = remove_attribute(session, attribute, coder=coder or default_coder())
    console.print(f"Removed {attribute!r} from {plural(removed, 'participant')}.")


participants_app.command("withdraw")(withdraw_cmds.withdraw)
participants_app.command("export-data")(withdraw_cmds.export_data)
