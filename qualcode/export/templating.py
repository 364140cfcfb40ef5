"""HTML pages from Jinja2 templates (qualcode/templates/ or a user's file), every value escaped."""

from __future__ import annotations

from functools import cache
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qualcode.errors import QualcodeError
from qualcode.files import shown

if TYPE_CHECKING:
    import jinja2

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def _finalize(value: Any) -> Any:
    # Escaped as html.escape does ("&quot;", "&#x27;"), as the pages were before templates;
    # Markup (a macro's output) is already safe and passes unchanged.
    from markupsafe import Markup

    if isinstance(value, Markup):
        return value
    return Markup(escape(str(value)))


@cache
def environment() -> jinja2.Environment:
    """The one Jinja2 environment: autoescaping on, undefined names an error, not blank."""
    import jinja2  # only for the HTML pages that need it: never on `qualcode --help`
    from jinja2.sandbox import SandboxedEnvironment

    # Sandboxed: a user's template sees the values given to it, never Python's internals.
    return SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def load_template(name: str, custom: Path | None = None) -> jinja2.Template:
    """The packaged template `name`, or the user's file (which may extend "base.html" or use
    "macros.html"); a file that cannot be read or parsed is a one-line error."""
    import jinja2

    env = environment()
    if custom is None:
        return env.get_template(name)
    try:
        source = custom.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QualcodeError(f"template {shown(custom)}: cannot read it ({exc})") from None
    try:
        return env.from_string(source)
    except jinja2.TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = f" line {line}" if line else ""
        raise QualcodeError(f"template {shown(custom)}{where}: {exc.message}") from None


def render_page(name: str, custom: Path | None = None, **context: Any) -> str:
    """A page rendered from a template with the given values (text escaped by autoescape)."""
    import jinja2

    template = load_template(name, custom)
    try:
        return template.render(**context)
    except jinja2.TemplateError as exc:
        what = shown(custom) if custom is not None else name
        raise QualcodeError(f"template {what}: {exc.message}") from None
