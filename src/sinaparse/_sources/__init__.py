"""Stage 1, the sources: what a caller hands over becomes text to parse.

In: a file's bytes, bytes, or str. Out: text with ``\\n`` line ends, within
the size limit (``read``), and a post's text split into its front matter and
its body, with the line each starts on (``post``).
"""
