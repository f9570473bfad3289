"""Every example in the public API's docstrings runs and prints what it says."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import eventwire

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(eventwire.__path__, "eventwire.")
    if not m.name.startswith("eventwire.web")  # web templates are tested through a real server
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} failing example(s) in {name}"
