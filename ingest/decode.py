"""Bytes to text for the readers: bounded reads of regular files, encoding detection, control characters.

* :func:`read_bounded` opens without blocking, refuses anything but a regular file (a FIFO would hang
  the batch, a link to ``/dev/zero`` would fill memory) and never reads more than the limit allows.
* :func:`decode` tries a byte-order mark, then UTF-8, then (HTML) the page's own ``<meta charset>`` or
  ``http-equiv`` declaration, then charset-normalizer's detection; only bytes the chosen encoding cannot
  decode become U+FFFD, and the outcome says which encoding was used.
* :func:`strip_controls` removes the characters no text needs and XML cannot hold (C0 controls other
  than tab and line breaks, DEL, lone surrogates, U+FFFE and U+FFFF).
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import charset_normalizer

__all__ = [
    "CONTROL",
    "Decoded",
    "NotRegularFile",
    "decode",
    "open_regular",
    "read_bounded",
    "strip_controls",
]

#: Characters removed from article text: C0 controls but tab, LF and CR; DEL; lone surrogates; the two
#: noncharacters XML 1.0 excludes.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_META_HEAD = 4096  # the declaration must come early in the page (HTML requires the first 1,024 bytes)
#: The encodings detection chooses among: the legacy encodings news sites still serve (WHATWG's
#: encodings minus the rare ones). Without a list, short texts come out as Mac or DOS code pages.
DETECTED = ("cp1252", "cp1251", "cp1250", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "koi8_r",
            "gb18030", "big5", "shift_jis", "euc_jp", "euc_kr")
_LATIN = frozenset({"cp1250", "cp1254", "cp1257"})
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class NotRegularFile(OSError):
    """The path names a FIFO, a device, a socket or a directory, not a regular file."""


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes: the encoding used, how many bytes it could not decode (each became
    U+FFFD), and whether it was detected rather than UTF-8 or declared by a byte-order mark."""

    text: str
    encoding: str
    replaced: int = 0
    guessed: bool = False

    def warning(self) -> str | None:
        """What to tell the user, or ``None`` for clean UTF-8."""
        parts = []
        if self.encoding not in ("utf-8", "utf-8-sig", "ascii"):
            parts.append(f"not UTF-8: decoded as {self.encoding}" + (" (detected)" if self.guessed else ""))
        if self.replaced:
            noun = "byte" if self.replaced == 1 else "bytes"
            parts.append(f"{self.replaced} undecodable {noun} replaced with U+FFFD")
        return "; ".join(parts) or None


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory")):
        if test(mode):
            return name
    return "not a regular file"


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for binary reading if it is a regular file (links followed).

    Raises :class:`NotRegularFile` for anything else (the open does not block, so a FIFO without a
    writer does not hang), and :class:`OSError` when it cannot be opened.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(f"{_kind(mode)}, not a regular file")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bounded(path: Path, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of the regular file ``path`` (one more than the limit tells the caller
    that the file is too large without reading it all). Raises as :func:`open_regular`."""
    with open_regular(path) as handle:
        return handle.read(limit + 1)


def _declared(data: bytes) -> str | None:
    """The encoding an HTML page declares in its head, if Python knows it."""
    match = _META_CHARSET.search(data[:_META_HEAD])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def _with_replacements(data: bytes, encoding: str) -> tuple[str, int]:
    strict = data.decode(encoding, errors="surrogateescape") if encoding.startswith("utf-8") else None
    if strict is not None:
        bad = sum(1 for ch in strict if "\udc80" <= ch <= "\udcff")
        return data.decode(encoding, errors="replace"), bad
    text = data.decode(encoding, errors="replace")
    return text, max(text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd"), 0)


def decode(data: bytes, html: bool = False) -> Decoded:
    """Decode ``data``: byte-order mark, else UTF-8, else (``html``) the declared charset, else detected.

    >>> decode("Экспорт подшипников в Россию вырос на 40 процентов.".encode("cp1251")).encoding
    'cp1251'
    >>> decode(b'<meta charset="windows-1251"><p>\\xcf\\xf0\\xe8\\xe2\\xe5\\xf2</p>', html=True).text[-10:]
    'Привет</p>'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text, bad = _with_replacements(data, encoding)
            return Decoded(text.lstrip("\ufeff"), encoding.removesuffix("-sig"), bad)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared(data) if html else None
    if declared is not None and declared not in ("utf-8", "utf_8"):
        text, bad = _with_replacements(data, declared)
        return Decoded(text, declared, bad)
    results = charset_normalizer.from_bytes(data, cp_isolation=list(DETECTED))
    best = results.best()
    if best is None:
        text, bad = _with_replacements(data, "utf-8")
        return Decoded(text, "utf-8", bad)
    encoding = best.encoding
    if encoding in _LATIN and any("cp1252" in m.could_be_from_charset for m in results):
        encoding = "cp1252"  # the Latin code pages tie on short texts; windows-1252 is by far the most used
    encoding = codecs.lookup(encoding).name
    text, bad = _with_replacements(data, encoding)
    return Decoded(text, encoding, bad, guessed=True)


def strip_controls(text: str) -> tuple[str, int]:
    """``text`` without :data:`CONTROL` characters, and how many were removed.

    >>> strip_controls("a\\x00b\\x1b[31mc\\td")
    ('ab[31mc\\td', 2)
    """
    cleaned, count = CONTROL.subn("", text)
    return cleaned, count
