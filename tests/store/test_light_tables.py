"""The plain table clauses the light readers use match the ORM models' tables."""

from __future__ import annotations

import pytest
from sqlalchemy import JSON, Boolean, DateTime, TableClause

from qualcode.store.models import Base
from qualcode.store.tables import TABLES


@pytest.mark.parametrize("clause", TABLES, ids=lambda clause: clause.name)
def test_each_column_is_the_models_column(clause: TableClause) -> None:
    table = Base.metadata.tables[clause.name]
    for column in clause.columns:
        assert column.name in table.columns, f"{clause.name}.{column.name} is not in the models"
        stored = table.columns[column.name].type
        # Columns whose values are converted (JSON, timestamps, booleans) carry the same type.
        if isinstance(stored, JSON | DateTime | Boolean):
            assert type(column.type) is type(stored), f"{clause.name}.{column.name}"
            assert getattr(column.type, "timezone", None) == getattr(stored, "timezone", None)
