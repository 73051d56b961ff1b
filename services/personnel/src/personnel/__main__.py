"""`python -m personnel`: serve the personnel service with settings from `PERSONNEL_*` variables."""

from jenjang_shared.web.serve import serve
from personnel.config import PersonnelSettings
from personnel.main import create_app


def main() -> None:
    settings = PersonnelSettings()
    serve(create_app(settings), settings)


if __name__ == "__main__":
    main()
