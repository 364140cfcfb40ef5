"""An oracle read from a project through `code list`, `show`, `docs` and `codebook show` alone
(never through qualcode.analysis)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from typer.testing import CliRunner

from qualcode.cli.app import app


def run_json(*args: str) -> Any:
    """Run a qualcode command and parse its JSON output."""
    done = CliRunner().invoke(app, list(args))
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)


@dataclass
class Oracle:
    """Plain data: passages per document, codings, the code tree, who each document is from."""

    passages: dict[int, list[tuple[int, int]]]
    codings: list[dict[str, Any]]
    children: dict[str, list[str]]
    themes: list[str]
    order: list[str]
    participant: dict[int, str]
    attributes: dict[int, dict[str, str]]

    def below(self, key: str) -> set[str]:
        """The code and every code under it."""
        found = {key}
        for child in self.children.get(key, []):
            found |= self.below(child)
        return found

    def carrying(self, codes: set[str], coder: str | None = None) -> set[tuple[int, int]]:
        """(document, passage position) pairs a coding with one of the codes overlaps."""
        found = set()
        for c in self.codings:
            if c["code"] not in codes or (coder and c["coder"] != coder):
                continue
            doc = c["document"]["id"]
            for i, (start, end) in enumerate(self.passages[doc]):
                if c["start"] < end and c["end"] > start:
                    found.add((doc, i))
        return found


def read_oracle(project: str) -> Oracle:
    docs = run_json("docs", project, "--json")
    passages = {}
    for d in docs:
        shown = run_json("show", project, str(d["document"]["id"]), "--json", "--coder", "x")
        passages[d["document"]["id"]] = [(p["start"], p["end"]) for p in shown["passages"]]
    tree = run_json("codebook", "show", project, "--json")
    children: dict[str, list[str]] = {}
    order: list[str] = []

    def walk(nodes: list[dict[str, Any]]) -> None:
        for node in nodes:
            order.append(node["key"])
            children[node["key"]] = [c["key"] for c in node.get("children", [])]
            walk(node.get("children", []))

    walk(tree["codes"])
    return Oracle(
        passages=passages,
        codings=run_json("code", "list", project, "--json"),
        children=children,
        themes=[c["key"] for c in tree["codes"]],
        order=order,
        participant={d["document"]["id"]: d["participant"] for d in docs},
        attributes={d["document"]["id"]: d["attributes"] for d in docs},
    )
