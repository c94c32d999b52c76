"""A boilerplate rule: an XPath selector, why what it selects goes, its pre-check."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs
from lxml import etree

from ..errors import OptionsError
from ._xpath_check import selector_problem


def has_class(name: str) -> str:
    """The XPath 1.0 test for an element whose ``class`` list holds ``name``.

    The plain ``contains`` first is a cheap filter: most elements fail it, and
    only the few that pass build the padded class string.
    """
    return (
        f"contains(@class, '{name}') "
        f"and contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"
    )


def text_list(values: Iterable[str]) -> tuple[str, ...]:
    """``values`` as a tuple of strings (one string: one value)."""
    if isinstance(values, str):
        return (values,)  # one needle, not its characters
    try:
        strings = tuple(values)
    except TypeError:
        raise OptionsError(f"requires must be strings, not {type(values).__name__}") from None
    for value in strings:
        if not isinstance(value, str):
            raise OptionsError(f"requires must be strings, not {value!r}")
    return strings


def _text(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise OptionsError(f"a rule's {attribute.name} must be a str, not {type(value).__name__}")


def _compile(rule: BoilerplateRule) -> etree.XPath:
    _text(rule, attrs.fields(BoilerplateRule).xpath, rule.xpath)  # before it is compiled
    try:
        compiled = etree.XPath(rule.xpath)
    except etree.XPathError as exc:
        raise OptionsError(f"boilerplate rule {rule.xpath!r} is not a valid XPath: {exc}") from exc
    problem = selector_problem(rule.xpath, compiled)
    if problem:
        raise OptionsError(f"boilerplate rule {rule.xpath!r}: {problem}")
    return compiled


@attrs.frozen
class BoilerplateRule:
    """One kind of boilerplate: a selector and why what it selects goes."""

    xpath: str = attrs.field(validator=_text)
    """An XPath 1.0 expression selecting elements, relative to ``<body>``: XPath
    1.0's own functions only, no namespace prefixes, no variables; it must give
    a node-set (``count(…)``, a string or a number is an OptionsError)."""
    reason: str = attrs.field(validator=_text)
    """Why the selected elements are not article content (one line)."""
    requires: tuple[str, ...] = attrs.field(default=(), converter=text_list)
    """A fast pre-check: the rule runs only on bodies whose HTML holds one of
    these strings (case-sensitive). Empty: it runs on every body."""
    name: str = attrs.field(default="", kw_only=True, validator=_text)
    """A short name (``app-qr``), shown by ``sinaparse explain`` and in the debug
    log for what the rule removes; empty: the selector is shown instead."""
    compiled: etree.XPath = attrs.field(
        init=False, eq=False, repr=False, default=attrs.Factory(_compile, takes_self=True)
    )
    """The selector compiled once, when the rule is made."""

    def __reduce__(self) -> tuple[Any, ...]:
        # A compiled XPath cannot be pickled: a rule travels as the arguments
        # it was made from and is compiled again where it lands (a worker
        # process, a Dask or Spark executor). Subclasses travel the same way.
        arguments = {
            field.alias: getattr(self, field.name)
            for field in attrs.fields(type(self))
            if field.init
        }
        return (_rebuilt_rule, (type(self), arguments))

    def select(self, root: etree._Element) -> list[etree._Element]:
        """The elements of ``root`` this rule removes, in document order.

        The selector's result, without what is not an element (a selector of
        text or numbers selects nothing to remove). Kinds of rules that decide
        in Python override this.
        """
        selected = self.compiled(root)
        if not isinstance(selected, list):
            return []
        return [node for node in selected if isinstance(node, etree._Element)]


def _rebuilt_rule(rule_type: type[BoilerplateRule], arguments: dict[str, Any]) -> BoilerplateRule:
    return rule_type(**arguments)
