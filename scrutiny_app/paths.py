"""Every place on disk the app reads or writes, in one module.

Nothing is resolved at import time: ``main()`` (or a test) calls
:func:`configure` first, and the rest of the code asks this module.

Layer: core (the bottom), so every layer can ask it.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_data_home: Path | None = None


def configure(data_home: Path | None = None) -> None:
    """Set the folder for the user's database and backups (tests pass ``tmp_path``)."""
    global _data_home
    if data_home is None:
        import platformdirs

        data_home = Path(platformdirs.user_data_dir("Scrutiny", "OPCC"))
    _data_home = Path(data_home)


def ensure_configured() -> None:
    """Use the platform's user data folder unless a caller (a test) chose one already."""
    if _data_home is None:
        configure()


def data_home() -> Path:
    ensure_configured()
    assert _data_home is not None
    return _data_home


def default_database() -> Path:
    """The database opened when neither ``--db`` nor ``SCRUTINY_DB`` says otherwise."""
    env = os.environ.get("SCRUTINY_DB")
    if env:
        return Path(env).expanduser()
    return data_home() / "scrutiny.sqlite"


def _bundled(name: str) -> Path:
    # Installed wheel: data ships inside the package; source checkout: at the top.
    inside = _PACKAGE / f"_{name}"
    return inside if inside.is_dir() else _PACKAGE.parent / name


def demo_data_dir() -> Path:
    return _bundled("data") / "demo"


def resources_dir() -> Path:
    return _bundled("resources")
