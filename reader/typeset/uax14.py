"""UAX #14 (the Unicode Line Breaking Algorithm) over a compact class table.

Speed comes from three things: classes are looked up for a whole paragraph at
once with ``str.translate`` (the BMP table is a 64 Ki-character string), the
decision for a pair of neighbouring classes comes from a precomputed table, and
only pairs whose answer depends on more context (spaces, quotes, numbers,
hyphens, regional indicators, aksara) run the full rules below.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from reader.typeset import _classes as C
from reader.typeset._lbdata import (
    EAST_ASIAN_WIDTH_UNICODE_VERSION,
    LINE_BREAK_UNICODE_VERSION,
    RUNS,
)

__all__ = [
    "EAST_ASIAN_WIDTH_UNICODE_VERSION",
    "LINE_BREAK_UNICODE_VERSION",
    "class_codes",
    "uax14_breaks",
]


def _load() -> tuple[str, list[int], list[int]]:
    starts: list[int] = []
    codes: list[int] = []
    for item in "".join(RUNS).split(";"):
        start_hex, code = item.split(",")
        starts.append(int(start_hex, 16))
        codes.append(int(code))
    bmp: list[str] = []
    for idx, first in enumerate(starts):
        if first >= 0x10000:
            break
        end = starts[idx + 1] if idx + 1 < len(starts) else 0x110000
        bmp.append(chr(codes[idx]) * (min(end, 0x10000) - first))
    return "".join(bmp), starts, codes


_BMP, _STARTS, _CODES = _load()


_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")


def class_codes(text: str) -> bytes:
    """Per-character codes (2 * class index + East-Asian flag) for ``text``."""
    if not _ASTRAL_RE.search(text):
        return text.translate(_BMP).encode("latin-1")
    return bytes(
        ord(_BMP[o]) if (o := ord(ch)) < 0x10000 else _CODES[bisect_right(_STARTS, o) - 1]
        for ch in text
    )


# Collapsed views of the split classes: most rules do not care about the split.
_SPLIT = {
    C.QU_PI: C.QU,
    C.QU_PF: C.QU,
    C.ID_EPCN: C.ID,
    C.DOTTED: C.AL,
    C.HH: C.BA,
    C.AL_EPCN: C.AL,
}
_HARD = (C.BK, C.CR, C.LF, C.NL)
_QUS = (C.QU, C.QU_PI, C.QU_PF)
_AKS = (C.AK, C.DOTTED, C.AS)
_HANGUL = (C.JL, C.JV, C.JT, C.H2, C.H3)
_ALHL = (C.AL, C.HL)
_IDS = (C.ID, C.EB, C.EM)
_LB15B_NEXT = (
    C.SP, C.GL, C.WJ, C.CL, C.QU, C.CP, C.EX, C.IS, C.SY, C.BK, C.CR, C.LF, C.NL, C.ZW,
)  # fmt: skip
_LB15A_PREV = (C.BK, C.CR, C.LF, C.NL, C.OP, C.QU, C.GL, C.SP, C.ZW)


class _Ctx:
    """Effective classes of one text after LB9/LB10 (combining marks absorbed)."""

    __slots__ = ("cls", "ea", "absorbed", "start", "n", "text")

    def __init__(self, text: str, codes: bytes) -> None:
        self.text = text
        self.n = n = len(codes)
        cls = [c >> 1 for c in codes]
        ea = [c & 1 for c in codes]
        absorbed = [False] * n
        start = list(range(n))
        if C.CM in cls or C.ZWJ in cls:
            for i in range(n):
                if cls[i] in (C.CM, C.ZWJ):
                    if i and cls[i - 1] not in (*_HARD, C.SP, C.ZW):
                        # LB9: X CM* is treated as X
                        absorbed[i] = True
                        cls[i] = cls[i - 1]
                        ea[i] = ea[i - 1]
                        start[i] = start[i - 1]
                    else:
                        cls[i] = C.AL  # LB10
        self.cls = cls
        self.ea = ea
        self.absorbed = absorbed
        self.start = start

    def before(self, j: int) -> int:
        """Class of the sequence before the one ending at ``j`` (-1 at sot)."""
        s = self.start[j]
        return self.cls[s - 1] if s else -1

    def after(self, i: int) -> int:
        """Index of the first sequence start after the sequence starting at ``i``."""
        j = i + 1
        absorbed = self.absorbed
        while j < self.n and absorbed[j]:
            j += 1
        return j


def _decide(x: _Ctx, i: int) -> bool:
    """Whether a break is allowed before ``i`` (0 < i < n): the full rules LB4–LB31."""
    cls = x.cls
    ra = cls[i - 1]
    rb = cls[i]
    a = _SPLIT.get(ra, ra)
    b = _SPLIT.get(rb, rb)
    if a == C.BK:
        return True  # LB4
    if a == C.CR and b == C.LF:
        return False  # LB5
    if a in (C.CR, C.LF, C.NL):
        return True
    if b in _HARD or b in (C.SP, C.ZW):
        return False  # LB6, LB7
    # X = the class before any spaces (for LB8, LB14–LB17)
    j = i - 1
    while j >= 0 and cls[j] == C.SP:
        j -= 1
    rx = cls[j] if j >= 0 else -1
    if rx == C.ZW:
        return True  # LB8
    if x.text[i - 1] == "\u200d":
        return False  # LB8a
    if x.absorbed[i]:
        return False  # LB9
    if a == C.WJ or b == C.WJ:
        return False  # LB11
    if a == C.GL:
        return False  # LB12
    if b == C.GL and a not in (C.SP, C.BA, C.HY):
        return False  # LB12a
    if b in (C.CL, C.CP, C.EX, C.SY):
        return False  # LB13
    if rx == C.OP:
        return False  # LB14
    if rx == C.QU_PI:
        before = x.before(j)
        if before == -1 or _SPLIT.get(before, before) in _LB15A_PREV:
            return False  # LB15a
    nxt = x.after(i)
    rn = cls[nxt] if nxt < x.n else -1
    n = _SPLIT.get(rn, rn)
    if rb == C.QU_PF and (rn == -1 or n in _LB15B_NEXT):
        return False  # LB15b
    if a == C.SP and b == C.IS and n == C.NU:
        return True  # LB15c
    if b == C.IS:
        return False  # LB15d
    if rx in (C.CL, C.CP) and b == C.NS:
        return False  # LB16
    if rx == C.B2 and b == C.B2:
        return False  # LB17
    if a == C.SP:
        return True  # LB18
    if rb in (C.QU, C.QU_PF) or ra in (C.QU, C.QU_PI):
        return False  # LB19
    ea = x.ea
    if b == C.QU and (not ea[i - 1] or rn == -1 or not ea[nxt]):
        return False  # LB19a
    if a == C.QU:
        if not ea[i]:
            return False
        s = x.start[i - 1]
        if s == 0 or not ea[s - 1]:
            return False
    if a == C.CB or b == C.CB:
        return True  # LB20
    if (
        (ra == C.HY or ra == C.HH)
        and b in _ALHL
        and (x.before(i - 1) in (-1, *_HARD, C.SP, C.ZW, C.CB, C.GL))
    ):
        return False  # LB20a
    if b in (C.BA, C.HY, C.NS) or a == C.BB:
        return False  # LB21
    if ra in (C.HY, C.HH) and b != C.HL and x.before(i - 1) == C.HL:
        return False  # LB21a (Unicode 17: HL (HY | HH) × [^HL])
    if a == C.SY and b == C.HL:
        return False  # LB21b
    if b == C.IN:
        return False  # LB22
    if (a in _ALHL and b == C.NU) or (a == C.NU and b in _ALHL):
        return False  # LB23
    if (a == C.PR and b in _IDS) or (a in _IDS and b == C.PO):
        return False  # LB23a
    if (a in (C.PR, C.PO) and b in _ALHL) or (a in _ALHL and b in (C.PR, C.PO)):
        return False  # LB24
    if b in (C.PO, C.PR, C.NU) and _number_before(cls, i, b != C.NU):
        return False  # LB25: NU (SY|IS)* (CL|CP)? × (PO|PR); NU (SY|IS)* × NU
    if a in (C.PO, C.PR):
        if b == C.NU:
            return False
        if b == C.OP and nxt < x.n:
            if n == C.NU:
                return False
            if n == C.IS:
                nn = x.after(nxt)
                if nn < x.n and cls[nn] == C.NU:
                    return False
    if a in (C.HY, C.IS) and b == C.NU:
        return False
    if (
        (a == C.JL and b in (C.JL, C.JV, C.H2, C.H3))
        or (a in (C.JV, C.H2) and b in (C.JV, C.JT))
        or (a in (C.JT, C.H3) and b == C.JT)
    ):
        return False  # LB26
    if (a in _HANGUL and b == C.PO) or (a == C.PR and b in _HANGUL):
        return False  # LB27
    if a in _ALHL and b in _ALHL:
        return False  # LB28
    if _lb28a(x, i, ra, rb, rn):
        return False
    if a == C.IS and b in _ALHL:
        return False  # LB29
    if (a in (C.AL, C.HL, C.NU) and b == C.OP and not ea[i]) or (
        a == C.CP and not ea[i - 1] and b in (C.AL, C.HL, C.NU)
    ):
        return False  # LB30
    if a == C.RI and b == C.RI:
        k = i - 1
        count = 0
        while k >= 0 and cls[k] == C.RI:
            if not x.absorbed[k]:
                count += 1
            k -= 1
        if count % 2:
            return False  # LB30a
    # LB30b (EB × EM; unassigned Extended_Pictographic × EM), else LB31: break
    return not (b == C.EM and (a == C.EB or ra == C.ID_EPCN or ra == C.AL_EPCN))


def _number_before(cls: list[int], i: int, allow_close: bool) -> bool:
    """Whether ``NU (SY|IS)*`` (then ``(CL|CP)?`` if allowed) ends just before ``i``."""
    k = i - 1
    if allow_close and cls[k] in (C.CL, C.CP):
        k -= 1
    while k >= 0 and cls[k] in (C.SY, C.IS):
        k -= 1
    return k >= 0 and cls[k] == C.NU


def _lb28a(x: _Ctx, i: int, ra: int, rb: int, rn: int) -> bool:
    """LB28a (Brahmic orthographic syllables): the no-break cases."""
    if ra == C.AP and rb in _AKS:
        return True
    if ra in _AKS and rb in (C.VF, C.VI):
        return True
    if ra == C.VI and rb in (C.AK, C.DOTTED) and x.before(i - 1) in _AKS:
        return True
    return ra in _AKS and rb in _AKS and rn == C.VF


# Classes whose break decision always needs more than the pair (see _decide).
_CONTEXT = frozenset(
    {C.SP, C.ZW, C.ZWJ, C.CM, C.QU, C.QU_PI, C.QU_PF, C.HY, C.HH, C.RI}
    | {C.AK, C.AP, C.AS, C.VF, C.VI, C.DOTTED}
)
_NUMBER_TAIL = (C.SY, C.IS, C.CL, C.CP)  # may end "NU (SY|IS)* (CL|CP)?" (LB25)


def _needs_context(a: int, b: int) -> bool:
    if a in _CONTEXT or b in _CONTEXT:
        return True
    if a in _NUMBER_TAIL and b in (C.NU, C.PO, C.PR):
        return True
    return a in (C.PO, C.PR) and b == C.OP  # LB25 looks ahead for NU


def _pair_table() -> bytes:
    """2 = ask _decide, else 1 = break, 0 = no break, for (code_a, code_b)."""
    size = 2 * len(C.CLASSES)
    table = bytearray(size * 256)
    for ca in range(size):
        for cb in range(size):
            if _needs_context(ca >> 1, cb >> 1):
                table[ca * 256 + cb] = 2
                continue
            # A two-character context decides a context-free pair.
            x = _Ctx("..", bytes((ca, cb)))
            table[ca * 256 + cb] = _decide(x, 1)
    return bytes(table)


_PAIRS = _pair_table()


def _run_pattern(classes: tuple[int, ...], decision: int) -> re.Pattern[str]:
    """A regex over the code string for runs of ``classes`` whose every inner pair
    the table decides as ``decision`` (checked here, so the shortcut cannot lie)."""
    codes = [2 * c + ea for c in classes for ea in (0, 1)]
    for a in codes:
        for b in codes:
            if _PAIRS[a * 256 + b] != decision:
                raise RuntimeError(f"pair table: {a}, {b} is not {decision}")
    return re.compile("[" + "".join(re.escape(chr(c)) for c in codes) + "]{2,}")


# Han runs break between every two characters; Latin letters and digits never do.
_BREAK_RUN = _run_pattern((C.ID,), 1)
_GLUE_RUN = _run_pattern((C.AL, C.NU), 0)
_RUNS_RE = re.compile(f"(?P<b>{_BREAK_RUN.pattern})|{_GLUE_RUN.pattern}")


# Classes that let a rule look beyond the two characters either side of a
# position: spaces (LB14–LB18 look through them), combining marks (LB9), ZWJ,
# regional indicators (LB30a counts them), SY/IS (LB25 scans through them).
_WIDE_REACH = bytes(2 * c + ea for c in (C.SP, C.CM, C.ZWJ, C.RI, C.SY, C.IS) for ea in (0, 1))
_MEMO: dict[bytes, int] = {}


def uax14_breaks(text: str, codes: bytes | None = None, *, pair_table: bool = True) -> list[int]:
    """Offsets 1…len(text) where plain UAX #14 allows a break (len(text) included).

    ``pair_table=False`` runs the full rules at every position (for tests).
    """
    n = len(text)
    if n == 0:
        return []
    if codes is None:
        codes = class_codes(text)
    if not pair_table:
        full = _Ctx(text, codes)
        return [i for i in range(1, n) if _decide(full, i)] + [n]
    pairs = _PAIRS
    out: list[int] = []
    append = out.append
    ctx: _Ctx | None = None
    padded = b"\xff" + codes + b"\xff"  # 255 stands for sot / eot

    def contextual(i: int) -> int:
        # The full rules, memoised on the four codes around the position when no
        # rule can look further than that (see _WIDE_REACH).
        nonlocal ctx
        key = padded[i - 1 : i + 3]
        d = _MEMO.get(key)
        if d is None:
            if ctx is None:
                ctx = _Ctx(text, codes)
            d = int(_decide(ctx, i))
            if len(key.translate(None, _WIDE_REACH)) == 4:
                if len(_MEMO) > 65_536:
                    _MEMO.clear()
                _MEMO[key] = d
        return d

    pos = 1
    # Runs decided wholesale; the loop sees only the positions between them,
    # including each run's two edges.
    for m in _RUNS_RE.finditer(codes.decode("latin-1")):
        start, end = m.span()
        for i in range(max(pos, 1), start + 1):
            d = pairs[(codes[i - 1] << 8) + codes[i]]
            if d == 2:
                d = contextual(i)
            if d:
                append(i)
        if m.lastgroup == "b":
            out.extend(range(start + 1, end))
        pos = end
    for i in range(max(pos, 1), n):
        d = pairs[(codes[i - 1] << 8) + codes[i]]
        if d == 2:
            d = contextual(i)
        if d:
            append(i)
    append(n)
    return out
