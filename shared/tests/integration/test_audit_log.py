"""The audit log (shared migration 0004) is written in the caller's transaction and can only grow."""

from __future__ import annotations

import asyncpg
import pytest

from jenjang_shared.access import Principal, Role, current_principal
from jenjang_shared.db.audit import AuditQuery, read_audit
from jenjang_shared.web.app import start_runtime

from .toy import HANDLERS, MIGRATIONS, ToySettings


async def test_an_audit_row_names_the_caller_and_refuses_update_delete_and_truncate(
    infra, new_database, new_topics
):
    settings = ToySettings(database_url=await new_database(), kafka_bootstrap_servers=infra.kafka_bootstrap,
                           topic_prefix=await new_topics(), consumer_enabled=False, relay_enabled=False)  # fmt: skip
    runtime = await start_runtime(settings, handlers=HANDLERS, migrations_dir=MIGRATIONS)
    hr = Principal(subject="s-1", roles=frozenset({Role.HR}), units=frozenset({"BKD"}),
                   nip="198609262015051001")  # fmt: skip
    token = current_principal.set(hr)
    try:
        async with runtime.unit_of_work() as uow:
            await uow.audit(operation="employee.transfer", record_type="employee",
                            record_id="199001012015021002", before={"unit_code": "BKD"},
                            after={"unit_code": "DINKES"})  # fmt: skip
        with pytest.raises(RuntimeError):  # rolled back with its transaction
            async with runtime.unit_of_work() as uow:
                await uow.audit(operation="employee.retire", record_type="employee", record_id="x")
                raise RuntimeError("the change failed")
        async with runtime.connection() as conn:
            rows, total = await read_audit(conn, AuditQuery(record_type="employee"))
            assert total == 1
            (row,) = rows
            assert (row["actor"], row["roles"], row["operation"]) == (
                "198609262015051001", ["hr"], "employee.transfer")  # fmt: skip
            assert (row["before"], row["after"]) == ({"unit_code": "BKD"}, {"unit_code": "DINKES"})
            for statement in ("UPDATE audit_log SET actor = 'someone else'",
                              "DELETE FROM audit_log", "TRUNCATE audit_log"):  # fmt: skip
                with pytest.raises(asyncpg.InsufficientPrivilegeError, match="append-only"):
                    await conn.execute(statement)
            assert (await read_audit(conn, AuditQuery()))[1] == 1
    finally:
        current_principal.reset(token)
        await runtime.shutdown()
