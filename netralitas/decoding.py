"""Decoding: from a file's bytes to normalised text.

Owns the encodings a pasted article may come in (UTF-8 with or without BOM, UTF-16,
Windows-1252), the test for binary files, and the normalisation every later stage relies
on (NFC, Unix newlines, plain spaces, no invisible characters, trimmed lines).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile("[\u00a0\u2007\u202f\u2009\u200a\u3000]")
_ODD_SPACE = re.compile(f"{_INVISIBLE.pattern}|{_SPACES.pattern}")
_BLANKS = re.compile(r"\t[ \t]*| [ \t]+")  # a tab, or two or more spaces and tabs


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a file's bytes to text, returning ``(text, encoding)``.

    Tries UTF-8 (with or without BOM), UTF-16 with a BOM, then Windows-1252.
    Raises ``ValueError`` with a reason for binary data.

    >>> decode_bytes("Kamis".encode("cp1252"))
    ('Kamis', 'utf-8')
    >>> decode_bytes(b"caf\\xe9")
    ('café', 'cp1252')
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data:
        raise ValueError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as err:
        raise ValueError(f"not text in UTF-8 or Windows-1252 ({err.reason} at byte {err.start})") from None
    return text, "cp1252"


def normalize_text(text: str) -> str:
    """Return text in NFC with Unix newlines, plain spaces and no invisible characters.

    >>> normalize_text("ASN\\u00a0netral\\r\\n\\r\\nPilkada  ")
    'ASN netral\\n\\nPilkada'
    """
    text = unicodedata.normalize("NFC", text)
    if _ODD_SPACE.search(text):  # one scan for both kinds; most texts have neither
        text = _SPACES.sub(" ", _INVISIBLE.sub("", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in text or "  " in text:  # runs of spaces and tabs to one space (the scan is slow; most texts have none)
        text = _BLANKS.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n")).strip()


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def looks_binary(text: str) -> bool:
    """Return True when control characters make up more than 1% of a text (at least 4): a binary file."""
    return _CONTROL.search(text) is not None and len(_CONTROL.findall(text)) > max(3, len(text) // 100)


def read_text_file(path: Path) -> str:
    """Return the normalised text of one file, or raise ``ValueError`` with the reason to skip it."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ValueError(f"cannot be read ({err.strerror or err})") from None
    if not data:
        raise ValueError("empty file")
    text, _ = decode_bytes(data)
    if looks_binary(text):
        raise ValueError("binary file (control characters, not text)")
    text = normalize_text(text)
    if not text:
        raise ValueError("only whitespace")
    return text
