"""Spreadsheets researchers keep beside a project: the participant sheet and codings as CSV."""
