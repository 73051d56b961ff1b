"""`python -m mentoring`: serve the mentoring service with settings from `MENTORING_*` variables;
`python -m mentoring migrate` applies its migrations and exits, `migrate --check` exits 1 while any
is pending (see jenjang_shared.service_main)."""

import sys

from jenjang_shared.db.migrations import service_migrations_dir
from jenjang_shared.service_main import run_service_command
from mentoring.config import MentoringSettings
from mentoring.main import create_app


def main() -> None:
    sys.exit(
        run_service_command(
            sys.argv[1:],
            settings_class=MentoringSettings,
            create_app=create_app,
            migrations_dir=service_migrations_dir(__file__),
        )
    )


if __name__ == "__main__":
    main()
