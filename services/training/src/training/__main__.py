"""`python -m training`: serve the training service with settings from `TRAINING_*` variables;
`python -m training migrate` applies its migrations and exits, `migrate --check` exits 1 while any
is pending (see jenjang_shared.service_main)."""

import sys

from jenjang_shared.db.migrations import service_migrations_dir
from jenjang_shared.service_main import run_service_command
from training.config import TrainingSettings
from training.main import create_app


def main() -> None:
    sys.exit(
        run_service_command(
            sys.argv[1:],
            settings_class=TrainingSettings,
            create_app=create_app,
            migrations_dir=service_migrations_dir(__file__),
        )
    )


if __name__ == "__main__":
    main()
