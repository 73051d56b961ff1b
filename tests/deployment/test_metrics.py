"""`/metrics` in the Prometheus format from prometheus-client: HTTP durations by route template,
the consumer's outcomes and lag per partition, the outbox gauges and the pool, each with its
`# HELP` and `# TYPE`; a scrape does no query (the sampler does, in the background)."""

from __future__ import annotations

from aiokafka import AIOKafkaProducer

from jenjang_testing import builders
from jenjang_testing.harness import publish, wait_for
from training.config import TrainingSettings
from training.main import create_app

from .support import samples, scrape, value


async def test_metrics_cover_http_consumer_outbox_and_pool(start_service, infra):
    async with start_service(
        create_app, TrainingSettings, through_kafka=True, metrics_sample_interval_s=0.2
    ) as svc:
        prefix = svc.settings.topic_prefix
        event = builders.employee_registered()
        event_id = await publish(infra.kafka_bootstrap, event, topic_prefix=prefix)
        await publish(infra.kafka_bootstrap, event, topic_prefix=prefix, event_id=event_id)
        producer = AIOKafkaProducer(bootstrap_servers=infra.kafka_bootstrap)
        await producer.start()
        try:  # not JSON: it can never succeed, so it goes to the dead-letter topic at once
            await producer.send_and_wait(f"{prefix}{event.topic()}", b"{not json", key=b"x")
        finally:
            await producer.stop()

        def outcome(text: str, name: str) -> float | None:
            return value(text, "jenjang_consumer_events_total", service="training", outcome=name)

        text = await wait_for(
            lambda: scrape(svc.client),
            until=lambda t: (outcome(t, "applied"), outcome(t, "duplicate"),
                             outcome(t, "dead_lettered")) == (1, 1, 1),
            what="one applied, one duplicate, one dead-lettered",
        )  # fmt: skip
        for response in [await svc.client.get("/v1/courses/NOPE-1"),
                         await svc.client.get("/v1/courses/NOPE-2")]:  # fmt: skip
            assert response.status_code == 404
        # The lag gauge: one series per partition of each consumed topic, back at 0.
        topic = f"{prefix}{event.topic()}"
        text = await wait_for(
            lambda: scrape(svc.client),
            until=lambda t: [v for labels, v in samples(t)["jenjang_consumer_lag"]
                             if labels["topic"] == topic] == [0, 0, 0],
            what="lag 0 on the three partitions",
        )  # fmt: skip

    # One series for both course lookups: the template, not the path.
    route = {"service": "training", "method": "GET", "route": "/v1/courses/{code}"}
    assert value(text, "jenjang_http_request_duration_seconds_count", **route, status="404") == 2
    assert (
        value(text, "jenjang_http_request_duration_seconds_count", route="/v1/courses/NOPE-1")
        is None
    )
    for family in ("jenjang_http_request_duration_seconds", "jenjang_consumer_events_total",
                   "jenjang_consumer_lag", "jenjang_outbox_pending", "jenjang_db_pool_connections"):  # fmt: skip
        assert f"# TYPE {family} " in text and f"# HELP {family} " in text
    assert value(text, "jenjang_outbox_pending", service="training") == 0
    assert value(text, "jenjang_db_pool_max", service="training") == svc.settings.db_pool_max_size
    in_use = value(text, "jenjang_db_pool_connections", service="training", state="in_use")
    assert in_use is not None and in_use >= 0
    assert value(text, "jenjang_kafka_reachable", service="training") == 1


async def test_public_metrics_need_no_token_and_private_ones_do(start_service):
    async with start_service(
        create_app, TrainingSettings, token=None, auth_public_metrics=True
    ) as svc:
        assert (await svc.client.get("/metrics")).status_code == 200
    async with start_service(create_app, TrainingSettings, token=None) as svc:
        assert (await svc.client.get("/metrics")).status_code == 401
