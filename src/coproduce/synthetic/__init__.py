"""The SYNTHETIC examples: invented data, made with fixed random seeds, the same every time.

Nothing here describes a real person or service. Each module makes the example (and blank
template) for one tool; :func:`write_examples` writes them all, as ``coproduce examples`` does,
and the scripts in ``scripts/make_*`` rewrite the committed copies in ``data/``.
"""

from __future__ import annotations

from pathlib import Path

from coproduce.synthetic import evaluation, fourpi, secure_care


def write_examples(folder: Path) -> list[Path]:
    """Write every SYNTHETIC example and blank CSV template under ``folder``."""
    return [*evaluation.write(folder), *fourpi.write(folder), *secure_care.write(folder)]
