"""What the fuzzer and the hostile mutations found, as the exact inputs.

Each distinct kind of broken promise that ``tests/fuzz/fuzz_parse.py`` (atheris,
with issue 12's fragments) or ``tests/test_hostile_mutations.py``
(``SINAPARSE_MUTATION_REPORT``, a survey) found, minimised, is given to
``parse`` and ``parse_body`` here and must keep the whole promise of
``tests/promise.py``. All but the last were found on 2026-12-02 and fixed
since by issue 12's merged work; the backslash in a picture URL was found
when these tests landed, and fixed in ``_data/urls.py``. The signature is the
fuzz target's (``ValueError at lines.py:_certain_scalar``, ``promise: url: …``),
as the library gave it before the fix.
"""

from __future__ import annotations

import attrs
import pytest

from .promise import outcomes

FRONT = b"---\ntitle: t\ndate: 2021-08-02 12:49:57\n"


@attrs.frozen
class Finding:
    """A minimised input, what found it, its signature and the issue's class."""

    data: bytes
    found_by: str
    signature: str
    issue_class: str


FINDINGS = {
    # The fast front-matter reader reads a plain integer with int(), which
    # refuses more than 4,300 digits. The fuzzer's input (a mangled key of
    # the aggregator's layout, "cateitle: 111…") minimised by hand to any key.
    "fast-reader-integer-of-4301-digits": Finding(
        FRONT + b"k: " + b"1" * 4301 + b"\n---\n<p>x</p>",
        "fuzzer",
        "ValueError at lines.py:_certain_scalar",
        "front-matter numbers",
    ),
    # A hexadecimal integer the YAML reader builds (the fast reader leaves
    # 0x to YAML) parses, and then repr(), to_dict()'s JSON and the writers
    # refuse to print it.
    "yaml-hex-integer-of-5000-digits": Finding(
        FRONT + b"k: 0x" + b"f" * 5000 + b"\n---\n<p>x</p>",
        "hostile mutations",
        "promise: json: repr, to_dict or json.dumps raised ValueError",
        "front-matter numbers",
    ),
    # A YAML escape makes a NUL (or any C0 control) in a value of extra.
    "yaml-escape-nul-in-extra": Finding(
        FRONT + b'c: "\\0"\n---\n<p>x</p>',
        "fuzzer",
        "promise: not-text: not text in to_dict",
        "YAML escapes",
    ),
    "yaml-escape-control-in-the-title": Finding(
        b'---\ntitle: "t\\x01"\ndate: 2021-08-02 12:49:57\n---\n<p>x</p>',
        "hostile mutations",
        "promise: not-text: not text in to_dict",
        "YAML escapes",
    ),
    # Raw text: <xmp>'s content comes out as markup text.
    "xmp-content-as-text": Finding(
        b"<xmp><p",
        "fuzzer",
        "promise: markup: markup in the text",
        "raw-text tags",
    ),
    "plaintext-swallows-the-rest": Finding(
        b"<p>a</p><plaintext><p>b</p>",
        "hostile mutations",
        "promise: markup: markup in the text",
        "raw-text tags",
    ),
    # Image URLs: a host with a port that is no number, a quote in the URL.
    "image-url-with-a-port-that-is-no-number": Finding(
        b'<img data-src="//n:r">',
        "fuzzer",
        "promise: url: image URL has an invalid host or port",
        "URLs",
    ),
    "image-url-javascript-as-a-host": Finding(
        b'<img src="//javascript:alert(1)">',
        "hostile mutations",
        "promise: url: image URL has an invalid host or port",
        "URLs",
    ),
    "image-url-port-over-65535": Finding(
        b'<img src="https://n.sinaimg.cn:99999/a.jpg">',
        "hostile mutations",
        "promise: url: image URL has an invalid host or port",
        "URLs",
    ),
    "image-url-holding-a-quote": Finding(
        b'<img src=http://">',
        "fuzzer",
        "promise: url: image URL holds a character to escape",
        "URLs",
    ),
    "image-url-holding-a-script-tag": Finding(
        b'<img src="https://n.sinaimg.cn/a.jpg<script>alert(1)</script>">',
        "hostile mutations",
        "promise: url: image URL holds a character to escape",
        "URLs",
    ),
    # Table spans that str.isdigit() accepts and int() refuses, or too long for int().
    "colspan-superscript-two": Finding(
        "<table><tr><td colspan=²>x</td></tr></table>".encode(),
        "hostile mutations",
        "ValueError at tables.py:_int_attribute",
        "table pieces",
    ),
    "rowspan-circled-one": Finding(
        "<table><tr><td rowspan=①>x</td></tr></table>".encode(),
        "hostile mutations",
        "ValueError at tables.py:_int_attribute",
        "table pieces",
    ),
    "colspan-of-5000-digits": Finding(
        b"<table><tr><td colspan=" + b"9" * 5000 + b">x</td></tr></table>",
        "hostile mutations",
        "ValueError at tables.py:_int_attribute",
        "table pieces",
    ),
    # The Markdown writer lays a cell of rowspan=9999 colspan=9999 on 10^8
    # slots (the fuzzer's timeout; interrupted here after 4 s).
    "markdown-writer-on-a-huge-span": Finding(
        FRONT + b"---\n<table><tr><td rowspan=9999 colspan=9999>x</td></tr></table>",
        "fuzzer",
        "promise: writer: writer markdown stopped after N s",
        "amplification (table spans)",
    ),
    # A zone-less time that Asia/Shanghai's 1991 clocks went back over: the
    # date reads one way, to_dict() writes its offset, from_dict gives another.
    "ambiguous-local-time": Finding(
        b"---\ntitle: t\ndate: 1991-09-15 01:30:00\n---\n<p>x</p>",
        "hostile mutations",
        "promise: round-trip: from_dict",
        "dates",
    ),
    # A backslash before the query is "/" to a browser and part of the host to
    # urlsplit: the URL was checked as evil.example's and kept with its "\\".
    "image-url-backslash-before-the-host": Finding(
        b'<img src="https://n.sinaimg.cn\\@evil.example/a.jpg">',
        "hostile mutations",
        "promise: url: image URL holds a character to escape",
        "URLs",
    ),
}


@pytest.mark.parametrize("finding", FINDINGS.values(), ids=FINDINGS.keys())
def test_a_fuzzer_or_mutation_finding_keeps_the_promise(finding: Finding) -> None:
    problems = [f"{o.function}: {p}" for o in outcomes(finding.data) for p in o.problems]
    assert problems == [], "\n".join(problems)
