"""The front matter's YAML becomes typed fields and ``extra``."""

from __future__ import annotations

import datetime as dt

import attrs

from ..article import ParseWarning
from ..errors import DateError, FrontMatterError
from .dates import parse_date
from .lines import fast_fields, lenient_fields
from .not_text import may_hold_not_text, without_not_text
from .raw import RawField
from .yaml_reader import YamlSyntaxError, fields_from_yaml

_MAPPED_KEYS = frozenset(
    {"title", "date", "categories", "author", "comments", "headimg", "thumbnail"}
)


@attrs.frozen
class FrontMatter:
    """The front matter's fields, typed; the rest kept in ``extra``."""

    title: str
    date: dt.datetime
    categories: tuple[str, ...]
    author: str | None
    comments: bool | None
    head_image_url: str | None
    thumbnail_url: str | None
    extra: dict[str, object]
    warnings: tuple[ParseWarning, ...]


def read_front_matter(text: str, *, first_line: int, default_tz: dt.tzinfo) -> FrontMatter:
    """Read the YAML ``text``, which starts on line ``first_line`` of the document.

    Front matter that is not valid YAML but is in the aggregator's simple
    layout (one ``key: value`` a line, `` - item`` lists) is still read, with a
    ``front-matter-recovered`` warning: the aggregator writes titles holding
    ``"`` inside ``"…"`` without escaping them.

    A key written twice keeps its last value (``front-matter-duplicate-key``);
    what is not text is removed from every string (``front-matter-not-text``);
    a tag sinaparse does not read is set aside (``front-matter-tag-ignored``).

    Raises:
        FrontMatterError: the front matter cannot be read, is not a mapping, is
            over a limit (``raw.MAX_VALUES`` values, ``raw.MAX_REPEATED_CHARACTERS``
            characters repeated by aliases), or has no usable title or date.
    """
    warnings: list[ParseWarning] = []
    fields = _read_fields(text, first_line, warnings)

    title = _text(fields, "title")
    if not title or not title.strip():
        raise FrontMatterError("no 'title'", line=_line(fields, "title", first_line))

    date_text = _text(fields, "date")
    if not date_text:
        raise FrontMatterError("no 'date'", line=_line(fields, "date", first_line))
    try:
        date = parse_date(date_text, default_tz)
    except DateError as exc:
        raise DateError(f"'date' is {exc.reason}", line=_line(fields, "date", first_line)) from None
    warnings.extend(date.warnings)  # the zone assumed; a time the zone skips or repeats

    comments = fields["comments"].value if "comments" in fields else None
    if comments is not None and not isinstance(comments, bool):
        warnings.append(
            ParseWarning("comments-not-bool", f"'comments' is {comments!r}, not true or false")
        )
        comments = None

    return FrontMatter(
        title=title,
        date=date.value,
        categories=_text_list(fields, "categories"),
        author=_text(fields, "author") or None,
        comments=comments,
        head_image_url=_text(fields, "headimg") or None,
        thumbnail_url=_text(fields, "thumbnail") or None,
        extra={key: field.value for key, field in fields.items() if key not in _MAPPED_KEYS},
        warnings=tuple(warnings),
    )


def _read_fields(text: str, first_line: int, warnings: list[ParseWarning]) -> dict[str, RawField]:
    """The fields by the first reader that can read them, only text in their strings."""
    try:
        reading = fast_fields(text, first_line) or fields_from_yaml(text, first_line)
    except YamlSyntaxError as error:
        recovered = lenient_fields(text, first_line)
        if recovered is None or not {"title", "date"} <= recovered.fields.keys():
            raise FrontMatterError(error.reason, line=error.line) from error.__cause__
        reading = recovered
        warnings.append(
            ParseWarning("front-matter-recovered", f"read line by line: {error.reason}")
        )
    warnings.extend(reading.warnings)
    if may_hold_not_text(text):
        return without_not_text(reading.fields, warnings)
    return reading.fields


def _text(fields: dict[str, RawField], key: str) -> str | None:
    field = fields.get(key)
    if field is None:
        return None
    if field.text is None and field.value is not None:
        raise FrontMatterError(f"{key!r} is a list or mapping, not text", line=field.line)
    return field.text


def _text_list(fields: dict[str, RawField], key: str) -> tuple[str, ...]:
    field = fields.get(key)
    if field is None or field.value is None:
        return ()
    if field.items is not None:
        return field.items
    if field.text is not None:
        return (field.text,) if field.text else ()
    raise FrontMatterError(f"{key!r} is not a list of text", line=field.line)


def _line(fields: dict[str, RawField], key: str, default: int) -> int:
    field = fields.get(key)
    return field.line if field is not None else default
