"""The errors sinaparse raises.

Every error is a :class:`SinaParseError`, which is also a :class:`ValueError`,
so ``except ValueError`` keeps working for callers who do not care which::

    ValueError
     └── SinaParseError          any input sinaparse cannot turn into a result
          ├── InputError         bytes that are not text, input over max_bytes
          ├── FrontMatterError   no front matter, or one without a usable field
          │    └── DateError     a date in none of the supported forms
          ├── BodyError          a body that cannot be parsed as HTML
          ├── OptionsError       a ParseOptions value that cannot work
          │    └── RulesFileError  a rules file (load_rules) that cannot give its rules
          ├── DataError          from_dict data no parse gives: a key missing, a wrong type
          └── WorkerError        parse_many(workers=N): the file stopped a worker process

Each error carries ``path`` and ``line`` (1-based, in the whole document) where
they are known, and its message reads well on its own::

    post.md:9: front matter: 'date' is not a date: 'Mon, 32 Aug'

Without a path (``parse`` of a string) the position reads ``line 9: …``.

One error is about the machine, not the input: :class:`WorkerStartError`, a
:class:`RuntimeError`, when the worker processes of ``parse_many`` cannot start.
"""

from __future__ import annotations

import os
from typing import TypeVar

__all__ = [
    "BodyError",
    "DataError",
    "DateError",
    "FrontMatterError",
    "InputError",
    "OptionsError",
    "RulesFileError",
    "SinaParseError",
    "WorkerError",
]


_Error = TypeVar("_Error", bound="SinaParseError")


class SinaParseError(ValueError):
    """The root of sinaparse's errors.

    Attributes:
        reason: what is wrong, without the position.
        path: the file the input came from, when known.
        line: the 1-based line of the document the problem is on, when known.
    """

    #: The stage that failed, shown in the message (``front matter: …``). A page's
    #: and a feed item's title and date errors (a FrontMatterError, a DateError)
    #: are labelled by what they are: ``page``, ``feed item 3``.
    stage: str = ""

    def __init__(
        self,
        reason: str,
        *,
        path: str | os.PathLike[str] | None = None,
        line: int | None = None,
    ) -> None:
        self.reason = reason
        self.path = os.fspath(path) if path is not None else None
        self.line = line
        super().__init__(self._message())

    def _message(self) -> str:
        stage = f"{self.stage}: " if self.stage else ""
        return f"{self._where()}{stage}{self.reason}"

    def _where(self) -> str:
        if self.path is not None:
            return f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"line {self.line}: " if self.line else ""

    def with_position(
        self, *, path: str | os.PathLike[str] | None = None, line_offset: int = 0
    ) -> SinaParseError:
        """Return a copy of this error placed in a file, or moved down by lines.

        The stages report lines relative to the text they read; the pipeline
        uses this to report lines of the whole document.
        """
        line = self.line + line_offset if self.line is not None else None
        copy = type(self)(self.reason, path=path if path is not None else self.path, line=line)
        copy.__cause__ = self.__cause__
        return copy._labelled(self.stage)

    def _labelled(self: _Error, stage: str) -> _Error:
        """This error, its message labelled ``stage`` instead of its class's: the
        front matter's errors of a page read ``page: …``, of a feed's item
        ``feed item 3: …`` (they have no front matter)."""
        if stage != self.stage:
            self.stage = stage
            self.args = (self._message(),)
        return self

    def __reduce__(self) -> tuple[object, ...]:
        # Errors cross process boundaries in batch parsing: keep them picklable.
        return (_rebuild_error, (type(self), self.reason, self.path, self.line, self.stage))


def _rebuild_error(
    cls: type[SinaParseError],
    reason: str,
    path: str | None,
    line: int | None,
    stage: str | None = None,
) -> SinaParseError:
    error = cls(reason, path=path, line=line)
    return error._labelled(stage) if stage is not None else error


class InputError(SinaParseError):
    """The input is not text sinaparse can read: undecodable bytes, too large."""

    stage = "input"


class WorkerError(SinaParseError):
    """The worker process parsing this file stopped (killed, out of memory, crashed),
    or was stopped: the file took longer than ``parse_many``'s ``timeout``.

    Only ``parse_many`` with ``workers`` or ``timeout`` gives it, for a file
    that stopped a worker process on its own, or passed the time limit: the
    other files of its chunk were parsed again in a new one.
    """

    stage = "worker"


class FrontMatterError(SinaParseError):
    """The front matter is missing, unreadable, or lacks a title or date."""

    stage = "front matter"


class DateError(FrontMatterError):
    """A date is in none of the supported forms, or is not a real date."""


class BodyError(SinaParseError):
    """The body cannot be parsed as HTML."""

    stage = "body"


class OptionsError(SinaParseError):
    """A :class:`~sinaparse.ParseOptions` value cannot work (a bad selector, zone)."""

    stage = "options"


class RulesFileError(OptionsError):
    """A rules file of :func:`~sinaparse.load_rules` that cannot give its rules: it
    cannot be read, is not TOML or JSON, or holds a rule that cannot work (an
    unknown, missing or mistyped key, a bad selector, a name used twice, a
    selector the default catalogue applies already).

    Attributes:
        rule: the rule's place in the file, counting from 1; None when the
            problem is the file's as a whole.
        rule_name: the rule's ``name``, when it has a usable one.
    """

    stage = "rules file"

    def __init__(
        self,
        reason: str,
        *,
        path: str | os.PathLike[str] | None = None,
        line: int | None = None,
        rule: int | None = None,
        rule_name: str | None = None,
    ) -> None:
        # Set before the base class words the message, which names them.
        self.rule = rule
        self.rule_name = rule_name
        super().__init__(reason, path=path, line=line)

    def _message(self) -> str:
        if self.rule is None:
            return super()._message()
        named = f" ({self.rule_name!r})" if self.rule_name is not None else ""
        return f"{self._where()}{self.stage}: rule {self.rule}{named}: {self.reason}"

    def with_position(
        self, *, path: str | os.PathLike[str] | None = None, line_offset: int = 0
    ) -> RulesFileError:
        """Return a copy placed in a file or moved down by lines, naming the same rule."""
        line = self.line + line_offset if self.line is not None else None
        copy = RulesFileError(
            self.reason,
            path=path if path is not None else self.path,
            line=line,
            rule=self.rule,
            rule_name=self.rule_name,
        )
        copy.__cause__ = self.__cause__
        return copy

    def __reduce__(self) -> tuple[object, ...]:
        return (
            _rebuild_rules_file_error,
            (self.reason, self.path, self.line, self.rule, self.rule_name),
        )


def _rebuild_rules_file_error(
    reason: str, path: str | None, line: int | None, rule: int | None, rule_name: str | None
) -> RulesFileError:
    return RulesFileError(reason, path=path, line=line, rule=rule, rule_name=rule_name)


class DataError(SinaParseError):
    """Data given to a ``from_dict`` is not what ``to_dict`` writes: a required
    key is missing, a value is of the wrong type, or it is a value no parse
    gives (``extra`` that is no JSON, a ``javascript:`` picture, a NUL in a
    text, a colspan of 0).

    Attributes:
        key: where in the data, as a path of keys and indexes
            (``blocks[3].rows[0][1].colspan``); empty for the data as a whole.
    """

    def __init__(
        self,
        reason: str,
        *,
        key: str = "",
        path: str | os.PathLike[str] | None = None,
        line: int | None = None,
    ) -> None:
        self.key = key
        super().__init__(reason, path=path, line=line)

    def _message(self) -> str:
        message = super()._message()
        return f"{self.key}: {message}" if self.key else message

    def with_position(
        self, *, path: str | os.PathLike[str] | None = None, line_offset: int = 0
    ) -> SinaParseError:
        """As :meth:`SinaParseError.with_position`, keeping :attr:`key`."""
        line = self.line + line_offset if self.line is not None else None
        copy = DataError(
            self.reason, key=self.key, path=path if path is not None else self.path, line=line
        )
        copy.__cause__ = self.__cause__
        return copy

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_data_error, (self.reason, self.key, self.path, self.line))


def _rebuild_data_error(reason: str, key: str, path: str | None, line: int | None) -> DataError:
    return DataError(reason, key=key, path=path, line=line)


class WorkerStartError(RuntimeError):
    """The worker processes of ``parse_many(workers=N)`` could not start.

    A worker process ended before it was ready to parse, so no file is to
    blame and this is not a :class:`SinaParseError`; the batch stops. The usual
    cause is a script that calls ``parse_many`` outside an
    ``if __name__ == "__main__":`` block: every new process runs the script
    again. ``workers=None`` (without ``timeout``) parses in the calling
    process and needs no workers.
    """
