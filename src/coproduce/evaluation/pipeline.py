"""Run the whole evaluation: read and check, score, and make every table in one mode.

The command line (``python -m coproduce evaluate``), the HTML report and the notebook's summary
all use :func:`evaluate`, so they always agree. The notebook also calls the steps one by one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from coproduce.disclosure import Mode, Release, mode_note
from coproduce.evaluation import feasibility, outcomes
from coproduce.evaluation.people import PersonIndex
from coproduce.evaluation.reading import read_and_index, resolve_input
from coproduce.evaluation.scoring import score


@dataclass
class Evaluation:
    """Everything the evaluation found, with every shareable table already made for ``mode``.

    ``scored`` is the person-level table with scores added: it is for working inside the team
    and is never put in a report.
    """

    file_label: str
    mode: Mode
    synthetic: bool
    scored: pd.DataFrame = field(repr=False)
    headline: dict[str, object]
    funnel: pd.DataFrame
    withdrawal_reasons: pd.DataFrame
    completeness: pd.DataFrame
    not_collected_reasons: pd.DataFrame
    change: pd.DataFrame
    categories: pd.DataFrame
    release: Release = field(default_factory=Release)

    @property
    def note(self) -> str:
        """Which disclosure rule made these outputs (shown at the top of every output)."""
        return mode_note(self.mode)

    @property
    def people(self) -> int:
        """How many people the file describes (exact: for the team, not for sharing)."""
        return int(self.scored["participant_id"].nunique())

    def internal_reasons(self) -> pd.DataFrame:
        """Every reason as written, for the team: REVIEW BEFORE SHARING, never in a report."""
        return feasibility.internal_reasons(self.scored)


def evaluate_frame(
    scored: pd.DataFrame,
    file_label: str,
    mode: Mode | str = Mode.SAFE,
    synthetic: bool = False,
    people: PersonIndex | None = None,
) -> Evaluation:
    """Make every table from an already scored frame (see :func:`evaluate`).

    ``people`` is the person index of ``scored``'s rows if it is already known (the reader's
    checks build one); it is worked out otherwise.
    """
    mode = Mode(mode)
    release = Release(mode)
    people = people or PersonIndex.of(scored)
    person = feasibility.participants(scored, people)
    counts = feasibility.funnel_counts(scored, people, person)
    done = feasibility.collected_masks(scored)
    funnel = feasibility.recruitment_funnel(scored, mode, counts, release)
    return Evaluation(
        file_label=file_label,
        mode=mode,
        synthetic=synthetic,
        scored=scored,
        headline=feasibility.headline(scored, mode, counts, funnel),
        funnel=funnel,
        withdrawal_reasons=feasibility.withdrawal_reasons(scored, mode, people, person, release),
        completeness=feasibility.completeness(scored, mode, done, release),
        not_collected_reasons=feasibility.not_collected_reasons(scored, mode, done, release),
        change=outcomes.change_from_baseline(scored, mode, people, release),
        categories=outcomes.category_distribution(scored, mode, release),
        release=release,
    )


def evaluate(
    input_csv: str | Path | None = None,
    mode: Mode | str = Mode.SAFE,
    sheet: str | None = None,
) -> Evaluation:
    """Read, check and score ``input_csv`` and make every table in ``mode``.

    ``input_csv`` is a CSV file or an ``.xlsx`` workbook (its first sheet, or ``sheet``);
    ``None`` uses the SYNTHETIC example. ``mode`` is ``"safe"`` (the default: small
    numbers suppressed and counts rounded, safe to share) or ``"internal"`` (exact numbers, for
    the team only). Raises :class:`coproduce.problems.DataValidationError` listing every
    problem if the file is not right; the file is never changed.
    """
    mode = Mode(mode)
    path, synthetic = resolve_input(input_csv)
    frame, people = read_and_index(path, sheet)
    scored = score(frame, people)
    return evaluate_frame(scored, path.name, mode, synthetic, people)
