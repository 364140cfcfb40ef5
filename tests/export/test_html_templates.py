"""HTML pages come from Jinja2 templates: what people typed shows literally, a user's template
restyles the page, and a broken template is a one-line error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.errors import QualcodeError
from qualcode.export.build import build_quote_set
from qualcode.export.html import render_html
from qualcode.export.model import QuoteOptions
from qualcode.store.codes import find_code
from qualcode.store.codings import add_coding
from qualcode.store.db import Project
from qualcode.store.models import Document

HOSTILE = "<script>alert(1)</script> {{ 7*7 }} {% if true %}x{% endif %} &amp;"


def _hostile_project(small_project: Project) -> None:
    with small_project.write() as session:
        document = session.get(Document, 3)
        assert document is not None
        document.text = document.text + f"\nSam: {HOSTILE}\n"
        start = document.text.index("<script>")
        end = start + len(HOSTILE)
        session.flush()
        add_coding(session, document, find_code(session, "prisons"), "ana", start, end)


def test_script_and_template_syntax_in_quotes_are_shown_literally(
    small_project: Project,
) -> None:
    _hostile_project(small_project)
    with small_project.read() as session:
        page = render_html(build_quote_set(session, QuoteOptions()))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # Not evaluated: the quote holds the expression as typed (the page's export time may hold
    # a 49 of its own, so only the quote is searched).
    quote = page[page.index("&lt;script&gt;") : page.index("{% if true %}")]
    assert "{{ 7*7 }}" in quote and "49" not in quote
    assert "{% if true %}x{% endif %}" in page
    assert "&amp;amp;" in page  # an entity typed in a transcript stays the characters typed


def test_a_users_template_restyles_the_page_and_still_escapes(
    small_project: Project, tmp_path: Path
) -> None:
    _hostile_project(small_project)
    mine = tmp_path / "mine.html"
    mine.write_text(
        '{% extends "base.html" %}{% from "macros.html" import quote %}'
        "{% block style %}body { background: ivory; }{% endblock %}"
        "{% block main %}<h1>My report: {{ title }}</h1>"
        "{% for g in groups %}{% for q in g.all_quotes() %}{{ quote(q) }}{% endfor %}{% endfor %}"
        "{% endblock %}",
        encoding="utf-8",
    )
    out = tmp_path / "out.html"
    done = CliRunner().invoke(
        app,
        ["export", "quotes", small_project.target, "--out", str(out), "--template", str(mine)],
    )
    assert done.exit_code == 0, done.output
    page = out.read_text(encoding="utf-8")
    assert "background: ivory" in page and "<h1>My report: Quotes by theme</h1>" in page
    assert "&lt;script&gt;" in page and "<script>" not in page
    assert "Marcus" not in page and "Helen Marsh" not in page


def test_a_template_cannot_reach_past_what_it_is_given(
    small_project: Project, tmp_path: Path
) -> None:
    sneaky = tmp_path / "sneaky.html"
    sneaky.write_text("{{ anchor.__globals__ }}", encoding="utf-8")
    with small_project.read() as session, pytest.raises(QualcodeError, match=r"sneaky\.html"):
        render_html(build_quote_set(session, QuoteOptions()), sneaky)


def test_a_broken_template_is_one_line_and_writes_nothing(
    small_project: Project, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text("<h1>{{ title </h1>\n", encoding="utf-8")
    out = tmp_path / "out.html"
    done = CliRunner().invoke(
        app,
        ["export", "quotes", small_project.target, "--out", str(out), "--template", str(broken)],
    )
    assert done.exit_code == 1
    assert done.stderr.startswith("error: template ") and "broken.html" in done.stderr
    assert "Traceback" not in done.output
    assert not out.exists()
    target = small_project.target
    missing = CliRunner().invoke(
        app, ["export", "quotes", target, "--out", str(out), "--template", "nope.html"]
    )
    assert missing.exit_code == 1 and "nope.html" in missing.stderr
    wrong = CliRunner().invoke(
        app,
        ["export", "quotes", small_project.target, "--out", str(tmp_path / "q.md"), "--template",
         str(broken)],
    )  # fmt: skip
    assert wrong.exit_code == 1 and "--template" in wrong.stderr


def test_help_does_not_load_jinja() -> None:
    script = (
        "import sys\nsys.argv = ['qualcode', '--help']\n"
        "from qualcode.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('JINJA', 'jinja2' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert "JINJA False" in done.stderr


def test_matrix_html_takes_a_template_too(small_project: Project, tmp_path: Path) -> None:
    mine = tmp_path / "grid.html"
    mine.write_text(
        '{% extends "base.html" %}{% block main %}'
        "{% for row in grid %}<p>{{ row.name }}:{% for cell in row.cells %} {{ cell.column }}="
        "{{ cell.value }}{% endfor %}</p>{% endfor %}{% endblock %}",
        encoding="utf-8",
    )
    out = tmp_path / "m.html"
    args = ["matrix", small_project.target, "--out", str(out), "--template", str(mine)]
    done = CliRunner().invoke(app, args)
    assert done.exit_code == 0, done.output
    page = out.read_text(encoding="utf-8")
    assert "<p>Interviewee 1: Funding=1 Prisons=1</p>" in page
    no_out = CliRunner().invoke(app, ["matrix", small_project.target, "--template", str(mine)])
    assert no_out.exit_code == 1 and "need --out" in no_out.stderr
