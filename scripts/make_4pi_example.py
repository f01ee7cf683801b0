"""Rewrite the committed SYNTHETIC example: see :mod:`coproduce.synthetic.fourpi`.

The same as ``python -m coproduce examples`` for this one tool; extra arguments go to it.
"""

import sys

from coproduce.synthetic.fourpi import main

if __name__ == "__main__":
    main(sys.argv[1:])
