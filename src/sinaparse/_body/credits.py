"""Credit lines: who wrote, edited, photographed or checked the article.

A credit is a role word and a name: ``记者 高健``, ``文丨李四``, ``主编：王芳``,
``（驻京记者 宋华）``. Between them, and between one credit and the next,
stands a separator: a colon (:data:`COLONS`), a bar or slash
(``丨 | ｜ ／ /``), white space (ideographic spaces too), or a list mark
(``、，,；;``); a byline may stand in brackets (:data:`BRACKETS`), and
invisible characters (:data:`INVISIBLE`) are not read. A role may carry a
qualifier before it (``驻京记者``, ``本报记者``, ``新华社记者``), may stand
right after a role it refines (``作者：见习记者，李莎`` gives the role
``作者 见习记者``), and, after the line's first credit, may be glued to a
short name (``设计张佳俊``). One role may name several people
(``记者 张三 李四``); a Latin name keeps its spaces (``作者：Jack Ma``).

A line is read as credits only when it is nothing else: it starts with a role,
every role has a name, and every name looks like one (two to ten CJK
characters that are no common word of :data:`NOT_NAMES`, or Latin words, not
two of them in lower case). ``记者从民航局获悉……`` (prose), ``作者 简介`` (a
heading), ``图 is the Chinese word…`` (prose), ``记者 张龙 摄``
(a photo caption), ``记者 王悦 北京报道`` (a place) and ``图自 中国长安网``
are not credit lines; nor are ``记者 张三摄`` (a caption), ``记者 张三 SF014`` (a
work code follows the 责任编辑's name only) or ``(记者 张三`` (a bracket is
never part of a role or a name).

Reading is linear in the line's length: see :func:`split_credits`.
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
COLONS = "：:﹕∶"
"""The colons between a role and a name: full-width, ASCII, small (U+FE55), ratio (U+2236)."""
BRACKETS = (
    ("（", "）"), ("(", ")"), ("【", "】"), ("[", "]"), ("〔", "〕"), ("［", "］"), ("〖", "〗"),
)  # fmt: skip
"""The bracket pairs a byline may stand in: ``（记者 张三）``, ``〔记者 张三〕``."""
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
"""Zero-width spaces and joiners, the word joiner and the BOM: no text, so no
part of a role or a name (``\u200b责任编辑：张三`` is the editor's line)."""
NOT_NAMES = frozenset((
    "简介", "推荐", "说明", "介绍", "观点", "观察", "手记", "札记", "随笔", "笔记", "日记",
    "点评", "评论", "短评", "述评", "综述", "调查", "声明", "提示", "提醒", "须知", "感言",
    "寄语", "心得", "自述", "专栏", "精选", "导读", "速递", "快讯", "问答", "答问", "信箱",
    "来信", "名单", "团队", "风采", "故事", "视角", "连线", "直击", "探访", "追踪", "独家",
    "后记", "前言", "附录",
))  # fmt: skip
"""Common words that follow a role as a heading's (作者简介, 编辑 推荐, 记者 观察):
never a person's or an agency's name."""
# A Latin "name" with this many words in lower case is prose: 图 is the Chinese word for…
_LOWERCASE_PROSE = 2
_INVISIBLE = str.maketrans(dict.fromkeys(INVISIBLE))
_INVISIBLE_MARK = re.compile(f"[{INVISIBLE}]")
_SEPARATORS = f" \t\n\u3000\xa0{COLONS}丨|｜／/、，,；;"
_TOKEN = re.compile(f"[^\\s{_SEPARATORS}]+")
# No role is longer than this: a longer first token rules a line out, known
# from its first few characters (a line of prose starts with a long run).
_LONGEST_ROLE_TOKEN = max(_LONGEST_QUALIFIED_ROLE, *map(len, ROLES))
_FIRST_TOKEN = re.compile(
    f"[\\s{_SEPARATORS}]*([^\\s{_SEPARATORS}]{{1,{_LONGEST_ROLE_TOKEN + 1}}})"
)
_CJK_NAME = re.compile(r"[\u3400-\u9fff][\u3400-\u9fff·・]{1,9}")
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z.'\-]*")
_GLUED_NAME = re.compile(r"[\u3400-\u9fff]{2,3}")
# A work code after an editor's name: 刘万里 SF014
WORK_CODE = re.compile(r"[A-Z]{1,4}\d{2,6}")
# What ends a byline but is no name: a place (北京报道), a photographer's 摄
# (记者 张三摄, 记者 张三 摄: a photo caption).
_NOT_A_NAME = re.compile(r".*(?:报道|摄)")
# The role whose name a work code may follow.
EDITOR_ROLE = "责任编辑"
# What may qualify a role: 驻京, 本报, 新华社, CNBC; never a bracket or a mark.
_QUALIFIER = re.compile(r"[\u3400-\u9fffA-Za-z]*")
_LONGEST_LINE = 80
# Marks some bylines start with: ► 文 观察者网 杨蓉
_BULLETS = "►▶▷■●◆★▲ \u3000"
_OPENING_BRACKETS = "".join(opening for opening, _ in BRACKETS)
_CLOSING_OF = dict(BRACKETS)
_OPENING, _CLOSING = re.escape(_OPENING_BRACKETS), re.escape("".join(_CLOSING_OF.values()))
_BRACKET_GROUP = re.compile(f"[{_OPENING}][^{_OPENING}{_CLOSING}]+[{_CLOSING}]")
_BRACKET_GROUPS = re.compile(f"(?:\\s*{_BRACKET_GROUP.pattern})+")


def role_of(token: str) -> str | None:
    """``token`` as a role: a role word, or one with a qualifier of CJK
    characters or letters before it (never a bracket or a mark).

    >>> role_of("记者"), role_of("驻京记者"), role_of("记者站"), role_of("文丽"), role_of("）记者")
    ('记者', '驻京记者', None, None, None)
    """
    if token in _ROLES:
        return token
    if len(token) <= _LONGEST_QUALIFIED_ROLE and token.endswith(_LONG_ROLES):
        role = next(role for role in _LONG_ROLES if token.endswith(role))
        if _QUALIFIER.fullmatch(token[: -len(role)]):
            return token
    return None


def read_credit_line(text: str) -> tuple[Credit, ...] | None:
    """The credits of a line that is nothing but credits; None for any other line.

    >>> [(c.role, c.name) for c in read_credit_line("（驻京记者 宋华）")]
    [('驻京记者', '宋华')]
    >>> [(c.role, c.name) for c in read_credit_line("（记者 张三）（记者 李四）")]
    [('记者', '张三'), ('记者', '李四')]
    >>> read_credit_line("记者从民航局获悉，今年……") is None
    True
    """
    if len(text) > _LONGEST_LINE:
        return None
    line = visible(text).strip().lstrip(_BULLETS)
    # （记者 张三）（记者 李四）: each group a byline.
    groups = bracket_groups(line) or [line]
    credits: list[Credit] = []
    for group in groups:
        # The common case, a paragraph that starts with no role, is known from
        # its first token: the rest is cut in tokens only for a line that may be credits.
        first = _FIRST_TOKEN.match(group)
        token = first.group(1) if first is not None else ""
        if not token or len(token) > _LONGEST_ROLE_TOKEN or role_of(token) is None:
            return None
        found, _ = _credits(group, _tokens(group))
        if found is None:
            return None
        credits.extend(found)
    return tuple(credits)


def visible(text: str) -> str:
    """``text`` without its invisible characters (:data:`INVISIBLE`).

    >>> visible("\u200b责任编辑：张三")
    '责任编辑：张三'
    """
    # Most lines hold none: one search, no copy.
    return text.translate(_INVISIBLE) if _INVISIBLE_MARK.search(text) else text


def bracket_groups(line: str) -> list[str] | None:
    """The texts inside the brackets of a line that is nothing but bracket
    groups (``（记者 张三）（记者 李四）``); None for any other line.

    >>> bracket_groups("〔记者 张三〕 ［编辑 李四］"), bracket_groups("（记者 张三")
    (['记者 张三', '编辑 李四'], None)
    """
    # A line of groups starts with a bracket: most lines are ruled out by a
    # character, not a match.
    if line.lstrip()[:1] not in _OPENING_BRACKETS or not _BRACKET_GROUPS.fullmatch(line):
        return None
    return [group[1:-1].strip() for group in _BRACKET_GROUP.findall(line)]


def leading_credits(text: str) -> tuple[Credit, ...]:
    """The credits of ``text`` when it is nothing but credits, from its start
    (an editor's name that starts with a title: 主编：王芳); else ``()``.

    >>> leading_credits("主编：王芳"), leading_credits("王芳")
    ((Credit(role='主编', name='王芳'),), ())
    """
    tokens = _tokens(text)
    if not tokens or role_of(tokens[0][0]) is None:
        return ()
    return _credits(text, tokens)[0] or ()


def split_credits(text: str) -> tuple[str, tuple[Credit, ...]]:
    """``text`` (a source or an editor's name) without the credits after it, and those.

    >>> split_credits("人民日报  作者：李四  摄影：王五")
    ('人民日报', (Credit(role='作者', name='李四'), Credit(role='摄影', name='王五')))
    >>> split_credits("经济日报（ID：jjrbwx）")
    ('经济日报（ID：jjrbwx）', ())
    """
    tokens = _tokens(text)
    # The credits are the longest tail of roles and names. A reading that
    # starts at one role and stops at token ``stop`` tells of every later
    # start before ``stop - 1``: once it has a name, it is in the same state
    # at ``stop`` and stops there too. So the next start to try is
    # ``stop - 1`` (a role refining a bare one) or later: every token is read
    # a bounded number of times, and a line of any length is read in linear time.
    number = 1
    while number < len(tokens):
        if role_of(tokens[number][0]) is None:
            number += 1
            continue
        credits, stop = _credits(text, tokens, number)
        if credits is not None:
            return text[: tokens[number][1]].rstrip(_SEPARATORS), credits
        number = max(number + 1, stop - 1)
    return text, ()


def _tokens(line: str) -> list[tuple[str, int]]:
    return [(match.group(), match.start()) for match in _TOKEN.finditer(line)]


def _credits(
    line: str, tokens: list[tuple[str, int]], first: int = 0
) -> tuple[tuple[Credit, ...] | None, int]:
    """The credits ``tokens[first:]`` (each with where it starts in ``line``)
    make, or None when they are not credits only (the first must be a role);
    and the index of the token where it knew."""
    credits: list[Credit] = []
    role: str | None = None
    refined = False  # a bare role is refined once at most: 作者：见习记者
    named = False  # whether the current role has a name yet
    latin_end = -1  # where the last name ended, when it was Latin
    lowercase = 0  # the words of that Latin name that start in lower case
    for number in range(first, len(tokens)):
        token, start = tokens[number]
        new_role = role_of(token)
        if new_role is not None:
            if named or role is None:
                role, named, refined = new_role, False, False
                continue
            if not credits and not refined:  # a role refining a bare one: both kept
                role, refined = f"{role} {new_role}", True
                continue
            return None, number  # a role that follows an unnamed role
        if role is None:
            return None, number
        # The editor's work code: no name. By the role's last word, so that a
        # reading from an earlier start (记者 责任编辑) agrees with the later
        # one (责任编辑), as the skip ahead in split_credits needs.
        if named and role.endswith(EDITOR_ROLE) and WORK_CODE.fullmatch(token):
            continue
        glued = _glued(token) if credits else None
        if glued is not None:
            role, token = glued
        elif latin_end >= 0 and _LATIN_NAME.fullmatch(token) and line[latin_end:start].isspace():
            # Counted as the name grows, not read again: a line of any length
            # stays linear. Ludwig van Beethoven is a name; is the word… is prose.
            lowercase += token[0].islower()
            if lowercase >= _LOWERCASE_PROSE:
                return None, number
            credits[-1] = Credit(credits[-1].role, f"{credits[-1].name} {token}")
            latin_end = start + len(token)
            continue
        elif not _is_name(token):
            return None, number
        credits.append(Credit(role, token))
        named = True
        latin_end = start + len(token) if _LATIN_NAME.fullmatch(token) else -1
        lowercase = int(token[0].islower())
    return (tuple(credits) if credits and named else None), len(tokens)


def _glued(token: str) -> tuple[str, str] | None:
    """(role, name) for a role glued to a short name: 设计张佳俊."""
    for role in _LONG_ROLES:
        name = token[len(role) :]
        if token.startswith(role) and _GLUED_NAME.fullmatch(name) and name not in NOT_NAMES:
            return role, name
    return None


def _is_name(token: str) -> bool:
    # 来源 starts a source, and a role glued to a word is no one's name; nor is
    # a heading's word after a role (作者 简介).
    if _NOT_A_NAME.fullmatch(token) or "来源" in token or token.startswith(_LONG_ROLES):
        return False
    if token in NOT_NAMES:
        return False
    return bool(_CJK_NAME.fullmatch(token) or _LATIN_NAME.fullmatch(token))
