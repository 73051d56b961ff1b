"""Start a sweep through the service's API with a client-credentials token (a CronJob's step).

Standard library only. SWEEP_BODY_FUNCTION ("module:function", called with today's date) and
SWEEP_BODY_FIELD give the one field of the JSON body (evaluation: the next KP period); without
them the body is `{}` (training: today's year and date).
"""

import importlib
import json
import os
import sys
import urllib.parse
import urllib.request
from datetime import date


def token() -> str:
    form = urllib.parse.urlencode(
        {
            "grant_type": "client_credentials",
            "client_id": os.environ["CLIENT_ID"],
            "client_secret": os.environ["CLIENT_SECRET"],
        }
    ).encode()
    with urllib.request.urlopen(os.environ["TOKEN_URL"], data=form, timeout=30) as response:
        return json.load(response)["access_token"]


def body() -> dict:
    spec, field = os.environ.get("SWEEP_BODY_FUNCTION"), os.environ.get("SWEEP_BODY_FIELD")
    if not spec or not field:
        return {}
    module, _, name = spec.partition(":")
    return {field: getattr(importlib.import_module(module), name)(date.today()).isoformat()}


def main() -> int:
    request = urllib.request.Request(
        os.environ["SWEEP_URL"],
        data=json.dumps(body()).encode(),
        method="POST",
        headers={"Authorization": f"Bearer {token()}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        print(response.status, response.read().decode()[:500])
        return 0 if response.status in (200, 201, 202) else 1


if __name__ == "__main__":
    sys.exit(main())
