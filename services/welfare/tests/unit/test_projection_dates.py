"""When each consumed event's facts take effect."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from jenjang_shared.contracts import EmployeeChanges, EmployeeUpdated, EvaluationRecorded
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
    ("changes", "field"),
    [
        ({"work_location": ""}, "changes.work_location"),
        ({"unit_code": None}, "changes.unit_code"),
        ({"golongan": None, "golongan_tmt": "2025-01-01"}, "changes.golongan"),
    ],
)
def test_an_update_with_a_value_welfare_cannot_date_is_refused(changes, field):
    event = EmployeeUpdated(nip=NIP, changes=changes, effective_date=date(2025, 1, 1))
    with pytest.raises(InvalidInput) as refused:
        projection.facts_of_update(event)
    assert refused.value.field == field


@pytest.mark.parametrize(
    "changes", [{"golongan": "V/a"}, {"golongan": "III/a", "golongan_tmt": "x"}]
)
def test_an_update_the_contract_refuses_never_reaches_the_projection(changes):
    with pytest.raises(ValidationError):
        EmployeeUpdated(nip=NIP, changes=changes, effective_date=date(2025, 1, 1))


def test_only_the_changed_fields_count_and_a_null_job_class_clears_it():
    event = EmployeeUpdated(
        nip=NIP, changes={"job_class": None, "education": "S2"}, effective_date=date(2025, 1, 1)
    )
    [fact] = projection.facts_of_update(event)
    assert (fact.attribute, fact.value) == (Attribute.JOB_CLASS, "")


@pytest.mark.parametrize("job_class", [0, 18])
def test_a_job_class_outside_1_to_17_is_refused_by_the_contract_itself(job_class):
    # The contract bounds it (as in EmployeeRegistered), so such an event never reaches welfare.
    with pytest.raises(ValidationError):
        EmployeeChanges(job_class=job_class)
