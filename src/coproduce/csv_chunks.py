"""A CSV file's rows, a run at a time, parsed on two threads when the file is large.

The reader (:mod:`coproduce.reader`) keeps a large file's text as codes into its distinct
values, so it takes the rows a run at a time rather than as one frame of a million Python
strings. pandas parses such runs (``chunksize``) on one core, while a plain ``read_csv`` of a
large file parses on several. Here a large file is cut into pieces of about
:data:`PIECE_BYTES` that end at a line end, and two threads parse the pieces with pandas' C
parser, which lets go of Python's lock while it splits and converts; the caller takes each
run in the file's order and codes it meanwhile.

A line end inside a quoted value (a cell holding a line break) may fall where a piece is cut.
The piece before it then ends inside quotes, and pandas says so with a ``ParserError``: the
caller reads the file again with ``threads=False``, which never cuts it. By induction the cut
is otherwise always where a row begins: the first piece starts at the top of the file, and a
piece that parses to its end without an open quote ends where the next row begins.
"""

from __future__ import annotations

import ctypes
import io
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pandas as pd

#: Rows per run when the file is read on one thread.
CHUNK_ROWS = 250_000
#: Bytes per piece when the file is read on two threads: about 80,000 rows of a wide file.
PIECE_BYTES = 8 << 20
#: Threads that parse pieces. The parser holds Python's lock while it makes each text value,
#: so a third thread gains little, and each piece in flight costs memory.
THREADS = 2


def usable_cores() -> int:
    """How many processor cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def chunks(path: Path, options: dict[str, Any], *, threads: bool = True) -> Iterator[pd.DataFrame]:
    """The rows of the CSV at ``path`` as frames, in the file's order.

    ``options`` are ``pandas.read_csv``'s, for the whole file (``skiprows`` skips the heading
    row; later pieces start at data rows). With ``threads``, a file of at least two pieces is
    parsed on :data:`THREADS` threads when there are cores for them.
    """
    if not threads or usable_cores() < 2 or path.stat().st_size < 2 * PIECE_BYTES:
        with pd.read_csv(path, chunksize=CHUNK_ROWS, **options) as runs:
            yield from runs
        return
    later = {**options, "skiprows": 0}

    def parse(piece: bytes, first: bool) -> pd.DataFrame:
        return pd.read_csv(io.BytesIO(piece), **(options if first else later))

    try:
        with path.open("rb") as handle, ThreadPoolExecutor(THREADS) as pool:
            pending: deque[Future[pd.DataFrame]] = deque()
            carry, first = b"", True
            try:
                while block := handle.read(PIECE_BYTES):
                    cut = block.rfind(b"\n") + 1
                    if not cut:
                        carry += block
                        continue
                    pending.append(pool.submit(parse, carry + block[:cut], first))
                    carry, first = block[cut:], False
                    # One piece waits while two are parsed: enough to keep both threads busy.
                    if len(pending) > THREADS:
                        yield pending.popleft().result()
                if carry:
                    pending.append(pool.submit(parse, carry, first))
                while pending:
                    yield pending.popleft().result()
            finally:
                for future in pending:
                    future.cancel()
    finally:
        release_free_memory()


def release_free_memory() -> None:
    """Hand memory freed by the parsing threads back to the system (glibc, as on most Linux).

    glibc gives each thread its own heap and keeps what is freed there for that thread's next
    use, so after a threaded read tens of megabytes sit idle that the rest of a command cannot
    use. ``malloc_trim`` returns them; where the C library has no such function (macOS,
    Windows, musl) this does nothing.
    """
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError, TypeError):  # pragma: no cover - not glibc
        return
    trim(0)
