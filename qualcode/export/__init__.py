"""Exports for report writers: themed quote sets in Markdown, Word, HTML, CSV, Excel and JSON."""
