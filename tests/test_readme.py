"""The README's spec examples are specs curator accepts: the README stays true."""

from __future__ import annotations

import re
import tomllib

import pytest
from conftest import ROOT

from curator.spec import check_spec

BLOCKS = re.findall(r"```toml\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


def test_the_readme_has_spec_examples():
    assert len(BLOCKS) >= 2


@pytest.mark.parametrize("block", BLOCKS, ids=lambda b: b.split("\n", 1)[0][:30])
def test_each_spec_example_is_valid(block):
    check_spec(tomllib.loads(block), "README example")
