"""Kept for installs whose ``tradetrace`` script still points here; the CLI is :mod:`tradetrace.app`."""

from __future__ import annotations

from tradetrace.app import main

__all__ = ["main"]
