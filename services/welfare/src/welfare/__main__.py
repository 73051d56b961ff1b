"""`python -m welfare`: serve the welfare service with settings from `WELFARE_*` variables."""

from jenjang_shared.web.serve import serve
from welfare.config import WelfareSettings
from welfare.main import create_app


def main() -> None:
    settings = WelfareSettings()
    serve(create_app(settings), settings)


if __name__ == "__main__":
    main()
