"""Bytes in the wrong encoding, or with bad bytes: never mojibake, never a post lost for a byte.

- UTF-8 (or GB18030) with a few bad byte sequences is read with U+FFFD for
  each, and a ``bytes-replaced`` warning counts them and says where the first is.
- Bytes that are valid GB18030 but are another CJK encoding's text (Big5,
  EUC-KR, EUC-JP, Shift_JIS) are an InputError naming that encoding.
- Real Chinese text in GB18030, GBK or GB2312 is read as it is, without a warning.
"""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import sinaparse
from sinaparse import DEFAULT_OPTIONS, InputError
from sinaparse._sources.read import read_source

from .conftest import CORPUS
from .posts import make_post, paragraph

DOCUMENTS = sorted(
    path
    for folder in (CORPUS / "posts", CORPUS / "bodies")
    for path in folder.iterdir()
    if path.suffix in (".md", ".html")
)
# Short texts of other languages, for their own encodings.
TRADITIONAL = (
    "新浪財經訊 據報導，香港交易所今日公佈，今年上半年的證券市場成交額較去年同期增長百分之十二。"
    "分析師認為，內地投資者透過滬港通及深港通買賣港股的資金持續流入，是帶動成交增長的主要原因。"
    "多家證券公司表示，隨著經濟逐步復甦，投資者對後市看法轉趨樂觀。"
)
JAPANESE = (
    "東京株式市場では、日経平均株価が前日比で三百円以上値上がりし、約三か月ぶりの高値を付けました。"
    "市場関係者によりますと、アメリカの長期金利の低下を受けて、ハイテク関連の銘柄を中心に"
    "買い注文が広がったということです。"
)
KOREAN = (
    "서울 증시에서 코스피 지수는 외국인과 기관의 동반 매수에 힘입어 전 거래일보다 1.5% 오른 "
    "2,650선에서 거래를 마쳤습니다. 시장 전문가들은 미국의 금리 인상 속도가 둔화될 것이라는 "
    "기대감이 투자 심리를 개선시켰다고 분석했습니다."
)
MAX_BYTES = DEFAULT_OPTIONS.max_bytes


def _read(data: bytes) -> tuple[str, list[sinaparse.ParseWarning]]:
    warnings: list[sinaparse.ParseWarning] = []
    return read_source(data, max_bytes=MAX_BYTES, warnings=warnings), warnings


def _post_in(text: str) -> str:
    # Front matter without the Chinese categories, which other encodings lack.
    return f"---\ntitle: '{text[:12]}'\ndate: 2021-08-02T12:49:57Z\n---\n<p>{text}</p>\n"


# --- Real Chinese text is read as it is -------------------------------------


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "gb2312"])
@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: path.name[:40])
def test_the_corpus_in_gb_encodings_reads_as_in_utf8(path: Path, encoding: str) -> None:
    text = path.read_text(encoding="utf-8")
    data = text.encode(encoding, "replace")  # GB2312 lacks a few characters
    assert _read(data) == (read_source(data.decode(encoding), max_bytes=MAX_BYTES), [])


# GB2312's first level: its 3,755 common characters, which real text is made
# of (the second level's rare ones are at most 3% of the corpus's).
_COMMON_HANZI = "".join(
    bytes((lead, trail)).decode("gb2312")
    for lead in range(0xB0, 0xD8)
    for trail in range(0xA1, 0xFF)
    if (lead, trail) < (0xD7, 0xFA)
)
_CHINESE_TEXT = st.text(
    st.sampled_from(_COMMON_HANZI) | st.sampled_from("，。、“”！？：；（）abc 12\n"), min_size=1
)


@settings(max_examples=300, deadline=None)
@given(_CHINESE_TEXT)
@example("中")
@example("的确，“开门红”！")  # reads as Hangul in EUC-KR
@example("的确开门红" * 4)
def test_chinese_text_in_gb18030_reads_the_same(text: str) -> None:
    data = text.encode("gb18030")
    with contextlib.suppress(UnicodeDecodeError):
        data.decode("utf-8")
        return  # 位 is CE BB in GB18030, and λ in UTF-8: bytes valid in both are UTF-8
    assert _read(data) == (read_source(text, max_bytes=MAX_BYTES), [])


# --- Other CJK encodings are refused, naming the encoding --------------------

_NAMES = {"big5": "Big5", "euc_kr": "EUC-KR", "shift_jis": "Shift_JIS", "euc_jp": "EUC-JP"}


@pytest.mark.parametrize("encoding", ["big5", "euc_kr", "shift_jis"])
@pytest.mark.parametrize(
    "path",
    # Posts holding a few dozen CJK characters or more: a handful cannot tell.
    [path for path in DOCUMENTS if "emojiToot" not in path.name],
    ids=lambda path: path.name[:40],
)
def test_the_corpus_in_other_cjk_encodings_is_refused(path: Path, encoding: str) -> None:
    data = path.read_text(encoding="utf-8").encode(encoding, "replace")
    with pytest.raises(InputError, match=f"decode as [^:]*{re.escape(_NAMES[encoding])}"):
        _read(data)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (TRADITIONAL, "big5"),
        (TRADITIONAL, "cp950"),
        (TRADITIONAL, "big5hkscs"),
        (KOREAN, "euc_kr"),
        (KOREAN, "cp949"),
        (JAPANESE, "shift_jis"),
        (JAPANESE, "cp932"),
        (JAPANESE, "euc_jp"),
        ("正文，全角标点。这是一段很短的文章。" * 3, "big5"),
        ("正文，全角标点。这是一段很短的文章。" * 3, "euc_kr"),
        ("正文，全角标点。这是一段很短的文章。" * 3, "shift_jis"),
    ],
    ids=lambda value: value if len(value) < 12 else value[:4],
)
def test_text_of_another_cjk_encoding_is_refused_naming_it(text: str, encoding: str) -> None:
    data = _post_in(text).encode(encoding, "replace")
    name = _NAMES.get(
        encoding,
        {"cp950": "Big5", "big5hkscs": "Big5", "cp949": "EUC-KR"}.get(encoding, "Shift_JIS"),
    )
    with pytest.raises(InputError, match=re.escape(name)) as raised:
        sinaparse.parse(data)
    assert "decode them and pass the text" in str(raised.value)


@pytest.mark.parametrize("text", [TRADITIONAL, JAPANESE, KOREAN], ids=["zh-Hant", "ja", "ko"])
def test_other_languages_in_gb18030_are_read_as_they_are(text: str) -> None:
    article = sinaparse.parse(_post_in(text).encode("gb18030"))
    assert article.paragraphs == (text,)
    assert {code for code, _ in article.warnings} <= {"encoding-doubtful"}


# --- A few bad bytes: replaced, counted, placed ------------------------------

DEFECTS = {
    "overlong": (b"\xc0\xaf", 2),
    "overlong-3": (b"\xe0\x80\xaf", 3),
    "cesu-8": (b"\xed\xa0\xbd\xed\xb8\x80", 6),
    "surrogate": (b"\xed\xb2\x80", 3),
    "stray-continuation": (b"\x80", 1),
    "ff": (b"\xff", 1),
    "above-u10ffff": (b"\xf4\x90\x80\x80", 4),
    "truncated": ("这".encode()[:2], 1),
}
SENTENCE = "中文正文，全角标点。这是一段很短的文章。"


@pytest.mark.parametrize("length", [1, 3000], ids=["short", "long"])
@pytest.mark.parametrize(("defect", "replaced"), DEFECTS.values(), ids=DEFECTS)
def test_utf8_with_one_bad_sequence_is_read_with_a_replacement(
    defect: bytes, replaced: int, length: int
) -> None:
    paragraphs = "\n".join(paragraph(SENTENCE) for _ in range(length))
    post = make_post(paragraphs + "\n" + paragraph("坏X字节")).encode()
    at = post.index(b"X")
    article = sinaparse.parse(post.replace(b"X", defect))
    assert article.paragraphs[-1] == "坏" + "\ufffd" * replaced + "字节"
    assert article.paragraphs[:-1] == (SENTENCE,) * length
    (warning,) = [warning for warning in article.warnings if warning.code == "bytes-replaced"]
    line = post[:at].count(b"\n") + 1
    assert f"{replaced:,} byte sequence(s) not valid in UTF-8" in warning.message
    assert f"byte {at:,}, line {line})" in warning.message


def test_utf8_with_a_bom_and_a_bad_byte_is_read_with_a_replacement() -> None:
    post = b"\xef\xbb\xbf" + make_post(paragraph(SENTENCE + "X")).encode().replace(b"X", b"\xff")
    article = sinaparse.parse(post)
    assert article.paragraphs == (SENTENCE + "\ufffd",)
    assert [code for code, _ in article.warnings] == ["bytes-replaced"]


def test_gb18030_with_one_bad_byte_is_read_with_a_replacement() -> None:
    text = make_post("\n".join(paragraph(SENTENCE) for _ in range(50)) + paragraph("坏X字节"))
    data = text.encode("gb18030").replace(b"X", b"\x80")
    article = sinaparse.parse(data)
    assert article.paragraphs[-1] == "坏\ufffd字节"
    assert [code for code, _ in article.warnings] == ["bytes-replaced"]
    assert "not valid in GB18030" in article.warnings[0].message


def test_a_bare_body_gets_the_warning_too() -> None:
    body = sinaparse.parse_body(
        (paragraph(SENTENCE) + paragraph("X")).encode().replace(b"X", b"\xff")
    )
    assert body.paragraphs == (SENTENCE, "\ufffd")
    assert [code for code, _ in body.warnings] == ["bytes-replaced"]


@pytest.mark.parametrize(
    "data",
    [
        make_post(paragraph("正文")).encode().replace("正文".encode(), b"\xff\xfe" * 30),
        b"---\ntitle: '\xff\xfe\xff'\n---\n",
        bytes(range(0x80, 0x100)) * 4,
    ],
    ids=["many-bad-bytes", "only-bad-bytes", "binary"],
)
def test_bytes_mostly_bad_are_an_input_error_with_the_offset_and_line(data: bytes) -> None:
    with pytest.raises(InputError, match=r"at offset \d+, line \d+") as raised:
        sinaparse.parse(data)
    assert raised.value.line is not None


@settings(max_examples=300, deadline=None)
@given(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=20),
    st.sampled_from(sorted(DEFECTS)),
    st.floats(0, 1),
)
@example("中文正文，全角标点。这是一段很短的文章。", "cesu-8", 0.5)
def test_utf8_text_with_one_defect_is_read_with_a_warning_or_refused(
    text: str, defect: str, where: float
) -> None:
    data = text.encode()
    cut = len(text.encode()[: int(len(data) * where)].decode("utf-8", "ignore").encode())
    damaged = data[:cut] + DEFECTS[defect][0] + data[cut:]
    try:
        read, warnings = _read(damaged)
    except InputError:
        return  # refused: too little good text around the bad bytes to tell
    codes = [code for code, _ in warnings]
    if codes in ([], ["encoding-doubtful"]):
        # Bytes that are valid GB18030 (ASCII and a hanzi, say) may be that;
        # a reading that is not Chinese text says so.
        assert read == read_source(damaged.decode("gb18030"), max_bytes=MAX_BYTES)
        return
    # Never a silent change: the text with its replacements, warned.
    (warning,) = warnings
    encoding = "utf-8" if "UTF-8" in warning.message else "gb18030"
    assert warning.code == "bytes-replaced"
    assert read == read_source(damaged.decode(encoding, "replace"), max_bytes=MAX_BYTES)


# --- At max_bytes: the judgement reads a bounded sample -----------------------

_BUDGET_RUNNER = """
import resource, sys, time
from sinaparse import DEFAULT_OPTIONS, InputError
from sinaparse._sources.read import read_source
data = open(sys.argv[1], "rb").read()
start = time.perf_counter()
try:
    read_source(data, max_bytes=DEFAULT_OPTIONS.max_bytes, warnings=[])
    outcome = "read"
except InputError:
    outcome = "refused"
seconds = time.perf_counter() - start
status = open("/proc/self/status").read()
megabytes = int(status.split("VmHWM:")[1].split()[0]) / 1024
print(outcome, seconds, megabytes)
"""


@pytest.mark.parametrize(
    ("encoding", "damage", "outcome"),
    [
        ("gb18030", b"", "read"),
        ("big5", b"", "refused"),
        ("euc_kr", b"", "refused"),
        ("utf-8", b"\xff", "read"),
        ("gb18030", b"\x80", "read"),
    ],
)
def test_reading_max_bytes_stays_within_budget(
    tmp_path: Path, encoding: str, damage: bytes, outcome: str
) -> None:
    one = paragraph(SENTENCE).encode(encoding, "replace") + b"\n"
    data = one * ((DEFAULT_OPTIONS.max_bytes - 1000) // len(one))
    data = data[: len(data) // 2] + damage + data[len(data) // 2 :]
    path = tmp_path / "big.bin"
    path.write_bytes(data)
    result = subprocess.run(
        [sys.executable, "-c", _BUDGET_RUNNER, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    got, seconds, megabytes = result.stdout.split()
    assert got == outcome
    # The input alone is 8 MB of bytes and up to 33 MB of text.
    assert float(seconds) < 2.0
    assert float(megabytes) < 150


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: path.name[:40])
def test_a_corpus_document_with_one_bad_byte_is_read_with_a_replacement(
    path: Path, encoding: str
) -> None:
    data = path.read_text(encoding="utf-8").encode(encoding)
    # "<" and line ends are never inside a character, in either encoding.
    middle = min(data.find(byte, len(data) // 2) % len(data) for byte in (b"\n", b"<"))
    damaged = data[:middle] + b"\xff" + data[middle:]
    read, warnings = _read(damaged)
    assert read == read_source(damaged.decode(encoding, "replace"), max_bytes=MAX_BYTES)
    assert [code for code, _ in warnings] == ["bytes-replaced"]
    line = data[:middle].count(b"\n") + 1
    assert f"byte {middle:,}, line {line})" in warnings[0].message
