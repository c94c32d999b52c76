"""What is not text (:data:`sinaparse._text.NOT_TEXT`) leaves every string of the front matter.

YAML's escapes write any code point: ``"\\0"``, ``"\\x01"``, ``"\\uFFFE"``,
``"\\ud800"`` (a lone surrogate, which UTF-8 cannot encode). The line reader
never gives them; PyYAML's and the recovery's fields may hold them, in the
title, the author, the categories, and ``extra``'s keys and values at any depth.
"""

from __future__ import annotations

from collections.abc import Mapping

from .._text import NOT_TEXT
from ..article import ParseWarning
from .raw import RawField, duplicate_key

# Up to this many different characters to remove, one str.replace each.
_REPLACED_ONE_BY_ONE = 8


def may_hold_not_text(text: str) -> bool:
    """Whether the front matter's ``text`` can give a string that is not all text:
    an escape needs a backslash; else a character is written as it is."""
    return "\\" in text or NOT_TEXT.search(text) is not None


def without_not_text(
    fields: dict[str, RawField], warnings: list[ParseWarning]
) -> dict[str, RawField]:
    """``fields`` without what is not text, a warning for each key that held some."""
    cleaned: dict[str, RawField] = {}
    memo: dict[int, object] = {}  # aliases: one object, cleaned once
    for key, field in fields.items():
        removed: set[str] = set()
        new_key = _clean_text(key, removed)
        new_field = RawField(
            _clean(field.value, removed, memo),
            None if field.text is None else _clean_text(field.text, removed),
            None if field.items is None else tuple(_clean_text(i, removed) for i in field.items),
            field.line,
        )
        if removed:
            named = ", ".join(sorted(f"U+{ord(c):04X}" for c in removed if len(c) == 1))
            also = (
                "; keys they alone told apart became one (the last kept)" if "" in removed else ""
            )
            warnings.append(
                ParseWarning(
                    "front-matter-not-text",
                    f"removed from {new_key!r} (line {field.line}) what is not text: {named}{also}",
                )
            )
        if new_key in cleaned:
            earlier = cleaned[new_key].line
            warnings.append(duplicate_key(new_key, (new_key, earlier), (new_key, field.line)))
        cleaned[new_key] = new_field
    return cleaned


def _clean_text(text: str, removed: set[str]) -> str:
    if text.isprintable():
        return text
    found = {character for character in set(text) if NOT_TEXT.match(character)}
    if not found:
        return text
    if any("\ud800" <= character <= "\udbff" for character in found):
        # Two escapes that make a UTF-16 pair ("\ud83d\ude00", as JSON writes 😀)
        # are the character they stand for; only lone halves are not text.
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
        found = {character for character in set(text) if NOT_TEXT.match(character)}
    removed.update(found)
    if len(found) > _REPLACED_ONE_BY_ONE:
        return NOT_TEXT.sub("", text)
    for character in found:  # str.replace is ten times quicker than re.sub
        text = text.replace(character, "")
    return text


def _clean(value: object, removed: set[str], memo: dict[int, object]) -> object:
    if isinstance(value, str):
        return _clean_text(value, removed)
    if not isinstance(value, (list, Mapping)):
        return value
    done = memo.get(id(value))
    if done is not None:
        return done
    result: object
    if isinstance(value, list):
        result = [_clean(item, removed, memo) for item in value]
    else:
        mapping: dict[str, object] = {}
        for key, item in value.items():
            new_key = _clean_text(key, removed)
            if new_key in mapping:
                removed.add("")  # two keys became one: said in the warning
            mapping[new_key] = _clean(item, removed, memo)
        result = mapping
    memo[id(value)] = result
    return result
