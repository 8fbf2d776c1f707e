"""`python -m visualnn` runs the command line (no arguments opens the app)."""

import sys

from visualnn.cli import main

if __name__ == "__main__":
    sys.exit(main())
