"""Build small posts and bodies for tests, in the aggregator's layout."""

from __future__ import annotations

from collections.abc import Iterable


def make_post(
    body: str,
    *,
    title: str = "'标题'",
    date: str = "Mon, 02 Aug 2021 12:49:57 GMT",
    extra_lines: Iterable[str] = (),
    headimg: str = "''",
) -> str:
    """A post as the aggregator writes one; ``title`` is YAML, quotes included."""
    lines = [
        "",
        "---",
        f"title: {title}",
        "categories: ",
        " - 金融",
        " - 新浪财经",
        " - 新浪财经－国內",
        f"headimg: {headimg}",
        "author: 新浪财经",
        "comments: false",
        f"date: {date}",
        f"thumbnail: {headimg}",
        *extra_lines,
        "---",
        "",
        f"<div>   \n{body}\n  </div>",
        "",
    ]
    return "\n".join(lines)


def paragraph(text: str) -> str:
    """A Sina content paragraph, with its two ideographic spaces of indent."""
    return f'<p cms-style="font-L">\u3000\u3000{text}</p>'
