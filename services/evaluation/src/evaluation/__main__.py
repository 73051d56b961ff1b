"""`python -m evaluation`: serve the evaluation service with settings from `EVALUATION_*` variables;
`python -m evaluation migrate` applies its migrations and exits, `migrate --check` exits 1 while any
is pending (see jenjang_shared.service_main)."""

import sys

from evaluation.config import EvaluationSettings
from evaluation.main import create_app
from jenjang_shared.db.migrations import service_migrations_dir
from jenjang_shared.service_main import run_service_command


def main() -> None:
    sys.exit(
        run_service_command(
            sys.argv[1:],
            settings_class=EvaluationSettings,
            create_app=create_app,
            migrations_dir=service_migrations_dir(__file__),
        )
    )


if __name__ == "__main__":
    main()
