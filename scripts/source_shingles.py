"""Write tests/data/source_shingles.json: hashes of every word 8-gram of the source documents.

The tests use the file to check that no page of the guide and no text in data/ copies a run of
eight words from a source. Only SHA-1 hashes are written, never the sources' text, so the file
can live in the repository when the sources cannot.

Run it after a source document changes:

    .venv/bin/python scripts/source_shingles.py            # sources in ../shared/sources
    .venv/bin/python scripts/source_shingles.py --sources DIR
    .venv/bin/python scripts/source_shingles.py --check    # exit 1 if the file is out of date
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from coproduce.shingles import source_hash_payload

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCES = ROOT.parent / "shared" / "sources"
TARGET = ROOT / "tests" / "data" / "source_shingles.json"


def render(payload: dict) -> str:
    """The file's exact text: stable key order, two-space indent, trailing newline."""
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help="source folder")
    parser.add_argument("--output", type=Path, default=TARGET, help="hash file to write")
    parser.add_argument(
        "--check", action="store_true", help="do not write; exit 1 if the file is out of date"
    )
    args = parser.parse_args(argv)
    try:
        text = render(source_hash_payload(args.sources))
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    current = args.output.read_text(encoding="utf-8") if args.output.is_file() else None
    if args.check:
        if current == text:
            print(f"{args.output} is up to date.")
            return 0
        print(f"{args.output} is out of date: run scripts/source_shingles.py", file=sys.stderr)
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    counts = ", ".join(
        f"{name}: {len(d['sha1'])}" for name, d in json.loads(text)["documents"].items()
    )
    print(f"Wrote {args.output} ({counts})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
