"""Errors of the user's environment or input: shown as one clear message, never a traceback.

Anything else that escapes is a bug and goes to the crash dialog with the log.

Layer: core (the bottom), so every layer can raise them.
"""


class UserError(Exception):
    """Something the user can act on: a wrong file, a missing meeting, a full disk."""


class DatabaseRefused(UserError):
    """The file is not a Scrutiny database, or one from a newer version."""


class DatabaseDamaged(DatabaseRefused):
    """The file was a Scrutiny database but cannot be read now; a backup may replace it."""

    def __init__(self, message: str, backup=None):
        super().__init__(message)
        self.backup = backup  # the newest automatic backup, if there is one


class ReadOnly(UserError):
    """A change to a database opened read-only (another Scrutiny has it open)."""


class SaveFailed(UserError):
    """The disk refused a write (full, read-only, gone): nothing already saved is lost."""


class NotFound(UserError):
    """A meeting or record named by the user does not exist."""


class ExportFailed(UserError):
    """An export could not be written; any earlier file at that path is untouched."""
