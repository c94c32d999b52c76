"""A head image or thumbnail from a placeholder service is no picture of the article.

The aggregator gives a post without a picture a random one of picsum.photos;
other themes and feeds use other such services. Those fields are None, with
a ``head-image-placeholder`` warning naming the host; a picture the body
itself shows is the article's, whatever its host.
"""

from __future__ import annotations

import pytest

import sinaparse
from sinaparse.boilerplate import PLACEHOLDER_IMAGE_HOSTS

from .conftest import ROOT
from .posts import make_post, paragraph


def _post(url: str, body: str = "") -> str:
    return make_post(body or paragraph("正文"), headimg=f"'{url}'")  # thumbnail too


def _placeholder_warnings(article: sinaparse.Article) -> list[str]:
    return [message for code, message in article.warnings if code == "head-image-placeholder"]


def test_the_post_helper_sets_both_fields() -> None:
    article = sinaparse.parse(_post("https://n.sinaimg.cn/finance/w640h360/a.jpg"))
    assert article.head_image is not None
    assert article.thumbnail is not None


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://picsum.photos/400/300?random=3514", "picsum.photos"),  # the aggregator's
        ("http://picsum.photos/id/237/200/300", "picsum.photos"),
        ("//fastly.picsum.photos/id/1/400/300.jpg", "picsum.photos"),
        ("https://source.unsplash.com/random/800x600", "source.unsplash.com"),
        ("https://placehold.co/600x400/png", "placehold.co"),
        ("https://via.placeholder.com/150", "via.placeholder.com"),
        ("https://dummyimage.com/600x400/000/fff", "dummyimage.com"),
        ("https://loremflickr.com/320/240/dog", "loremflickr.com"),
        ("https://placeimg.com/640/480/any", "placeimg.com"),
        ("https://api.ixiaowai.cn/gqapi/gqapi.php", "api.ixiaowai.cn"),
        ("https://PICSUM.PHOTOS./200", "picsum.photos"),
        # The host as a browser reads it (IDNA): full-width letters, 。 as a dot.
        ("https://\uff50\uff49\uff43\uff53\uff55\uff4d.photos/400/300", "picsum.photos"),
        ("https://picsum\u3002photos/400/300?random=1", "picsum.photos"),
        ("https://fastly.picsum\uff0ePHOTOS/id/1/400/300.jpg", "picsum.photos"),
        ("https://\uff30\uff4c\uff41\uff43\uff45\uff48\uff4f\uff4c\uff44.co/600", "placehold.co"),
    ],
)
def test_a_placeholder_head_image_is_none_and_the_warning_names_its_host(
    url: str, host: str
) -> None:
    article = sinaparse.parse(_post(url))
    assert article.head_image is None
    assert article.thumbnail is None
    messages = _placeholder_warnings(article)
    assert len(messages) == 2
    assert all(f"placeholder of {host}" in message for message in messages)
    assert messages[0].startswith("headimg ")
    assert messages[1].startswith("thumbnail ")


@pytest.mark.parametrize(
    "url",
    [
        "https://n.sinaimg.cn/finance/crawl/20210802/w640h360/a.jpg",
        "https://picsum.photos.example.com/400/300",  # a host only named like one
        "https://notpicsum.photos/400/300",
        "https://example.com/picsum.photos/400/300",  # the name in the path
        "https://unsplash.com/photos/abc",  # Unsplash's own photo pages are real pictures
        "https://pic1.zhimg.com/v2-abc.jpg",
    ],
)
def test_other_pictures_stay(url: str) -> None:
    article = sinaparse.parse(_post(url))
    assert article.head_image is not None
    assert _placeholder_warnings(article) == []


def test_a_placeholder_the_body_shows_is_the_articles_picture() -> None:
    url = "https://picsum.photos/id/10/640/360"
    article = sinaparse.parse(_post(url, f'<p><img src="{url}"></p>' + paragraph("正文")))
    assert article.head_image is not None
    assert article.head_image.url == url
    assert _placeholder_warnings(article) == []


def test_every_host_has_a_reason_and_is_documented() -> None:
    docs = (ROOT / "docs" / "fields.md").read_text(encoding="utf-8")
    for host, reason in PLACEHOLDER_IMAGE_HOSTS:
        assert host == host.lower().strip(".")
        assert "/" not in host
        assert reason.strip()
        assert f"`{host}`" in docs


@pytest.mark.parametrize("url", ["http://[::1/x.jpg", "http://原标题：picsum.photos/400/300"])
def test_a_head_image_with_no_usable_address_is_no_placeholder_and_no_error(url: str) -> None:
    from sinaparse.boilerplate.placeholders import placeholder_host

    assert placeholder_host(url) is None
