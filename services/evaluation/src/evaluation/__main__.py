"""`python -m evaluation`: serve the evaluation service with settings from `EVALUATION_*` variables."""

from evaluation.config import EvaluationSettings
from evaluation.main import create_app
from jenjang_shared.web.serve import serve


def main() -> None:
    settings = EvaluationSettings()
    serve(create_app(settings), settings)


if __name__ == "__main__":
    main()
