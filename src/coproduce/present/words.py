"""Words shared by every tool's sentences, so each is written once."""

from __future__ import annotations

from collections.abc import Sequence


def and_list(items: Sequence[str]) -> str:
    """Names joined as people write them: 'A', 'A and B', 'A, B and C' ('' for none)."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
