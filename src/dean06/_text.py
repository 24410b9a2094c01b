"""Text rules every layer shares: normalising, folding for matching, neutralising formulas.

Internal foundation module: the value objects normalise their text with
:func:`normalise_text`, every header, label and name lookup compares
:func:`fold`-ed text, and every writer of spreadsheet-bound text (the CSV
writers of :mod:`dean06.io`, the CSV and spreadsheet reports) passes cells
through :func:`neutralise`.

>>> fold("  Kênh   THỰC hiện ") == fold("kenh thuc hien")
True
>>> fold("Thuận Hòa") == fold("Thuận Hoà")
True
>>> neutralise("=HYPERLINK()"), neutralise("Ba Tơ")
("'=HYPERLINK()", 'Ba Tơ')
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["FORMULA_STARTS", "fold", "neutralise", "normalise_text"]

#: First characters that make a spreadsheet run a cell as a formula (or
#: strip them): written with one extra leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def normalise_text(value: str) -> str:
    """NFC-normalise *value* and strip surrounding whitespace."""
    if not value.isascii():
        value = unicodedata.normalize("NFC", value)
    return value.strip()


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Fold text for matching: case-folded, diacritics removed (đ → d), spaces collapsed.

    Removing the marks also makes the two tone-mark placements in use
    (``Hòa`` and ``Hoà``) equal, which NFC alone does not.  Memoised:
    headers and enumeration values repeat on every row.
    """
    decomposed = unicodedata.normalize("NFD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("đ", "d").split())


def neutralise(cell: str) -> str:
    """Prefix a cell that a spreadsheet would run as a formula with an apostrophe."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell
