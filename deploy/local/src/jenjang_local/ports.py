"""Is a TCP port taken, and does something answer on it?"""

from __future__ import annotations

import socket
import time

from jenjang_local.errors import StackError


def port_is_free(host: str, port: int) -> bool:
    """True when we could listen on host:port right now.

    SO_REUSEADDR makes the bind ignore sockets left in TIME_WAIT by a server we just stopped (so
    `down` then `up` does not report a false conflict) while still failing on a live listener,
    including one bound to 0.0.0.0.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def port_answers(host: str, port: int, timeout: float = 0.5) -> bool:
    """True when a TCP connection to host:port succeeds."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def require_free_port(host: str, port: int, env_var: str, component: str) -> None:
    """Fail with a fix-it message if something that is not ours already holds the port."""
    if not port_is_free(host, port):
        raise StackError(
            f"Port {port} on {host}, needed by {component}, is already in use by another "
            "program (not one this launcher started).",
            f"Stop that program (see `ss -ltnp 'sport = :{port}'`), or choose another port: "
            f"export {env_var}=<free port>.",
        )


def wait_for_port_closed(host: str, port: int, deadline_s: float) -> bool:
    """Wait until nothing answers on the port; True if it closed in time."""
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if not port_answers(host, port, timeout=0.2):
            return True
        time.sleep(0.1)
    return not port_answers(host, port, timeout=0.2)
