"""The PDF documents Scrutiny lays out itself, as tagged PDF/UA-1 through Typst: the shared look and engine
(``layout``, ``templates/``), the minutes (used by both the minutes export and the agenda pack) and the
alternative text of indicator charts.

Layer: above core and below exports and pack (which must not import each other). No Qt.
"""
