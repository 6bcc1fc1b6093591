"""Pages shared by the documents Scrutiny generates: one set of PDF styles and the minutes laid out as
flowables, used by both the minutes export and the agenda pack.

Layer: above core and below exports and pack (which must not import each other). No Qt.
"""
