"""Runs Jenjang on one machine: real PostgreSQL 15, real Kafka 4.x (KRaft) and the five services.

The CLI is `jenjang` (jenjang_local.cli); the Python API for test fixtures is jenjang_local.stack.
"""
