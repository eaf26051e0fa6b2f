"""Line-breaking classes used by the table and the UAX #14 engine.

The order is part of the generated table's format (codes are 2 * index + east_asian):
append new names at the end and regenerate the table.
"""

from __future__ import annotations

CLASSES: tuple[str, ...] = (
    "BK", "CR", "LF", "NL", "SP", "ZW", "ZWJ", "CM", "WJ", "GL",
    "B2", "BA", "BB", "HY", "CB", "CL", "CP", "EX", "IN", "NS",
    "OP", "QU", "QU_PI", "QU_PF", "IS", "NU", "PO", "PR", "SY", "AL",
    "HL", "ID", "ID_EPCN", "EB", "EM", "H2", "H3", "JL", "JV", "JT",
    "RI", "AK", "AP", "AS", "VF", "VI", "DOTTED", "HH", "AL_EPCN",
)  # fmt: skip

# Class indexes as module constants, so the engine compares small ints.
(
    BK, CR, LF, NL, SP, ZW, ZWJ, CM, WJ, GL,
    B2, BA, BB, HY, CB, CL, CP, EX, IN, NS,
    OP, QU, QU_PI, QU_PF, IS, NU, PO, PR, SY, AL,
    HL, ID, ID_EPCN, EB, EM, H2, H3, JL, JV, JT,
    RI, AK, AP, AS, VF, VI, DOTTED, HH, AL_EPCN,
) = range(len(CLASSES))  # fmt: skip
