"""ParseOptions: every knob of a parse, in one frozen object.

Every value is checked when the options are made: a value that cannot work
is an :class:`~sinaparse.OptionsError` there, never an error of every parse.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import warnings
import zoneinfo
from collections.abc import Iterable

import attrs

from ._data.urls import base_url_problem
from .boilerplate import DEFAULT_BOILERPLATE, BoilerplateRule
from .errors import OptionsError

__all__ = ["DEFAULT_OPTIONS", "ParseOptions"]

# What an IANA zone name looks like: ASCII components of letters, digits and
# ``_ + -``, each starting with a letter, joined by ``/``. Nothing else reaches
# the zone database, so a name can never be a path (no ``/`` first, no ``.``,
# no ``..``, no NUL): the name is a key of the database, not a file name.
_ZONE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z][A-Za-z0-9_+-]*)*")
# The longest IANA name is 32 characters (America/Argentina/ComodRivadavia).
_MAX_ZONE_NAME = 64
# Files some systems keep beside the zones that are not zones of their own:
# ``localtime`` is often a link to /etc/localtime, the machine's zone.
_NOT_ZONE_NAMES = frozenset({"localtime", "posixrules"})
# Names in sinaparse's own code, known to be zones: the default needs no look-up
# in the database's list, which costs a walk of its folder.
_KNOWN_ZONE_NAMES = frozenset({"Asia/Shanghai", "UTC"})


def _to_tzinfo(value: str | dt.tzinfo) -> dt.tzinfo:
    if isinstance(value, dt.tzinfo):
        return _checked_tzinfo(value)
    if not isinstance(value, str):
        raise OptionsError(
            f"default_tz must be a time zone name or a tzinfo, not {type(value).__name__}"
        )
    return zone_named(value, what="default_tz")


def zone_named(value: str, *, what: str) -> dt.tzinfo:
    """The IANA zone named ``value`` (``utc`` in any case is ``UTC``).

    Raises:
        OptionsError: ``value`` is no zone name, or no zone has it; the message
            starts with ``what``, the option that was given it.
    """
    shown = repr(value) if len(value) <= 80 else f"{value[:60]!r}… ({len(value):,} characters)"
    name = "UTC" if value.upper() == "UTC" else value
    if len(name) > _MAX_ZONE_NAME or not _ZONE_NAME.fullmatch(name) or name in _NOT_ZONE_NAMES:
        raise OptionsError(f"{what}: {shown} is not an IANA time zone name")
    zone = _zone(name)
    if zone is None:
        raise OptionsError(f"{what}: unknown time zone {shown}")
    return zone


def _checked_tzinfo(zone: dt.tzinfo) -> dt.tzinfo:
    # A tzinfo that cannot give an offset (the abstract base class, a broken
    # subclass) would fail every zone-less date: refuse it here instead.
    try:
        offset = zone.utcoffset(dt.datetime(2000, 1, 1))  # noqa: DTZ001 - probing the zone
    except Exception as exc:  # any failure of the user's code means the same
        raise OptionsError(f"default_tz: {zone!r} gives no UTC offset ({exc})") from None
    if not isinstance(offset, dt.timedelta):
        raise OptionsError(f"default_tz: {zone!r} gives no UTC offset ({offset!r})")
    return zone


def _zone(name: str) -> dt.tzinfo | None:
    """The zone named ``name`` (already of the form of a zone name), or None.

    Only a name the zone database lists is looked up, so no file but the
    database's own zones is ever opened.
    """
    if name in _KNOWN_ZONE_NAMES or name in _listed_zone_names():
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, OSError, ValueError):
            pass  # a known name on a machine without the database: see below
    if _listed_zone_names():
        return None
    return _bundled_zone(name)


@functools.cache
def _listed_zone_names() -> frozenset[str]:
    """The zones of the system's database (or of the ``tzdata`` package); read once."""
    return frozenset(zoneinfo.available_timezones())


def _bundled_zone(name: str) -> dt.tzinfo | None:
    # No system zone database and no tzdata package (some containers, Windows):
    # older dateutils ship a database of their own, read as a mapping by name.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # dateutil 3+: use zoneinfo
        from dateutil.zoneinfo import get_zonefile_instance

        zone: dt.tzinfo | None = get_zonefile_instance().zones.get(name)
    return zone


def _to_rules(value: Iterable[BoilerplateRule]) -> tuple[BoilerplateRule, ...]:
    if isinstance(value, (str, bytes, BoilerplateRule)):
        raise OptionsError(f"boilerplate must be a sequence of BoilerplateRule, not {value!r}")
    try:
        rules = tuple(value)
    except TypeError:
        raise OptionsError(
            f"boilerplate must be a sequence of BoilerplateRule, not {type(value).__name__}"
        ) from None
    for rule in rules:
        if not isinstance(rule, BoilerplateRule):
            raise OptionsError(f"boilerplate: {rule!r} is not a BoilerplateRule")
    return rules


def _positive(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise OptionsError(f"{attribute.name} must be a positive integer, not {value!r}")


def _web_address(instance: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        raise OptionsError(f"base_url must be a str or None, not {type(value).__name__}")
    problem = base_url_problem(value)
    if problem is not None:
        raise OptionsError(
            f"base_url must be an absolute http(s) URL, not {value[:200]!r}: {problem}"
        )


_INPUT_KINDS = ("auto", "post", "page", "body", "feed")


def _input_kind(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in _INPUT_KINDS:
        raise OptionsError(f"input_kind must be one of {', '.join(_INPUT_KINDS)}, not {value!r}")


@attrs.frozen(kw_only=True)
class ParseOptions:
    """How to parse. Change one knob with ``attrs.evolve(DEFAULT_OPTIONS, ...)``.

    Raises:
        OptionsError: a value of the wrong type, or one that cannot work.
    """

    default_tz: dt.tzinfo = attrs.field(default=_to_tzinfo("Asia/Shanghai"), converter=_to_tzinfo)
    """The zone of dates that carry none: a tzinfo, or an IANA zone name such as
    ``"Asia/Shanghai"`` (or ``"UTC"``). Names are keys of the zone database, never
    paths: anything else (a path, a POSIX ``TZ`` string) is an OptionsError."""
    base_url: str | None = attrs.field(default=None, validator=_web_address)
    """The page's absolute http(s) address, to resolve relative image URLs;
    without it they are dropped. Written as it is meant: a host name or IP
    address, a port 1-65535, no ``user:pass@``, no white space around it and
    no character a URL must escape (an OptionsError says which)."""
    boilerplate: tuple[BoilerplateRule, ...] = attrs.field(
        default=DEFAULT_BOILERPLATE, converter=_to_rules
    )
    """The boilerplate catalogue applied to every body (see :mod:`sinaparse.boilerplate`)."""
    max_bytes: int = attrs.field(default=8 * 1024 * 1024, validator=_positive)
    """The largest input accepted, in bytes (or characters, for ``str`` input); for a
    feed, the largest item description."""
    max_feed_bytes: int = attrs.field(default=256 * 1024 * 1024, validator=_positive)
    """The largest feed accepted as a whole (``parse_feed``): it is read as a stream."""
    max_feed_items: int = attrs.field(default=100_000, validator=_positive)
    """The most items read from one feed; past it, one error outcome ends the feed."""
    input_kind: str = attrs.field(default="auto", validator=_input_kind)
    """What the files of ``parse_many`` (and the command line) hold: ``"auto"``
    tells each file's kind from its content; ``"post"``, ``"page"``, ``"body"``
    or ``"feed"`` reads every file as that kind."""


DEFAULT_OPTIONS = ParseOptions()
"""The options every function uses unless given others."""
