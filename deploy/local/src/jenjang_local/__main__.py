"""`python -m jenjang_local` works like the `jenjang` command."""

import sys

from jenjang_local.cli import main

sys.exit(main())
