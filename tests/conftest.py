"""Shared paths. The tests read only what the repository holds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_bc2d6b5aaa9d9c1a.txt"
CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


# CI runs the same examples every time, so a red run is reproducible; locally
# Hypothesis explores anew (and remembers failures in .hypothesis/).
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
