"""Bytes that are not valid UTF-8: GB18030, damaged UTF-8, or another CJK encoding.

Most byte strings of Big5, EUC-KR, EUC-JP or Shift_JIS are also valid
GB18030, so decoding alone cannot tell them apart: read as GB18030 they give
mojibake without an error. Real Chinese text read as GB18030 stays inside
GB2312, the 7,445 characters of everyday Chinese, mostly in its first level
(the 3,755 common characters), and uses no private-use characters; the
mojibake does not. And a byte string that decodes in one of
those encodings and reads there as Korean (Hangul) or Japanese (kana) is that
encoding. The thresholds were measured on the corpus: its posts and bodies
encoded in GB18030 or GBK are never flagged, and encoded in the other four
always are.
"""

from __future__ import annotations

import codecs
import re

import attrs

# Read as GB18030, more than this share of the non-ASCII characters in GBK but
# outside GB2312 (GBK's two-byte extension) is not Chinese text (the corpus:
# at most 13%; Big5 and Shift_JIS read as GB18030: 37% and more). The
# characters GB18030 writes in four bytes (Hangul, emoji, rare ideographs)
# do not count: the other encodings' bytes rarely form those sequences.
_MOST_OUTSIDE_GB2312 = 0.3
# …or more than this share in the private-use area (the corpus: none at all;
# Big5 and EUC-KR read as GB18030: 2.6% and more).
_MOST_PRIVATE_USE = 0.01
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
# …or more than this share of its GB2312 characters in the second level, the
# rarer characters (the corpus: at most 3.1%; EUC-KR's hanja read as GB18030:
# 30% and more), counted from this many on (a short text may hold a few names).
_MOST_SECOND_LEVEL = 0.15
_FEWEST_SECOND_LEVEL = 20
# A GB2312 character's two bytes, the first kept: the lead bytes of a text.
_GB2312_PAIR = re.compile(rb"([\xa1-\xfe])[\xa1-\xfe]")
_HIGH_BYTES = bytes(range(0xA1, 0x100))
_SECOND_LEVEL_LEADS = bytes(range(0xD8, 0xF8))
_HANGUL = re.compile("[\uac00-\ud7a3]")
_KANA = re.compile("[\u3041-\u30ff]")
_IDEOGRAPHS = re.compile("[\u4e00-\u9fff\uf900-\ufaff]")

# The encodings named when bytes are not GB18030: each with the script a text
# in it shows, and the least share of its non-ASCII characters in that script
# that says the bytes are in it (None: any share; Chinese in Big5 has no
# script of its own, only the GB18030 reading's oddity tells it).
_OTHER_ENCODINGS: tuple[tuple[str, str, re.Pattern[str] | None, float], ...] = (
    ("cp949", "EUC-KR", _HANGUL, 0.5),
    ("euc_jp", "EUC-JP", _KANA, 0.2),
    ("cp932", "Shift_JIS", _KANA, 0.2),
    ("cp950", "Big5", None, 0.0),
    ("big5hkscs", "Big5-HKSCS", None, 0.0),
)
# Korean text may hold a few Chinese characters (hanja); Chinese read as
# EUC-KR holds both Hangul and many of them (the corpus: 26% and more).
_MOST_IDEOGRAPHS_IN_KOREAN = 0.1
# A script is shown by this many of its characters at least: a short Chinese
# text may read as a few Hangul by chance (的确开门红 is in the rows of GB2312
# that EUC-KR gives to Hangul); 24 such characters by chance: about 1 in 10^6.
_FEWEST_IN_SCRIPT = 24


# The judgement reads the start of the text only: every ordinary post whole,
# and a bounded amount of the largest ones (a file is in one encoding).
_SAMPLE_CHARACTERS = 128 * 1024
_SAMPLE_BYTES = 2 * _SAMPLE_CHARACTERS


@attrs.frozen
class Oddity:
    """Why a GB18030 reading is not Chinese text, in numbers for a message."""

    outside_gb2312: float
    private_use: float
    second_level: float

    def describe(self) -> str:
        return (
            f"{self.outside_gb2312:.0%} of its characters are in GBK but not in GB2312, "
            f"{self.private_use:.0%} are private-use characters and "
            f"{self.second_level:.0%} of those in GB2312 are rare ones"
        )


def _non_ascii(text: str) -> int:
    return len(text) - len(text.encode("ascii", "ignore"))


def gb18030_oddity(text: str) -> Oddity | None:
    """Why ``text``, read as GB18030, is not Chinese text; None when it may well be."""
    text = text[:_SAMPLE_CHARACTERS]
    non_ascii = _non_ascii(text)
    if not non_ascii:
        return None
    # Each character an encoding lacks becomes one "?".
    encoded = text.encode("gb2312", "replace")
    outside = encoded.count(b"?") - text.encode("gbk", "replace").count(b"?")
    private = _count(_PRIVATE_USE, text)
    leads = _GB2312_PAIR.sub(rb"\1", encoded)
    inside = len(leads) - len(leads.translate(None, _HIGH_BYTES))
    second = len(leads) - len(leads.translate(None, _SECOND_LEVEL_LEADS))
    if (
        outside > _MOST_OUTSIDE_GB2312 * non_ascii
        or private > _MOST_PRIVATE_USE * non_ascii
        or (second >= _FEWEST_SECOND_LEVEL and second > _MOST_SECOND_LEVEL * inside)
    ):
        return Oddity(outside / non_ascii, private / non_ascii, second / max(inside, 1))
    return None


def other_encodings(data: bytes, *, reading_is_odd: bool, whole: bool = False) -> tuple[str, ...]:
    """The encodings other than GB18030 that ``data`` is likely in, likeliest first.

    An encoding is named when ``data`` (its start, unless ``whole``) decodes
    in it and either the text shows that encoding's script, or
    ``reading_is_odd`` (the GB18030 reading is not Chinese text) and any
    decoding will do.
    """
    whole = whole or len(data) <= _SAMPLE_BYTES
    sample = data if whole else data[:_SAMPLE_BYTES]
    shown, decoded = [], []
    for codec, name, script, least_share in _OTHER_ENCODINGS:
        if not reading_is_odd and script is None:
            continue
        try:  # a character cut at the sample's end is no error
            text = codecs.getincrementaldecoder(codec)().decode(sample, final=whole)
        except UnicodeDecodeError:
            continue
        decoded.append(name)
        if script is not None and _shows(text, script, least_share):
            shown.append(name)
    if reading_is_odd:
        return tuple(dict.fromkeys(shown + decoded))
    return tuple(shown)


def _shows(text: str, script: re.Pattern[str], least_share: float) -> bool:
    non_ascii = _non_ascii(text)
    in_script = _count(script, text)
    if in_script < _FEWEST_IN_SCRIPT or in_script < least_share * non_ascii:
        return False
    if script is _HANGUL:
        return _count(_IDEOGRAPHS, text) <= _MOST_IDEOGRAPHS_IN_KOREAN * non_ascii
    return True


def _count(characters: re.Pattern[str], text: str) -> int:
    return len(text) - len(characters.sub("", text))
