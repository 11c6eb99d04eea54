"""stripe-mock for the tests: Stripe's official API mock, built once with ``go install``."""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess

from ops.testservices.layout import HOST, Layout, ServiceError, env_int, file_lock
from ops.testservices.processes import spawn_daemon
from ops.testservices.provision import find_go, http
from ops.testservices.service import Service

STRIPE_MOCK_MODULE = "github.com/stripe/stripe-mock"


class StripeMock(Service):
    """Stripe's official API mock, built from the Go module proxy into the cache once.

    The Go module proxy is a registry this machine can reach; the binary is cached in
    ``$OCOP_CACHE/bin``, so only the first run on a machine pays for the build.
    """

    name = "stripe-mock"
    port_variable = "OCOP_STRIPE_PORT"
    default_port = 12111
    marker = "stripe-mock"
    first_run_note = "building it with `go install` (~1 min)"
    secret_key = "sk_test_123"
    webhook_secret = "whsec_test_ocop"

    def __init__(self, layout: Layout) -> None:
        super().__init__(layout)
        self.https_port = env_int("OCOP_STRIPE_HTTPS_PORT", 12112)
        self.binary = layout.bin / "stripe-mock"

    def is_healthy(self) -> bool:
        # The same request the payment code makes first: a VND PaymentIntent.
        status, body = http(
            "POST",
            f"{self.url}/v1/payment_intents",
            data={"amount": "120000", "currency": "vnd"},
            auth=f"{self.secret_key}:",
        )
        return status == 200 and json.loads(body).get("id", "").startswith("pi_")

    def needs_prepare(self) -> bool:
        return not self.binary.exists()

    def prepare(self) -> None:
        with file_lock(self.layout.cache / ".stripe-mock-install.lock"):
            if not self.binary.exists():
                self.install()

    def install(self) -> None:
        """`go install` into $OCOP_CACHE/bin (the Go build and module caches make reruns fast)."""
        version = os.environ.get("OCOP_STRIPE_MOCK_VERSION", "latest")
        build_log = self.layout.logs / "stripe-mock-build.log"
        try:
            go = find_go()
        except FileNotFoundError as err:
            raise ServiceError(self.name, str(err)) from err
        with open(build_log, "w") as log:
            result = subprocess.run(
                [go, "install", f"{STRIPE_MOCK_MODULE}@{version}"],
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, "GOBIN": str(self.layout.bin), "CGO_ENABLED": "0"},
            )
        if result.returncode or not self.binary.exists():
            raise ServiceError(self.name, "go install failed", build_log)

    def spawn(self) -> subprocess.Popen[bytes]:
        return spawn_daemon(
            [
                str(self.binary),
                "-http-addr",
                f"{HOST}:{self.port}",
                "-https-addr",
                f"{HOST}:{self.https_port}",
            ],
            self.log_file,
        )

    def after_ready(self) -> str:
        # `go install` builds report "master" from -version; the module version is in buildinfo.
        with contextlib.suppress(OSError, subprocess.SubprocessError, FileNotFoundError):
            info = subprocess.run(
                [find_go(), "version", "-m", str(self.binary)],
                capture_output=True,
                text=True,
                timeout=10,
            ).stdout
            if match := re.search(r"^\s*mod\s+\S+\s+(\S+)", info, re.MULTILINE):
                return f" (stripe-mock {match.group(1)})"
        return ""

    def env(self) -> dict[str, str]:
        return {
            "STRIPE_API_BASE": self.url,
            "STRIPE_SECRET_KEY": self.secret_key,
            "STRIPE_WEBHOOK_SECRET": self.webhook_secret,
        }
