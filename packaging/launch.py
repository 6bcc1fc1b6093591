"""Entry point for the PyInstaller build (packaging/scrutiny.spec).

A frozen app has no console-script wrapper, so this file stands in for
``scrutiny-app``: it only hands over to :func:`scrutiny_app.cli.main`.
"""

import os
import sys

# pyqtgraph would otherwise probe for other Qt bindings first.
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from scrutiny_app.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
