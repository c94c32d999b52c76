"""The shapes of an Article's data, shared by every stage.

In: plain data (YAML's values for ``extra``; ``to_dict()`` data for a record).
Out: ``json_data``: the frozen JSON mapping that ``Article.extra`` is;
``record``: the flat one-level row (:data:`~sinaparse.RECORD_FIELDS`) that
CSV, Parquet and ``to_record()`` give; ``article_data``: the results'
``to_dict`` / ``from_dict``, led by their type hints; ``invariants``: what
``from_dict`` checks beyond types (the parser's guarantees); ``urls``: the URL
rules of pictures, links and ``base_url``. None imports the result classes:
the classes call them.
"""
