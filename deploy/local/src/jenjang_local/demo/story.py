"""After seeding: wait for the events to do their work, then tell what happened and where to look."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from jenjang_local.demo.agency import Person, evaluated_years
from jenjang_local.demo.client import ADMIN, Api, As, agency_today, eventually

Say = Callable[[str], None]


async def _settled_proposals(api: Api, timeout: float = 90) -> list[dict[str, Any]]:
    """Proposals keep arriving while evaluation works through the events; wait until quiet."""
    last, quiet_since, deadline = -1, time.monotonic(), time.monotonic() + timeout
    while True:
        page = await api.get("personnel", "/v1/promotion-proposals", limit=500)
        if page["total"] != last:
            last, quiet_since = page["total"], time.monotonic()
        elif page["total"] > 0 and time.monotonic() - quiet_since > 3:
            return list(page["items"])
        if time.monotonic() > deadline:
            return list(page["items"])
        await asyncio.sleep(0.5)


async def tell(api: Api, people: list[Person], say: Say) -> None:
    names = {p.nip: p.name for p in people}
    by_nip = {p.nip: p for p in people}
    say("")
    say("What the events did")
    say("-------------------")

    proposals = await _settled_proposals(api)
    say(f"Evaluation found {len(proposals)} employees eligible for regular promotion (KP reguler);")
    say("personnel opened a proposal for each, for HR to decide:")
    for p in proposals[:8]:
        ev = p["evidence"]
        years = ", ".join(f"{y} {v}" for y, v in sorted(ev.get("predikat_per_year", {}).items()))
        say(f"  - {names.get(p['nip'], p['nip'])}: {p['from_golongan']} -> {p['to_golongan']} at KP "
            f"{p['kp_period']} ({ev.get('years_in_rank')} years in rank; {years}; cap "
            f"{ev.get('education_cap')}) [{p['status']}]")  # fmt: skip
    if len(proposals) > 8:
        say(f"  … and {len(proposals) - 8} more")

    star = next(
        (p for p in proposals if p["to_golongan"] == "IV/a"), proposals[0] if proposals else None
    )
    if star is not None:
        person = by_nip.get(star["nip"])
        if star["status"] == "PENDING":
            hr = As("hr", units=(person.unit.code,)) if person is not None else ADMIN
            await api.post("personnel", f"/v1/promotion-proposals/{star['id']}/approve",
                           {"sk_number": f"800/KP.{star['kp_period'][:7]}/BKD", "sk_date": agency_today().isoformat()},
                           as_=hr)  # fmt: skip
        say("")
        say(
            f"HR approved {names.get(star['nip'])}'s promotion to {star['to_golongan']} with an SK;"
        )
        say("welfare followed the EmployeePromoted event:")
        kp = star["kp_period"]
        after = await eventually(
            lambda: api.get("welfare", f"/v1/employees/{star['nip']}/entitlements", as_of=kp),
            lambda e: _amount(e, "HOUSING") is not None and e.get("employee", {}).get("golongan") == star["to_golongan"],
            timeout=60, what="welfare to follow the promotion")  # fmt: skip
        before = await api.get("welfare", f"/v1/employees/{star['nip']}/entitlements")
        for allowance in ("HOUSING", "TPP", "TRANSPORT"):
            old, new = _amount(before, allowance), _amount(after, allowance)
            change = "unchanged" if old == new else f"Rp {old:,} -> Rp {new:,} from {kp}"
            say(f"  - {allowance:<9} {change}")
        if person is not None:
            say(f"  ({person.unit.name}; timeline: personnel /v1/employees/{star['nip']}/timeline)")

    latsar = await api.get("mentoring", "/v1/mentorships", program="LATSAR", limit=100)
    coaching = await api.get("mentoring", "/v1/mentorships", program="COACHING", limit=100)
    say("")
    say(f"Mentoring gave {latsar['total']} new CPNS a Latsar mentor (their direct superior first):")
    for m in latsar["items"][:5]:
        say(
            f"  - {names.get(m['mentee_nip'], m['mentee_nip'])} <- {names.get(m['mentor_nip'], m['mentor_nip'])}"
        )
    last = evaluated_years(agency_today())[1]
    say(f"and {coaching['total']} employees with a weak {last} predikat a coach:")
    for m in coaching["items"][:5]:
        say(
            f"  - {names.get(m['mentee_nip'], m['mentee_nip'])} <- {names.get(m['mentor_nip'], m['mentor_nip'])}"
        )

    say("")
    say("Training recommended courses by reason:")
    for person in [p for p in people if p.employment_type == "CPNS"][:2] + [
        p for p in people if last in p.ratings and p.ratings[last][0] == "DI_BAWAH"
    ][:3]:
        recs = await api.get("training", f"/v1/employees/{person.nip}/recommendations")
        for rec in recs.get("items", recs if isinstance(recs, list) else []):
            codes = ", ".join(rec["course_codes"]) or "(none catalogued)"
            say(f"  - {person.name}: {codes}: {rec['reason']}")

    say("")
    say("Where to look")
    say("-------------")
    for service, url in api.urls.items():
        say(f"  {service:<11} {url}/docs")
    say("  e.g. " + api.urls["personnel"] + "/v1/promotion-proposals?status=PENDING")


def _amount(entitlements: dict[str, Any], allowance: str) -> int | None:
    for item in entitlements.get("entitlements", entitlements.get("items", [])):
        if item.get("allowance") == allowance:
            return int(item.get("amount_idr", 0))
    return None
