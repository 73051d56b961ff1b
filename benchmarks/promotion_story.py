"""How long the promotion story takes by events alone, p50 over several runs.

Runs the end-to-end promotion story (tests/e2e/promotion_story.py) N times against one stack of
five service processes on fresh databases and topics, and reports:
- last evaluation recorded -> pending proposal visible in personnel (evaluation decides, the
  PromotionRecommended event travels, personnel opens the proposal);
- HR approval -> changed allowance visible in welfare (EmployeePromoted travels, welfare recomputes);
- their sum: the story's event time, everything but the HR decision;
- the wall time from the last evaluation to the changed allowance, with an HR decision made the
  moment the proposal appears (as the test's HR does).

    .venv/bin/python benchmarks/promotion_story.py [--runs 7]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from jenjang_testing.infra import (
    create_database,
    create_topics,
    fresh_prefix,
    infra_from_environment,
    infra_from_launcher,
)
from jenjang_testing.issuer import TestIssuer
from tests.e2e.promotion_story import run_promotion_story
from tests.e2e.stack import SERVICES, start_stack


def _summary(name: str, values: list[float]) -> str:
    ms = sorted(v * 1000 for v in values)
    return f"{name:<44} p50 {statistics.median(ms):7.0f} ms   min {ms[0]:7.0f}   max {ms[-1]:7.0f}"


async def main(runs: int) -> None:
    infra = infra_from_environment() or infra_from_launcher()
    prefix = fresh_prefix()
    await create_topics(infra, prefix)
    databases = {s: await create_database(infra, "story") for s in SERVICES}
    issuer = TestIssuer()  # the services trust a local issuer; the story runs as an admin
    stack = await start_stack(databases=databases, kafka=infra.kafka_bootstrap, topic_prefix=prefix,
                              log_dir=Path(tempfile.mkdtemp(prefix="story-logs-")), issuer=issuer)  # fmt: skip
    try:
        results = []
        for run in range(1, runs + 1):
            result = await run_promotion_story(stack)
            results.append(result)
            print(f"run {run}: evaluation -> proposal {result.seconds_from_last_evaluation_to_proposal * 1000:6.0f} ms, "
                  f"approval -> allowance {result.seconds_from_approval_to_allowance * 1000:6.0f} ms", flush=True)  # fmt: skip
        print()
        print(
            _summary(
                "last evaluation -> pending proposal",
                [r.seconds_from_last_evaluation_to_proposal for r in results],
            )
        )
        print(
            _summary(
                "approval -> changed allowance",
                [r.seconds_from_approval_to_allowance for r in results],
            )
        )
        print(_summary("both (the story's event time)", [r.seconds_automatic for r in results]))
        print(_summary("last evaluation -> changed allowance (wall)",
                       [r.seconds_from_last_evaluation_to_allowance for r in results]))  # fmt: skip
    finally:
        await stack.close()
        issuer.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    asyncio.run(main(parser.parse_args().runs))
