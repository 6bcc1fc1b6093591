"""The Qt-free core: tables, storage, the demo's records and the rules of the meeting cycle.

Layer: the bottom (with ``errors`` and ``paths``): imports nothing else of scrutiny_app.
"""
