"""Gather the files an edition's GitHub release carries, with their checksums and notes.

Usage: python scripts/release_assets.py VERSION [--build _build] [--out release]

The release workflow (``.github/workflows/release.yml``) runs this after building the site,
the reader's edition and the offline bundle. It copies into ``--out``, each name carrying the
edition so downloads from different editions never overwrite each other:

- the reader's edition of the whole guide (``guide-handout-<version>.pdf``);
- every teaching pack: each teaching chapter's session plan and learner handout;
- every Easy Read page and paper form as its own A4 PDF;
- the offline bundle and the "Run it yourself" kit (zips);

then writes ``SHA256SUMS`` (in the format ``sha256sum -c`` checks) beside them and
``release-notes.md``, the edition's entry in ``CHANGELOG.md``. It stops with a message
naming anything missing, so a release never goes out without a file the site links to.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def wanted_files(build: Path) -> dict[str, Path]:
    """Map each release file name (without the version) to the built file it copies.

    The teaching packs and Easy Read PDFs are found in the built site, so a new teaching
    chapter or Easy Read page is released without changing this script.
    """
    site = build / "html"
    files = {
        "guide-handout.pdf": build / "guide-handout.pdf",
        "guide-offline.zip": build / "guide-offline.zip",
        "run-it-yourself.zip": site / "run-it-yourself.zip",
    }
    for pdf in sorted((site / "packs").glob("*.pdf")):
        files[f"teaching-pack-{pdf.name}"] = pdf
    for pdf in sorted((site / "book" / "easy-read").glob("*.pdf")):
        files[f"easy-read-{pdf.name}"] = pdf
    return files


def changelog_entry(changelog: str, version: str) -> str:
    """The text of ``version``'s entry in CHANGELOG.md (between its heading and the next)."""
    lines = changelog.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(f"## {version} ")), None)
    if start is None:
        raise SystemExit(f"CHANGELOG.md has no entry headed '## {version} ...'.")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    entry = "\n".join(lines[start + 1 : end]).strip()
    if not entry:
        raise SystemExit(f"CHANGELOG.md's entry for {version} is empty.")
    return entry + "\n"


def gather(version: str, build: Path, out: Path, changelog: Path, notes: Path) -> list[Path]:
    """Copy the release files into ``out``; write SHA256SUMS there and the notes to ``notes``."""
    files = wanted_files(build)
    missing = [str(path) for path in files.values() if not path.is_file()]
    if missing:
        raise SystemExit("These files must be built before a release:\n  " + "\n  ".join(missing))
    if not any(name.startswith("teaching-pack-") for name in files):
        raise SystemExit(f"No teaching packs in {build / 'html' / 'packs'}: run scripts/build.sh.")
    if not any(name.startswith("easy-read-") for name in files):
        raise SystemExit("No Easy Read PDFs in the built site: run scripts/build.sh.")
    out.mkdir(parents=True, exist_ok=True)
    copied = []
    for name, source in files.items():
        stem, dot, suffix = name.rpartition(".")
        target = out / f"{stem}-{version}{dot}{suffix}"
        shutil.copyfile(source, target)
        copied.append(target)
    sums = [f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}" for path in copied]
    (out / "SHA256SUMS").write_text("\n".join(sums) + "\n", encoding="utf-8")
    entry = changelog_entry(changelog.read_text(encoding="utf-8"), version)
    notes.write_text(entry, encoding="utf-8")
    return copied


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("version", help="the edition, as in CITATION.cff (for example 2026.1)")
    parser.add_argument("--build", type=Path, default=ROOT / "_build")
    parser.add_argument("--out", type=Path, default=ROOT / "release")
    parser.add_argument("--changelog", type=Path, default=ROOT / "CHANGELOG.md")
    parser.add_argument("--notes", type=Path, default=ROOT / "release-notes.md")
    args = parser.parse_args(argv)
    copied = gather(args.version, args.build, args.out, args.changelog, args.notes)
    print(f"{len(copied)} files and SHA256SUMS in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
