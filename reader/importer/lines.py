"""Recognising one line of a raw page: what it looks like on its own.

Pure functions over single lines; :mod:`reader.importer.parse` decides from the
neighbours what each line really is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from reader.model import Byline

#: Characters that end a sentence (after closing quotes/brackets are stripped).
SENTENCE_ENDS = frozenset("。！？!?…；;：:")
_CLOSERS = "”’」』）)》〉】]\"'"
_INNER_STOPS = re.compile(r"[。！？!?]")
# Not 、: headlines use it (中、尼两国元首会面), sentence halves show their commas.
_PAUSES = re.compile(r"[，,；;]")

#: Byline roles as printed, longest first so 特约记者 wins over 记者.
ROLES: tuple[str, ...] = tuple(
    sorted(
        {
            "记者",
            "本报记者",
            "特约记者",
            "见习记者",
            "实习记者",
            "首席记者",
            "驻站记者",
            "全媒体记者",
            "融媒体记者",
            "摄影记者",
            "通讯员",
            "本报通讯员",
            "特约通讯员",
            "本报实习生",
            "实习生",
            "见习生",
            "摄影",
            "撰稿",
            "撰文",
            "编辑",
            "整理",
            # Traditional forms, as Hong Kong and Taiwan papers print them.
            "記者",
            "本報記者",
            "特約記者",
            "見習記者",
            "實習記者",
            "首席記者",
            "駐站記者",
            "全媒體記者",
            "融媒體記者",
            "攝影記者",
            "通訊員",
            "特約通訊員",
            "實習生",
            "見習生",
            "攝影",
            "編輯",
        },
        key=len,
        reverse=True,
    )
)
#: The role given to whoever a photo credit names (本报记者 X 摄 → 摄影 X).
PHOTOGRAPHER = "摄影"

_NAME = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134fA-Za-z·•]{1,12}")
_DATELINE = re.compile(
    r"(?P<dateline>(?:本报|新华社|中新社|人民网|央视网|央广网|新华网|中国新闻网"
    r"|本報|新華社|人民網|央視網|央廣網|新華網|中國新聞網)"
    r"(?P<place>[\u4e00-\u9fff]{0,8}?)(?P<date>\d{1,2}月\d{1,2}日)?[讯电訊電])"
    r"\s*(?:(?P<open>[（(])(?P<byline>[^()（）\n]{1,80})(?P<close>[)）]))?"
    r"\s*(?P<rest>.*)",
    re.S,
)
_CREDIT = re.compile(
    r"(?P<mark>[■□●○▲△◆◇★☆]?)\s*"
    r"(?P<org>本报|新华社|中新社|人民日报|人民网|本報|新華社|人民日報|人民網)?"
    r"(?P<role>特约记者|摄影记者|记者|通讯员|实习生|特約記者|攝影記者|記者|通訊員|實習生)?\s*"
    r"(?P<names>[^\s，,。：:]{1,12}(?:\s+[^\s，,。：:]{1,12}){0,3})\s*"
    r"(?P<verb>摄影报道|摄影|摄|供图|攝影報道|攝影|攝|供圖)"
)


class Shape(Enum):
    """What a line looks like by itself."""

    CREDIT = "credit"  # ■本报记者 郝晓燕 摄
    DATELINE = "dateline"  # 本报讯(记者 …)近年来,…
    KICKER = "kicker"  # 武川县：
    HEADING = "heading"  # a short line that does not end a sentence
    TEXT = "text"  # anything else: body text


@dataclass(frozen=True, slots=True)
class DatelineParts:
    """A line that opens with a dateline, split; ``rest`` is the body that follows."""

    dateline: str
    byline: tuple[Byline, ...]
    rest: str
    #: Text in the parentheses that is not a byline (kept as body text).
    unparsed: str | None = None


def squash(text: str) -> str:
    """``text`` without whitespace: what "no character lost" compares."""
    return "".join(text.split())


def ends_sentence(text: str) -> bool:
    """Whether a block ends a sentence, so the next block starts a new paragraph."""
    stripped = text.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in SENTENCE_ENDS


def join_blocks(first: str, second: str) -> str:
    """Join the two halves of a paragraph split by a column break."""
    # Chinese needs no space; two halves of a Latin word run would need one.
    last, following = first[-1:], second[:1]
    if last.isascii() and last.isalnum() and following.isascii() and following.isalpha():
        return f"{first} {second}"
    return first + second


def is_name(token: str) -> bool:
    """A person's name in a byline: Han or Latin letters (· for ethnic names)."""
    return bool(_NAME.fullmatch(token)) and token not in ROLES


def parse_byline(text: str) -> tuple[Byline, ...] | None:
    """``记者 云艳芳 通讯员 武组轩`` → bylines; None if it is not a plain byline.

    Accepts roles in any order, several names per role and a role glued to its
    name (记者云艳芳). Rejected unless printing the result back gives the same
    characters, so the structure never loses or changes text.
    """
    people: list[Byline] = []
    role: str | None = None
    for token in text.split():
        glued = next((r for r in ROLES if token.startswith(r)), None)
        if token in ROLES:
            role = token
            continue
        if glued is not None and is_name(token[len(glued) :]):
            role, token = glued, token[len(glued) :]
        if role is None or not is_name(token):
            return None
        people.append(Byline(role=role, name=token))
    if not people or squash(byline_as_printed(people)) != squash(text):
        return None
    return tuple(people)


def byline_as_printed(people: tuple[Byline, ...] | list[Byline]) -> str:
    """Bylines as a paper prints them: each role once before its run of names."""
    parts: list[str] = []
    previous: str | None = None
    for person in people:
        if person.role != previous:
            if person.role:
                parts.append(person.role)
            previous = person.role
        parts.append(person.name)
    return " ".join(parts)


def parse_dateline(line: str) -> DatelineParts | None:
    """Split ``本报讯(记者 云艳芳)近年来,…`` into dateline, byline and the body."""
    match = _DATELINE.fullmatch(line)
    if match is None:
        return None
    if match["place"] and not match["date"] and match["byline"] is None:
        # 本报讯 alone, or place and date (新华社北京3月5日电); a bare "本报…电"
        # might just be a sentence (本报记者从市电力公司获悉).
        return None
    inside = match["byline"]
    if inside is None:
        return DatelineParts(match["dateline"], (), match["rest"])
    byline = parse_byline(inside)
    if byline is not None and (match["open"], match["close"]) in (("(", ")"), ("（", "）")):
        return DatelineParts(match["dateline"], byline, match["rest"])
    # Not a byline we understand (or mismatched brackets): keep it as body text.
    bracketed = f"{match['open']}{inside}{match['close']}"
    return DatelineParts(match["dateline"], (), bracketed + match["rest"], unparsed=inside)


def parse_credit(line: str) -> tuple[Byline, ...] | None:
    """``■本报记者 郝晓燕 摄`` → the photographers, each with the role 摄影."""
    if len(line) > 40:
        return None
    match = _CREDIT.fullmatch(line)
    if match is None:
        return None
    names = match["names"].split()
    if not all(is_name(name) and len(name) <= 8 for name in names):
        return None
    # "他们在现场拍摄" is a sentence: a credit has a mark, a role or a gap before 摄.
    spaced = match["names"] != line[match.start("names") : match.start("verb")]
    if not (match["mark"] or match["org"] or match["role"] or spaced):
        return None
    return tuple(Byline(role=PHOTOGRAPHER, name=name) for name in names)


def shape_of(line: str) -> Shape:
    """Classify one stripped, non-empty line by its look alone."""
    if parse_credit(line) is not None:
        return Shape.CREDIT
    if parse_dateline(line) is not None:
        return Shape.DATELINE
    if line[-1] in "：:" and 1 < len(line) <= 30 and not _INNER_STOPS.search(line):
        return Shape.KICKER
    if len(line) <= 40 and not ends_sentence(line) and not _INNER_STOPS.search(line):
        return Shape.HEADING
    return Shape.TEXT


def has_pause(line: str) -> bool:
    """A comma-like mark inside: headlines rarely have one, sentence halves do."""
    return bool(_PAUSES.search(line))


__all__ = [
    "PHOTOGRAPHER",
    "ROLES",
    "DatelineParts",
    "Shape",
    "byline_as_printed",
    "ends_sentence",
    "has_pause",
    "is_name",
    "join_blocks",
    "parse_byline",
    "parse_credit",
    "parse_dateline",
    "shape_of",
    "squash",
]
