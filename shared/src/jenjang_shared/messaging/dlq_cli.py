"""`jenjang-dlq`: list a service's dead letters and replay chosen ones to their original topic.

    jenjang-dlq list personnel
    jenjang-dlq replay personnel 0:12 0:13        # partition:offset of the dead letters
    jenjang-dlq replay personnel --all
    jenjang-dlq parked --dsn postgresql://.../personnel           # records parked in the database
    jenjang-dlq replay-parked --dsn postgresql://.../personnel 3 4  # ids, or --all

Kafka comes from --bootstrap or JENJANG_KAFKA_BOOTSTRAP (default 127.0.0.1:59092). A replayed
record keeps its key, value and CloudEvents headers (so its ce_id, and exactly-once, still hold);
the consumer applies it if the cause has been fixed, or dead-letters it again with a new reason.
Replaying the same dead letter twice applies it once (its ce_id is in `processed_events`).
Parked records (jenjang_shared.messaging.parked) live in the service's database, not on a topic.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from dataclasses import dataclass

import asyncpg
from aiokafka import AIOKafkaProducer

from jenjang_shared.contracts.registry import SERVICES, dead_letter_topic_of
from jenjang_shared.messaging.dead_letters import original_headers, reason_of
from jenjang_shared.messaging.kafka import read_all
from jenjang_shared.messaging.parked import ParkedRecord, list_parked, replay_parked


@dataclass(frozen=True)
class DeadLetter:
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: list[tuple[str, bytes]]

    @property
    def reason(self) -> dict[str, str]:
        return reason_of(self.headers)

    @property
    def ce_type(self) -> str:
        headers = dict(original_headers(self.headers))
        return headers.get("ce_type", b"?").decode(errors="replace")

    @property
    def position(self) -> str:
        return f"{self.partition}:{self.offset}"


async def read_dead_letters(bootstrap: str, topic: str) -> list[DeadLetter]:
    """Every record on a dead-letter topic, read from the start without joining a group."""
    return [
        DeadLetter(r.partition, r.offset, r.key, r.value, list(r.headers))
        for r in await read_all(bootstrap, topic)
    ]


async def replay(bootstrap: str, letters: list[DeadLetter]) -> int:
    """Send dead letters back to their original topics, as they were first published."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True)
    await producer.start()
    try:
        for letter in letters:
            topic = letter.reason.get("original_topic")
            if not topic:
                raise ValueError(f"dead letter {letter.position} has no original topic header")
            await producer.send_and_wait(
                topic, letter.value, key=letter.key, headers=original_headers(letter.headers)
            )
    finally:
        await producer.stop()
    return len(letters)


def _print_table(letters: list[DeadLetter]) -> None:
    if not letters:
        print("no dead letters")
        return
    print(f"{'position':<10} {'type':<45} {'error':<22} {'from':<28} reason")
    for d in letters:
        r = d.reason
        origin = f"{r.get('original_topic', '?')}@{r.get('original_partition')}:{r.get('original_offset')}"
        print(
            f"{d.position:<10} {d.ce_type:<45} {r.get('error_type', '?'):<22} {origin:<28} "
            f"{r.get('error_message', '')[:120]}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="jenjang-dlq",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--bootstrap", default=os.environ.get("JENJANG_KAFKA_BOOTSTRAP", "127.0.0.1:59092")
    )
    parser.add_argument("--topic-prefix", default="", help="only for test topics")
    commands = parser.add_subparsers(dest="command", required=True)
    list_cmd = commands.add_parser("list", help="show the dead letters of a consuming service")
    list_cmd.add_argument("service", choices=SERVICES)
    replay_cmd = commands.add_parser("replay", help="send dead letters back to their topic")
    replay_cmd.add_argument("service", choices=SERVICES)
    replay_cmd.add_argument("positions", nargs="*", help="partition:offset of each to replay")
    replay_cmd.add_argument("--all", action="store_true", help="replay every dead letter")
    for name, what in (("parked", "show parked records"), ("replay-parked", "republish them")):
        parked_cmd = commands.add_parser(name, help=what)
        parked_cmd.add_argument("--dsn", required=True, help="the consuming service's database")
        if name == "replay-parked":
            parked_cmd.add_argument("ids", nargs="*", type=int, help="ids of the parked records")
            parked_cmd.add_argument("--all", action="store_true", help="every parked record")
    args = parser.parse_args(argv)
    if args.command in ("parked", "replay-parked"):
        return asyncio.run(_parked_command(args, parser))

    topic = f"{args.topic_prefix}{dead_letter_topic_of(args.service)}"
    letters = asyncio.run(read_dead_letters(args.bootstrap, topic))
    if args.command == "list":
        _print_table(letters)
        return 0
    if not args.all and not args.positions:
        parser.error("name the dead letters to replay (partition:offset ...) or pass --all")
    chosen = letters if args.all else [d for d in letters if d.position in set(args.positions)]
    missing = set(args.positions) - {d.position for d in chosen}
    if missing:
        print(f"no dead letter at {', '.join(sorted(missing))} on {topic}", file=sys.stderr)
        return 2
    count = asyncio.run(replay(args.bootstrap, chosen))
    print(f"replayed {count} dead letter(s) from {topic}")
    return 0


async def _parked_command(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    conn = await asyncpg.connect(args.dsn)
    try:
        records = await list_parked(conn)
        if args.command == "parked":
            _print_parked(records)
            return 0
        if not args.all and not args.ids:
            parser.error("name the parked records to replay (ids) or pass --all")
        chosen = records if args.all else [r for r in records if r.id in set(args.ids)]
        count = await replay_parked(conn, args.bootstrap, chosen)
    finally:
        await conn.close()
    print(f"replayed {count} parked record(s)")
    return 0


def _print_parked(records: list[ParkedRecord]) -> None:
    if not records:
        print("no parked records")
    for r in records:
        print(
            f"{r.id:<6} {r.topic}@{r.partition}:{r.offset:<10} {r.reason:<20} {r.error_type:<22} "
            f"{r.error_message[:100]}"
        )


if __name__ == "__main__":
    sys.exit(main())
