"""When each consumed event's facts take effect."""

from __future__ import annotations

from datetime import date

import pytest

from jenjang_shared.contracts import EmployeeUpdated, EvaluationRecorded
from jenjang_shared.errors import InvalidInput
from welfare.domain import projection
from welfare.domain.employee import Attribute

NIP = "199001012020011001"


def _evaluation(period_type: str, period: str) -> EvaluationRecorded:
    return EvaluationRecorded(
        evaluation_id="e", nip=NIP, evaluator_nip=NIP, period_type=period_type, period=period,
        hasil_kerja="SESUAI", perilaku_kerja="SESUAI", predikat="BAIK", version=2,
    )  # fmt: skip


def test_an_annual_predikat_applies_from_january_of_the_next_year():
    [fact] = projection.facts_of_evaluation(_evaluation("ANNUAL", "2025"))
    assert (fact.attribute, fact.effective_from, fact.value, fact.version) == (
        Attribute.PREDIKAT, date(2026, 1, 1), "BAIK", 2,
    )  # fmt: skip


@pytest.mark.parametrize("period", ["2025-07", "2025-Q3"])
def test_a_periodic_evaluation_adds_no_fact(period):
    assert projection.facts_of_evaluation(_evaluation("PERIODIC", period)) == []


def test_an_update_dates_the_golongan_by_its_tmt_and_the_rest_by_effective_date():
    event = EmployeeUpdated(
        nip=NIP,
        changes={
            "golongan": "III/b",
            "golongan_tmt": "2025-04-01",
            "work_location": "KAB_GARUT",
            "education": "S2",
        },
        effective_date=date(2025, 5, 2),
    )
    facts = {f.attribute: (f.effective_from, f.value) for f in projection.facts_of_update(event)}
    assert facts == {
        Attribute.GOLONGAN: (date(2025, 4, 1), "III/b"),
        Attribute.WORK_LOCATION: (date(2025, 5, 2), "KAB_GARUT"),
    }


@pytest.mark.parametrize(
    "changes",
    [
        {"golongan": "V/a"},
        {"job_class": 18},
        {"job_class": "9"},
        {"work_location": ""},
        {"golongan": "III/a", "golongan_tmt": "x"},
    ],
)
def test_an_update_with_a_bad_value_is_refused(changes):
    with pytest.raises(InvalidInput):
        projection.facts_of_update(
            EmployeeUpdated(nip=NIP, changes=changes, effective_date=date(2025, 1, 1))
        )
