"""sinaparse: Sina Finance (新浪财经) posts become clean, typed Article objects.

>>> import sinaparse
>>> article = sinaparse.parse_file("seeds/000_bc2d6b5aaa9d9c1a.txt")  # doctest: +SKIP
>>> article.title  # doctest: +SKIP
'超前布局6G网络！北京将打造全球数字经济标杆城市'
"""

# First: with SINAPARSE_PURE=1, importing _compiled has the compiled build's
# modules imported from their .py sources, so it comes before anything imports them.
from ._compiled import running_compiled

# isort: split
from ._api import parse, parse_body, parse_file, parse_page
from ._data.record import RECORD_FIELDS
from ._explain import Explanation, explain, explain_file
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
from .boilerplate._removal import Removal
from .boilerplate.rules_file import load_rules
from .errors import (
    BodyError,
    DataError,
    DateError,
    FrontMatterError,
    InputError,
    OptionsError,
    RulesFileError,
    SinaParseError,
    WorkerError,
    WorkerStartError,
)
from .options import DEFAULT_OPTIONS, ParseOptions
from .outputs.arrow import to_arrow  # the one output at the top: a conversion, as to_dict is

__version__ = "0.2.0"

COMPILED: bool = running_compiled()
"""True when the mypyc-compiled modules run (the compiled wheel, without
``SINAPARSE_PURE=1``); False for the pure wheel, a source checkout, or
``SINAPARSE_PURE=1``."""

__all__ = [
    "COMPILED",
    "DEFAULT_BOILERPLATE",
    "DEFAULT_OPTIONS",
    "RECORD_FIELDS",
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
    "Explanation",
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
    "Removal",
    "RulesFileError",
    "SinaParseError",
    "Stock",
    "Table",
    "WorkerError",
    "WorkerStartError",
    "__version__",
    "explain",
    "explain_file",
    "load_rules",
    "parse",
    "parse_body",
    "parse_feed",
    "parse_file",
    "parse_many",
    "parse_page",
    "to_arrow",
]
