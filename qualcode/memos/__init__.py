"""Memos on the project, documents, participants, codes, framework cells, passages and codings."""
