"""Exports of minutes, the action tracker and the indicator tables to files.

Layer: above core and documents, beside imports, pack and demo (which it does not import). No Qt.
"""
