"""A tiny fork server for the kill test: one Python that has imported the store forks a fresh
check-in process per request, so 200 kills do not pay 200 interpreter start-ups.

Run as ``python killchild.py DB SESSION``; each line ``PREFIX ACKFILE`` on stdin forks a child
that checks in ``PREFIX-0``, ``PREFIX-1``... forever and appends each name to ACKFILE only after
its commit returned. The server answers each line with the child's pid.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys

from deflection_kit.storage import PersonFields, Store

MOMENT = dt.datetime(2025, 3, 4, 9, 0, tzinfo=dt.UTC)


def check_in_forever(db_path: str, session_id: str, prefix: str, ack_path: str) -> None:
    """Check people in until killed (or orphaned); acknowledge each one after its commit."""
    server = os.getppid()
    acks = os.open(ack_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    store = Store.open(db_path)
    number = 0
    while os.getppid() == server:  # never outlive the server (an interrupted test run)
        name = f"{prefix}-{number}"
        store.attendance.check_in(session_id, PersonFields(name=name), MOMENT)
        os.write(acks, f"{name}\n".encode("ascii"))  # one small write: all or nothing
        number += 1


def serve(db_path: str, session_id: str) -> None:
    """Fork a check-in child for every request line; print its pid."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # killed children are reaped by the kernel
    for line in sys.stdin:
        prefix, ack_path = line.split()
        pid = os.fork()
        if pid == 0:
            try:
                check_in_forever(db_path, session_id, prefix, ack_path)
            finally:
                os._exit(1)
        print(pid, flush=True)


if __name__ == "__main__":
    serve(sys.argv[1], sys.argv[2])
