"""Curated YAML files (organisations, themes, overrides, redirects) read at the edge.

Shared by the loaders so that every one reports broken YAML the same way and can point its
own diagnostics at the line of the offending list item.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .. import diagnostics as diag
from ..diagnostics import Diagnostic


def read_yaml(path: Path, display: str, code: str) -> tuple[Any, str, list[Diagnostic]]:
    """(data, text, problems); data is None when the file is not valid YAML."""
    text = path.read_text(encoding="utf-8-sig")
    try:
        return yaml.safe_load(text), text, []
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        return None, text, [diag.make(display, line, code, f"not valid YAML: {error}")]


def item_lines(text: str, key: str) -> list[int]:
    """1-based line of each item of the top-level list ``key`` in the YAML ``text``."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    for key_node, value in root.value:
        if getattr(key_node, "value", None) == key and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []
