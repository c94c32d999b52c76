"""The files a batch stands for: paths and folders in, file paths out, lazily."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator

POST_SUFFIXES: tuple[str, ...] = (".md", ".markdown", ".txt", ".html", ".htm", ".shtml", ".xml")
"""The file name endings taken when a folder is walked (compared without case):
posts, and pages, bodies and feeds."""

OUTPUT_SIGNATURE = b"<!-- written by sinaparse: not an input -->"
"""The first line of the command's Markdown and text files, which have a post's
endings: a walk skips a file that starts with it, so that an earlier run's
output is never read as a post, and parsing one named outright refuses it."""

_SIGNED_SUFFIXES = (".md", ".markdown", ".txt")


def find_posts(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str]) -> Iterator[str]:
    """The files a batch of ``paths`` stands for, lazily.

    A path that is not a folder is taken as it is, whatever its name (a missing
    one too: parsing it reports the error). A folder is walked recursively, in
    sorted order, for names ending in :data:`POST_SUFFIXES`; names starting
    with ``.`` (``.git``, editors' backups) are skipped, and links to folders
    are not followed, so a walk always ends.

    Nothing else a walk meets is skipped in silence: an entry with a post's
    name is taken whatever it is (a broken link, a link loop, a FIFO, a
    socket), and so are a folder that cannot be listed and an entry that
    cannot be examined, so that parsing each reports what is wrong with it.
    """
    return find_files(paths, POST_SUFFIXES)


def find_files(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str], suffixes: tuple[str, ...]
) -> Iterator[str]:
    """:func:`find_posts`, for names ending in ``suffixes`` (lower case) in folders."""
    for path in _as_paths(paths):
        name = os.fspath(path)
        if os.path.isdir(name):
            yield from _walk(name, suffixes)
        else:
            yield name


def _as_paths(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
) -> Iterable[str | os.PathLike[str]]:
    # A lone string is a path, not an iterable of one-letter paths.
    if isinstance(paths, (str, os.PathLike)):
        return (paths,)
    return paths


def _walk(folder: str, suffixes: tuple[str, ...]) -> Iterator[str]:
    try:
        names = _sorted_names(folder)
    except OSError:
        yield folder  # parsing it says why it cannot be listed
        return
    for name in names:
        if name.startswith("."):
            continue
        path = os.path.join(folder, name)
        kind = _kind(path)
        if kind == "folder":
            yield from _walk(path, suffixes)
        elif kind == "unknown" or (name.lower().endswith(suffixes) and not _is_output(name, path)):
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
    """What ``path`` is, for the walk: "folder" (never through a link, so a walk
    always ends), "unknown" (it cannot be examined: it might be a folder of
    posts), or "entry" (anything else, gone meanwhile included)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return "entry"
    except OSError:
        return "unknown"
    return "folder" if stat.S_ISDIR(mode) else "entry"


def is_signed(data: bytes) -> bool:
    """Whether ``data`` starts with :data:`OUTPUT_SIGNATURE` (after a UTF-8 BOM)."""
    return data.removeprefix(b"\xef\xbb\xbf").startswith(OUTPUT_SIGNATURE)


def _is_output(name: str, path: str) -> bool:
    # Only the endings the command writes Markdown and text with are read (a
    # few bytes, one open), and only regular files: opened without blocking,
    # so that a FIFO cannot stop the walk. What cannot be read is taken, so
    # that parsing it says why.
    if not name.lower().endswith(_SIGNED_SUFFIXES):
        return False
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return False
        return is_signed(os.read(descriptor, len(OUTPUT_SIGNATURE) + 3))
    except OSError:
        return False
    finally:
        os.close(descriptor)
