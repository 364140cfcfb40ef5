"""Analysis for report writers: framework matrices and code queries over the store."""
