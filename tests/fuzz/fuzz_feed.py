"""A coverage-guided fuzz target for sinaparse's feeds and pages, run with atheris.

Every input, as bytes, is given to ``sinaparse.parse_feed`` as a whole feed, and
as the description of one item of a valid feed in both of RSSHub's forms
(entity-escaped, and raw in CDATA), so that the item pipeline is reached even
when the input is no XML; and to ``sinaparse.parse_page``. A
``SinaParseError`` is a clean refusal (at the call, or as an error outcome);
any other exception escapes, and atheris reports it as a crash and writes the
input to a ``crash-*`` file. Each article must survive ``json.dumps(to_dict())``.

Run as ``fuzz_parse.py`` is (``tests/fuzz/README.md``), naming this file, with the
feed seeds (``tests/fuzz/seeds/feed_*.xml``) and the corpus pages among the seeds.
``SINAPARSE_FUZZ_KNOWN`` works as it does there.
"""

from __future__ import annotations

import functools
import json
import shlex
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import atheris  # type: ignore[import-not-found, import-untyped, unused-ignore]

with atheris.instrument_imports(include=["sinaparse", "dateutil"]):
    import sinaparse

from fuzz_parse import KNOWN, crash_signature  # type: ignore[import-not-found, unused-ignore]

_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>t</title><item>'
    b"<title>\xe6\xa0\x87\xe9\xa2\x98</title><link>https://finance.sina.com.cn/a.shtml</link>"
    b"<pubDate>Mon, 02 Aug 2021 12:49:57 GMT</pubDate><category>c</category><description>"
)
_TAIL = b"</description></item></channel></rss>"


def _escaped(data: bytes) -> bytes:
    return data.replace(b"&", b"&amp;").replace(b"<", b"&lt;").replace(b">", b"&gt;")


def _cdata(data: bytes) -> bytes:
    return b"<![CDATA[" + data.replace(b"]]>", b"]]]]><![CDATA[>") + b"]]>"


def feeds_of(data: bytes) -> Iterable[bytes]:
    """The input as a feed, and as one item's description in each form."""
    yield data
    yield _HEAD + _escaped(data) + _TAIL
    yield _HEAD + _cdata(data) + _TAIL


def _feed_articles(feed: bytes) -> Iterable[object]:
    for outcome in sinaparse.parse_feed(feed):
        if outcome.article is not None:
            yield outcome.article
        elif not isinstance(outcome.error, sinaparse.SinaParseError):
            raise TypeError(f"an error outcome holds {outcome.error!r}")


def _checked(parse: Callable[[], Iterable[object]]) -> None:
    try:
        for article in parse():
            json.dumps(article.to_dict())  # type: ignore[attr-defined]
    except sinaparse.SinaParseError:
        return
    except Exception as error:
        signature = crash_signature(error)
        if signature in KNOWN:
            return
        print(f"\nsinaparse-fuzz crash signature: {signature}", file=sys.stderr)
        raise


def check_one_input(data: bytes) -> None:
    """Parse ``data`` as feeds and as a page; only a SinaParseError may escape."""
    for feed in feeds_of(data):
        _checked(functools.partial(_feed_articles, feed))
    _checked(lambda: [sinaparse.parse_page(data)])


def main() -> None:
    # As in fuzz_parse.py: libFuzzer runs argv[0] through the shell for -fork,
    # -merge and -minimize_crash, so make it this interpreter running this file.
    command = f"{shlex.quote(sys.executable)} {shlex.quote(str(Path(__file__).resolve()))}"
    atheris.Setup([command, *sys.argv[1:]], check_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
