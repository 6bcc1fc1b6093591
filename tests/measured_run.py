"""Run one ``scrutiny-app`` command in a child process and measure what it cost.

Hostile-input tests need the exit status, what was printed, the peak memory and
the time of a whole command, and must never let a runaway command take the
machine with it. The child runs ``scrutiny_app.cli.main`` under an address-space
limit and reports its own peak resident memory (``VmHWM``) on exit; the
parent kills it after ``timeout`` seconds.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

_CHILD = r"""
import resource, sys
limit = int(sys.argv[2]) * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
code = 1
try:
    from scrutiny_app.cli import main
    code = main(sys.argv[3:])
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else 2
finally:
    # VmHWM is this program's own peak; ru_maxrss also counts the parent's memory at the exec, which in
    # a long test run is hundreds of MB (Linux carries the old image's high-water mark over the exec).
    try:
        with open("/proc/self/status") as status:
            peak_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with open(sys.argv[1], "w") as fh:
        fh.write(str(peak_kb))
sys.exit(code)
"""


@dataclass
class Measured:
    code: int
    out: str
    err: str
    peak_mb: float
    seconds: float


def run_measured(*args, home: Path, timeout: float = 30, address_space_mb: int = 3072,
                 env: dict[str, str] | None = None) -> Measured:
    """Run ``scrutiny-app ARGS`` with its user data folder under ``home``; fails the test on a timeout.

    ``address_space_mb`` caps the child's virtual memory, so a command that would
    eat gigabytes fails fast with a MemoryError instead of swapping the machine.
    """
    home.mkdir(parents=True, exist_ok=True)
    report = home / "peak-kb.txt"
    report.unlink(missing_ok=True)
    child_env = {**os.environ, "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
                 **(env or {})}
    child_env.pop("SCRUTINY_DB", None)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _CHILD, str(report), str(address_space_mb), *map(str, args)],
                          capture_output=True, text=True, env=child_env, timeout=timeout)
    seconds = time.perf_counter() - started
    peak_mb = int(report.read_text()) / 1024 if report.exists() else float("nan")
    return Measured(done.returncode, done.stdout, done.stderr, peak_mb, seconds)
