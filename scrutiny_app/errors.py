"""Errors of the user's environment or input: shown as one clear message, never a traceback.

Anything else that escapes is a bug and goes to the crash dialog with the log.
"""


class UserError(Exception):
    """Something the user can act on: a wrong file, a missing meeting, a full disk."""


class DatabaseRefused(UserError):
    """The file is not a Scrutiny database, or one from a newer version."""


class NotFound(UserError):
    """A meeting or record named by the user does not exist."""


class ExportFailed(UserError):
    """An export could not be written; any earlier file at that path is untouched."""
