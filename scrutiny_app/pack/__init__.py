"""The agenda pack: generated pages (Typst, tagged) and the papers, merged into one PDF (pypdf), its parts'
tags carried over (pikepdf).

Layer: above core and documents, beside imports, exports and demo (which it does not import). No Qt.
"""
