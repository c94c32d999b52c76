"""Reading a bounded part of an element, for the rules that decide in Python.

In: one lxml element of a parsed body. Out: whether it is a label, a line of
links, a stock name no text touches, and the outermost container above it.
Each function reads a bounded start of what it is given (a number of nodes
and characters), so that a rule costs linear time whatever the body holds.
"""

from __future__ import annotations

from lxml import etree

__all__ = [
    "NAME_CHARACTERS",
    "NAME_NODES",
    "is_label_alone",
    "is_link_line",
    "link_lines_after",
    "outermost_ancestor",
    "read_line",
    "touches_text",
]

NAME_NODES = 32
NAME_CHARACTERS = 80


def touches_text(element: etree._Element) -> bool:
    if element.tail and not element.tail.isspace():
        return True
    previous = element.getprevious()
    parent = element.getparent()
    before = previous.tail if previous is not None else parent.text if parent is not None else None
    return before is not None and before != "" and not before.isspace()


def outermost_ancestor(
    node: etree._Element, tag: str, tops: dict[etree._Element, etree._Element | None]
) -> etree._Element | None:
    """The outermost ``tag`` element above ``node``; ``tops`` remembers each
    element's answer (at or above it), so that no ancestor is climbed twice."""
    path = []
    current = node.getparent()
    while current is not None and current not in tops:
        path.append(current)
        current = current.getparent()
    best = tops[current] if current is not None else None
    for element in reversed(path):
        if best is None and element.tag == tag:
            best = element
        tops[element] = best
    return best


_LINE_NODES = 200
_LINE_CHARACTERS = 2000
# What may stand between the links of a link line: space, list punctuation, brackets, arrows.
_LINK_SEPARATORS = " \u3000、，,；;|｜丨/／·•・-—–>＞→►▶▷»«【】[]()（）《》<＜"


def is_link_line(element: etree._Element, labels: tuple[str, ...]) -> bool:
    read = read_line(element, _LINE_NODES, _LINE_CHARACTERS)
    if read is None:
        return False
    outside, linked = read
    text = " ".join(outside.split())
    for label in labels:
        if text.startswith(label) and text[len(label) : len(label) + 1] in ("：", ":"):
            return linked and not text[len(label) + 1 :].strip(_LINK_SEPARATORS)
    return False


_LINES_UNDER_A_LABEL = 8
_LABEL_CHARACTERS = 24


def is_label_alone(element: etree._Element, labels: tuple[str, ...]) -> bool:
    read = read_line(element, _LINE_NODES, _LABEL_CHARACTERS)
    if read is None or read[1]:
        return False
    text = "".join(read[0].split()).rstrip("：:")
    return text in labels


def link_lines_after(label: etree._Element) -> list[etree._Element]:
    lines: list[etree._Element] = []
    line = label.getnext()
    while line is not None and line.tag == "p" and len(lines) < _LINES_UNDER_A_LABEL:
        read = read_line(line, _LINE_NODES, _LINE_CHARACTERS)
        if read is None or not read[1] or read[0].strip(_LINK_SEPARATORS + "\n\t\r\xa0"):
            break
        lines.append(line)
        line = line.getnext()
    return lines


def read_line(
    element: etree._Element, most_nodes: int, most_characters: int
) -> tuple[str, bool] | None:
    """The text of ``element`` outside its links, and whether a link holds text;
    None when it holds more than ``most_nodes`` elements or ``most_characters``
    characters (only that much of it is read)."""
    outside: list[str] = []
    linked = False
    links = nodes = characters = 0
    for event, node in etree.iterwalk(element, events=("start", "end")):
        is_link = node.tag == "a"
        if event == "start":
            nodes += 1
            if nodes > most_nodes:
                return None
            links += is_link
            text = node.text if isinstance(node.tag, str) else None
        else:
            links -= is_link
            if node is element:
                break
            text = node.tail
        if text:
            characters += len(text)
            if characters > most_characters:
                return None
            if links:
                linked = linked or not text.isspace()
            else:
                outside.append(text)
    return "".join(outside), linked
