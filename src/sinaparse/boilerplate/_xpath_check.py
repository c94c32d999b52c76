"""Checking a boilerplate selector when its rule is made.

In: an XPath string and lxml's compilation of it. Out: what makes it unusable
as a rule (a sentence for an OptionsError), or None.

libxml2 looks functions, namespace prefixes and variables up only when it
evaluates the step that holds them, so a rule that names an unknown one
would fail on every body that reaches that step. The selector's tokens are
read here instead (XPath 1.0, section 3.7), and its result type is checked
on a tiny body. What only a body can show (a type error in a predicate,
``descendant::p[count('x')]``) is an OptionsError of that parse.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

__all__ = ["selector_problem"]


def selector_problem(xpath: str, compiled: etree.XPath) -> str | None:
    """Why ``xpath`` (which lxml compiled to ``compiled``) cannot be a rule, or None."""
    return _xpath_problem(xpath) or _result_problem(compiled)


# XPath 1.0's function library: the number of arguments each takes (None: any).
_FUNCTIONS: dict[str, tuple[int, int | None]] = {
    "last": (0, 0), "position": (0, 0), "count": (1, 1), "id": (1, 1),
    "local-name": (0, 1), "namespace-uri": (0, 1), "name": (0, 1), "string": (0, 1),
    "concat": (2, None), "starts-with": (2, 2), "contains": (2, 2),
    "substring-before": (2, 2), "substring-after": (2, 2), "substring": (2, 3),
    "string-length": (0, 1), "normalize-space": (0, 1), "translate": (3, 3),
    "boolean": (1, 1), "not": (1, 1), "true": (0, 0), "false": (0, 0), "lang": (1, 1),
    "number": (0, 1), "sum": (1, 1), "floor": (1, 1), "ceiling": (1, 1), "round": (1, 1),
}  # fmt: skip
_NODE_TYPES = frozenset({"comment", "text", "processing-instruction", "node"})
_NCNAME = r"[^\W\d][\w.\-\u00b7]*"
_TOKEN = re.compile(
    rf"""\s*(?:
      (?P<literal>"[^"]*"|'[^']*')
    | (?P<number>\d+(?:\.\d*)?|\.\d+)
    | (?P<name>(?:{_NCNAME}:)?(?:{_NCNAME}|\*))
    | (?P<variable>\$)
    | (?P<symbol>\.\.|::|//|!=|<=|>=|[()\[\].@,/|+\-=<>*])
    )\s*""",
    re.VERBOSE,
)
# After one of these tokens, or an operator, or at the start, a name is a name
# test or a function and ``*`` is any element; elsewhere ``and``, ``or``,
# ``mod``, ``div`` and ``*`` are operators (XPath 1.0, section 3.7).
_BEFORE_A_NAME = frozenset({"@", "::", "(", "[", ","})
_OPERATORS = frozenset({"/", "//", "|", "+", "-", "=", "!=", "<", "<=", ">", ">="})


def _xpath_problem(xpath: str) -> str | None:
    """What makes ``xpath`` (which lxml compiled) fail when evaluated, or None."""
    name_may_follow = True
    calls: list[list[Any]] = []  # per open "(": [its function or None, commas, has arguments]
    function = None  # the function the next "(" belongs to
    position = 0
    for match in _TOKEN.finditer(xpath):
        if match.start() != position:
            break
        position = match.end()
        token = match.group().strip()
        if calls and token != ")":
            calls[-1][2] = True
        if match.group("variable"):
            return "variables are not defined for rules"
        is_name = match.group("name") is not None and name_may_follow
        if is_name and ":" in token:
            return f"namespace prefix {token.split(':')[0]!r} is not defined (rules have none)"
        if token == "(":
            calls.append([function, 0, False])
        elif token == "," and calls:
            calls[-1][1] += 1
        elif token == ")" and calls:
            called, commas, has_arguments = calls.pop()
            problem = called and _arity_problem(called, commas + has_arguments)
            if problem:
                return problem
        function = token if is_name and xpath[position : position + 1] == "(" else None
        if function and function not in _NODE_TYPES and function not in _FUNCTIONS:
            return f"unknown function {function}() (rules may use XPath 1.0's functions)"
        is_operator = token in _OPERATORS or (not is_name and match.group("name") is not None)
        name_may_follow = token in _BEFORE_A_NAME or is_operator
    if position != len(xpath):
        return f"cannot read the expression at character {position}"
    return None


def _arity_problem(function: str, arguments: int) -> str | None:
    if function in _NODE_TYPES:
        return None
    least, most = _FUNCTIONS[function]
    if least <= arguments and (most is None or arguments <= most):
        return None
    expected = f"{least} or more" if most is None else " or ".join(sorted({str(least), str(most)}))
    return f"{function}() takes {expected} arguments, not {arguments}"


_PROBE_BODY = "<html><body><div class='a' id='b'><p>x</p></div></body></html>"


def _result_problem(compiled: etree.XPath) -> str | None:
    # An XPath 1.0 expression's result type does not depend on the document.
    body = etree.fromstring(_PROBE_BODY)[0]
    try:
        result = compiled(body)
    except etree.XPathError as exc:
        return str(exc)
    if isinstance(result, list):
        return None
    kind = (
        "a boolean"
        if isinstance(result, bool)
        else "a number"
        if isinstance(result, float)
        else "a string"
    )
    return f"gives {kind}, not the elements to remove"
