"""Electronic identification levels of the VNeID system.

Decree 59/2022/NĐ-CP (replaced from 1 July 2024 by Decree 69/2024/NĐ-CP)
defines two levels of electronic identification account:

* level 1 (mức độ 1): registered in the VNeID app with the citizen-ID
  number, personal data and a face captured on the phone, checked against
  the national population database;
* level 2 (mức độ 2): registered in person at the police with portrait and
  fingerprints; it carries the electronic ID card and has the evidential
  value of the paper documents.

A service may require a minimum level (:attr:`dean06.Service.min_identity`).
No official mapping to eIDAS levels of assurance or NIST IAL exists, so none
is offered here.

>>> IdentityLevel.LEVEL_2.satisfies(IdentityLevel.LEVEL_1)
True
>>> IdentityLevel.LEVEL_1.label("en")
'level 1'
"""

from __future__ import annotations

import enum

from dean06._labels import Labelled, register

__all__ = ["IdentityLevel"]


class IdentityLevel(Labelled, enum.IntEnum):
    """A VNeID electronic identification level, ordered by strength.

    ``NONE`` means no electronic identification (or none required).

    Since: 0.1.0
    """

    NONE = 0
    LEVEL_1 = 1
    LEVEL_2 = 2

    def satisfies(self, required: IdentityLevel) -> bool:
        """True when this level meets *required* (``self >= required``)."""
        return self >= required


register(
    IdentityLevel,
    {
        IdentityLevel.NONE: ("không định danh điện tử", "no electronic identification"),
        IdentityLevel.LEVEL_1: ("mức độ 1", "level 1"),
        IdentityLevel.LEVEL_2: ("mức độ 2", "level 2"),
    },
)
