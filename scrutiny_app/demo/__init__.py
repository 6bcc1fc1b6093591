"""The demo database, whole: core's records (``core/demo.py``) with a report paper drawn for each report.

Layer: beside imports, exports and pack, above core and documents (it draws PDFs); used by the CLI
(``make-demo``, ``--demo``), the window's demo and the tests. No Qt.
"""
