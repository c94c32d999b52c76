"""Shared paths. The tests read only what the repository holds."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_bc2d6b5aaa9d9c1a.txt"
CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
