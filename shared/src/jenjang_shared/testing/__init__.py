"""Test support: the real PostgreSQL and Kafka for a test session, and harnesses for services.

Registered as a pytest plugin by the root `conftest.py`.
"""
