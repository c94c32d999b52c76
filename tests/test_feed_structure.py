"""A feed's items are the elements at its item level; what is not an item is
freed as it ends, an item holds a bounded number of elements, and text after
the feed's end is one error outcome after its items, whatever the feed's size."""

from __future__ import annotations

import pytest

import sinaparse
from sinaparse import InputError
from sinaparse._sources.feed import Feed, RawItem

DATE = "<pubDate>Mon, 01 May 2023 10:00:00 +0800</pubDate>"
ITEM = f"<item><title>T</title>{DATE}<description>body</description></item>"
ENTRY = (
    "<entry><title>T</title><updated>2023-05-01T10:00:00+08:00</updated>"
    "<content>body</content></entry>"
)
ATOM_OPEN = '<feed xmlns="http://www.w3.org/2005/Atom"><title>f</title>'


def _rss(inner: str) -> str:
    return f"<rss><channel><title>c</title>{inner}</channel></rss>"


# --- Memory: what is not needed is freed -----------------------------------------


class _Measured(Feed):
    """A feed that records the size of its tree after each chunk is read."""

    largest = 0

    def _prune(self, item: object) -> None:
        super()._prune(item)  # type: ignore[arg-type]
        if self.root is not None:
            self.largest = max(self.largest, sum(1 for _ in self.root.iter()))


FILLERS = {
    "in-the-channel": lambda filler: _rss(filler + ITEM),
    "in-a-wrapper": lambda filler: _rss(f"<wrap>{filler}</wrap>{ITEM}"),
    "after-the-items": lambda filler: _rss(ITEM + filler),
    "in-the-rss-root": lambda filler: f"<rss>{filler}{ITEM}</rss>",
    "in-an-atom-feed": lambda filler: f"{ATOM_OPEN}{filler}{ENTRY}</feed>",
    "in-one-item": lambda filler: _rss(ITEM.replace("<title>", filler + "<title>")),
}


def _largest_tree(xml: str) -> tuple[int, list[RawItem]]:
    feed = _Measured(xml, max_bytes=1 << 30, max_items=100, max_item_elements=1_000)
    items = list(feed)
    return feed.largest, items


@pytest.mark.parametrize("where", list(FILLERS))
def test_the_tree_stays_bounded_whatever_the_feed_holds_besides_its_items(where: str) -> None:
    small, _ = _largest_tree(FILLERS[where]("<x/>" * 50_000))
    large, items = _largest_tree(FILLERS[where]("<x/>" * 100_000))
    # One chunk of XML (64 KiB: 16,384 empty elements) at most, at n as at 2n.
    assert large <= 20_000
    assert large <= small + 100
    assert len(items) == 1


@pytest.mark.parametrize(
    "filler",
    [
        "<x/>" * 1_001,
        "<div>" + "<p>a</p>" * 1_001 + "</div>",
        "<x>" * 200 + "<y/>" * 1_000 + "</x>" * 200,
    ],
    ids=["flat", "xhtml", "deep"],
)
@pytest.mark.parametrize("atom", [False, True], ids=["rss", "atom"])
def test_an_item_of_too_many_elements_is_an_error_and_the_feed_goes_on(
    filler: str, atom: bool
) -> None:
    if atom:
        bad = ENTRY.replace("<content>", filler + "<content>")
        xml = f"{ATOM_OPEN}{ENTRY}{bad}{ENTRY}</feed>"
    else:
        xml = _rss(ITEM + ITEM.replace("<title>", filler + "<title>") + ITEM)
    feed = Feed(xml, max_bytes=1 << 30, max_items=100, max_item_elements=1_000)
    items = list(feed)
    assert [item.error is None for item in items] == [True, False, True]
    assert isinstance(items[1].error, InputError)
    assert "more than 1,000 elements" in str(items[1].error)


def test_an_item_at_the_element_limit_is_read() -> None:
    xml = _rss(ITEM.replace("<title>", "<x/>" * 997 + "<title>"))  # 997 + title, date, body
    (item,) = Feed(xml, max_bytes=1 << 30, max_items=100, max_item_elements=1_000)
    assert (item.error, item.title) == (None, "T")


# --- Only the item level holds items -----------------------------------------------


@pytest.mark.parametrize(
    ("xml", "title", "paragraphs"),
    [
        (
            _rss(
                f"<item><title>Outer</title>{DATE}<description><p>first paragraph</p>"
                "<item>x</item><p>after</p></description></item>"
            ),
            "Outer",
            ("first paragraph", "x", "after"),
        ),
        (
            _rss(
                f"<item><title>Outer</title>{DATE}<item><title>Inner</title>{DATE}</item>"
                "<description>outer body</description></item>"
            ),
            "Outer",
            ("outer body",),
        ),
        (
            f"{ATOM_OPEN}<entry><title>Outer</title><updated>2023-05-01T10:00:00Z</updated>"
            '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>one</p>'
            '<entry xmlns="http://www.w3.org/2005/Atom">In</entry><p>two</p>'
            "</div></content></entry></feed>",
            "Outer",
            ("one", "In", "two"),
        ),
        (
            _rss(f"<image><item><title>not an item</title>{DATE}</item></image>{ITEM}"),
            "T",
            ("body",),
        ),
    ],
    ids=["item-in-a-description", "item-in-an-item", "entry-in-xhtml-content", "item-in-image"],
)
def test_only_elements_at_the_item_level_are_items(
    xml: str, title: str, paragraphs: tuple[str, ...]
) -> None:
    (outcome,) = sinaparse.parse_feed(xml)
    assert outcome.article is not None, outcome.error
    assert (outcome.article.title, outcome.article.paragraphs) == (title, paragraphs)


@pytest.mark.parametrize(
    "xml",
    [_rss(ITEM * 2), f"<rss>{ITEM * 2}</rss>", f"{ATOM_OPEN}{ENTRY * 2}</feed>"],
    ids=["rss-channel-item", "rss-item", "atom-entry"],
)
def test_the_item_levels(xml: str) -> None:
    assert [outcome.ok for outcome in sinaparse.parse_feed(xml)] == [True, True]


# --- Text after the feed's end -------------------------------------------------------

PADDING = "<!--" + "x" * 100_000 + "-->"


@pytest.mark.parametrize("padding", ["", PADDING], ids=["small", "past-one-chunk"])
@pytest.mark.parametrize(
    ("junk", "shown"),
    [("junk", "'junk'"), ("\n<rss/>", "'<rss/>'"), ("\n\n中文 text", "'中文 text'")],
    ids=["text", "a-second-root", "chinese-on-a-later-line"],
)
def test_text_after_the_feed_is_one_error_after_its_items(
    padding: str, junk: str, shown: str
) -> None:
    xml = _rss(ITEM * 3 + padding) + junk
    outcomes = list(sinaparse.parse_feed(xml))
    assert [outcome.ok for outcome in outcomes] == [True, True, True, False]
    error = outcomes[-1].error
    assert isinstance(error, InputError)
    assert f"goes on after the feed's </rss>: {shown} is not read" in str(error)
    assert error.line == 1 + junk.count("\n")


@pytest.mark.parametrize(
    "end",
    ["<item><title>x</ti", "<item><title>x</title>", f"{ITEM}<item><title>x</title>{DATE}"],
    ids=["inside-a-tag", "inside-an-item", "after-an-item"],
)
def test_a_feed_cut_short_gives_no_item_it_never_closed(end: str) -> None:
    xml = f"<rss><channel><title>t</title>{end}"
    outcomes = list(sinaparse.parse_feed(xml))
    assert [outcome.ok for outcome in outcomes] == [True] * end.count("</item>") + [False]
    assert "the feed's XML breaks here" in str(outcomes[-1].error)
