"""An S3 endpoint for the tests' media storage: moto in server mode."""

from __future__ import annotations

import subprocess
import sys

from ops.testservices.layout import HOST, ServiceError
from ops.testservices.processes import spawn_daemon
from ops.testservices.provision import http, package_dir
from ops.testservices.service import Service


class S3(Service):
    """moto in server mode as an S3 endpoint; the bucket is (re)created on every ``up``.

    moto keeps everything in memory, so a restart loses objects; tests must not rely on
    objects surviving a ``down``.
    """

    name = "s3"
    port_variable = "OCOP_S3_PORT"
    default_port = 5055
    marker = "moto.server"
    bucket = "ocop-test-media"
    region = "ap-southeast-1"

    def is_healthy(self) -> bool:
        status, body = http("GET", f"{self.url}/moto-api/data.json")
        return status == 200 and body.startswith(b"{")

    def prepare(self) -> None:
        for module in ("moto", "flask", "boto3"):
            try:
                package_dir(module)
            except ModuleNotFoundError as err:
                raise ServiceError(self.name, f"{err} (needs moto[server])") from err

    def spawn(self) -> subprocess.Popen[bytes]:
        return spawn_daemon(
            [sys.executable, "-m", "moto.server", "-H", HOST, "-p", str(self.port)],
            self.log_file,
        )

    def after_ready(self) -> str:
        import boto3  # dependency of moto; imported late because it takes ~0.5s

        client = boto3.client(
            "s3",
            endpoint_url=self.url,
            region_name=self.region,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        names = {bucket["Name"] for bucket in client.list_buckets().get("Buckets", [])}
        if self.bucket not in names:
            client.create_bucket(
                Bucket=self.bucket,
                CreateBucketConfiguration={"LocationConstraint": self.region},
            )
        return f" (bucket {self.bucket})"

    def env(self) -> dict[str, str]:
        return {
            "AWS_S3_ENDPOINT_URL": self.url,
            "AWS_STORAGE_BUCKET_NAME": self.bucket,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_S3_REGION_NAME": self.region,
        }
