"""``explain`` and ``sinaparse explain``: which rule removed what, which warnings fired."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

import sinaparse
from sinaparse import DEFAULT_OPTIONS, BoilerplateRule, Explanation, Removal
from sinaparse.boilerplate._removal import excerpt
from sinaparse.outputs.explain import main

from .conftest import CORPUS, SEED
from .posts import make_feed, make_page, make_post, paragraph

TEXT = paragraph("正文第一段，央行今日宣布降准。")
QR = "https://n.sinaimg.cn/finance/cece9e13/20200514/343233024.png"

# (rule name, its markup in a body, the text the removal's excerpt holds)
RULE_EXAMPLES = [
    (
        "app-qr",
        f'<div class="clearfix appendQr_wrap"><div class="appendQr_normal"><img src="{QR}"></div>'
        '<div class="appendQr_normal_txt">海量资讯、精准解读，\n   尽在新浪财经APP</div></div>',
        "海量资讯、精准解读， 尽在新浪财经APP",
    ),
    (
        "kaihu-promo",
        '<div class="app-kaihu-qr"><span>年终理财爆款福利</span><img src="https://n.sinaimg.cn/k.png"></div>',
        "年终理财爆款福利",
    ),
    ("style", "<style>.appendQr_wrap{border:1px}</style>", ".appendQr_wrap{border:1px}"),
    (
        "video-stub",
        '<div class="video-2017" id="videoList0"><div class="play-video-area">视频加载中</div></div>',
        "视频加载中",
    ),
    (
        "jql-link-list",
        '<blockquote><p class="jqlblock_cls"><a href="https://www.sinadaxue.cn/">投资研报</a>'
        '<a href="https://www.sinadaxue.cn/2">金麒麟分析师</a></p></blockquote>',
        "投资研报金麒麟分析师",
    ),
    (
        "related-links",
        '<blockquote class="fin_reference"><p><a href="x">另一篇相关报道</a></p></blockquote>',
        "另一篇相关报道",
    ),
]


def _removals_by(explanation: Explanation, rule: str) -> list[Removal]:
    return [removal for removal in explanation.removals if removal.rule == rule]


@pytest.mark.parametrize(
    ("rule", "markup", "text"), RULE_EXAMPLES, ids=[example[0] for example in RULE_EXAMPLES]
)
def test_a_rule_is_named_with_its_reason_and_the_text_it_removed(
    rule: str, markup: str, text: str
) -> None:
    explanation = sinaparse.explain(make_post(TEXT + markup), kind="post")
    (removal,) = _removals_by(explanation, rule)
    (catalogued,) = [known for known in DEFAULT_OPTIONS.boilerplate if known.name == rule]
    assert removal.reason == catalogued.reason
    assert removal.excerpt == text
    assert text not in " ".join(explanation.article.paragraphs if explanation.article else ())


def test_a_removal_names_the_element_and_its_line_in_the_post() -> None:
    post = make_post(TEXT + "\n" + RULE_EXAMPLES[1][1])
    line = next(n for n, text in enumerate(post.splitlines(), 1) if "app-kaihu-qr" in text)
    (removal,) = _removals_by(sinaparse.explain(post), "kaihu-promo")
    assert (removal.tag, removal.line) == ("div", line)


def test_a_body_with_nothing_to_remove_gives_no_removals() -> None:
    explanation = sinaparse.explain(TEXT, kind="body")
    assert explanation.kind == "body"
    assert explanation.removals == ()
    assert explanation.body is not None
    assert explanation.body.paragraphs


def test_comments_and_raw_text_are_listed_as_fixed_steps() -> None:
    body = TEXT + "\n<!-- 文末二维码 start -->\n<textarea>不显示的文字</textarea>"
    explanation = sinaparse.explain(body, kind="body")
    assert [(removal.rule, removal.tag, removal.excerpt) for removal in explanation.removals] == [
        ("html-comment", "comment", "文末二维码 start"),
        ("raw-text", "textarea", "不显示的文字"),
    ]


def test_removals_come_in_the_order_of_the_input() -> None:
    body = "\n".join([RULE_EXAMPLES[1][1], TEXT, RULE_EXAMPLES[0][1], "<style>p{}</style>"])
    explanation = sinaparse.explain(body, kind="body")
    assert [removal.rule for removal in explanation.removals] == ["kaihu-promo", "app-qr", "style"]


def test_a_rule_of_ones_own_is_named_by_its_name_or_else_its_selector() -> None:
    named = BoilerplateRule("descendant::p[@class='ad']", "my ads", name="my-ads")
    unnamed = BoilerplateRule("descendant::p[@class='promo']", "my promos")
    options = attrs.evolve(DEFAULT_OPTIONS, boilerplate=(named, unnamed))
    body = TEXT + '<p class="ad">广告一</p><p class="promo">推广二</p>'
    explanation = sinaparse.explain(body, kind="body", options=options)
    assert [(removal.rule, removal.reason) for removal in explanation.removals] == [
        ("my-ads", "my ads"),
        ("descendant::p[@class='promo']", "my promos"),
    ]


def test_a_page_lists_its_template_parts_with_the_lines_of_the_page() -> None:
    page = make_page(TEXT + '\n<div class="tech-quotation"><p>新浪众测 新品免费试用</p></div>')
    line = next(n for n, text in enumerate(page.splitlines(), 1) if "tech-quotation" in text)
    explanation = sinaparse.explain(page)
    assert explanation.kind == "page"
    (removal,) = _removals_by(explanation, "zhongce-promo")
    assert (removal.excerpt, removal.line) == ("新浪众测 新品免费试用", line)


def test_a_feed_is_explained_by_its_first_item() -> None:
    feed = make_feed(
        [
            {"title": "第一篇", "description": TEXT + RULE_EXAMPLES[1][1]},
            {"title": "第二篇", "description": TEXT + RULE_EXAMPLES[0][1]},
        ]
    )
    explanation = sinaparse.explain(feed)
    assert (explanation.kind, explanation.item) == ("feed", 0)
    assert explanation.article is not None
    assert explanation.article.title == "第一篇"
    assert [removal.rule for removal in explanation.removals] == ["kaihu-promo"]


def test_warnings_are_listed() -> None:
    explanation = sinaparse.explain(make_post(TEXT, title="'超前布局_6G_网络'"))
    assert "title-underscore" in [warning.code for warning in explanation.warnings]
    assert explanation.article is not None
    assert explanation.warnings == explanation.article.warnings


def test_bad_input_raises_as_parse_does() -> None:
    with pytest.raises(sinaparse.FrontMatterError) as raised:
        sinaparse.explain("---\ntitle: [\n---\n<p>x</p>", kind="post")
    with pytest.raises(sinaparse.FrontMatterError) as parsed:
        sinaparse.parse("---\ntitle: [\n---\n<p>x</p>")
    assert (raised.value.reason, raised.value.line) == (parsed.value.reason, parsed.value.line)


def test_a_feed_without_items_and_an_unknown_kind_are_errors() -> None:
    with pytest.raises(sinaparse.InputError, match="no item"):
        sinaparse.explain(make_feed([]))
    with pytest.raises(sinaparse.OptionsError):
        sinaparse.explain(TEXT, kind="tweet")


def test_the_excerpt_collapses_white_space_and_is_cut_with_an_ellipsis() -> None:
    assert excerpt(["  a \n\t b  "]) == "a b"
    cut = excerpt(["字" * 200])
    assert len(cut) == 80
    assert cut.endswith("…")
    assert excerpt(["字" * 80]) == "字" * 80


CORPUS_POSTS = [
    CORPUS / "posts" / "sina_112_变味员工持股_jqlblockQuote_2pages.md",
    CORPUS / "posts" / "sina_120_北京18家中介_finReferenceBlockquote.md",
    SEED,
]


@pytest.mark.parametrize(
    ("path", "rule"),
    [(CORPUS_POSTS[0], "jql-link-list"), (CORPUS_POSTS[1], "related-links"), (SEED, "app-qr")],
    ids=lambda value: value.stem if isinstance(value, Path) else value,
)
def test_a_real_post_names_the_rule_of_its_boilerplate(path: Path, rule: str) -> None:
    removals = _removals_by(sinaparse.explain_file(path), rule)
    assert removals
    assert all(removal.line is not None for removal in removals)


# A recording parse keeps a body's comments to list them (see _api._clean_body):
# every corpus post checks that the result is still the normal parse's.
@pytest.mark.parametrize(
    "path", [*sorted((CORPUS / "posts").iterdir()), SEED], ids=lambda path: path.stem
)
def test_explain_parses_as_parse_does(path: Path) -> None:
    explanation = sinaparse.explain_file(path)
    assert explanation.article is not None
    assert explanation.article.to_dict() == sinaparse.parse_file(path).to_dict()


@pytest.mark.parametrize("path", sorted((CORPUS / "pages").iterdir()), ids=lambda path: path.stem)
def test_explain_parses_a_page_as_parse_page_does(path: Path) -> None:
    explanation = sinaparse.explain(path.read_bytes(), kind="page")
    assert explanation.article is not None
    assert explanation.article.to_dict() == sinaparse.parse_page(path.read_bytes()).to_dict()


# --- The debug log ------------------------------------------------------------


def test_at_debug_level_every_parse_logs_its_removals_and_warnings(
    caplog: pytest.LogCaptureFixture,
) -> None:
    post = make_post(TEXT + RULE_EXAMPLES[1][1], title="'超前布局_6G_网络'")
    with caplog.at_level(logging.DEBUG, logger="sinaparse"):
        sinaparse.parse(post)
    removed = [record for record in caplog.records if hasattr(record, "sinaparse_rule")]
    assert [record.getMessage() for record in removed] == [
        "removed by kaihu-promo (开户 (open an account) promo): <div> line 16: 年终理财爆款福利"
    ]
    assert getattr(removed[0], "sinaparse_excerpt", None) == "年终理财爆款福利"
    warned = [
        record.sinaparse_warning
        for record in caplog.records
        if hasattr(record, "sinaparse_warning")
    ]
    assert warned == ["title-underscore"]


@pytest.mark.parametrize(
    "parse",
    [
        lambda: sinaparse.parse_body(TEXT + RULE_EXAMPLES[1][1]),
        lambda: sinaparse.parse_page(make_page(TEXT + RULE_EXAMPLES[1][1])),
        lambda: list(
            sinaparse.parse_feed(make_feed([{"description": TEXT + RULE_EXAMPLES[1][1]}]))
        ),
    ],
    ids=["parse_body", "parse_page", "parse_feed"],
)
def test_each_kind_of_parse_logs_at_debug_level(
    parse: Callable[[], object], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="sinaparse"):
        parse()
    assert [getattr(record, "sinaparse_rule", None) for record in caplog.records] == ["kaihu-promo"]


def test_above_debug_level_a_parse_logs_nothing(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="sinaparse"):
        sinaparse.parse(make_post(TEXT + RULE_EXAMPLES[1][1], title="'超前布局_6G_网络'"))
    assert caplog.records == []


# --- The command ----------------------------------------------------------------


def test_the_command_prints_each_removal_then_the_warnings_then_a_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = tmp_path / "post.md"
    post.write_text(make_post(TEXT + RULE_EXAMPLES[1][1], title="'超前布局_6G_网络'"), "utf-8")
    assert main([str(post)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == [
        "kaihu-promo  (开户 (open an account) promo)",
        "    <div> line 16: 年终理财爆款福利",
    ]
    assert lines[2].startswith("[title-underscore] title '超前布局_6G_网络'")
    assert lines[3] == "post: 1 removal by 1 rule, 1 warning"


def test_the_command_writes_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = tmp_path / "body.html"
    body.write_text(TEXT + RULE_EXAMPLES[0][1], "utf-8")
    assert main([str(body), "--format", "json", "--input", "body"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["kind"] == "body"
    assert [removal["rule"] for removal in document["removals"]] == ["app-qr"]
    assert document["removals"][0]["excerpt"] == RULE_EXAMPLES[0][2]
    assert document["body"]["paragraphs"] == ["正文第一段，央行今日宣布降准。"]


def test_a_file_that_does_not_parse_is_status_1_with_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = tmp_path / "bad.md"
    post.write_text("---\ntitle: [\n---\n<p>x</p>", "utf-8")
    assert main([str(post), "--input", "post"]) == 1
    assert capsys.readouterr().err.startswith(f"{post}:")
    assert main([str(tmp_path / "missing.md")]) == 1


def test_a_usage_error_is_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert main(["x.md", "--format", "csv"]) == 2
    assert "sinaparse explain" in capsys.readouterr().err
