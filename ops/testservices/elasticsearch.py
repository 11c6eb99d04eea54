"""Elasticsearch 8 for the tests: Maven Central's integ-test zip, run on the machine's JDK."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from ops.testservices.layout import HOST, Layout, ServiceError, env_int, file_lock, say
from ops.testservices.processes import chown_tree, ensure_traversable, spawn_daemon
from ops.testservices.provision import download, extract_zip, http, verify_checksum
from ops.testservices.service import Service

ES_MAVEN_BASE = (
    "https://repo1.maven.org/maven2/org/elasticsearch/distribution/integ-test-zip/elasticsearch"
)
ES_SERIES = "8.19."


def version_key(version: str) -> tuple[int, ...]:
    """Sort key for dotted numeric versions ("8.19.21" > "8.19.4")."""
    return tuple(int(part) for part in re.findall(r"\d+", version))


class Elasticsearch(Service):
    """Elasticsearch 8.19 from Maven Central's ``integ-test-zip`` distribution.

    It is the only ES 8 distribution on Maven Central: a minimal build with no bundled JDK and
    only the modules apm, transport-netty4, x-pack-core and x-pack-security (no analysis-common,
    painless, reindex, mapper-extras or ingest). It runs on the machine's JDK 17. ES refuses to
    run as root, so as root it runs as the ``ocop-es`` system user.
    """

    name = "elasticsearch"
    port_variable = "OCOP_ES_PORT"
    default_port = 9250
    marker = "elasticsearch"
    start_timeout = 240.0
    first_run_note = "downloads ~102 MB from Maven Central"
    os_user_name = "ocop-es"

    def __init__(self, layout: Layout) -> None:
        super().__init__(layout)
        self.transport_port = env_int("OCOP_ES_TRANSPORT_PORT", 9350)
        self.root = layout.state / "es"
        self._version: str | None = os.environ.get("OCOP_ES_VERSION") or None

    @property
    def version(self) -> str:
        """The 8.19.x to run: pinned, else the newest already extracted, else Maven's newest."""
        if self._version is None:
            self._version = self.cached_version() or self.latest_version()
        return self._version

    @property
    def home(self) -> Path:
        return self.layout.cache / f"elasticsearch-{self.version}"

    def cached_version(self) -> str | None:
        found = [
            path.name.removeprefix("elasticsearch-")
            for path in self.layout.cache.glob(f"elasticsearch-{ES_SERIES}*")
            if (path / ".ocop-complete").exists()
        ]
        return max(found, key=version_key, default=None)

    def latest_version(self) -> str:
        status, body = http("GET", f"{ES_MAVEN_BASE}/maven-metadata.xml", timeout=30)
        if status != 200:
            raise ServiceError(self.name, f"cannot read {ES_MAVEN_BASE}/maven-metadata.xml")
        versions = [v.text or "" for v in ET.fromstring(body).iter("version")]
        candidates = [v for v in versions if re.fullmatch(re.escape(ES_SERIES) + r"\d+", v)]
        if not candidates:
            raise ServiceError(self.name, f"no {ES_SERIES}x release on Maven Central")
        return max(candidates, key=version_key)

    def is_healthy(self) -> bool:
        status, body = http("GET", f"{self.url}/_cluster/health?wait_for_status=yellow&timeout=1s")
        if status != 200:
            return False
        return json.loads(body).get("status") in ("green", "yellow")

    def needs_prepare(self) -> bool:
        return not (self.home / ".ocop-complete").exists()

    def prepare(self) -> None:
        if self.needs_prepare():
            self.install()
        self.write_config()

    def install(self) -> None:
        """Download, verify and extract the zip once into the cache (atomic rename).

        The cache may be shared by several state dirs (clones), hence its own lock.
        """
        with file_lock(self.layout.cache / ".elasticsearch-install.lock"):
            if self.needs_prepare():
                self._install()

    def _install(self) -> None:
        url = f"{ES_MAVEN_BASE}/{self.version}/elasticsearch-{self.version}.zip"
        downloads = self.layout.cache / "downloads"
        downloads.mkdir(exist_ok=True)
        archive = downloads / f"elasticsearch-{self.version}.zip"
        if not archive.exists():
            say(self.name, f"downloading {url}")
            download(url, archive, self.name)
        verify_checksum(archive, url, self.name)
        staging = self.layout.cache / f".elasticsearch-{self.version}.staging"
        shutil.rmtree(staging, ignore_errors=True)  # left over by an interrupted run
        extract_zip(archive, staging)
        shutil.rmtree(self.home, ignore_errors=True)
        (staging / f"elasticsearch-{self.version}").rename(self.home)
        shutil.rmtree(staging)
        (self.home / ".ocop-complete").touch()
        archive.unlink()
        say(self.name, f"installed Elasticsearch {self.version} in {self.home}")

    def write_config(self) -> None:
        """(Re)write a private ES_PATH_CONF so the shared install in the cache stays pristine."""
        config = self.root / "config"
        for sub in ("data", "logs", "tmp", "config/jvm.options.d"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        for name in ("jvm.options", "log4j2.properties"):
            shutil.copyfile(self.home / "config" / name, config / name)
        settings = {
            "cluster.name": "ocop-test",
            "node.name": "ocop-test-1",
            "discovery.type": "single-node",
            "network.host": HOST,
            "http.port": self.port,
            "transport.port": self.transport_port,
            "path.data": str(self.root / "data"),
            "path.logs": str(self.root / "logs"),
            "xpack.security.enabled": False,
            "action.destructive_requires_name": False,
            "cluster.routing.allocation.disk.threshold_enabled": False,
        }
        (config / "elasticsearch.yml").write_text(
            "# Written by ops/testservices/elasticsearch.py on every start; edit it, not this.\n"
            + "".join(f"{key}: {json.dumps(value)}\n" for key, value in settings.items())
        )
        (config / "jvm.options.d" / "ocop.options").write_text("-Xms512m\n-Xmx512m\n")
        user = self.os_user
        if user is not None:
            ensure_traversable(self.home)
            ensure_traversable(self.root)
            chown_tree(self.root, user)

    def java_home(self) -> str:
        """ES_JAVA_HOME from the environment, else the JDK that `java` on PATH belongs to."""
        if os.environ.get("ES_JAVA_HOME"):
            return os.environ["ES_JAVA_HOME"]
        java = shutil.which("java")
        if java is None:
            raise ServiceError(self.name, "no `java` on PATH (JDK 17+ needed); set ES_JAVA_HOME")
        return str(Path(java).resolve().parents[1])

    def spawn(self) -> subprocess.Popen[bytes]:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8",
            "ES_JAVA_HOME": self.java_home(),
            "ES_PATH_CONF": str(self.root / "config"),
            "ES_TMPDIR": str(self.root / "tmp"),
        }
        log = self.log_file
        log.touch()
        return spawn_daemon(
            [str(self.home / "bin" / "elasticsearch")],
            log,
            env=env,
            cwd=self.root / "logs",
            user=self.os_user,
        )

    def wait_healthy(self, proc: subprocess.Popen[bytes] | None, started: float) -> None:
        try:
            super().wait_healthy(proc, started)
        except ServiceError as err:
            own_log = self.root / "logs" / "ocop-test.log"
            raise ServiceError(self.name, f"{err} (also see {own_log})", self.log_file) from err

    def after_ready(self) -> str:
        # Not `GET /`: the root endpoint lives in the rest-root module, which this minimal
        # distribution lacks (GET/HEAD / answer 405, so elasticsearch-py's ping()/info() fail).
        status, body = http("GET", f"{self.url}/_nodes/_local/plugins")
        if status != 200:
            return ""
        node = next(iter(json.loads(body)["nodes"].values()))
        modules = ", ".join(module["name"] for module in node["modules"])
        return f" (Elasticsearch {node['version']}; modules: {modules})"

    def env(self) -> dict[str, str]:
        return {"ELASTICSEARCH_URL": self.url}
