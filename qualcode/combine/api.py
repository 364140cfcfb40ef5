"""Combine another project into this one: open both, one transaction, or a dry run."""

from __future__ import annotations

from qualcode.combine.merge import CombineSummary, combine_projects
from qualcode.errors import QualcodeError
from qualcode.store.db import display, open_project, sqlite_path


def _same(first: str, second: str) -> bool:
    one, two = sqlite_path(first), sqlite_path(second)
    if one is not None and two is not None:
        return one.resolve() == two.resolve()
    return first == second


def combine_into(
    target: str,
    other: str,
    *,
    coder: str,
    only_coder: str | None = None,
    prefer_other: bool = False,
    dry_run: bool = False,
) -> CombineSummary:
    """Bring another project's work into the target in one transaction (nothing on a dry run).

    The other project is only read: one made by an older qualcode is refused rather than
    upgraded, so a coder's file is never changed by collecting from it.
    """
    if _same(target, other):
        raise QualcodeError(f"{display(other)} is the project itself; give another project")
    with (
        open_project(other, upgrade=False) as theirs,
        open_project(target) as ours,
        theirs.read() as source,
        # A dry run's session closes without a commit, so everything it did rolls back.
        ours.read() if dry_run else ours.write() as session,
    ):
        return combine_projects(
            session, source, coder=coder, only_coder=only_coder,
            prefer_other=prefer_other, other_name=display(other),
        )  # fmt: skip
