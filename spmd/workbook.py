"""The sheets of an Excel workbook, read without opening it as a spreadsheet.

The DuckDB excel extension fails the whole query on a file that is not a
workbook; the staging macro asks this first (``spmd_workbook_sheets``, registered
by the dbt plugin) and reads only what can be read, so that a broken file becomes
a file issue instead of a failed build.
"""

from __future__ import annotations

import re
import zipfile
from html import unescape

_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"')


def workbook_sheets(path: str | None) -> list[str] | None:
    """The names of the sheets of the .xlsx at ``path``, in order, or None when
    the file is not a readable workbook."""
    if path is None:
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            if archive.testzip() is not None:
                return None
            names = [unescape(n.decode("utf-8")) for n in _SHEET.findall(archive.read("xl/workbook.xml"))]
    except (OSError, KeyError, zipfile.BadZipFile, UnicodeDecodeError):
        return None
    return names or None
