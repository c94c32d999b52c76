"""Stage 2, the body: a Sina body's HTML becomes the Body's fields.

In: the body's text. Out: a ``Body`` (paragraphs, blocks, images, stocks,
original title, source, editor, warnings), and what the cleaning dropped.

``html`` parses with safe lxml settings; ``clean`` applies the boilerplate
catalogue and reads the data in comments; ``walk`` turns the tree into blocks
(with ``paragraphs``, ``images`` and ``tables``); ``metadata`` takes Sina's
原标题 / 来源 / 责任编辑 lines out of the text; ``extract`` puts these together.
``stocks`` and ``urls`` are the rules for stock codes and picture addresses.
"""
