"""Fixtures shared by the core tests."""

from __future__ import annotations

import pytest

from crm import detection


@pytest.fixture(scope="module")
def det() -> detection.Detector:
    """The detector of the shipped rules files (crm.detection caches it: loaded once per run)."""
    return detection.default_detector()
