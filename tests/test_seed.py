"""The sample post the library was made from, every field written out by hand."""

from __future__ import annotations

import datetime as dt

import sinaparse
from sinaparse import Figure, Image, Paragraph

from .conftest import SEED

IMAGE_URL = (
    "https://n.sinaimg.cn/sinakd20210802s/227/w640h387/20210802/"
    "8bd2-fd8e8b125de70dd588dccc5ccb785b11.jpg"
)

PARAGRAPHS = (
    "8月2日，2021全球数字经济大会在北京开幕。大会发布了《北京市关于加快建设全球数字经济标杆城市的"
    "实施方案》，明确了北京市大力发展数字经济的战略和愿景，描绘了今后十年北京数字经济发展的路线图和"
    "施工图。方案提出，超前布局领先一代的数字技术创新，率先开展6G未来网络等研发。",
    "近年来，北京大力推进数字经济发展，取得了积极成效，2020年，全市数字经济总量超1.44万亿元，"
    "占GDP比重超40%，为建设标杆城市打下了良好基础。",
    "市经信局相关负责人介绍，北京建设全球数字经济标杆城市将立足于“四个突出”：一是突出“数字”驱动，"
    "把数据作为核心生产要素，作为城市减量发展背景下实现经济高质量发展、可持续发展的主要路径；"
    "二是突出“全球”争先，坚持全球化视野和高水平开放，努力争取在全球数字经济的竞争中处于领先位置；"
    "三是突出“标杆”引领，培育一批标杆企业、实施一批标杆工程，打造数字经济时代的标志性产业体系；"
    "四是突出“城市”孵化，把北京超大城市整体作为一个超级孵化平台，加快构建数字社会生态。",
    "全球数字经济标杆城市是什么？北京在哪些方面能够成为标杆？《实施方案》给出了明确的答案："
    "通过10年左右的持续努力，把北京打造成为引领全球数字经济发展的“六个高地”：城市数字智能转型"
    "示范高地、国际数据要素配置枢纽高地、新兴数字产业孵化引领高地、全球数字技术创新策源高地、"
    "数字治理中国方案服务高地、数字经济对外合作开放高地。",
    "《实施方案》明确了多项主要任务，形成开放领先的新型数字社会生态，率先构建面向未来的数字经济"
    "新体系。其中，本市将率先建设数据原生的城市基础设施，加快建设全感知城市；建设智能网联化城市"
    "道路，“十四五”末完成1000公里；推进水电气热等表具智能化改造，建设数字城市生命线；建设国际领先"
    "的网络基础设施等。",
    "同时，本市还将聚焦培育数据驱动的未来标杆产业，聚焦六个产业：新一代数字化出行产业，将抓住交通"
    "行业全面数字化转型窗口期，以自动驾驶技术、车路协同解决方案为突破口，统筹推动“车、路、云、网、"
    "图”一体发展；新型数字化健康服务产业，将统筹北京丰富的医疗资源，推动“医共体”升级成“健共体”，"
    "实现医疗卫生事业由“以治疗为中心”向“以健康为中心”转变；智能制造产业，将通过搭建工业互联网平台、"
    "工业电子商务平台，建设一批全球智能制造标杆工厂，构建数据驱动的北京智造新业态；面向碳中和的"
    "数字能源服务产业，将着眼能源生产输送消费的全链条革命，发展新型储能产品、分布式能源系统和"
    "“虚拟电厂”“负荷聚集商”等业态；数字金融产业，将聚焦国家金融管理中心功能建设，推进数字人民币"
    "全场景试点应用，打造数字金融科技示范园；数据支撑的研发和知识生产产业，将积极探索基于大数据和"
    "人工智能应用的跨学科知识创新和知识生产新模式，进一步推动传媒、传播、出版、教育等产业形成数字"
    "经济新业态。",
    "根据方案，北京还将超前布局领先一代的数字技术创新，围绕“感-传-算-用”的数据链，率先开展6G未来"
    "网络、量子科技、算法创新、区块链，以及生物与信息融合技术的研发，加快构建自主可控、产研一体、"
    "软硬协同的新一代数字技术创新体系。",
)


def test_seed_front_matter_fields() -> None:
    article = sinaparse.parse_file(SEED)
    assert article.title == "超前布局6G网络！北京将打造全球数字经济标杆城市"
    assert article.date == dt.datetime(2021, 8, 2, 12, 49, 57, tzinfo=dt.timezone.utc)
    assert article.date.utcoffset() == dt.timedelta(0)
    assert article.categories == ("金融", "新浪财经", "新浪财经－国內")
    assert article.author == "新浪财经"
    assert article.comments is False
    assert dict(article.extra) == {}


def test_seed_body_fields() -> None:
    article = sinaparse.parse_file(SEED)
    image = Image(url=IMAGE_URL, alt=None, caption=None, width=640, height=387)
    assert article.original_title == "超前布局6G网络！北京将打造全球数字经济标杆城市"
    assert article.source is None
    assert article.editor == "蒋晓桐"
    assert article.images == (image,)
    assert article.head_image == image
    assert article.thumbnail == image
    assert article.stocks == ()
    assert article.paragraphs == PARAGRAPHS
    assert article.blocks == (
        Paragraph(PARAGRAPHS[0]),
        Figure(image),
        *(Paragraph(text) for text in PARAGRAPHS[1:]),
    )
    assert article.warnings == ()


def test_seed_text_holds_no_boilerplate() -> None:
    text = sinaparse.parse_file(SEED).text
    assert text == "\n".join(PARAGRAPHS)
    for leaked in (
        "新浪财经APP",
        "appendQr",
        "&#123;",
        "{",
        "news_keyword_pub",
        "责任编辑",
        "原标题",
    ):
        assert leaked not in text
