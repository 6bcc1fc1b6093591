"""Time search on the ten-year data set: median and 95th percentile of 100 varied queries.

Builds the data set of make_dataset.py in a temporary folder the first time
(about a minute with the PDF papers) and reuses it after that.

    python benchmarks/search_bench.py [--db PATH] [--seed N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import make_dataset  # noqa: E402

from scrutiny_app.core.search import KINDS, search  # noqa: E402
from scrutiny_app.core.store import open_store  # noqa: E402


def queries(seed: int) -> list[tuple[str, dict]]:
    """100 searches an officer might type: words, phrases, prefixes, OR, exclusions, some with filters."""
    rng = random.Random(seed)
    words = sorted({w.strip(".,'").lower() for t in make_dataset.TOPICS + make_dataset.QUALIFIERS for w in t.split()
                    if len(w) > 3})
    out: list[tuple[str, dict]] = [("DA Matters", {}), ('"DA Matters Training"', {})]
    while len(out) < 100:
        shape = len(out) % 8
        if shape == 0:
            query = rng.choice(words)
        elif shape == 1:
            query = f'"{rng.choice(make_dataset.TOPICS)}"'
        elif shape == 2:
            query = rng.choice(words)[:4] + "*"
        elif shape == 3:
            query = f"{rng.choice(words)} {rng.choice(words)}"
        elif shape == 4:
            query = f"{rng.choice(words)} OR {rng.choice(words)}"
        elif shape == 5:
            query = f"{rng.choice(make_dataset.TOPICS)} -{rng.choice(words)}"
        else:
            query = rng.choice(make_dataset.TOPICS)
        filters: dict = {}
        if shape == 6:
            filters["series"] = rng.choice(make_dataset.SERIES)
        if shape == 7:
            filters["since"] = dt.date(rng.randint(2016, 2025), 1, 1)
            filters["kinds"] = [rng.choice(list(KINDS))]
        out.append((query, filters))
    return out


def _figures(ms: list[float]) -> str:
    ms = sorted(ms)
    return f"median {statistics.median(ms):.1f} ms, 95th percentile {ms[int(len(ms) * 0.95) - 1]:.1f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="a data set made by make_dataset.py (default: build or reuse one)")
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args(argv)
    path = args.db or Path(tempfile.gettempdir()) / f"scrutiny-bench-{args.seed}.sqlite"
    if not path.exists():
        print(f"Building the data set at {path} …")
        make_dataset.build(path, args.seed)
    store = open_store(path)
    print(f"{path} ({path.stat().st_size / 1e6:.0f} MB), 100 queries, each through search() as the app calls it")
    # The first pass starts from a freshly opened file; the second is the app after a while in use.
    # CPU time is printed beside wall-clock time, which other work on the machine inflates.
    for name in ("first pass", "second pass"):
        wall, cpu, counts = [], [], []
        for query, filters in queries(args.seed):
            started, started_cpu = time.perf_counter(), time.process_time()
            counts.append(len(search(store, query, **filters)))
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        print(f"{name}: wall {_figures(wall)}; CPU {_figures(cpu)}; median hits {statistics.median(counts):.0f}")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
