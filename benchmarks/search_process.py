"""Time ``scrutiny-app search`` as a whole process against a bare sqlite3 script doing the same query.

Both run as fresh Python processes, alternately, so machine noise hits both
alike; the figure is the ratio of their medians (target: at most 3×). The bare
script runs the same FTS5 MATCH with a snippet, ranked, on the same file, and
prints its rows.

    python benchmarks/search_process.py [--db PATH ...] [--query TEXT] [--runs N]

Without --db it times the demo database (written to a temporary folder).
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 3.0
BARE = r"""
import sqlite3, sys
con = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
sql = ("SELECT s.rowid, s.kind, s.place, snippet(search_index, -1, char(2), char(3), '…', 16) "
       "FROM search_index s WHERE search_index MATCH ? ORDER BY s.rank LIMIT 50")
print("\n".join("\t".join(map(str, row)) for row in con.execute(sql, (sys.argv[2],))))
"""


def _seconds(command: list[str], home: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env={**os.environ, "HOME": str(home)}, check=False)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr.decode()}")
    return seconds


def measure(db: Path, query: str, runs: int, home: Path) -> tuple[float, float]:
    """Median seconds of the whole search command and of the bare script, run alternately."""
    from scrutiny_app.core.search import fts_query

    ours_cmd = [sys.executable, "-m", "scrutiny_app", "search", query, "--db", str(db)]
    bare_cmd = [sys.executable, "-c", BARE, str(db.resolve()), fts_query(query)]
    ours, bare = [], []
    _seconds(ours_cmd, home), _seconds(bare_cmd, home)  # warm the disk cache and the compiled modules
    for _ in range(runs):
        ours.append(_seconds(ours_cmd, home))
        bare.append(_seconds(bare_cmd, home))
    return statistics.median(ours), statistics.median(bare)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, action="append", help="a database to search (repeatable; default: the demo)")
    parser.add_argument("--query", default="DA Matters")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    # An installed copy has its modules compiled (pip does it); a checkout run with
    # PYTHONDONTWRITEBYTECODE would otherwise compile ours afresh in every run.
    compileall.compile_dir(Path(__file__).resolve().parent.parent / "scrutiny_app", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        databases = args.db
        if not databases:
            demo = Path(tmp) / "demo.sqlite"
            subprocess.run([sys.executable, "-m", "scrutiny_app", "make-demo", "--out", str(demo)], check=True,
                           capture_output=True, env={**os.environ, "HOME": str(home)})
            databases = [demo]
        failed = False
        print(f"scrutiny-app search {args.query!r}, median of {args.runs} runs each, alternating")
        for db in databases:
            ours, bare = measure(db, args.query, args.runs, home)
            ratio = ours / bare
            failed |= ratio > TARGET
            print(f"{db.name} ({db.stat().st_size / 1e6:.1f} MB): search {ours * 1000:.0f} ms, "
                  f"bare sqlite3 {bare * 1000:.0f} ms, {ratio:.1f}× (target ≤ {TARGET:g}×) "
                  f"{'missed' if ratio > TARGET else 'met'}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
