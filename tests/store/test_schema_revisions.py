"""Opening a current project reads its schema revision with plain SQL; Alembic loads to upgrade."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory

from qualcode.store.db import MIGRATIONS, _known_revisions, create_project, head_revision


def test_head_and_known_revisions_agree_with_alembic() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    script = ScriptDirectory.from_config(config)
    assert head_revision() == script.get_current_head()
    assert _known_revisions() == {rev.revision for rev in script.walk_revisions()}


def test_opening_a_current_project_does_not_load_alembic(tmp_path: Path) -> None:
    project = tmp_path / "study.qc"
    create_project(str(project)).close()
    code = (
        "import sys\n"
        "from qualcode.store.db import open_project\n"
        f"open_project({str(project)!r}).close()\n"
        "print('alembic' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
