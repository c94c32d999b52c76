"""Stage 2, the front matter: YAML text becomes typed fields.

In: the front matter's text and its first line. Out: a ``FrontMatter`` (title,
aware date, categories, author, images, ``extra``, warnings).

``lines`` reads the aggregator's one-key-a-line layout fast and hands anything
else to ``yaml_reader`` (PyYAML's safe loader); both give ``raw`` fields, which
``fields`` types and maps, with dates read by ``dates``.

``page`` types a whole page's metadata strings (its shown time, keywords,
breadcrumb) into a ``PageFront``, the page's counterpart of the front matter.
"""
