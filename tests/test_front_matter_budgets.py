"""Front matter of ``max_bytes`` parses or fails within 2 s and 200 MB (issue 12).

Each case is the worst of its kind that the limits allow, or far past them:
each runs in a fresh interpreter, so that its peak memory is its own, and its
outputs (``to_dict``, JSON, ``repr``) are made too.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

SECONDS = 2.0
MEGABYTES = 200

_RUNNER = textwrap.dedent(
    """
    import json, sys, time
    import sinaparse
    MiB = 1024 * 1024
    HEAD = "---\\ntitle: 'x'\\ndate: 2021-08-02 12:49:57+08:00\\n"
    TAIL = "\\n---\\n<p>正文</p>\\n"

    def fill(prefix, unit, suffix=""):
        room = 8 * MiB - len((HEAD + prefix + suffix + TAIL).encode()) - 16
        return prefix + unit * (room // len(unit.encode())) + suffix

    post = (HEAD + eval(sys.argv[1]) + TAIL).encode()
    assert len(post) <= 8 * MiB
    start = time.perf_counter()
    try:
        article = sinaparse.parse(post)
        json.dumps(article.to_dict(), ensure_ascii=False).encode()
        repr(article)
        outcome = ["ok", len(article.extra), len(article.warnings)]
    except sinaparse.SinaParseError as error:
        outcome = ["error", type(error).__name__, str(error)[:200]]
    seconds = time.perf_counter() - start
    # VmHWM, not ru_maxrss: after exec, ru_maxrss still holds the parent's peak.
    status = open("/proc/self/status").read()
    megabytes = int(status.split("VmHWM:")[1].split()[0]) / 1024
    print(json.dumps({"outcome": outcome, "seconds": seconds, "megabytes": megabytes}))
    """
)

CASES = {
    # 1. Huge integers, as long as max_bytes allows.
    "decimal-integer": ("fill('n: 1', '0')", "ok"),
    "hex-integer": ("fill('n: 0x', 'f')", "ok"),
    "octal-integer": ("fill('n: 0', '7')", "ok"),
    "binary-integer": ("fill('n: 0b', '1')", "ok"),
    "base-60-integer": ("fill('n: 1', ':59')", "ok"),
    "integer-with-separators": ("fill('n: 1', '_0')", "ok"),
    "tagged-integer": ("fill(\"n: !!int '1\", '0', \"'\")", "ok"),
    "base-60-float": ("fill('n: 1', ':59', '.5')", "ok"),
    "integers-of-640-digits": ("fill('n: [', '9' * 640 + ', ', '1]')", "FrontMatterError"),
    "integers-of-530-hex-digits": ("'n: [' + ', '.join(['0x' + 'f' * 530] * 9990) + ']'", "ok"),
    "integers-recovered": ("'bad: \"a\"b\"\\n' + fill('n: 1', '0')", "ok"),
    # 2. Aliases: one long text, repeated.
    "alias-to-a-long-text": (
        "\"a: &a '\" + '&#123;长' * 200_000 + \"'\\nb: [\" + ', '.join(['*a'] * 9000) + ']'",
        "FrontMatterError",
    ),
    "aliases-to-the-character-limit": (
        "\"a: &a '\" + '长' * 99 + \"'\\nb: [\" + ', '.join(['*a'] * 9990) + ']'",
        "ok",
    ),
    # 3. Many small things.
    "keys": (
        "''.join(f'k{i}: {i}\\n' for i in range(600_000))[: 8 * MiB - 200]",
        "FrontMatterError",
    ),
    "list-items": ("fill('tags:\\n', ' - a\\n')", "FrontMatterError"),
    "flow-items": ("fill('tags: [', 'a,', 'a]')", "FrontMatterError"),
    "keys-of-long-values": ("''.join(f\"k{i}: '{'长' * 540}'\\n\" for i in range(4990))", "ok"),
    "comment-lines": ("fill('', '#c\\n')", "ok"),
    "blank-lines": ("fill('', '\\n')", "ok"),
    "one-long-title": ("fill('title: \"', '长\\\\n', '\"')", "ok"),
    "one-block-scalar": ("fill('t: |\\n', '  line\\n')", "ok"),
    "nested-flow": ("fill('t: ', '[')", "FrontMatterError"),
    # 4., 5. and 7. at the limits: warnings by the thousand, escapes by the million.
    "keys-written-twice": ("''.join(f\"title: '{'长' * 540}'\\n\" for i in range(4990))", "ok"),
    "escapes-that-are-not-text": ("fill('n: \"', '\\\\x01', '\"')", "ok"),
    "unknown-tags": ("''.join(f\"k{i}: !foo '{'长' * 540}'\\n\" for i in range(4990))", "ok"),
}


def _run(source: str) -> dict[str, object]:
    completed = subprocess.run(
        [sys.executable, "-c", _RUNNER, source],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result: dict[str, object] = json.loads(completed.stdout)
    return result


@pytest.mark.parametrize(("source", "expected"), CASES.values(), ids=CASES.keys())
def test_front_matter_of_max_bytes_is_read_within_bounds(source: str, expected: str) -> None:
    result = _run(source)
    outcome = result["outcome"]
    assert isinstance(outcome, list)
    assert outcome[0] == "ok" if expected == "ok" else outcome[:2] == ["error", expected], outcome
    assert isinstance(result["seconds"], float)
    assert result["seconds"] < SECONDS
    assert isinstance(result["megabytes"], float)
    assert result["megabytes"] < MEGABYTES
