"""Withdrawal and removal: erase a participant, a document, a code or an identifier for good."""
