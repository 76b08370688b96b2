"""``python -m tests.browser.outbound_audit LOG options...``: the dashboard server as scripts/start.sh starts it
(``python -m socieux.server options...``), with every outside address it resolves or connects to written to LOG.

A Python audit hook sees each ``socket.getaddrinfo`` and ``socket.connect`` of the process, in every thread,
whatever library makes it (requests, urllib, a bare UDP socket).
"""

import os
import runpy
import sys

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "::", ""}


def _is_local(host) -> bool:
    host = host.decode() if isinstance(host, bytes) else str(host or "")
    return host in LOCAL_HOSTS or host.startswith("127.")


def main() -> None:
    log_fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)

    def hook(event: str, args: tuple) -> None:
        if event == "socket.getaddrinfo" and not _is_local(args[0]):
            os.write(log_fd, f"resolve {args[0]!r}\n".encode())
        elif event == "socket.connect" and isinstance(args[1], tuple) and not _is_local(args[1][0]):
            os.write(log_fd, f"connect {args[1]!r}\n".encode())

    sys.addaudithook(hook)
    sys.argv = ["socieux.server", *sys.argv[2:]]
    runpy.run_module("socieux.server", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
