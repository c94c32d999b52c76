"""The command's progress line on standard error, and the tally it shows."""

from __future__ import annotations

import time
from typing import TextIO

import attrs


@attrs.define
class Tally:
    """What the run has done so far, for the progress line and the summary."""

    total: int
    """The files listed (a feed's items may outnumber them)."""
    parsed: int = 0
    failed: int = 0

    @property
    def done(self) -> int:
        return self.parsed + self.failed


class Progress:
    """A one-line progress bar on a terminal, redrawn in place at most 10 times a second.

    Hand-written: the command needs only ``\\r`` and a padded line, which is
    less than a dependency (tqdm, rich) would cost every install. It is drawn
    only when ``shown`` is true: the caller passes false when the stream is
    not a terminal (a log file, CI, where a redrawn line would be noise), or
    when the output goes to the same terminal, where it would be glued to the
    articles.
    """

    _INTERVAL = 0.1
    _BAR_WIDTH = 24

    def __init__(self, stream: TextIO, tally: Tally, *, shown: bool) -> None:
        self._stream = stream
        self._tally = tally
        self._shown = shown
        self._start = time.monotonic()
        self._last_draw = float("-inf")
        self._width = 0

    def update(self) -> None:
        """Redraw, unless the last redraw was less than a tenth of a second ago."""
        now = time.monotonic()
        if self._shown and now - self._last_draw >= self._INTERVAL:
            self._last_draw = now
            self._draw(self._line(now - self._start))

    def clear(self) -> None:
        """Blank the line, so a message or the summary can take its place."""
        if self._shown and self._width:
            self._draw("")
            self._stream.write("\r")
            self._width = 0

    def _line(self, elapsed: float) -> str:
        done, total = self._tally.done, self._tally.total
        share = min(done / total, 1.0) if total else 1.0  # a feed's items outnumber files
        filled = round(share * self._BAR_WIDTH)
        bar = "#" * filled + "-" * (self._BAR_WIDTH - filled)
        rate = done / elapsed if elapsed > 0 else 0.0
        left = _clock(max(total - done, 0) / rate) if rate else "--:--"
        return f"[{bar}] {done}/{total} files  {rate:.0f}/s  {left} left"

    def _draw(self, line: str) -> None:
        # Pad with spaces over what a longer previous line left behind.
        self._stream.write("\r" + line.ljust(self._width))
        self._stream.flush()
        self._width = len(line)


def is_terminal(stream: object) -> bool:
    """Whether ``stream`` is a terminal; False for anything that cannot say."""
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return False


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"
