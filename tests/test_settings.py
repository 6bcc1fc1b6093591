"""The settings kept between runs: each key's type through a real ini file, the defaults, and one module holding them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings

import scrutiny_app
from scrutiny_app.ui import settings

DATABASE = Path("/srv/scrutiny/office.sqlite")  # its key: databases/|srv|scrutiny|office.sqlite/meeting


def settings_file(text: str) -> None:
    """The settings as they are on disk, written by hand (values read back from an ini file are strings)."""
    path = Path(QSettings().fileName())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_every_setting_has_its_default_when_nothing_is_stored(qapp, settings_dir):
    assert [s.get() for s in settings.SETTINGS] == [Path.home()] * 4 + [True, None, None]
    assert settings.last_meeting(DATABASE).get() is None


def test_each_key_is_read_from_an_ini_file_as_its_type(qapp, settings_dir):
    settings_file("[General]\nexportFolder=/srv/out\nimportFolder=/srv/in\npaperFolder=/srv/papers\n"
                  "packFolder=/srv/packs\nindicatorChartsInExports=false\n"
                  "[databases]\n%7Csrv%7Cscrutiny%7Coffice.sqlite\\meeting=12\n"
                  "[window]\ngeometry=@ByteArray(shape)\nstate=@ByteArray(docks)\n")
    assert [s.get() for s in settings.SETTINGS] == [Path("/srv/out"), Path("/srv/in"), Path("/srv/papers"),
                                                   Path("/srv/packs"), False, QByteArray(b"shape"), QByteArray(b"docks")]
    assert settings.last_meeting(DATABASE).get() == 12
    assert settings.last_meeting(Path("/srv/other.sqlite")).get() is None  # each database its own meeting


@pytest.mark.parametrize("stored, read", [("true", True), ("1", True), ("false", False), ("0", False),
                                          ("banana", True)])  # what it cannot read is the default (on)
def test_the_charts_flag_reads_what_an_ini_file_holds(qapp, settings_dir, stored, read):
    settings_file(f"[General]\nindicatorChartsInExports={stored}\n")
    assert settings.charts_in_exports.get() is read


def test_a_value_that_cannot_be_read_as_its_type_gives_the_default(qapp, settings_dir):
    settings_file("[General]\nexportFolder=\n[databases]\n%7Csrv%7Cscrutiny%7Coffice.sqlite\\meeting=twelve\n"
                  "[window]\ngeometry=not a layout\n")
    assert settings.export_folder.get() == Path.home()
    assert settings.last_meeting(DATABASE).get() is None
    assert settings.window_geometry.get() is None


def test_what_is_set_is_written_under_the_same_keys_as_before(qapp, settings_dir):
    """Settings files written by earlier versions stay readable: no key was renamed, so none needs migrating."""
    settings.export_folder.set(Path("/srv/out"))
    settings.charts_in_exports.set(False)
    settings.last_meeting(DATABASE).set(7)
    settings.window_state.set(QByteArray(b"docks"))
    QSettings().sync()
    text = Path(QSettings().fileName()).read_text()
    for line in ("exportFolder=/srv/out", "indicatorChartsInExports=false", "%7Csrv%7Cscrutiny%7Coffice.sqlite\\meeting=7",
                 "[window]\nstate=@ByteArray(docks)"):
        assert line in text
    assert (settings.export_folder.get(), settings.charts_in_exports.get(), settings.last_meeting(DATABASE).get()) == (
        Path("/srv/out"), False, 7)


def test_each_key_is_named_once():
    keys = [s.key for s in settings.SETTINGS]
    assert len(set(keys)) == len(keys)
    assert {"exportFolder", "importFolder", "paperFolder", "packFolder", "indicatorChartsInExports",
            "window/geometry", "window/state"} == set(keys)


def test_only_the_settings_module_touches_qsettings():
    """Any other module reaching QSettings (``.value("someKey")``) would bring back keys named in many places."""
    package = Path(scrutiny_app.__file__).parent
    own = package / "ui" / "settings.py"
    reaching = []
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(), str(path))
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | {
            n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)} | {
            a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
        literal_keys = [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                        and n.func.attr in ("value", "setValue") and n.args
                        and isinstance(n.args[0], (ast.Constant, ast.JoinedStr))]
        if path != own and ("QSettings" in names or literal_keys):
            reaching.append((str(path.relative_to(package)), literal_keys))
    assert reaching == []
    assert "QSettings" in own.read_text()  # the test looks where the settings are
