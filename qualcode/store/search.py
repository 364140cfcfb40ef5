"""Search passages: SQLite FTS5 (bm25), PostgreSQL full-text search, or LIKE elsewhere."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from qualcode.errors import QualcodeError
from qualcode.numbering import MAX_ROW_ID, passage_number

WORD = re.compile(r"\w+", re.UNICODE)
SNIPPET_CHARS = 400
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}


@dataclass(frozen=True)
class SearchHit:
    """One passage that matches a query."""

    document_id: int
    document: str
    passage: int  # the stored index; people see passage_number(passage)
    start: int
    end: int
    speaker: str | None
    text: str

    def snippet(self, query: str, width: int = SNIPPET_CHARS) -> str:
        """The passage's text, or for a long one the part around the first query word."""
        return snippet(self.text, query, width)

    def as_json(self) -> dict[str, Any]:
        return {
            "document": {"id": self.document_id, "title": self.document},
            "passage": passage_number(self.passage),
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker,
            "text": self.text,
        }


def snippet(text: str, query: str, width: int = SNIPPET_CHARS) -> str:
    """`text` cut to about `width` characters around the first word of `query` it contains,
    with "…" where it was cut. Showing a whole passage of a 100 MB one-line file took minutes
    to lay out on a terminal."""
    if len(text) <= width:
        return text
    words = [w for w in WORD.findall(query) if w.upper() not in _OPERATORS]
    found = re.search("|".join(map(re.escape, words)), text, re.I) if words else None
    start = max(0, min((found.start() if found else 0) - width // 4, len(text) - width))
    end = start + width
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def search_passages(session: Session, query: str, *, limit: int = 50) -> list[SearchHit]:
    """Passages matching a query, best first.

    On SQLite the query is FTS5 syntax (words, "phrases", prefix*, AND/OR/NOT); if it is not
    valid FTS5 syntax its words are searched for as plain terms instead.
    """
    limit = min(limit, MAX_ROW_ID)  # "all of them": a larger number does not fit SQL
    if not WORD.search(query):
        raise QualcodeError("the search query has no words in it")
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        try:
            return _fts(session, query, limit)
        except OperationalError:
            session.rollback()
            plain = " ".join(f'"{word}"' for word in WORD.findall(query))
            return _fts(session, plain, limit)
    if dialect == "postgresql":
        return _postgresql(session, query, limit)
    return _like(session, query, limit)


def _fts(session: Session, match: str, limit: int) -> list[SearchHit]:
    rows = session.execute(
        text(
            'SELECT p.document_id, d.title, p."index", p.start, p."end", p.speaker, p.text '
            "FROM (SELECT rowid, rank FROM passage_fts WHERE passage_fts MATCH :match "
            "      ORDER BY rank LIMIT :limit) f "
            "JOIN passage p ON p.id = f.rowid JOIN document d ON d.id = p.document_id "
            "ORDER BY f.rank, p.id"
        ),
        {"match": match, "limit": limit},
    )
    return [SearchHit(*row) for row in rows]


TOKEN = re.compile(r'"[^"]*"|\S+')


def to_tsquery(query: str) -> str:
    """Translate FTS5-style syntax (words, "phrases", prefix*, OR, NOT, -word) to a tsquery."""
    terms: list[str] = []
    operator, negate = "&", False
    for token in TOKEN.findall(query):
        if token in {"OR", "AND"}:
            operator = "|" if token == "OR" else "&"
            continue
        if token == "NOT":
            negate = True
            continue
        if token.startswith("-"):
            negate, token = True, token[1:]
        words = [w.lower() for w in WORD.findall(token)]
        if not words:
            continue
        if token.startswith('"'):
            term = "(" + " <-> ".join(words) + ")"
        else:
            prefix = ":*" if token.endswith("*") else ""
            term = "(" + " & ".join(words) + prefix + ")"
        if terms:
            terms.append(operator)
        terms.append(("!" if negate else "") + term)
        operator, negate = "&", False
    return " ".join(terms)


def _postgresql(session: Session, query: str, limit: int) -> list[SearchHit]:
    vector = "to_tsvector('english', p.text)"
    rows = session.execute(
        text(
            'SELECT p.document_id, d.title, p."index", p.start, p."end", p.speaker, p.text '
            "FROM passage p JOIN document d ON d.id = p.document_id, "
            "to_tsquery('english', :query) q "
            f"WHERE {vector} @@ q ORDER BY ts_rank({vector}, q) DESC, p.id LIMIT :limit"
        ),
        {"query": to_tsquery(query), "limit": limit},
    )
    return [SearchHit(*row) for row in rows]


def _like(session: Session, query: str, limit: int) -> list[SearchHit]:
    from qualcode.store.models import Document, Passage  # neither SQLite nor PostgreSQL

    statement = (
        select(
            Passage.document_id,
            Document.title,
            Passage.index,
            Passage.start,
            Passage.end,
            Passage.speaker,
            Passage.text,
        )
        .join(Document, Document.id == Passage.document_id)
        .order_by(Passage.document_id, Passage.index)
        .limit(limit)
    )
    for word in WORD.findall(query):
        statement = statement.where(Passage.text.ilike(f"%{word}%"))
    return [SearchHit(*row) for row in session.execute(statement)]
