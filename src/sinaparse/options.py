"""ParseOptions: every knob of a parse, in one frozen object."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import attrs
from dateutil import tz as dateutil_tz

from .boilerplate import DEFAULT_BOILERPLATE, BoilerplateRule
from .errors import OptionsError

__all__ = ["DEFAULT_OPTIONS", "ParseOptions"]


def _to_tzinfo(value: str | dt.tzinfo) -> dt.tzinfo:
    if isinstance(value, dt.tzinfo):
        return value
    try:
        return zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        # No system zone database (some containers, Windows): dateutil ships one.
        zone = dateutil_tz.gettz(value) if isinstance(value, str) else None
        if zone is None:
            raise OptionsError(f"default_tz: unknown time zone {value!r}") from None
        return zone


def _to_rules(value: tuple[BoilerplateRule, ...]) -> tuple[BoilerplateRule, ...]:
    rules = tuple(value)
    for rule in rules:
        if not isinstance(rule, BoilerplateRule):
            raise OptionsError(f"boilerplate: {rule!r} is not a BoilerplateRule")
    return rules


def _positive(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or value <= 0:
        raise OptionsError(f"{attribute.name} must be a positive integer, not {value!r}")


@attrs.frozen(kw_only=True)
class ParseOptions:
    """How to parse. Change one knob with ``attrs.evolve(DEFAULT_OPTIONS, ...)``."""

    default_tz: dt.tzinfo = attrs.field(default=_to_tzinfo("Asia/Shanghai"), converter=_to_tzinfo)
    """The zone of dates that carry none (a name such as ``"Asia/Shanghai"`` or a tzinfo)."""
    base_url: str | None = None
    """The page's address, to resolve relative image URLs; without it they are dropped."""
    boilerplate: tuple[BoilerplateRule, ...] = attrs.field(
        default=DEFAULT_BOILERPLATE, converter=_to_rules
    )
    """The boilerplate catalogue applied to every body (see :mod:`sinaparse.boilerplate`)."""
    max_bytes: int = attrs.field(default=8 * 1024 * 1024, validator=_positive)
    """The largest input accepted, in bytes (or characters, for ``str`` input)."""


DEFAULT_OPTIONS = ParseOptions()
"""The options every function uses unless given others."""
