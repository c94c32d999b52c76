"""The files a batch stands for: paths and folders in, file paths out, lazily."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator

POST_SUFFIXES: tuple[str, ...] = (".md", ".markdown", ".txt")
"""The file name endings taken when a folder is walked (compared without case)."""


def find_posts(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str]) -> Iterator[str]:
    """The files a batch of ``paths`` stands for, lazily.

    A path that is not a folder is taken as it is, whatever its name (a missing
    one too: parsing it reports the error). A folder is walked recursively, in
    sorted order, for files ending in :data:`POST_SUFFIXES`; names starting
    with ``.`` (``.git``, editors' backups) are skipped, and links to folders
    are not followed, so a walk always ends. A folder that cannot be listed is
    yielded itself, so that its error is reported when it is parsed.
    """
    for path in _as_paths(paths):
        name = os.fspath(path)
        if os.path.isdir(name):
            yield from _walk(name)
        else:
            yield name


def _as_paths(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
) -> Iterable[str | os.PathLike[str]]:
    # A lone string is a path, not an iterable of one-letter paths.
    if isinstance(paths, (str, os.PathLike)):
        return (paths,)
    return paths


def _walk(folder: str) -> Iterator[str]:
    try:
        names = _sorted_names(folder)
    except OSError:
        yield folder
        return
    for name in names:
        if name.startswith("."):
            continue
        path = os.path.join(folder, name)
        kind = _kind(path)
        if kind == "folder":
            yield from _walk(path)
        elif kind == "file" and name.lower().endswith(POST_SUFFIXES):
            yield path


def _sorted_names(folder: str) -> Iterator[str]:
    """The names in ``folder``, sorted, held compactly while they are walked.

    The sorted names are kept as one bytes object: a name's UTF-8 length plus
    one byte, where a str or a DirEntry object costs 100 to 400 bytes, so that
    a folder of a million posts costs tens of megabytes, not hundreds. (Sorting
    the UTF-8 bytes of names sorts them by code point, as sorting str does.)
    """
    names = os.listdir(os.fsencode(folder))
    names.sort()
    packed = b"\0".join(names)  # NUL is the one byte no file name holds
    del names
    return _unpacked(packed) if packed else iter(())


def _unpacked(packed: bytes) -> Iterator[str]:
    start = 0
    while start <= len(packed):
        end = packed.find(b"\0", start)
        if end == -1:
            end = len(packed)
        yield os.fsdecode(packed[start:end])
        start = end + 1


def _kind(path: str) -> str:
    """What ``path`` is: "folder" (never through a link, so a walk always ends),
    "file" (also through a link), or "" (anything else, or gone)."""
    try:
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            mode = os.stat(path).st_mode
            return "file" if stat.S_ISREG(mode) else ""
    except OSError:  # gone, a broken link, or cannot be examined: nothing to take
        return ""
    if stat.S_ISDIR(mode):
        return "folder"
    return "file" if stat.S_ISREG(mode) else ""
