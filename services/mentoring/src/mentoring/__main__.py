"""`python -m mentoring`: serve the mentoring service with settings from `MENTORING_*` variables."""

from jenjang_shared.web.serve import serve
from mentoring.config import MentoringSettings
from mentoring.main import create_app


def main() -> None:
    settings = MentoringSettings()
    serve(create_app(settings), settings)


if __name__ == "__main__":
    main()
