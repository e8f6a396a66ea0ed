import csv
from pathlib import Path

import pytest

REFERENCE = Path(__file__).resolve().parents[2] / "testdata" / "reference"


def reference_rows(name: str) -> list[dict[str, str]]:
    with open(REFERENCE / name, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) > 10, f"{name} has too few rows"
    return rows


@pytest.fixture
def grim_reference() -> list[dict[str, str]]:
    return reference_rows("grim_examples.csv")


@pytest.fixture
def grimmer_reference() -> list[dict[str, str]]:
    return reference_rows("grimmer_examples.csv")


@pytest.fixture
def debit_reference() -> list[dict[str, str]]:
    return reference_rows("debit_examples.csv")
