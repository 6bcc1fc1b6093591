"""The days of the demo database's meetings (core/demo.py), named once for every test that picks one."""

from __future__ import annotations

import datetime as dt

JANUARY, APRIL, JULY = dt.date(2025, 1, 29), dt.date(2025, 4, 16), dt.date(2025, 7, 8)
