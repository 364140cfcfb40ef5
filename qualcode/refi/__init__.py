"""REFI-QDA interchange (QDA-XML 1.0): codebooks as .qdc, whole projects as .qdpx."""
