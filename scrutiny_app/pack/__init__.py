"""The agenda pack: generated pages (reportlab) and the papers, merged into one PDF (pypdf).

Layer: above core and documents, beside imports, exports and demo (which it does not import). No Qt.
"""
