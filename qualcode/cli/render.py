"""Rich rendering of reports for the terminal; the only place the CLI decides how things look."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text

from qualcode.numbering import passage_number

if TYPE_CHECKING:  # the store modules (and the models) load only in commands that use them
    from rich.tree import Tree

    from qualcode.codebook.types import CodebookSpec, CodeSpec
    from qualcode.store.codings import CodingRecord
    from qualcode.store.search import SearchHit


def status_tables(status: dict[str, Any]) -> list[Table]:
    """The project summary, coders table and codes table."""
    summary = Table(title="Project", show_header=False, title_justify="left")
    summary.add_column("what")
    summary.add_column("count", justify="right")
    summary.add_row("Codebook", str(status["codebook"]))
    for key in ("documents", "participants", "passages", "codes", "codings"):
        summary.add_row(key.capitalize(), str(status[key]))
    summary.add_row("Coded passages", f"{status['coded_passages']} ({status['coded_percent']}%)")
    coders = Table(title="Coders", title_justify="left")
    for column in ("Coder", "Codings", "Documents", "Coded passages", "Coded %"):
        coders.add_column(column, justify="left" if column == "Coder" else "right")
    for c in status["coders"]:
        coders.add_row(
            c["coder"],
            str(c["codings"]),
            str(c["documents"]),
            str(c["coded_passages"]),
            f"{c['coded_percent']}",
        )
    names = [c["coder"] for c in status["coders"]]
    codes = Table(title="Codes", title_justify="left")
    codes.add_column("Code")
    codes.add_column("All", justify="right")
    for name in names:
        codes.add_column(name, justify="right")
    for code in status["by_code"]:
        indent = "  " if code["parent"] else ""
        codes.add_row(
            f"{indent}{code['code']}",
            str(code["codings"]),
            *(str(code["by_coder"].get(n, 0)) for n in names),
        )
    return [summary, coders, codes]


def documents_table(documents: list[dict[str, Any]]) -> Table:
    """Documents with participant label and public attributes."""
    table = Table(title="Documents", title_justify="left", show_lines=True)
    for column in ("Id", "Title", "Participant", "Attributes", "Format", "Passages", "Codings"):
        table.add_column(
            column, justify="right" if column in {"Id", "Passages", "Codings"} else "left"
        )
    for d in documents:
        attrs = "\n".join(f"{k}: {v}" for k, v in sorted(d["attributes"].items()))
        table.add_row(
            str(d["document"]["id"]),
            d["document"]["title"],
            d["participant"] or "—",
            attrs,
            d["format"],
            str(d["passages"]),
            str(d["codings"]),
        )
    return table


def passages_table(title: str, passages: list[dict[str, Any]]) -> Table:
    """A document's passages with offsets, speaker, text and codings."""
    table = Table(title=title, title_justify="left", show_lines=True)
    for column in ("#", "Span", "Speaker", "Text", "Codings"):
        table.add_column(column, overflow="fold")
    for p in passages:
        codings = "\n".join(f"{c['code']} ({c['coder']})" for c in p["codings"])
        table.add_row(
            str(p["passage"]), f"{p['start']}–{p['end']}", p["speaker"] or "", p["text"], codings
        )
    return table


def hits_table(query: str, hits: list[SearchHit]) -> Table:
    """Search results."""
    table = Table(title=f"Passages matching {query!r}", title_justify="left", show_lines=True)
    for column in ("Document", "#", "Span", "Speaker", "Text"):
        table.add_column(column, overflow="fold")
    for h in hits:
        table.add_row(
            f"{h.document_id} {h.document}",
            str(passage_number(h.passage)),
            f"{h.start}–{h.end}",
            h.speaker or "",
            h.snippet(query),
        )
    return table


INTERVIEWER_MARK = "interviewer"


def _passage_cell(record: CodingRecord) -> str:
    number = "" if record.passage is None else str(passage_number(record.passage))
    # Allowed, but marked: quote exports leave an interviewer's question out.
    return f"{number}\n{INTERVIEWER_MARK}" if record.interviewer else number


def codings_table(records: list[CodingRecord]) -> Table:
    """Codings with their text."""
    table = Table(title="Codings", title_justify="left", show_lines=True)
    marked = any(r.interviewer for r in records)
    for column in ("Id", "Document", "#", "Span", "Code", "Coder", "Origin", "Text"):
        wide = column == "#" and marked  # room for the word, however narrow the terminal
        table.add_column(column, overflow="fold", min_width=len(INTERVIEWER_MARK) if wide else None)
    for r in records:
        table.add_row(
            str(r.id),
            f"{r.document_id} {r.document}",
            _passage_cell(r),
            f"{r.start}–{r.end}",
            r.code,
            r.coder,
            r.origin,
            r.text,
        )
    return table


def codebook_tree(spec: CodebookSpec, counts: dict[str, int] | None = None) -> Tree:
    """The code tree with names, counts and definitions."""
    from rich.tree import Tree  # only the codebook commands draw one

    tree = Tree(Text(spec.name, style="bold"))

    def add(node: Tree, code: CodeSpec) -> None:
        label = Text.assemble(("■ ", code.colour or "white"), (code.key, "bold"), f"  {code.name}")
        if counts is not None:
            label.append(f"  [{counts.get(code.key, 0)}]", style="dim")
        if code.description:
            label.append(f"\n{code.description}", style="dim")
        branch = node.add(label)
        for child in code.children:
            add(branch, child)

    for code in spec.codes:
        add(tree, code)
    return tree
