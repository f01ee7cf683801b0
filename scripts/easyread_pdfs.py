"""Print every Easy Read page and paper form of the built site to its own A4 PDF.

Usage: python scripts/easyread_pdfs.py [_build/html]

Writes ``book/easy-read/<page>.pdf`` beside each page, where the page's "Print this page" link
points. scripts/build.sh runs this after building the site.
"""

from __future__ import annotations

import sys
from pathlib import Path

from coproduce.easyread_pdf import print_all

if __name__ == "__main__":
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "_build/html")
    written = print_all(site)
    print(f"Printed {len(written)} Easy Read PDFs into {site}/book/easy-read/")
