"""Fixtures for the reporter tests: a catalogue and two reports built by hand."""

from pathlib import Path

import pytest

from grader.records.catalogue import parse_catalogue
from tests.support.report_samples import CATALOGUE, broken_sample_report, sample_report


@pytest.fixture
def catalogue():
    return parse_catalogue(CATALOGUE, Path("catalogue.toml"))


@pytest.fixture
def report():
    return sample_report()


@pytest.fixture
def broken_report():
    return broken_sample_report()
