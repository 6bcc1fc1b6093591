"""Reading files that come into Scrutiny: indicator tables, returned action trackers.

Layer: above core, beside exports, pack and demo (which it does not import). No Qt.
"""
