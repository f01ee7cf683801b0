"""The contributors page: credit people only with their consent, by the name they choose.

``contributors.yml`` at the repository's root lists the people who asked to be credited::

    contributors:
      - name: "Sam"                 # the name they chose: a first name, initials or a pseudonym
        roles: [review, lived-experience-advice]
        consent: "2026-12-03"       # the date they said yes to being named on the site

Nobody is listed without a consent date, and every kind of contribution counts: reviewing,
advising from lived experience and facilitating sessions are credited just as writing and code
are. The Sphinx directive ``{contributors}`` (registered by :func:`setup`) draws the page's
table of roles and its list of names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

#: Every role a contributor can be credited for, with the words the page uses.
ROLES: dict[str, str] = {
    "lived-experience-advice": "Advice from lived experience",
    "carer-advice": "Advice as a carer",
    "review": "Reviewing chapters",
    "facilitation": "Facilitating sessions",
    "writing": "Writing",
    "easy-read": "Easy Read and other formats",
    "accessibility-testing": "Accessibility testing",
    "data": "Data and checking figures",
    "design": "Design",
    "code": "Code and notebooks",
}

CONTRIBUTORS_FILE = "contributors.yml"


@dataclass(frozen=True)
class Contributor:
    """One person who agreed to be credited."""

    name: str
    roles: tuple[str, ...]
    consent: dt.date


def load_contributors(path: Path) -> list[Contributor]:
    """Read and check ``contributors.yml``; ``ValueError`` names every entry that is not valid."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = data.get("contributors") or []
    people: list[Contributor] = []
    problems: list[str] = []
    for number, entry in enumerate(entries, start=1):
        where = f"{path.name}, entry {number}"
        name = str((entry or {}).get("name", "")).strip()
        roles = tuple((entry or {}).get("roles") or ())
        consent = (entry or {}).get("consent")
        if not name:
            problems.append(f"{where}: no name (use the name the person chose)")
        unknown = [role for role in roles if role not in ROLES]
        if not roles or unknown:
            problems.append(f"{where}: roles must be some of {', '.join(ROLES)}; got {roles}")
        try:
            consent_date = dt.date.fromisoformat(str(consent))
        except ValueError:
            problems.append(f"{where}: no consent date, so this person cannot be named")
            continue
        people.append(Contributor(name, roles, consent_date))
    if problems:
        raise ValueError("\n".join(problems))
    return people


def role_counts(people: list[Contributor]) -> dict[str, int]:
    """How many credited people took each role, for every role (zero included)."""
    return {role: sum(role in person.roles for person in people) for role in ROLES}


class ContributorsDirective(SphinxDirective):
    """``{contributors}``: the table of roles and the list of credited people."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        """Read ``contributors.yml`` and return the table, the total and the list."""
        path = Path(self.env.srcdir) / CONTRIBUTORS_FILE
        self.env.note_dependency(str(path))
        try:
            people = load_contributors(path)
        except (OSError, ValueError) as error:
            logger.warning("%s", error, location=self.get_location())
            return []
        counts = role_counts(people)

        table = nodes.table(classes=["coproduce-contributor-roles"])
        group = nodes.tgroup(cols=2)
        table += group
        group += nodes.colspec(colwidth=3)
        group += nodes.colspec(colwidth=1)
        head = nodes.thead()
        head += self._row("Role", "People credited")
        group += head
        body = nodes.tbody()
        for role, label in ROLES.items():
            body += self._row(label, str(counts[role]))
        group += body
        title = nodes.title(text="People credited for each kind of contribution")
        table.insert(0, title)

        if people:
            listing = nodes.bullet_list()
            for person in sorted(people, key=lambda p: p.name.casefold()):
                roles = ", ".join(ROLES[role].lower() for role in person.roles)
                item = nodes.list_item()
                item += nodes.paragraph(text=f"{person.name}: {roles}")
                listing += item
        else:
            listing = nodes.paragraph(
                text="No one has been named here yet. Ask to be added as described above."
            )
        total = nodes.paragraph(text=f"{len(people)} people are credited by name.")
        return [table, total, listing]

    @staticmethod
    def _row(*cells: str) -> nodes.row:
        row = nodes.row()
        for text in cells:
            entry = nodes.entry()
            entry += nodes.paragraph(text=text)
            row += entry
        return row


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the ``contributors`` directive."""
    app.add_directive("contributors", ContributorsDirective)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
