"""`python -m training`: serve the training service with settings from `TRAINING_*` variables."""

from jenjang_shared.web.serve import serve
from training.config import TrainingSettings
from training.main import create_app


def main() -> None:
    settings = TrainingSettings()
    serve(create_app(settings), settings)


if __name__ == "__main__":
    main()
