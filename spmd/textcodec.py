"""Strict decoding of raw extract files, used as the DuckDB function ``spmd_decode``.

A commune's file is decoded in the encoding its format declares. Decoding never
guesses: a file that is not valid in that encoding yields ``None`` so that the
staging layer can reject the whole file with the reason ``encoding_mismatch``.
"""

from __future__ import annotations

_UTF8 = {"utf-8", "utf8"}
_WINDOWS_1252 = {"cp1252", "windows-1252"}


def _is_utf8_with_non_ascii(content: bytes) -> bool:
    if content.isascii():
        return False
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_extract(content: bytes | None, encoding: str | None) -> str | None:
    """Decode ``content`` in ``encoding``; ``None`` when it is not that encoding.

    - a UTF-8 byte-order mark is dropped; line ends are normalised to ``\\n``;
    - a NUL byte means a binary file, whatever its name says;
    - a Windows-1252 file that is in fact non-ASCII UTF-8 is refused: every byte
      sequence decodes in Windows-1252, so without this check a UTF-8 file would
      come out as mojibake (``Ã‰LOÃ\\x8fSE``) instead of being rejected.
    """
    if content is None or encoding is None:
        return None
    if b"\x00" in content:
        return None
    enc = encoding.strip().lower()
    try:
        if enc in _UTF8:
            text = content.decode("utf-8-sig")
        else:
            if enc in _WINDOWS_1252 and _is_utf8_with_non_ascii(content):
                return None
            text = content.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")
