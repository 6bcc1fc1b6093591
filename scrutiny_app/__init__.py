"""Scrutiny: the desktop tool of an OPCC's scrutiny officers.

Layers, each importing only those below it: core <- documents <- imports, exports, pack, demo <- ui <- cli.
"""

__version__ = "0.1.0"
APP_NAME = "Scrutiny"
