"""The command's ``-o`` file: never one of the inputs, and never left half written.

The articles are written to a temporary file beside the target, which takes
the target's name only once everything is written: an error or Ctrl-C
leaves the target as it was (or absent), never a half or invalid file. A
target that exists and is not a regular file (``/dev/null``, a FIFO, a
terminal) cannot be replaced, and is written to directly.
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
import stat
from collections.abc import Iterator, Sequence
from typing import IO, Any, TextIO


def clash_with_inputs(output: str, paths: Sequence[str], files: Sequence[str]) -> str | None:
    """Why ``output`` may not be written, or None: it is one of the input files
    (by name, through a link, or as another name of the same file), or lies in
    a folder being walked. Writing it would destroy a post, or feed the next
    run its own output."""
    target = os.path.realpath(output)
    for path in paths:
        if os.path.isdir(path):
            folder = os.path.realpath(path)
            if os.path.commonpath([folder, target]) == folder:
                return f"-o {output} lies inside the input folder {path}: write it elsewhere"
        elif os.path.realpath(path) == target:
            return _is_input(output, path)
    # Another name of an input (a hard link, a link in a folder): one stat a file.
    same = _identity(output)
    for name in files if same is not None else ():
        if _identity(name) == same:
            return _is_input(output, name)
    return None


def _is_input(output: str, name: str) -> str:
    return f"-o {output} is the input file {name}: it would be overwritten"


def same_file(path: str, other: str | IO[Any]) -> bool:
    """Whether ``path`` names the file ``other`` names, or the file an open
    stream writes (standard output sent by the shell into a file)."""
    mine = _identity(path)
    return mine is not None and mine == _identity(other)


def _identity(path: str | IO[Any]) -> tuple[int, int] | None:
    try:
        status = os.stat(path) if isinstance(path, str) else os.fstat(path.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return None
    return status.st_dev, status.st_ino


@contextlib.contextmanager
def replaced_when_complete(path: str) -> Iterator[TextIO]:
    """A UTF-8 text stream for ``path``, which becomes ``path`` when the block ends.

    An exception out of the block (KeyboardInterrupt included) removes it
    instead, and ``path`` is left as it was.

    Raises:
        OSError: the temporary file cannot be made (no such folder, no permission).
    """
    target = os.path.realpath(path)  # through a link: replace the file it names, not it
    if _exists_and_is_not_regular(target):
        with open(target, "w", encoding="utf-8", newline="") as device:
            yield device
        return
    temporary, stream = _temporary_beside(target)
    try:
        with stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        _keep_mode(target, temporary)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _exists_and_is_not_regular(path: str) -> bool:
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def _temporary_beside(target: str) -> tuple[str, TextIO]:
    # Hidden ("."), so that no walk takes it; created with O_EXCL, so that it is
    # no file that was there, with mode 0o666 less the umask, as open() makes files.
    folder, name = os.path.split(target)
    while True:
        temporary = os.path.join(folder, f".{name[:200]}.{secrets.token_hex(4)}.tmp")
        try:
            descriptor = os.open(temporary, _CREATE, 0o666)
        except FileExistsError:
            continue
        return temporary, open(descriptor, "w", encoding="utf-8", newline="")


def _keep_mode(target: str, temporary: str) -> None:
    # A file that was there keeps its permissions when it is replaced.
    with contextlib.suppress(OSError):
        os.chmod(temporary, stat.S_IMODE(os.stat(target).st_mode))
