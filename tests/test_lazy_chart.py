"""pyqtgraph is loaded only when a meeting with indicator figures is shown (it is the slowest import)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

CHILD = textwrap.dedent("""
    import datetime as dt, json, sys
    from pathlib import Path
    from scrutiny_app.core.queries import find_meeting
    from scrutiny_app.core.store import open_store
    from scrutiny_app.ui import settings
    from scrutiny_app.ui.app import _application
    from scrutiny_app.ui.main_window import MainWindow

    app = _application(offscreen=True)
    settings.keep_in(Path(sys.argv[2]))
    store = open_store(sys.argv[1], backups=False)
    april = find_meeting(store, dt.date(2025, 4, 16))  # a meeting without indicator tables, open when last closed
    settings.last_meeting(store.path).set(april)
    window = MainWindow(store)
    window.show()
    app.processEvents()
    before = "pyqtgraph" in sys.modules
    window.select_meeting(dt.date(2025, 7, 8))  # tables 1 to 7
    app.processEvents()
    print(json.dumps({"before": before, "after": "pyqtgraph" in sys.modules,
                      "bars": sum(b.isVisible() for b in window.indicators.chart.bars)}))
    window.close()
    store.close()
""")


def test_a_meeting_without_figures_does_not_load_the_chart_library(demo_path, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", CHILD, str(demo_path), str(tmp_path / "settings")], env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"before": False, "after": True, "bars": 3}
