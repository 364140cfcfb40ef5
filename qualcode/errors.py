"""The error type for problems a user can fix: shown as one clear line, never a traceback."""


class QualcodeError(Exception):
    """A user-facing error; its message is one line that says what is wrong and with what."""
