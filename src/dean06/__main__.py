"""``python -m dean06``: the dean06 command."""

import sys

from dean06.cli import main

sys.exit(main())
