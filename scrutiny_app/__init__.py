"""Scrutiny: the desktop tool of an OPCC's scrutiny officers."""

__version__ = "0.1.0"
APP_NAME = "Scrutiny"
