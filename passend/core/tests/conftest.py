"""Fixtures of the core tests: ``served`` (the app in real server processes, see served.py)."""

from .served import served  # noqa: F401
