"""Hostile options: every value that cannot work is an OptionsError when the options are made.

Zone names are keys of the zone database, never paths: a name that is not a
zone never reaches zoneinfo or dateutil (which would open the file it names).
A boilerplate rule that would fail on bodies (an undefined prefix, function or
variable, wrong arguments) or select no elements (a number, a string) is
refused when the rule is made.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import attrs
import dateutil.tz
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import sinaparse
from sinaparse import DEFAULT_OPTIONS, BoilerplateRule, OptionsError, ParseOptions
from sinaparse import options as options_module

from .posts import make_post, paragraph

NOT_ZONE_NAMES = [
    "/etc/passwd",
    "../../x",
    "../../../../../../etc/passwd",
    "Asia/../../../etc/passwd",
    "",
    "\0",
    "Asia/Shanghai\0",
    "a" * 5000,
    "America/New York",
    " UTC",
    "Asia//Shanghai",
    "Asia/Shanghai/",
    "/usr/share/zoneinfo/UTC",
    "./UTC",
    "zone.tab",
    "tzdata.zi",
    "localtime",
    "C:\\Windows",
    "Asia/上海",
    "CST-8",  # a POSIX TZ string, which dateutil would accept
    "EST5EDT,M3.2.0,M11.1.0",
    "leapseconds",  # a file of the database that is not a zone
    "posix/Asia/Shanghai",
    "Mars/Olympus_Mons",
]


class _Spy:
    """Stands in for the functions that would look a name up; fails if one is called."""

    def __init__(self) -> None:
        self.names: list[object] = []

    def __call__(self, name: object, *args: object, **kwargs: object) -> Any:
        self.names.append(name)
        raise AssertionError(f"looked up {name!r}")


@pytest.mark.parametrize("name", NOT_ZONE_NAMES, ids=lambda name: repr(name)[:30])
def test_a_name_that_is_not_a_zone_is_an_options_error(name: str) -> None:
    with pytest.raises(OptionsError, match="default_tz"):
        ParseOptions(default_tz=name)


@pytest.mark.parametrize(
    "name",
    [name for name in NOT_ZONE_NAMES if name not in ("leapseconds", "posix/Asia/Shanghai")],
    ids=lambda name: repr(name)[:30],
)
def test_a_name_that_is_not_a_zone_is_never_looked_up(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Unknown names of the form of a zone name are checked against the
    # database's list (read once, beforehand): none reaches a look-up.
    options_module._listed_zone_names()
    spy = _Spy()
    monkeypatch.setattr(zoneinfo, "ZoneInfo", spy)
    monkeypatch.setattr(dateutil.tz, "gettz", spy)
    monkeypatch.setattr(options_module, "_bundled_zone", spy)
    with pytest.raises(OptionsError):
        ParseOptions(default_tz=name)
    assert spy.names == []


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80) | st.from_regex(r"[A-Za-z./_+\- -]{0,40}", fullmatch=True))
@example("../" * 2000 + "etc/passwd")
def test_any_text_is_a_zone_or_an_options_error(name: str) -> None:
    try:
        zone = ParseOptions(default_tz=name).default_tz
    except OptionsError:
        return
    assert name.upper() == "UTC" or name in zoneinfo.available_timezones()
    assert zone.utcoffset(dt.datetime(2021, 8, 2)) is not None  # noqa: DTZ001


@pytest.mark.parametrize(
    "name", ["Asia/Shanghai", "UTC", "utc", "America/New_York", "Europe/London", "Etc/GMT+5"]
)
def test_zone_names_are_accepted(name: str) -> None:
    zone = ParseOptions(default_tz=name).default_tz
    expected = "UTC" if name.upper() == "UTC" else name
    assert zone == zoneinfo.ZoneInfo(expected)


def test_without_a_zone_database_dateutils_own_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    # Some containers and Windows have no system database and no tzdata.
    def no_zone(name: str) -> zoneinfo.ZoneInfo:
        raise zoneinfo.ZoneInfoNotFoundError(name)

    monkeypatch.setattr(options_module, "_listed_zone_names", frozenset)
    monkeypatch.setattr(zoneinfo, "ZoneInfo", no_zone)
    bundled: list[str] = []

    def bundled_zone(name: str) -> dt.tzinfo:
        bundled.append(name)
        return dt.timezone.utc

    monkeypatch.setattr(options_module, "_bundled_zone", bundled_zone)
    assert ParseOptions(default_tz="Asia/Shanghai").default_tz is dt.timezone.utc
    with pytest.raises(OptionsError):
        ParseOptions(default_tz="/etc/passwd")
    assert bundled == ["Asia/Shanghai"]


def test_dateutils_own_database_is_read_by_name() -> None:
    zone = options_module._bundled_zone("Asia/Shanghai")
    assert zone is not None
    assert zone.utcoffset(dt.datetime(2021, 8, 2)) == dt.timedelta(hours=8)  # noqa: DTZ001
    assert options_module._bundled_zone("/etc/passwd") is None


class _BrokenZone(dt.tzinfo):
    def utcoffset(self, when: dt.datetime | None) -> dt.timedelta | None:
        raise RuntimeError("no offset")

    def dst(self, when: dt.datetime | None) -> dt.timedelta | None:
        return None

    def tzname(self, when: dt.datetime | None) -> str | None:
        return None


class _NoOffset(_BrokenZone):
    def utcoffset(self, when: dt.datetime | None) -> dt.timedelta | None:
        return None


@pytest.mark.parametrize(
    "zone",
    [dt.tzinfo(), _BrokenZone(), _NoOffset()],  # type: ignore[abstract]
    ids=lambda zone: type(zone).__name__,
)
def test_a_tzinfo_without_an_offset_is_an_options_error(zone: dt.tzinfo) -> None:
    with pytest.raises(OptionsError, match="no UTC offset"):
        ParseOptions(default_tz=zone)


def test_a_tzinfo_is_taken_as_it_is() -> None:
    zone = dt.timezone(dt.timedelta(hours=9))
    assert ParseOptions(default_tz=zone).default_tz is zone


@pytest.mark.parametrize(
    "values",
    [
        {"default_tz": 8},
        {"default_tz": None},
        {"default_tz": b"UTC"},
        {"base_url": 5},
        {"base_url": b"https://finance.sina.com.cn/"},
        {"base_url": "finance.sina.com.cn/page"},
        {"base_url": "ftp://example.com/"},
        {"base_url": "http://[::1"},
        {"base_url": ""},
        {"max_bytes": True},
        {"max_bytes": 1.5},
        {"max_bytes": "100"},
        {"max_bytes": -1},
        {"boilerplate": 5},
        {"boilerplate": None},
        {"boilerplate": "descendant::p"},
        {"boilerplate": DEFAULT_OPTIONS.boilerplate[0]},
        {"boilerplate": [DEFAULT_OPTIONS.boilerplate[0], "descendant::p"]},
    ],
    ids=repr,
)
def test_a_value_of_the_wrong_kind_is_an_options_error(values: dict[str, Any]) -> None:
    with pytest.raises(OptionsError):
        ParseOptions(**values)
    with pytest.raises(OptionsError):
        attrs.evolve(DEFAULT_OPTIONS, **values)


def test_rules_may_come_in_any_iterable() -> None:
    rules = DEFAULT_OPTIONS.boilerplate
    assert ParseOptions(boilerplate=list(rules)).boilerplate == rules
    assert ParseOptions(boilerplate=iter(rules)).boilerplate == rules


# --- Boilerplate rules --------------------------------------------------------

FAILING_SELECTORS = [
    "descendant::x:p",
    "descendant::x:*",
    "descendant::p[@x:class]",
    "descendant::span[x:f(.)]",
    "re:test(., 'a')",
    "exsl:node-set(.)",
    "foo()",
    "descendant::span[foo()]",
    "descendant::p[ends-with(., 'x')]",
    "descendant::p[escape-uri(., true())]",
    "$v",
    "descendant::span[$v]",
    "descendant::p[. = $x]",
    "descendant::span[substring(., 1, 2, 3)]",
    "descendant::span[contains(.)]",
    "descendant::span[concat('a')]",
    "descendant::span[true(1)]",
    "descendant::span[last(1)]",
    "descendant::span[translate(., 'a')]",
]
NOT_NODE_SETS = [
    "count(//p)",
    "'x'",
    "1",
    "true()",
    "string(//p)",
    "//p = 1",
    "lang('en')",
    "1 div 0",
    "* div (3)",
    "not(descendant::p)",
]


@pytest.mark.parametrize("xpath", FAILING_SELECTORS)
def test_a_selector_that_would_fail_on_bodies_is_refused(xpath: str) -> None:
    with pytest.raises(OptionsError, match="boilerplate rule"):
        BoilerplateRule(xpath, "a broken rule")


@pytest.mark.parametrize("xpath", NOT_NODE_SETS)
def test_a_selector_that_gives_no_elements_is_refused(xpath: str) -> None:
    with pytest.raises(OptionsError, match="not the elements to remove"):
        BoilerplateRule(xpath, "selects a value")


GOOD_SELECTORS = [
    "descendant::p[contains(., 'foo()')]",
    "descendant::p[. = '$x' or . = \"a:b\"]",
    "descendant::*[. = 1 div 2]",
    "descendant::p[position() mod 2 = 0]",
    "descendant::p[@a and @b or (@c)]",
    "(descendant::p)[2]",
    "descendant::div[not(p)] | descendant::span",
    "descendant::p[normalize-space(concat(., 'a', 'b')) != '']",
    "descendant::p[2 * 3 > 1]",
    "child::*",
    "descendant::node()[self::p]",
    "descendant::p[ substring ( . , 1 , 2 ) = 'ab' ]",
    "descendant::a-b",
    "descendant::p[@data-x-y]",
    "ancestor-or-self::p",
    "descendant::p/text()",
    "descendant::processing-instruction('x')",
    "id('a')",
]


@pytest.mark.parametrize("xpath", GOOD_SELECTORS)
def test_working_selectors_are_accepted_and_run(xpath: str) -> None:
    rule = BoilerplateRule(xpath, "a working rule")
    options = attrs.evolve(DEFAULT_OPTIONS, boilerplate=(rule,))
    body = sinaparse.parse_body(
        '<div><p a="1" b="2">ab<span>c</span></p><p>x</p></div>', options=options
    )
    assert isinstance(body, sinaparse.Body)


def test_the_default_catalogue_passes_its_own_checks() -> None:
    assert all(
        attrs.evolve(rule) == rule  # made again through every check
        for rule in DEFAULT_OPTIONS.boilerplate
    )


def test_an_error_only_a_body_can_show_is_an_options_error_of_that_parse() -> None:
    # A type error in a predicate shows only on a body holding the step's
    # elements: never an XPathEvalError, a SinaParseError naming the rule.
    rule = BoilerplateRule("descendant::table[count('x')]", "counts a string")
    options = attrs.evolve(DEFAULT_OPTIONS, boilerplate=(rule,))
    assert sinaparse.parse(make_post(paragraph("正文")), options=options).paragraphs == ("正文",)
    post = make_post(paragraph("正文") + "<table><tr><td>1</td></tr></table>")
    with pytest.raises(OptionsError, match="boilerplate rule failed on this body"):
        sinaparse.parse(post, options=options)


@pytest.mark.parametrize(
    "arguments",
    [
        {"xpath": 5, "reason": "r"},
        {"xpath": b"descendant::p", "reason": "r"},
        {"xpath": "descendant::p", "reason": None},
        {"xpath": "descendant::p", "reason": "r", "requires": 5},
        {"xpath": "descendant::p", "reason": "r", "requires": (b"p",)},
        {"xpath": "descendant::p", "reason": "r", "requires": ("p", None)},
    ],
    ids=repr,
)
def test_a_rule_of_the_wrong_kind_is_an_options_error(arguments: dict[str, Any]) -> None:
    with pytest.raises(OptionsError):
        BoilerplateRule(**arguments)


# Selectors built from XPath 1.0's grammar: each must be accepted and run.
_NAMES = st.sampled_from(["p", "div", "span", "*", "a-b", "node()", "text()"])
_LITERALS = st.sampled_from(["'x'", '"a:b"', "'$v'", "'f()'", "'[,]'", "1", "2.5"])
_PREDICATES = st.sampled_from(
    [
        "contains(., {l})",
        "starts-with(normalize-space(.), {l})",
        "substring(., 1, 2) = {l}",
        "concat(., {l}, {l}) != ''",
        "not(@class) or @id = {l}",
        "position() mod 2 = 1",
        "string-length(translate(., {l}, '')) > 0",
        "count(descendant::*) >= 0",
        "sum(@n) = 0 and true()",
        "last() * 2 > 1 div 2",
    ]
)


@st.composite
def selectors(draw: st.DrawFn) -> str:
    steps = []
    for _ in range(draw(st.integers(1, 3))):
        axis = draw(st.sampled_from(["descendant::", "child::", "descendant-or-self::", ""]))
        name = draw(_NAMES)
        predicate = draw(_PREDICATES).format(l=draw(_LITERALS))
        steps.append(f"{axis}{name}[{predicate}]" if draw(st.booleans()) else f"{axis}{name}")
    return "/".join(steps)


@settings(max_examples=200, deadline=None)
@given(selectors())
def test_selectors_of_the_grammar_are_accepted(xpath: str) -> None:
    rule = BoilerplateRule(xpath, "generated")
    options = attrs.evolve(DEFAULT_OPTIONS, boilerplate=(rule,))
    sinaparse.parse_body("<div><p class='x' n='1'>ab<span>c</span></p></div>", options=options)


_BREAKERS = st.sampled_from(["x:f(.)", "$v", "foo()", "substring(.)", "@x:y", "ns:p"])


@settings(max_examples=200, deadline=None)
@given(selectors(), _BREAKERS)
def test_a_broken_part_anywhere_is_refused(xpath: str, broken: str) -> None:
    with pytest.raises(OptionsError):
        BoilerplateRule(f"{xpath}[{broken}]", "broken in its last predicate")
