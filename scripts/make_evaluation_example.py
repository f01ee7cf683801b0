"""Rewrite the committed SYNTHETIC example: see :mod:`coproduce.synthetic.evaluation`.

The same as ``python -m coproduce examples`` for this one tool; extra arguments go to it.
"""

import sys

from coproduce.synthetic.evaluation import main

if __name__ == "__main__":
    main(sys.argv[1:])
