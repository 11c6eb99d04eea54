"""PostgreSQL for the tests, from the binaries inside the ``pgserver`` wheel."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from ops.testservices.layout import HOST, Layout, ServiceError
from ops.testservices.processes import ensure_traversable, pid_alive, user_kwargs
from ops.testservices.provision import package_dir
from ops.testservices.service import Service


class Postgres(Service):
    """PostgreSQL from the pgserver wheel, on TCP so any DATABASE_URL parser understands it.

    pgserver's own ``get_server()`` only listens on a unix socket (it forces ``-h ""``), which
    yields ``postgresql://postgres:@/postgres?host=/path`` URIs that not every Django URL parser
    accepts, and it cannot raise max_connections. So we use its bundled binaries and its
    convention of a ``pgserver`` OS user (PostgreSQL refuses to run as root) but drive
    initdb/pg_ctl ourselves. pg_ctl daemonizes the postmaster, so it outlives this process.
    """

    name = "postgres"
    port_variable = "OCOP_PG_PORT"
    default_port = 54329
    start_timeout = 90.0
    first_run_note = "initdb"
    os_user_name = "pgserver"
    database = "ocop"
    # 100 concurrent buyer processes in the load test, plus Django/Celery connections.
    max_connections = 300

    def __init__(self, layout: Layout) -> None:
        super().__init__(layout)
        self.pgdata = layout.state / "pg"
        self.marker = f"-D {self.pgdata}"  # the postmaster's command line, not another cluster's
        self.managed_url = f"postgresql://postgres@{HOST}:{self.port}/{self.database}"
        given = os.environ.get("DATABASE_URL", "")
        # A DATABASE_URL pointing anywhere else is the developer's own server: only check it.
        self.external_url = given if given and given != self.managed_url else None
        self.managed = self.external_url is None

    @property
    def url(self) -> str:
        return self.external_url or self.managed_url

    @property
    def maintenance_url(self) -> str:
        """The server's ``postgres`` database, which exists before ours is created."""
        return self.url.rsplit("/", 1)[0] + "/postgres"

    @property
    def bin(self) -> Path:
        return package_dir("pgserver") / "pginstall" / "bin"

    def psql(self, sql: str, url: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                str(self.bin / "psql"),
                "-X",
                "-qtA",
                "-v",
                "ON_ERROR_STOP=1",
                "-d",
                url or self.url,
                "-c",
                sql,
            ],
            capture_output=True,
            text=True,
            timeout=15,
            env={**os.environ, "PGCONNECT_TIMEOUT": "3"},
        )

    def is_healthy(self) -> bool:
        # Connect to the maintenance DB: the app database may not be created yet.
        url = self.url if self.external_url else self.maintenance_url
        try:
            return self.psql("select 1", url).stdout.strip() == "1"
        except (OSError, subprocess.TimeoutExpired):
            return False

    def needs_prepare(self) -> bool:
        return not self.external_url and not (self.pgdata / "PG_VERSION").exists()

    def prepare(self) -> None:
        user = self.os_user
        self.pgdata.mkdir(exist_ok=True)
        self.pgdata.chmod(0o700)  # the postmaster refuses a group/world-accessible data dir
        self.log_file.touch()
        if user is not None:
            ensure_traversable(self.pgdata)
            ensure_traversable(self.bin)
            os.chown(self.pgdata, user.pw_uid, user.pw_gid)
            os.chown(self.log_file, user.pw_uid, user.pw_gid)
        if (self.pgdata / "PG_VERSION").exists():
            return
        result = subprocess.run(
            [
                str(self.bin / "initdb"),
                "-D",
                str(self.pgdata),
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
            ],
            capture_output=True,
            text=True,
            cwd=self.pgdata,
            **user_kwargs(user),
        )
        with open(self.log_file, "a") as log:
            log.write(result.stdout + result.stderr)
        if result.returncode:
            raise ServiceError(self.name, "initdb failed", self.log_file)

    def spawn(self) -> subprocess.Popen[bytes] | None:
        options = [
            f"-c listen_addresses={HOST}",
            f"-p {self.port}",
            "-c unix_socket_directories=''",
            f"-c max_connections={self.max_connections}",
            # Disposable test data: trade durability for speed.
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off",
        ]
        result = subprocess.run(
            [
                str(self.bin / "pg_ctl"),
                "-D",
                str(self.pgdata),
                "-l",
                str(self.log_file),
                "-w",
                "-t",
                str(int(self.start_timeout)),
                "-o",
                " ".join(options),
                "start",
            ],
            capture_output=True,
            text=True,
            start_new_session=True,
            cwd=self.pgdata,
            **user_kwargs(self.os_user),
        )
        if result.returncode:
            raise ServiceError(
                self.name, f"pg_ctl start failed: {result.stderr.strip()}", self.log_file
            )
        postmaster_pid = (self.pgdata / "postmaster.pid").read_text().split()[0]
        self.pid_file.write_text(postmaster_pid + "\n")
        return None

    def running_pid(self) -> int | None:
        """The postmaster's own pid file is authoritative (ours may be missing or stale)."""
        try:
            pid = int((self.pgdata / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return super().running_pid()
        return pid if pid_alive(pid, self.marker) else None

    def stop(self) -> bool:
        if self.running_pid() is None:
            self.pid_file.unlink(missing_ok=True)
            return False
        subprocess.run(
            [str(self.bin / "pg_ctl"), "-D", str(self.pgdata), "-m", "fast", "-w", "stop"],
            capture_output=True,
            cwd=self.pgdata,
            **user_kwargs(self.os_user),
        )
        super().stop()  # kills it for good if pg_ctl could not
        return True

    def after_ready(self) -> str:
        if not self.external_url:
            exists = self.psql(
                f"select 1 from pg_database where datname = '{self.database}'",
                self.maintenance_url,
            )
            if exists.stdout.strip() != "1":
                self.psql(f'create database "{self.database}"', self.maintenance_url)
        version = self.psql("show server_version").stdout.strip()
        conns = self.psql("show max_connections").stdout.strip()
        return f" (PostgreSQL {version}, max_connections={conns})"

    def env(self) -> dict[str, str]:
        return {"DATABASE_URL": self.url}
