"""docker/compose.yml keeps the production topology, checked without a Docker engine.

`docker compose config` only parses, merges and interpolates the file; it needs the compose
CLI plugin but no daemon. No Django here: these tests read files and run one CLI.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
COMPOSE_FILE = ROOT / "docker" / "compose.yml"
DOCKERFILE = ROOT / "docker" / "Dockerfile"

APP_SERVICES = ("web", "worker", "beat", "relay")
DATA_SERVICES = ("postgres", "redis", "elasticsearch", "minio")
ALL_SERVICES = {*APP_SERVICES, *DATA_SERVICES, "minio-init"}
APP_ENV_KEYS = {
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "ELASTICSEARCH_URL",
    "AWS_S3_ENDPOINT_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_S3_REGION_NAME",
    "STRIPE_SECRET_KEY",
    "STRIPE_WEBHOOK_SECRET",
    "STRIPE_API_BASE",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DEBUG",
    "OCOP_MODE",
}
INSTALL_HINT = (
    "the `docker compose` CLI plugin is needed (no Docker engine): install Docker Compose v2, "
    "or run `python -m ops.testservices install-compose` to build it from the Go module proxy"
)


def compose_command() -> list[str]:
    """`docker compose`, else a standalone v2 `docker-compose` (PATH or $OCOP_CACHE/bin)."""
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True, text=True)
        if probe.returncode == 0:
            return ["docker", "compose"]
    cache = Path(os.environ.get("OCOP_CACHE") or "~/.cache/ocop").expanduser()
    for candidate in (shutil.which("docker-compose"), cache / "bin" / "docker-compose"):
        if candidate and Path(candidate).is_file():
            probe = subprocess.run([str(candidate), "version"], capture_output=True, text=True)
            if probe.returncode == 0 and "version 1." not in probe.stdout:
                return [str(candidate)]
    pytest.fail(INSTALL_HINT)


def run_config(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Render docker/compose.yml as JSON with exactly *env* as the interpolation environment."""
    return subprocess.run(
        [*compose_command(), "-f", str(COMPOSE_FILE), "config", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def clean_env(**extra: str) -> dict[str, str]:
    """PATH/HOME only (so a developer's own SECRET_KEY etc. cannot change the result)."""
    base = {key: os.environ[key] for key in ("PATH", "HOME", "DOCKER_CONFIG") if key in os.environ}
    return {**base, **extra}


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    result = run_config(clean_env(SECRET_KEY="s" * 50))
    if result.returncode != 0:
        pytest.fail(f"`docker compose config` failed:\n{result.stderr}")
    return json.loads(result.stdout)


def test_it_defines_exactly_the_production_services(config: dict[str, Any]) -> None:
    assert set(config["services"]) == ALL_SERVICES


def test_it_gives_web_worker_beat_and_relay_the_same_environment(config: dict[str, Any]) -> None:
    services = config["services"]
    keys = {name: set(services[name]["environment"]) for name in APP_SERVICES}
    assert keys["web"] == keys["worker"] == keys["beat"] == keys["relay"] == APP_ENV_KEYS
    values = [services[name]["environment"] for name in APP_SERVICES]
    assert values[0] == values[1] == values[2] == values[3]
    assert values[0]["OCOP_MODE"] == "production"


def test_it_runs_the_documented_commands(config: dict[str, Any]) -> None:
    services = config["services"]
    assert services["web"]["command"] == ["ocop", "serve", "--host", "0.0.0.0", "--port", "8000"]
    assert services["worker"]["command"] == ["celery", "-A", "marketplace", "worker", "-l", "info"]
    assert services["beat"]["command"] == ["celery", "-A", "marketplace", "beat", "-l", "info"]
    assert services["relay"]["command"] == ["ocop", "relay"]


def test_it_healthchecks_every_service_the_app_depends_on(config: dict[str, Any]) -> None:
    services = config["services"]
    for app in APP_SERVICES:
        depends_on = services[app]["depends_on"]
        assert set(DATA_SERVICES) - {"minio"} <= set(depends_on), app
        assert depends_on["minio-init"]["condition"] == "service_completed_successfully"
        for name, rule in depends_on.items():
            if name == "minio-init":
                continue
            assert rule["condition"] == "service_healthy", (app, name)
            healthcheck = services[name].get("healthcheck")
            assert healthcheck and not healthcheck.get("disable"), f"{name} has no healthcheck"
            assert healthcheck["test"], name
    # The bucket creator itself waits for a healthy minio.
    assert services["minio-init"]["depends_on"]["minio"]["condition"] == "service_healthy"
    assert services["minio"]["healthcheck"]["test"]


def test_it_builds_one_app_image_from_the_repo_root(config: dict[str, Any]) -> None:
    services = config["services"]
    for app in APP_SERVICES:
        build = services[app]["build"]
        assert Path(build["context"]) == ROOT
        assert build["dockerfile"] == "docker/Dockerfile"
    assert len({services[app]["image"] for app in APP_SERVICES}) == 1
    assert DOCKERFILE.is_file()


def test_it_keeps_data_in_named_volumes(config: dict[str, Any]) -> None:
    services = config["services"]
    for name in DATA_SERVICES:
        volumes = services[name].get("volumes", [])
        assert any(volume["type"] == "volume" for volume in volumes), name
    assert set(config["volumes"]) >= {
        "postgres-data",
        "redis-data",
        "elasticsearch-data",
        "minio-data",
    }


def test_it_refuses_to_render_without_a_secret_key() -> None:
    result = run_config(clean_env())
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_it_copies_every_project_package_into_the_image() -> None:
    """The Dockerfile copies packages one by one (no `COPY . .`): none may be forgotten."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
    packages = {pattern.rstrip("*").rstrip(".") for pattern in patterns}
    dockerfile = DOCKERFILE.read_text()
    missing = sorted(p for p in packages if f"COPY {p}/ {p}/" not in dockerfile)
    assert not missing, f"docker/Dockerfile does not COPY {missing}"
    assert 'CMD ["ocop", "serve", "--host", "0.0.0.0", "--port", "8000"]' in dockerfile
    assert "\nUSER ocop\n" in dockerfile
