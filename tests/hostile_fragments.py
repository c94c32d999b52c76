"""Hostile fragments of issue 12, by class: what the mutation tests and the fuzzer put in.

Pure data (no Hypothesis, no pytest): ``tests/fuzz/fuzz_parse.py`` splices the
same fragments into libFuzzer's inputs, and ``tests/fuzz/sinaparse.dict``
holds each short one as a token (``tests/test_hostile_mutations.py`` checks
that it does). Each class is one of the issue's: a fragment stands for its
class, so each class holds several members, never only the issue's example.

- :data:`BODY_FRAGMENTS`: HTML to insert into a body.
- :data:`FRONT_MATTER_LINES`: whole lines to insert into a front matter.
- :data:`ENCODINGS` and :data:`BAD_UTF8`: how a post's bytes can be written.
"""

from __future__ import annotations

# A text that must reach the result wherever the fragments below put it in
# plain sight (between cells, after </html>): see test_hostile_mutations.py.
MARKER = "标记文字"

# Elements whose content the HTML parser reads as raw text (script, style,
# xmp, iframe, noembed, noframes, noscript, plaintext) or as escapable raw
# text (textarea, title): markup inside them comes out as characters.
RAW_TEXT_TAGS = (
    "script",
    "style",
    "noscript",
    "noembed",
    "noframes",
    "xmp",
    "plaintext",
    "textarea",
    "title",
    "iframe",
)


def _raw_text_fragments() -> tuple[str, ...]:
    fragments: list[str] = []
    for tag in RAW_TEXT_TAGS:
        fragments += [
            f"<{tag}><p>{MARKER}</p><b>粗</b></{tag}>",
            f"<{tag}>",  # unclosed: the rest of the document is its content
            f"</{tag}>",
            f'<{tag} class="x"><div class="img_wrapper"><img src="//n.sinaimg.cn/a.jpg"></div>',
        ]
    return tuple(fragments)


# Span values that str.isdigit() accepts but int() refuses (superscripts,
# circled digits), digits of other scripts that int() reads, thousands of
# digits (over int()'s 4,300-digit limit), and values no table can have.
SPAN_VALUES = (
    "²",
    "①",
    "٣",
    "९",
    "𝟗",
    "²³",
    "1²",
    "9" * 5000,
    "٣" * 5000,
    "1" + "0" * 4400,
    "99999999999",
    "9999",
    "0",
    "-1",
    "1e9",
    " 2 ",
    "+3",
    "0x10",
    "",
)


def _table_fragments() -> tuple[str, ...]:
    spans = [f"<td colspan={value}>格</td>" for value in SPAN_VALUES]
    spans += [f'<th rowspan="{value}">头</th>' for value in SPAN_VALUES]
    pieces = (
        "<td rowspan=9999 colspan=9999>大</td>",
        "<table><tr><td rowspan=9999 colspan=9999>大</td><td>b</td></tr><tr><td>c</td></tr></table>",
        "<table><caption>表题</caption><tr><td>格</td></tr></table>",
        f"<table><caption>{MARKER}</caption></table>",
        f"<table>{MARKER}<tr><td>格</td></tr></table>",
        f"<table><tr><td>a</td>{MARKER}<td>b</td></tr></table>",
        f"<table><p>{MARKER}</p><tr><td>格</td></tr></table>",
        f"<table><tr><td><table><tr><td>{MARKER}</td></tr></table></td></tr></table>",
        "<table><tr><td><table><tr><td><table><tr><td>深</td></tr></table></td></tr></table></td></tr></table>",
        "<caption>",
        "<table>",
        "<tr>",
        "<td>",
        "<th>",
        "</td>",
        "</table>",
        "<tbody><tr><td>",
        "<colgroup><col span=²>",
        "<td colspan=2 colspan=3>",
    )
    return tuple(spans) + pieces


# Structure around and inside the body: what comes before it, after it, and
# how deep it goes.
STRUCTURE = (
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<?xml version="1.0" encoding="gb2312"?>\n',
    "<?xml-stylesheet href='a.xsl'?>",
    "<?php echo 1; ?>",
    "<!DOCTYPE html>",
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "x.dtd">',
    f"</body></html><p>{MARKER}</p>",
    f"</html>{MARKER}",
    f"</html><!-- c --><div>{MARKER}</div>",
    "<html><body>",
    "</body>",
    "<frameset><frame src=a>",
    "<svg><p>",
    "<math><mi>",
    "<template><p>",
    "<div>" * 300,
    "<b>" * 300,
    "<span>" * 260,
    "<font>" * 255,
    "<a>" * 300,
    "<p><b><i><u><s><em><strong><small>" * 40,
    "<!---->" * 50,
    "<!--",
    "<!-->",
    "<!--->",
    "--!>",
    "<style></style>a" * 50,
    '<p class="show_author">作者</p>',
    "<p>相关阅读：</p><p>正文继续</p>",
    '<blockquote><div class="img_wrapper"><img src="//n.sinaimg.cn/q.jpg"></div></blockquote>',
    '<div>句子<a href="https://finance.sina.com.cn/realstock/company/sh600519/nc.shtml">贵州茅台</a>继续</div>',
    '<span id="stock_sh600519"></span>' * 20,
    '<meta charset="big5">',
    '<meta http-equiv="Content-Type" content="text/html; charset=shift_jis">',
    "<p " + " ".join(f"a{number}" for number in range(300)) + ">多属性</p>",
    '<p a="1" a="2" A="3">重复属性</p>',
)

# Picture addresses a browser or a Markdown renderer could be fooled by.
IMAGE_URLS = (
    "//javascript:alert(1)",
    "//javascript:alert(1)/a.jpg",
    " //javascript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "https://n.sinaimg.cn:99999/a.jpg",
    "https://n.sinaimg.cn:65536/a.jpg",
    "https://n.sinaimg.cn:0/a.jpg",
    "https://n.sinaimg.cn:-1/a.jpg",
    "https://n.sinaimg.cn:8o/a.jpg",
    "//n.sinaimg.cn:" + "9" * 5000 + "/a.jpg",
    "https://n.sinaimg.cn/a.jpg<script>alert(1)</script>",
    "https://n.sinaimg.cn/a.jpg&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
    "https://n.sinaimg.cn/a.jpg)![x](javascript:alert(1)",
    "https://n.sinaimg.cn/a b.jpg",
    "https://n.sinaimg.cn/a\u2028b.jpg",
    "http://[::1/a.jpg",
    "http://[v1.x]/a.jpg",
    "https://user:pw@n.sinaimg.cn/a.jpg",
    "https://n.sinaimg.cn\\@evil.example/a.jpg",
    "\\\\evil.example\\a.jpg",
    "https://n.sinaimg.cn/a{b}|c^d.jpg?q=\\x",
    "https://xn--/a.jpg",
    "https://n.sinaimg.cn/" + "a" * 3000 + ".jpg",
)


def _url_fragments() -> tuple[str, ...]:
    fragments: list[str] = []
    for url in IMAGE_URLS:
        fragments += [
            f'<img src="{url}">',
            f'<div class="img_wrapper"><img data-src="{url}" alt="图"><span class="img_descr">说明</span></div>',
        ]
    return tuple(fragments)


BODY_FRAGMENTS: dict[str, tuple[str, ...]] = {
    "raw-text tags": _raw_text_fragments(),
    "table pieces": _table_fragments(),
    "document structure": STRUCTURE,
    "URLs": _url_fragments(),
}

# Integers YAML 1.1 reads, written with thousands of digits (Python refuses to
# print an int of more than 4,300 digits), and floats that overflow.
_HUGE_NUMBERS = (
    "1" * 5000,
    "-" + "9" * 4400,
    "1_" * 2500 + "0",
    "0x" + "f" * 4000,
    "0x" + "F" * 20000,
    "0o" + "7" * 6000,
    "0" + "7" * 6000,  # YAML 1.1's other octal form
    "0b" + "1" * 15000,
    "1:2:3",
    "190:20:30",
    "1" + ":59" * 1500,
    "1.0e+400",
    "-1.0e+400",
    "1" + "0" * 400 + ".5",
)


def _number_lines() -> tuple[str, ...]:
    lines: list[str] = []
    for number in _HUGE_NUMBERS:
        lines += [f"n: {number}", f"list: [{number}, 1]", f"{number}: key"]
    lines += [
        "title: " + "1" * 5000,
        "comments: " + "1" * 5000,
        "date: " + "1" * 5000,
        "author: 0x" + "f" * 5000,
        "categories: [" + "9" * 5000 + "]",
        " - " + "9" * 5000,
    ]
    return tuple(lines)


_ESCAPES = (
    r"\0",
    r"\x01",
    r"\x7f",
    r"\a",
    r"\e",
    r"\uFFFE",
    r"\uFFFF",
    r"\ud800",
    r"\udfff",
    r"\ud83d\ude00",
    r"\u2028",
    r"\N",
    r"\U0010FFFF",
    r"\x00\x00",
)


def _escape_lines() -> tuple[str, ...]:
    lines: list[str] = []
    for escape in _ESCAPES:
        lines += [
            f'k: "a{escape}b"',
            f'title: "标题{escape}"',
            f'author: "{escape}"',
            f' - "{escape}"',
            f'"{escape}": v',
            f'nested: {{x: ["{escape}"]}}',
        ]
    return tuple(lines)


def _alias_lines() -> tuple[str, ...]:
    long_string = "长" * 2000
    return (
        "a: &a x",
        "b: *a",
        "<<: *a",
        "<<: {title: merged, extra: 1}",
        "<<: [*a, *a]",
        "m: &m {k: v}",
        "<<: *m",
        "r: &r [*r]",
        "u: *undefined",
        "title: &t 标题",
        "dup: *t",
        f"s: &s {long_string}",
        "l: [" + ",".join(["*s"] * 2000) + "]",
        "s2: &s2 [" + ",".join(["x" * 100] * 50) + "]",
        "l2: [" + ",".join(["*s2"] * 150) + "]",
        "&anchor key: value",
        "*a : value",
    )


# Scalars YAML resolves oddly (``=`` is YAML 1.1's value key) and tags that
# must never build anything: the python ones would call code, so they name a
# function of tests.hostile_fragments that records a call (see CONSTRUCTED).
SPECIAL_SCALAR_LINES = (
    "k: =",
    "title: =",
    "= : x",
    "k: [=, =]",
    "k: ~",
    "title: ~",
    "k: !!value x",
    "k: !!merge x",
    "k: !!null x",
    "k: !!str",
    "k: !!python/object:tests.hostile_fragments.Constructed {}",
    "k: !!python/object/new:tests.hostile_fragments.Constructed []",
    "k: !!python/object/apply:tests.hostile_fragments.construct []",
    "k: !!python/name:tests.hostile_fragments.construct",
    "k: !!python/module:tests.hostile_fragments",
    "k: !!python/object/apply:os.system ['echo constructed']",
    "!!python/object/apply:tests.hostile_fragments.construct []: v",
    "k: !<tag:yaml.org,2002:python/object/apply:tests.hostile_fragments.construct> []",
    "%TAG !p! tag:yaml.org,2002:python/\nk: !p!object/apply:tests.hostile_fragments.construct []",
)

# Keys written twice, or written two ways that read as one.
DUPLICATE_KEY_LINES = (
    "title: 另一个标题",
    "title: 另一个标题\ntitle: 第三个标题",
    "date: 2021-08-03 10:00:00",
    "categories: [其他]",
    "k: 1\nk: 2",
    "&#123;k&#125;: 1\n{k}: 2",
    "'&#123;k&#125;': 1\n'{k}': 2",
    "'{k}': 1\n'&#123;k&#125;': 2",
    "k: 1\n'k': 2",
    'k: 1\n"k": 2',
    "? k\n: 1\nk: 2",
    "1: a\n'1': b",
    "on: a\n'True': b",
)

# Lists whose indentation YAML reads otherwise than a line-by-line reader.
MISINDENTED_LINES = (
    "categories:\n- a\n  - b",
    "categories:\n  - a\n - b",
    "categories:\n - a\nb",
    "categories: x\n - a",
    "categories:\n -a",
    "categories:\n\t- a",
)

# Zone-less times that are ambiguous (the clocks went back) or that never
# happened (they went forward) in Asia/Shanghai, the default zone, which had
# daylight saving time in 1986-1991.
DATE_LINES = (
    "date: 1986-09-14 01:30:00",
    "date: 1991-09-15 01:30:00",
    "date: 1986-05-04 02:30:00",
    "date: 1991-04-14 02:30:00",
    "date: 1991年09月15日 01:30:00",
    "date: 1988年04月17日 02:30",
    "date: '1990-09-16T01:15:00'",
)

FRONT_MATTER_LINES: dict[str, tuple[str, ...]] = {
    "front-matter numbers": _number_lines(),
    "YAML escapes": _escape_lines(),
    "YAML aliases": _alias_lines(),
    "special scalars and duplicate keys": SPECIAL_SCALAR_LINES
    + DUPLICATE_KEY_LINES
    + MISINDENTED_LINES,
    "dates": DATE_LINES,
}

# Encodings a scraper may hand over without saying so. Each must decode right,
# be refused, or say it was guessed: never GB18030 mojibake in silence.
ENCODINGS = (
    "big5",
    "euc-kr",
    "shift_jis",
    "euc-jp",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "utf-8-sig",
    "gb2312",
    "hz",
)

# Byte sequences that are not UTF-8: overlong forms, CESU-8 (a surrogate pair
# encoded as two three-byte sequences), one lone surrogate, bytes that never
# start or continue a sequence, truncated sequences.
BAD_UTF8 = (
    b"\xc0\xaf",
    b"\xc1\xbf",
    b"\xe0\x80\xaf",
    b"\xe0\x9f\xbf",
    b"\xf0\x80\x80\xaf",
    b"\xf0\x8f\xbf\xbf",
    b"\xed\xa0\xbd\xed\xb8\x80",
    b"\xed\xa0\x80",
    b"\xed\xbf\xbf",
    b"\xf4\x90\x80\x80",
    b"\xff",
    b"\xfe",
    b"\x80",
    b"\xbf",
    b"\xe4\xb8",
    b"\xf0\x9f\x98",
)

CONSTRUCTED: list[object] = []
"""Appended to by :func:`construct` and :class:`Constructed`: must stay empty."""


def construct(*arguments: object) -> None:
    """Stands for the code a ``!!python/...`` tag would run."""
    CONSTRUCTED.append(arguments)


class Constructed:
    """Stands for the object a ``!!python/object`` tag would build."""

    def __init__(self, *arguments: object) -> None:
        CONSTRUCTED.append(arguments)

    def __new__(cls, *arguments: object) -> Constructed:
        CONSTRUCTED.append(arguments)
        return super().__new__(cls)

    def __setstate__(self, state: object) -> None:
        CONSTRUCTED.append(state)
