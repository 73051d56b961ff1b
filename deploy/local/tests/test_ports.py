"""Port checks: free vs taken, and the fix-it message for a port someone else holds."""

import socket
from collections.abc import Iterator

import pytest

from jenjang_local.errors import StackError
from jenjang_local.ports import port_answers, port_is_free, require_free_port


@pytest.fixture
def listener() -> Iterator[int]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    try:
        yield sock.getsockname()[1]
    finally:
        sock.close()


def _unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_listening_port_is_taken_and_answers(listener: int) -> None:
    assert not port_is_free("127.0.0.1", listener)
    assert port_answers("127.0.0.1", listener)


def test_a_port_bound_on_all_addresses_counts_as_taken() -> None:
    with socket.socket() as sock:
        sock.bind(("0.0.0.0", 0))
        sock.listen()
        port = sock.getsockname()[1]
        assert not port_is_free("127.0.0.1", port)


def test_an_unused_port_is_free_and_silent() -> None:
    port = _unused_port()
    assert port_is_free("127.0.0.1", port)
    assert not port_answers("127.0.0.1", port, timeout=0.2)


def test_a_port_in_time_wait_is_still_free() -> None:
    # A server we just stopped leaves TIME_WAIT sockets; that must not look like a conflict.
    with socket.socket() as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        client = socket.create_connection(("127.0.0.1", port))
        accepted, _ = server.accept()
        accepted.close()  # server side closes first -> its socket goes to TIME_WAIT
        client.close()
    assert port_is_free("127.0.0.1", port)


def test_conflict_message_names_port_component_and_variable(listener: int) -> None:
    with pytest.raises(StackError) as caught:
        require_free_port("127.0.0.1", listener, "JENJANG_KAFKA_PORT", "Kafka")
    message = str(caught.value)
    assert str(listener) in message
    assert "Kafka" in message
    assert "export JENJANG_KAFKA_PORT=" in message


def test_no_error_for_a_free_port() -> None:
    require_free_port("127.0.0.1", _unused_port(), "JENJANG_PG_PORT", "PostgreSQL")
