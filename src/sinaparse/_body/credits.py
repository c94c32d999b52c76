"""Credit lines: who wrote, edited, photographed or checked the article.

A credit is a role word and a name: ``记者 高健``, ``文丨李四``, ``主编：王芳``,
``（驻京记者 宋华）``. Between them, and between one credit and the next,
stands a separator: a colon (full-width or ASCII), a bar or slash
(``丨 | ｜ ／ /``), white space (ideographic spaces too), or a list mark
(``、，,；;``). A role may carry a qualifier before it (``驻京记者``,
``本报记者``, ``新华社记者``), may stand right after a role it refines
(``作者：见习记者，李莎`` gives the role ``作者 见习记者``), and, after the
line's first credit, may be glued to a short name (``设计张佳俊``). One role may name several people
(``记者 张三 李四``); a Latin name keeps its spaces (``作者：Jack Ma``).

A line is read as credits only when it is nothing else: it starts with a role,
every role has a name, and every name looks like one (two to ten CJK
characters, or Latin words). ``记者从民航局获悉……`` (prose), ``记者 张龙 摄``
(a photo caption), ``记者 王悦 北京报道`` (a place) and ``图自 中国长安网``
are not credit lines.
"""

from __future__ import annotations

import re

from ..article import Credit

ROLES = (
    "责任编辑", "作者", "记者", "主编", "编辑", "责编", "编审", "美编", "校对", "审校",
    "审核", "监制", "总监制", "策划", "统筹", "出品", "出品人", "制片", "撰文", "撰稿",
    "采写", "整理", "文", "文字", "图", "图文", "图片", "图片来源", "图源", "摄影",
    "摄像", "视频", "剪辑", "设计", "制图", "插画", "翻译", "编译", "实习生", "通讯员",
)  # fmt: skip
"""The role words of credit lines, as data: add one here and every rule knows it."""

_ROLES = frozenset(ROLES)
# Roles a qualifier may precede, or a name may be glued to: two characters or
# more, so that the one-character 文 and 图 never split a word like 文丽 or 图自.
_LONG_ROLES = tuple(sorted((role for role in ROLES if len(role) >= 2), key=len, reverse=True))
_LONGEST_QUALIFIED_ROLE = 8  # 北京青年报记者: a qualifier of a few characters
_SEPARATORS = " \t\n\u3000\xa0：:丨|｜／/、，,；;"
_TOKEN = re.compile(f"[^\\s{_SEPARATORS}]+")
_CJK_NAME = re.compile(r"[\u3400-\u9fff][\u3400-\u9fff·・]{1,9}")
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z.'\-]*")
_GLUED_NAME = re.compile(r"[\u3400-\u9fff]{2,3}")
# A work code after an editor's name: 刘万里 SF014
WORK_CODE = re.compile(r"[A-Z]{1,4}\d{2,6}")
# What ends a byline but is no name: a place (北京报道), a photographer's 摄.
_NOT_A_NAME = re.compile(r".*报道|摄")
_LONGEST_LINE = 80
# Marks some bylines start with: ► 文 观察者网 杨蓉
_BULLETS = "►▶▷■●◆★▲ \u3000"
_BRACKETS = {"（": "）", "(": ")", "【": "】", "[": "]"}


def role_of(token: str) -> str | None:
    """``token`` as a role: a role word, or one with a qualifier before it.

    >>> role_of("记者"), role_of("驻京记者"), role_of("记者站"), role_of("文丽")
    ('记者', '驻京记者', None, None)
    """
    if token in _ROLES:
        return token
    if len(token) <= _LONGEST_QUALIFIED_ROLE and token.endswith(_LONG_ROLES):
        return token
    return None


def read_credit_line(text: str) -> tuple[Credit, ...] | None:
    """The credits of a line that is nothing but credits; None for any other line.

    >>> [(c.role, c.name) for c in read_credit_line("（驻京记者 宋华）")]
    [('驻京记者', '宋华')]
    >>> read_credit_line("记者从民航局获悉，今年……") is None
    True
    """
    if len(text) > _LONGEST_LINE:
        return None
    line = _unbracketed(text.strip().lstrip(_BULLETS))
    first = _TOKEN.match(line)
    if first is None or role_of(first.group()) is None:
        return None  # the common case: a paragraph that starts with no role
    return _credits(line, [(match.group(), match.start()) for match in _TOKEN.finditer(line)])


def split_credits(text: str) -> tuple[str, tuple[Credit, ...]]:
    """``text`` (a source or an editor's name) without the credits after it, and those.

    >>> split_credits("人民日报  作者：李四  摄影：王五")
    ('人民日报', (Credit(role='作者', name='李四'), Credit(role='摄影', name='王五')))
    >>> split_credits("经济日报（ID：jjrbwx）")
    ('经济日报（ID：jjrbwx）', ())
    """
    tokens = [(match.group(), match.start()) for match in _TOKEN.finditer(text)]
    for number, (token, start) in enumerate(tokens[1:], 1):
        if role_of(token) is None:
            continue
        credits = _credits(text, tokens[number:])
        if credits is not None:
            return text[:start].rstrip(_SEPARATORS), credits
    return text, ()


def _unbracketed(line: str) -> str:
    closing = _BRACKETS.get(line[:1])
    if closing and line.endswith(closing) and len(line) > 2:
        return line[1:-1].strip()
    return line


def _credits(line: str, tokens: list[tuple[str, int]]) -> tuple[Credit, ...] | None:
    """The credits ``tokens`` (each with where it starts in ``line``) make, or None
    when they are not credits only: the first must be a role."""
    credits: list[Credit] = []
    role: str | None = None
    named = False  # whether the current role has a name yet
    latin_end = -1  # where the last name ended, when it was Latin
    for token, start in tokens:
        new_role = role_of(token)
        if new_role is not None:
            if named or role is None:
                role, named = new_role, False
                continue
            if not credits:  # a role refining a bare one (作者：见习记者): both kept
                role = f"{role} {new_role}"
                continue
            return None  # a role that follows an unnamed role in mid-line
        if role is None:
            return None
        if named and WORK_CODE.fullmatch(token):
            continue  # an editor's work code: no name
        glued = _glued(token) if credits else None
        if glued is not None:
            role, token = glued
        elif latin_end >= 0 and _LATIN_NAME.fullmatch(token) and line[latin_end:start].isspace():
            credits[-1] = Credit(credits[-1].role, f"{credits[-1].name} {token}")
            latin_end = start + len(token)
            continue
        elif not _is_name(token):
            return None
        credits.append(Credit(role, token))
        named = True
        latin_end = start + len(token) if _LATIN_NAME.fullmatch(token) else -1
    return tuple(credits) if credits and named else None


def _glued(token: str) -> tuple[str, str] | None:
    """(role, name) for a role glued to a short name: 设计张佳俊."""
    for role in _LONG_ROLES:
        if token.startswith(role) and _GLUED_NAME.fullmatch(token[len(role) :]):
            return role, token[len(role) :]
    return None


def _is_name(token: str) -> bool:
    if _NOT_A_NAME.fullmatch(token):
        return False
    return bool(_CJK_NAME.fullmatch(token) or _LATIN_NAME.fullmatch(token))
