"""Stage 1, the sources: what a caller hands over becomes text to parse.

In: a file's bytes, bytes, or str. Out: text with ``\\n`` line ends, within
the size limit (``read``); a post's text split into its front matter and its
body, with the line each starts on (``post``); a whole page's article body as
HTML and its metadata as strings (``page``, on the tree ``page_tree`` parses
in the page's charset).
"""
