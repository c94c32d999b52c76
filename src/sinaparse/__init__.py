"""sinaparse: Sina Finance (新浪财经) posts become clean, typed Article objects.

>>> import sinaparse
>>> article = sinaparse.parse_file("seeds/000_bc2d6b5aaa9d9c1a.txt")  # doctest: +SKIP
>>> article.title  # doctest: +SKIP
'超前布局6G网络！北京将打造全球数字经济标杆城市'
"""

from ._api import parse, parse_body, parse_file, parse_page
from .article import (
    Article,
    Block,
    Body,
    Cell,
    Code,
    Credit,
    Figure,
    Heading,
    Image,
    Paragraph,
    ParseWarning,
    Quote,
    Stock,
    Table,
)
from .batch import Outcome, parse_feed, parse_many
from .boilerplate import DEFAULT_BOILERPLATE, BoilerplateRule
from .errors import (
    BodyError,
    DataError,
    DateError,
    FrontMatterError,
    InputError,
    OptionsError,
    SinaParseError,
    WorkerError,
    WorkerStartError,
)
from .options import DEFAULT_OPTIONS, ParseOptions

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_BOILERPLATE",
    "DEFAULT_OPTIONS",
    "Article",
    "Block",
    "Body",
    "BodyError",
    "BoilerplateRule",
    "Cell",
    "Code",
    "Credit",
    "DataError",
    "DateError",
    "Figure",
    "FrontMatterError",
    "Heading",
    "Image",
    "InputError",
    "OptionsError",
    "Outcome",
    "Paragraph",
    "ParseOptions",
    "ParseWarning",
    "Quote",
    "SinaParseError",
    "Stock",
    "Table",
    "WorkerError",
    "WorkerStartError",
    "__version__",
    "parse",
    "parse_body",
    "parse_feed",
    "parse_file",
    "parse_many",
    "parse_page",
]
