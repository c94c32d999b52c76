"""A coverage-guided fuzz target for sinaparse, run with atheris (libFuzzer for Python).

Every input is given, as bytes, to both ``sinaparse.parse`` and
``sinaparse.parse_body``. A ``SinaParseError`` is a clean refusal; any other
exception escapes, and atheris reports it as a crash and writes the input to a
``crash-*`` file. A result must also survive ``json.dumps(result.to_dict())``,
since that is the promise of ``to_dict``.

libFuzzer stops at the first crash, and a crash one byte away from the seeds is
found again within seconds of a restart. To keep exploring past crashes already
reported, set ``SINAPARSE_FUZZ_KNOWN`` to a file of crash signatures, one a
line, as this target prints them (``ValueError at _clean.py:remove_keeping_tail``):
those are then counted as handled, and only new kinds of crash stop the run.

Not part of the pytest suite (atheris is not a test dependency): see
``tests/fuzz/README.md`` for the command, and ``tests/test_guarantees.py`` for
the crashes found so far, kept as regression tests.
"""

from __future__ import annotations

import json
import os
import shlex
import sys
import traceback
from pathlib import Path

import atheris  # type: ignore[import-not-found, import-untyped, unused-ignore]

# Coverage feedback comes from the instrumented Python: sinaparse itself, and
# dateutil, whose date parser reads the front matter's dates. lxml and the C
# YAML loader are compiled code that atheris cannot instrument.
with atheris.instrument_imports(include=["sinaparse", "dateutil"]):
    import sinaparse


def crash_signature(error: BaseException) -> str:
    """The exception's type and the innermost sinaparse function it passed through.

    Line numbers are left out so that a signature survives edits of the library.
    """
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


def check_one_input(data: bytes) -> None:
    """Parse ``data`` as a post and as a bare body; only a SinaParseError may escape."""
    for parse in (sinaparse.parse, sinaparse.parse_body):
        try:
            result = parse(data)
            json.dumps(result.to_dict())
        except sinaparse.SinaParseError:
            continue
        except Exception as error:
            signature = crash_signature(error)
            if signature in KNOWN:
                continue
            print(f"\nsinaparse-fuzz crash signature: {signature}", file=sys.stderr)
            raise


def main() -> None:
    # libFuzzer runs argv[0] through the shell for -fork, -merge and
    # -minimize_crash: make it this interpreter running this file, since the
    # file itself is not an executable of the fuzzing environment.
    command = f"{shlex.quote(sys.executable)} {shlex.quote(str(Path(__file__).resolve()))}"
    atheris.Setup([command, *sys.argv[1:]], check_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
