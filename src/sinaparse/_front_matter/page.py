"""A page's metadata strings become typed fields: its date, keywords, channel.

In: a :class:`~sinaparse._sources.page.RawPage`. Out: a :class:`PageFront`,
the page's counterpart of a post's front matter. The page's URL is read in
the build, with the picture URLs' rules.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

import attrs

from .._data.invariants import date_problem
from .._sources.page import RawPage
from .._sources.page_header import SHOWN_OFFSET, SHOWN_TIME, SOURCE_LABEL
from .._sources.page_metas import TITLE_ELEMENT
from .._text import clean_text
from ..article import ParseWarning
from ..errors import DateError, FrontMatterError
from .dates import ReadDate, parse_date

# The metas a page's time may come from, in the order they are trusted: the
# time Weibo was told of (it agrees with the shown time), then Open Graph's
# (often a later update).
DATE_METAS = ("weibo:article:create_at", "article:published_time")
# The channel name Sina appends to a keyword block's data-wbkey.
WBKEY_CHANNELS = frozenset(
    [
        "新闻",
        "财经",
        "科技",
        "体育",
        "娱乐",
        "汽车",
        "教育",
        "时尚",
        "女性",
        "星座",
        "健康",
        "房产",
        "历史",
        "视频",
        "收藏",
        "育儿",
        "读书",
        "佛学",
        "游戏",
        "旅游",
        "军事",
        "国学",
        "公益",
        "家居",
        "艺术",
        "博客",
        "股票",
        "外汇",
        "基金",
        "期货",
        "美股",
        "港股",
    ]
)
# The site's own names, which Sina's keyword metas and <title>s end with:
# 新浪网, 手机新浪网, a channel's (新浪财经, 新浪新闻中心; traditional 新浪財經 too),
# sina.com.cn, Sina Finance. A name holding 新浪 otherwise (新浪微博, 新浪旗下…)
# is no site's.
SITE_NAME = re.compile(
    r"(?:手机|手機)?新浪(?:网|網|新闻中心|新闻|新聞|财经|財經|科技|体育|體育|娱乐|娛樂|汽车|汽車)?"
    r"|(?:www\.)?sina(?:\.com\.cn|\.cn|\.com)?(?: [a-z]+)?",
    re.IGNORECASE,
)
_KEYWORD_SEPARATORS = re.compile(r"[,，、;；|]")


@attrs.frozen
class Labelled:
    """The front matter's errors of an input that has none: labelled by what it is."""

    stage: str

    def front_matter(self, reason: str, *, line: int | None = None) -> FrontMatterError:
        return FrontMatterError(reason, line=line)._labelled(self.stage)

    def date(self, reason: str, *, line: int | None = None) -> DateError:
        return DateError(reason, line=line)._labelled(self.stage)


PAGE_ERRORS = Labelled("page")


@attrs.frozen
class PageFront:
    """A page's (or a feed item's) metadata, typed."""

    title: str
    date: dt.datetime
    author: str | None
    """``article:author`` (a feed item's creator); None when empty."""
    source: str | None
    """The page's source element, or the media named after its shown time."""
    keywords: tuple[str, ...]
    channel: str | None
    url_candidates: tuple[tuple[str, str], ...]
    """``(where, text)`` of the addresses the page gives itself, most trusted first."""
    warnings: tuple[ParseWarning, ...]


def read_page_front(page: RawPage, *, default_tz: dt.tzinfo) -> PageFront:
    """Type the page's metadata.

    Raises:
        FrontMatterError: the page has no headline and no ``og:title``.
        DateError: the page shows no readable date and has no date meta.
    """
    warnings: list[ParseWarning] = []
    title = (
        page.headline
        or clean_text(page.meta.get("og:title", "").replace("\xa0", " "))
        or _document_title(page.meta.get(TITLE_ELEMENT, ""))
    )
    if not title:
        raise PAGE_ERRORS.front_matter(
            "no title: no h1.main-title, h1#artibodyTitle, h1.art_tit_h1, og:title or <title>"
        )
    date, shown_rest = _page_date(page, default_tz, warnings)
    author = clean_text(page.meta.get("article:author", "")) or None
    return PageFront(
        title=title,
        date=date,
        author=author,
        source=_without_label(page.source or shown_rest),
        keywords=page_keywords(page, title),
        channel=" > ".join(page.channel_links) or None,
        url_candidates=tuple(
            (where, page.meta[where]) for where in ("og:url", "canonical") if page.meta.get(where)
        ),
        warnings=tuple(warnings),
    )


# The site's names a page's <title> ends with: 标题_新浪财经_新浪网, 标题|新浪新闻,
# 标题-手机新浪网. Only such trailing parts go: a title's own "_" or "|" stays.
_TITLE_PARTS = re.compile(r"\s*(?:[_|｜]|\s-\s)\s*")


def _document_title(text: str) -> str:
    """The headline in a page's ``<title>``, without the site's names after it."""
    text = clean_text(text.replace("\xa0", " "))
    end = len(text)
    for separator in reversed(list(_TITLE_PARTS.finditer(text))):
        if not SITE_NAME.fullmatch(text, separator.end(), end):
            break
        end = separator.start()
    return text[:end]


def _page_date(
    page: RawPage, default_tz: dt.tzinfo, warnings: list[ParseWarning]
) -> tuple[dt.datetime, str | None]:
    """The page's time, and the text shown after it (the media, on 2016 pages)."""
    metas = _MetaDates(page, default_tz, warnings)
    shown = SHOWN_TIME.search(page.shown_date) if page.shown_date else None
    if shown is not None:
        try:
            return _with_seconds(shown, metas, default_tz), _rest(page.shown_date, shown)
        except ValueError:
            pass
    where = page.shown_date_element or "the header"
    if page.shown_date:
        warnings.append(
            ParseWarning("page-date-unreadable", f"{where} {page.shown_date!r} is not a date")
        )
    first = next(iter(metas), None)
    if first is not None:
        return first.value, None
    if page.shown_date:
        raise PAGE_ERRORS.date(
            f"no readable date: {where} shows {page.shown_date!r}, not a date and time, "
            "and no weibo: article:create_at or article:published_time meta gives one"
        )
    raise PAGE_ERRORS.date(
        "no date: no span.date, .time-source, #pub_date, time.weibo_time, "
        "weibo: article:create_at or article:published_time"
    )


def _with_seconds(shown: re.Match[str], metas: _MetaDates, default_tz: dt.tzinfo) -> dt.datetime:
    """The shown time, in its ISO offset, else the zone of a meta written with
    one that shows the same time (:func:`_shown_zone`), else ``default_tz``;
    with the seconds of the first meta time that agrees with it to the minute
    (pages show minutes only)."""
    year, month, day, hour, minute = (int(part) for part in shown.groups()[:5])
    second = int(shown.group(6) or 0)
    wall = dt.datetime(year, month, day, hour, minute, second)  # noqa: DTZ001 - zone below
    zone = _iso_offset(shown) or _shown_zone(wall, metas, default_tz)
    value = wall.replace(tzinfo=zone)
    if date_problem(value) is not None:
        raise ValueError("a date no zone conversion can take")  # read as no shown date
    if shown.group(6) is None:
        for meta in metas:
            # A meta without a zone shows its time in the page's zone, as the page does.
            local = (
                meta.value.replace(tzinfo=zone)
                if meta.zone_assumed
                else meta.value.astimezone(zone)
            )
            if local.replace(second=0, microsecond=0) == value:
                return value.replace(second=local.second)
    return value


def _shown_zone(wall: dt.datetime, metas: _MetaDates, default_tz: dt.tzinfo) -> dt.tzinfo:
    """The zone of a shown time written without one: that of a meta written with
    a zone (``article:published_time`` ``…+08:00``) whose clock shows the same
    minute, which is the page's own word on its zone; else ``default_tz``
    (a Sina page shows Beijing time, whatever zone the caller's posts are in)."""
    for meta in metas:
        if meta.zone_assumed:
            continue
        if meta.value.replace(tzinfo=None, second=0, microsecond=0) == wall.replace(second=0):
            own = meta.value.tzinfo
            # The same offset as default_tz's: default_tz, as for any other page.
            # A Z (UTC) on the shown clock's time is a writer's slip (a local
            # time with a literal Z), not the zone a Sina page shows: no word.
            offset = meta.value.utcoffset()
            same = offset == wall.replace(tzinfo=default_tz).utcoffset()
            return default_tz if same or not offset or own is None else own
    return default_tz


def _iso_offset(shown: re.Match[str]) -> dt.tzinfo | None:
    """The zone an ISO 8601 time (``…T09:30:15+08:00``) names right after it."""
    if "T" not in shown.group():
        return None
    offset = SHOWN_OFFSET.match(shown.string, shown.end())
    if offset is None:
        return None
    text = offset.group(1)
    if text == "Z":
        return dt.timezone.utc
    sign = -1 if text[0] == "-" else 1
    hours, minutes = int(text[1:3]), int(text[-2:])
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


class _MetaDates:
    """The date metas' times, in trust order, each read (and its warnings
    given) only when it is first asked for: a meta never needed says nothing."""

    def __init__(self, page: RawPage, default_tz: dt.tzinfo, warnings: list[ParseWarning]):
        self._page, self._default_tz, self._warnings = page, default_tz, warnings
        self._names = iter(DATE_METAS)
        self._read: list[ReadDate] = []

    def __iter__(self) -> Iterator[ReadDate]:
        yield from self._read
        for name in self._names:
            read = self._read_meta(name)
            if read is not None:
                self._read.append(read)
                yield read

    def _read_meta(self, name: str) -> ReadDate | None:
        text = self._page.meta.get(name, "").strip()
        if not text:
            return None
        try:
            read = parse_date(text, self._default_tz)
        except DateError:
            self._warnings.append(
                ParseWarning("page-date-unreadable", f"{name} {text!r} is not a date")
            )
            return None
        # An ambiguous zone's reading is said; a zone-less meta is Beijing time, as shown.
        self._warnings.extend(w for w in read.warnings if w.code != "date-assumed-zone")
        return read


def _rest(text: str | None, shown: re.Match[str]) -> str | None:
    rest = clean_text((text or "")[: shown.start()] + " " + (text or "")[shown.end() :])
    return rest or None


def _without_label(source: str | None) -> str | None:
    """The source without the ``来源：`` a page may write before its name."""
    if source is None:
        return None
    return SOURCE_LABEL.sub("", source, count=1) or None


def page_keywords(page: RawPage, title: str) -> tuple[str, ...]:
    """The keyword block's links; else its ``data-wbkey`` without the channel name
    Sina appends; else ``meta name=keywords`` without the site's name and without
    the title (Sina's stand-in when an article has no keywords)."""
    if page.keyword_links:
        return _unique(page.keyword_links)
    if page.wbkey:
        items = split_keywords(page.wbkey)
        if items and items[-1] in WBKEY_CHANNELS:
            items = items[:-1]
        return _unique(items)
    items = split_keywords(page.meta.get("keywords", ""))
    return _unique(item for item in items if not SITE_NAME.fullmatch(item) and item != title)


def split_keywords(text: str) -> list[str]:
    """The keywords of a list written with commas (or ，、;)."""
    return [word for word in (clean_text(part) for part in _KEYWORD_SEPARATORS.split(text)) if word]


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
