"""Supervisor audit: agreement from the store, blind assignments, consensus merges, log, report.

Import from the submodules (qualcode.audit.agreement, .blind, .consensus, ...): this package
loads none of them, so that a command showing one document does not load numpy.
"""
