"""Word commands: lemma frequencies and keyword in context over participants' anonymised words."""

from __future__ import annotations

from typing import Annotated

import typer

from qualcode.analysis.carrying import Filters
from qualcode.cli.common import (
    JsonOpt,
    ProjectArg,
    console,
    parse_where,
    print_json,
    project_open,
)
from qualcode.cli.unreviewed import UnreviewedOpt, keep_unreviewed, warn_unreviewed
from qualcode.store.audit import known_coder
from qualcode.wording import plural

CodeFilterOpt = Annotated[
    str | None, typer.Option("--code", help="Only passages carrying this code or a sub-code.")
]
WhereOpt = Annotated[
    list[str] | None,
    typer.Option("--where", help="Only participants with ATTR=VALUE (repeat to narrow)."),
]
CoderFilterOpt = Annotated[
    str | None, typer.Option("--coder", help="Only passages this coder coded (with --code).")
]


def _filters(where: list[str] | None, coder: str | None) -> Filters:
    return Filters(parse_where(list(where or [])), coder, False)


def words(
    project: ProjectArg,
    code: CodeFilterOpt = None,
    where: WhereOpt = None,
    coder: CoderFilterOpt = None,
    top: Annotated[int, typer.Option("--top", min=1, max=100_000, help="How many words.")] = 30,
    as_json: JsonOpt = False,
    unreviewed: UnreviewedOpt = "redact",
) -> None:
    """The most frequent words (lemmas, no stop words) in participants' anonymised words."""
    from qualcode.analysis.words import word_frequencies

    filters = _filters(where, coder)
    keep = keep_unreviewed(unreviewed)
    with project_open(project) as opened, opened.read() as session:
        known_coder(session, coder)
        found = word_frequencies(session, filters, code=code, top=top, keep_unreviewed=keep)
    if as_json:
        print_json(found.as_json())
    elif not found.words:
        console.print("No participant words match this selection.")
    else:
        from rich.table import Table
        from rich.text import Text

        table = Table(
            title=f"Most frequent words in {plural(found.passages, 'passage')}",
            title_justify="left",
            caption="lemmas; stop words, interviewer turns and identifiers left out",
        )
        for name in ("Word", "Count", "Passages", "Participants"):
            table.add_column(name, justify="left" if name == "Word" else "right")
        for word in found.words:
            table.add_row(
                Text(word.word), str(word.count), str(word.passages), str(word.participants)
            )
        console.print(table)
    warn_unreviewed(found.unreviewed, project, kept=found.unreviewed_kept)


def kwic(
    project: ProjectArg,
    word: Annotated[str, typer.Argument(metavar="WORD", help="The word (any of its forms).")],
    width: Annotated[
        int, typer.Option("--width", min=1, max=2000, help="Characters of context each side.")
    ] = 40,
    code: CodeFilterOpt = None,
    where: WhereOpt = None,
    coder: CoderFilterOpt = None,
    as_json: JsonOpt = False,
    unreviewed: UnreviewedOpt = "redact",
) -> None:
    """Keyword in context: each use of a word in participants' anonymised words, lined up."""
    from qualcode.analysis.words import keyword_in_context

    filters = _filters(where, coder)
    keep = keep_unreviewed(unreviewed)
    with project_open(project) as opened, opened.read() as session:
        known_coder(session, coder)
        found, flagged = keyword_in_context(
            session, filters, word, code=code, width=width, keep_unreviewed=keep
        )
    if as_json:
        print_json([c.as_json() for c in found])
    elif not found:
        console.print(f"No participant uses {word!r} in this selection.", markup=False)
    else:
        from rich.table import Table
        from rich.text import Text

        from qualcode.numbering import passage_number

        table = Table(title=f"{len(found)} uses", title_justify="left", box=None)
        table.add_column("Doc:passage", justify="right", no_wrap=True, min_width=11)
        table.add_column("Left", justify="right", no_wrap=True, overflow="crop")
        table.add_column(
            "Word", style="bold", no_wrap=True, min_width=max(len(c.word) for c in found)
        )
        table.add_column("Right", no_wrap=True, overflow="crop")
        for c in found:
            table.add_row(
                f"{c.document_id}:{passage_number(c.passage)}",
                Text(c.left), Text(c.word), Text(c.right),
            )  # fmt: skip
        console.print(table)
    warn_unreviewed(flagged, project, kept=keep)
