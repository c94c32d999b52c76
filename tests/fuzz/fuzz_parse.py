"""A coverage-guided fuzz target for sinaparse, run with atheris (libFuzzer for Python).

Every input is given, as bytes, to both ``sinaparse.parse`` and
``sinaparse.parse_body``, and must keep the whole promise of
``tests/promise.py``: a result or a ``SinaParseError``, and a result without
markup or characters that are not text, with safe image URLs, whose
``to_dict()`` is JSON (``allow_nan=False``) that ``from_dict`` reads back
equal, whose ``repr`` works and that the writers write. Any other exception
escapes as it was raised; any other broken promise is raised as
:class:`BrokenPromise`. atheris reports either as a crash and writes the input
to a ``crash-*`` file. Slowness is left to libFuzzer's ``-timeout``.

Besides libFuzzer's own byte mutations, :func:`mutate` splices in issue 12's
hostile fragments (``tests/hostile_fragments.py``): raw-text tags, table
pieces, structure, image URLs, front-matter lines (huge numbers, YAML
escapes, aliases, special scalars, duplicate keys, ambiguous dates), other
encodings and bytes that are not UTF-8.

libFuzzer stops at the first crash, and a crash one byte away from the seeds is
found again within seconds of a restart. To keep exploring past crashes already
reported, set ``SINAPARSE_FUZZ_KNOWN`` to a file of crash signatures, one a
line, as this target prints them (``ValueError at tables.py:_int_attribute``,
``promise: url: image URL holds a character to escape``): those are then counted as handled, and only new kinds of
crash stop the run.

Not part of the pytest suite (atheris is not a test dependency): see
``tests/fuzz/README.md`` for the command, and ``tests/test_fuzz_regressions.py``
for the crashes found so far, kept as regression tests.
"""

from __future__ import annotations

import os
import random
import re
import shlex
import sys
import traceback
from pathlib import Path

import atheris  # type: ignore[import-not-found, import-untyped, unused-ignore]

# The repository's root, for tests.promise and tests.hostile_fragments (plain
# Python, no pytest): the same check and fragments as the mutation tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

# Coverage feedback comes from the instrumented Python: sinaparse itself, and
# dateutil, whose date parser reads the front matter's dates. lxml and the C
# YAML loader are compiled code that atheris cannot instrument.
with atheris.instrument_imports(include=["sinaparse", "dateutil"]):
    import sinaparse  # instrumented here, used through tests.promise

from tests import hostile_fragments as fragments
from tests import promise

promise.USE_TIMER = False  # libFuzzer's -timeout owns SIGALRM


class BrokenPromise(AssertionError):
    """A result that breaks the promise without an exception of its own."""


def crash_signature(error: BaseException) -> str:
    """The exception's type and the innermost sinaparse function it passed through,
    or, for a broken promise, its kind.

    Line numbers are left out so that a signature survives edits of the library.
    """
    if isinstance(error, BrokenPromise):
        return str(error).split("\n", 1)[0]
    where = "outside sinaparse"
    for frame in traceback.extract_tb(error.__traceback__):
        if f"{os.sep}sinaparse{os.sep}" in frame.filename:
            where = f"{Path(frame.filename).name}:{frame.name}"
    return f"{type(error).__name__} at {where}"


def _known_signatures() -> frozenset[str]:
    path = os.environ.get("SINAPARSE_FUZZ_KNOWN")
    if not path:
        return frozenset()
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip())


KNOWN = _known_signatures()


def _failure(outcome: promise.Outcome) -> BaseException | None:
    """What to raise for ``outcome``: its own exception, a BrokenPromise, or None."""
    if outcome.error is not None and not isinstance(outcome.error, sinaparse.SinaParseError):
        return outcome.error
    for problem in outcome.problems:
        if problem.kind not in ("crash", "time"):
            # The check that failed, without the input's own text or numbers.
            what = re.sub(r"\d+", "N", re.split(r"[:(]", problem.message)[0].strip())
            return BrokenPromise(f"promise: {problem.kind}: {what}\n{outcome.function}: {problem}")
    return None


def check_one_input(data: bytes) -> None:
    """Parse ``data`` as a post and as a bare body; raise what breaks the promise."""
    for outcome in promise.outcomes(data):
        failure = _failure(outcome)
        if failure is None:
            continue
        signature = crash_signature(failure)
        if signature in KNOWN:
            continue
        print(f"\nsinaparse-fuzz crash signature: {signature}", file=sys.stderr)
        raise failure


# The custom mutator ---------------------------------------------------------------

_BODY = [fragment.encode() for group in fragments.BODY_FRAGMENTS.values() for fragment in group]
_LINES = [line.encode() for group in fragments.FRONT_MATTER_LINES.values() for line in group]
_MINIMAL_POST = b"---\ntitle: t\ndate: 2021-08-02 12:49:57\n---\n"


def _after_a_tag(data: bytes, rng: random.Random) -> int:
    at = rng.randint(0, len(data))
    return data.find(b">", at) + 1 or len(data)


def _front_matter_line(data: bytes, rng: random.Random) -> bytes:
    line = rng.choice(_LINES) + b"\n"
    if not data.lstrip().startswith(b"---"):
        data = _MINIMAL_POST + data
    first = data.find(b"\n", data.find(b"---")) + 1
    end = data.find(b"\n---", first)
    end = len(data) if end < 0 else end + 1
    starts = [first, *[i + 1 for i in range(first, end - 1) if data[i] == 10][:64]]
    at = rng.choice(starts)
    return data[:at] + line + data[at:]


def _reencode(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", "replace")
    return text.encode(rng.choice(fragments.ENCODINGS), "replace")


def mutate(data: bytes, max_size: int, seed: int) -> bytes:
    """libFuzzer's mutation most of the time; else a hostile fragment, line or encoding."""
    rng = random.Random(seed)
    choice = rng.random()
    if choice < 0.6:
        mutated: bytes = atheris.Mutate(data, max_size)
        return mutated
    if choice < 0.8:
        at = _after_a_tag(data, rng)
        fragment = rng.choice(_BODY) * rng.choice((1, 1, 2, 20))
        mutated = data[:at] + fragment + data[at:]
    elif choice < 0.92:
        mutated = _front_matter_line(data, rng)
    elif choice < 0.96:
        mutated = _reencode(data, rng)
    else:
        at = rng.randint(0, len(data))
        mutated = data[:at] + rng.choice(fragments.BAD_UTF8) + data[at:]
    return mutated[:max_size]


def main() -> None:
    # libFuzzer runs argv[0] through the shell for -fork, -merge and
    # -minimize_crash: make it this interpreter running this file, since the
    # file itself is not an executable of the fuzzing environment.
    command = f"{shlex.quote(sys.executable)} {shlex.quote(str(Path(__file__).resolve()))}"
    atheris.Setup([command, *sys.argv[1:]], check_one_input, custom_mutator=mutate)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
