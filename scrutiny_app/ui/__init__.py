"""The Qt user interface: the only package that imports PySide6 and pyqtgraph.

Layer: above core, documents, imports, exports, pack and demo; only ``cli.py`` is above it.
"""
