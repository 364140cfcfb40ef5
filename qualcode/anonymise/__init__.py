"""Anonymisation: the identifier registry, detectors, redaction, pseudonym keys and checks."""
