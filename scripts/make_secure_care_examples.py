"""Rewrite the committed SYNTHETIC example: see :mod:`coproduce.synthetic.secure_care`.

The same as ``python -m coproduce examples`` for this one tool; extra arguments go to it.
"""

import sys

from coproduce.synthetic.secure_care import main

if __name__ == "__main__":
    main(sys.argv[1:])
