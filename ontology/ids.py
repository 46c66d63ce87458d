"""Deterministic, self-describing ids from content hashes.

An id is ``<prefix>:<hex>``, where hex is the first 16 hex digits of the SHA-256 of the canonical JSON
of the identifying parts, so the same content gets the same id on every machine and re-ingesting
changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata

__all__ = ["content_hash", "make_id", "slug"]


def content_hash(text: str) -> str:
    """Full SHA-256 hex digest of ``text`` encoded as UTF-8.

    >>> content_hash("abc")[:12]
    'ba7816bf8f01'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# One encoder for every id (``json.dumps`` with options builds a new one per call).
_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def make_id(prefix: str, *parts: object) -> str:
    """Hash ``parts`` (JSON-serialisable) into a prefixed id.

    >>> make_id("claim", "a", 1) == make_id("claim", "a", 1)
    True
    >>> make_id("claim", "a", 1).startswith("claim:")
    True
    """
    return f"{prefix}:{content_hash(_ENCODER.encode(parts))[:16]}"


def slug(name: str) -> str:
    """Lower-case ASCII slug of a name.

    >>> slug("Radio Free Europe/Radio Liberty")
    'radio-free-europe-radio-liberty'
    >>> slug("Türkiye")
    'turkiye'
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
