"""Exports of minutes and the action tracker to files (no Qt here)."""
