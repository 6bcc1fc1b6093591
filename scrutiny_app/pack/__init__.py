"""The agenda pack: generated pages (reportlab) and the papers, merged into one PDF (pypdf). No Qt."""
