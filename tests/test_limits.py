"""Hostile input: each case parses or fails cleanly within 2 s and 200 MB.

Each case runs in a fresh interpreter so that its peak memory is its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SECONDS = 2.0
MEGABYTES = 200

_RUNNER = textwrap.dedent(
    """
    import json, resource, sys, time
    import sinaparse
    source = eval(sys.argv[1])
    function = getattr(sinaparse, sys.argv[2])
    start = time.perf_counter()
    try:
        result = function(source)
        outcome = ["ok", len(result.paragraphs), len(result.images)]
    except sinaparse.SinaParseError as error:
        outcome = ["error", type(error).__name__, str(error)[:200]]
    seconds = time.perf_counter() - start
    # VmHWM, not ru_maxrss: after exec, ru_maxrss still holds the parent's peak.
    status = open("/proc/self/status").read()
    if "VmHWM:" in status:
        megabytes = int(status.split("VmHWM:")[1].split()[0]) / 1024
    else:
        megabytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"outcome": outcome, "seconds": seconds, "megabytes": megabytes}))
    """
)

POST = "'\\n---\\ntitle: x\\ndate: Mon, 02 Aug 2021 12:49:57 GMT\\n' + {front} + '---\\n' + {body}"


def _post(front: str = "''", body: str = "'<p>正文</p>'") -> str:
    return POST.format(front=front, body=body)


BOMB = (
    "'a: &a [x,x,x,x,x,x,x,x,x,x]\\n' + ''.join("
    "f'{chr(98+i)}: &{chr(98+i)} [' + ','.join([f'*{chr(97+i)}'] * 10) + ']\\n' for i in range(8))"
)

CASES = {
    "yaml-alias-bomb": (_post(front=BOMB), "parse", "FrontMatterError"),
    "yaml-recursive-alias": (_post(front="'r: &r [*r]\\n'"), "parse", "FrontMatterError"),
    "yaml-python-object-tag": (
        _post(front="'x: !!python/object/apply:os.system [\"echo owned\"]\\n'"),
        "parse",
        "FrontMatterError",
    ),
    "yaml-deeply-nested": (
        _post(front="'x: ' + '[' * 200000 + '\\n'"),
        "parse",
        "FrontMatterError",
    ),
    "html-100000-levels": (
        "'<div>' * 100000 + '深' + '</div>' * 100000",
        "parse_body",
        "ok",  # read without its nesting (issue 12): no whole-body loss
    ),
    "html-30mb-attribute": (
        "'<p title=\"' + 'x' * 30_000_000 + '\">正文</p>'",
        "parse_body",
        "InputError",
    ),
    "html-external-entity": (
        "'<!DOCTYPE html [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><p>&x;正文</p>'",
        "parse_body",
        "ok",
    ),
    "html-10000-images": (  # as many as a body may hold (walk.MAX_ITEMS)
        '\'\'.join(f\'<div class="img_wrapper"><img src="//n.sinaimg.cn/{i}.jpg">'
        '<span class="img_descr">图{i}</span></div>\' for i in range(10000))',
        "parse_body",
        "ok",
    ),
    "html-50000-images": (  # more than a body may hold: refused, not read for seconds
        '\'\'.join(f\'<div class="img_wrapper"><img src="//n.sinaimg.cn/{i}.jpg">'
        '<span class="img_descr">图{i}</span></div>\' for i in range(50000))',
        "parse_body",
        "BodyError",
    ),
    "html-100000-paragraphs": (
        "''.join(f'<p>段落{i}</p>' for i in range(100000))",
        "parse_body",
        "ok",
    ),
}


def _run(source: str, function: str) -> dict[str, object]:
    completed = subprocess.run(
        [sys.executable, "-c", _RUNNER, source, function],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result: dict[str, object] = json.loads(completed.stdout)
    return result


@pytest.mark.parametrize(("source", "function", "expected"), CASES.values(), ids=CASES.keys())
def test_hostile_input_is_handled_within_bounds(source: str, function: str, expected: str) -> None:
    result = _run(source, function)
    outcome = result["outcome"]
    assert isinstance(outcome, list)
    if expected == "ok":
        assert outcome[0] == "ok"
    else:
        assert outcome[:2] == ["error", expected]
    assert isinstance(result["seconds"], float)
    assert result["seconds"] < SECONDS
    assert isinstance(result["megabytes"], float)
    assert result["megabytes"] < MEGABYTES


def test_a_file_far_over_max_bytes_is_refused_without_being_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.md"
    with huge.open("wb") as file:
        file.truncate(4 * 1024**3)  # sparse: 4 GiB of NUL bytes that take no disk

    result = _run(repr(str(huge)), "parse_file")

    assert result["outcome"] == [
        "error",
        "InputError",
        f"{huge}: input: larger than max_bytes (8,388,608 bytes)",
    ]
    assert isinstance(result["seconds"], float)
    assert result["seconds"] < SECONDS
    assert isinstance(result["megabytes"], float)
    assert result["megabytes"] < MEGABYTES


def test_external_entities_are_never_read() -> None:
    import sinaparse

    body = sinaparse.parse_body(
        '<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/hostname">]><p>&x;正文</p>'
    )
    assert "&x;正文" in body.paragraphs
