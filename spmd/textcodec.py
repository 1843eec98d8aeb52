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


def _scan_bytes(body: bytes, sep: bytes) -> tuple[int, int, bool, bool]:
    """Line count, delimiter count, a blank line, a padded field (a space or a tab
    next to a delimiter or a line end): vectorised over the bytes for a one-byte
    delimiter (about 3 times faster than substring searches on 70 million lines
    of photos a year)."""
    import numpy as np

    if len(sep) != 1:
        padded = any(blank + edge in body or edge + blank in body
                     for blank in (b" ", b"\t") for edge in (sep, b"\n"))
        return body.count(b"\n"), body.count(sep), b"\n\n" in body, padded
    a = np.frombuffer(body, dtype=np.uint8)
    newline = a == 0x0A
    delimiter = a == sep[0]
    blank = (a == 0x20) | (a == 0x09)
    edge = newline | delimiter
    padded = bool(blank[0] or blank[-1] or (blank[1:] & edge[:-1]).any() or (blank[:-1] & edge[1:]).any())
    return (int(np.count_nonzero(newline)), int(np.count_nonzero(delimiter)),
            bool((newline[1:] & newline[:-1]).any()), padded)


def profile_extract(content: bytes | None, encoding: str | None, delimiter: str | None) -> str:
    """What a large unquoted delimited file looks like, as JSON, counted in C
    (``str.count``) without splitting it into lines (``spmd_profile_extract``):

    ``{"decodable": bool, "header": [names, lower case], "data_lines": n,
    "uniform": bool, "padded": bool}`` where ``data_lines`` counts the lines after the header and
    ``uniform`` says the file has no blank line, no quote character (except
    empty quoted fields ``""``) and as many delimiters as its lines times the
    header's; ``padded`` says a field may begin or end with a space or a tab
    (the reader then trims every field: trimming costs as much as reading).
    A decodable, uniform file with the expected header is read by
    DuckDB's CSV reader; the model then checks that it gave ``data_lines`` rows
    (a short line compensated by a long one would not be): any other file goes
    through the line-by-line parser that gives each bad line a reason.
    """
    import json

    refused = json.dumps({"decodable": False, "header": [], "data_lines": 0, "uniform": False,
                          "padded": True})
    if content is None or encoding is None or not delimiter:
        return refused
    if encoding.strip().lower() in _UTF8:
        # the counts run on the bytes; decoding only proves the encoding
        if b"\x00" in content:
            return refused
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            return refused
        body = content.removeprefix(b"\xef\xbb\xbf")
        if b"\r" in body:
            body = body.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        sep = delimiter.encode("utf-8")
    else:
        text = decode_extract(content, encoding)
        if text is None:
            return refused
        body, sep = text.encode("utf-8"), delimiter.encode("utf-8")
    if not body.endswith(b"\n"):
        body += b"\n"
    lines, seps, blank_line, padded = _scan_bytes(body, sep)
    first = body[: body.index(b"\n")].decode("utf-8")
    header = [h.strip().strip('"').lower() for h in first.split(delimiter)]
    quotes_harmless = b'"' not in body or (
        body.count(b'"') == 2 * body.count(b'""') and b'""""' not in body)
    uniform = (
        seps == lines * (len(header) - 1)
        and not blank_line
        and quotes_harmless
    )
    return json.dumps({"decodable": True, "header": header, "data_lines": lines - 1,
                       "uniform": uniform, "padded": padded})
