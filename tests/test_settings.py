"""Production configuration comes only from the environment and fails loudly when wrong."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.helpers.production import PRODUCTION, ROOT


def load_settings(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "STRIPE_"))}
    for name in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "ELASTICSEARCH_URL"):
        clean.pop(name, None)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import marketplace.settings as s; print(s.DATABASES['default']"
            "['HOST'], s.DEBUG, s.CELERY_BROKER_URL)",
        ],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_it_starts_with_a_complete_production_environment() -> None:
    result = load_settings(PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["db.example", "False", "redis://redis.example:6379/0"]


@pytest.mark.parametrize(
    "missing",
    ["DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "AWS_STORAGE_BUCKET_NAME", "REDIS_URL"],
)
def test_it_refuses_to_start_without_a_required_value(missing: str) -> None:
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = load_settings(env)
    assert result.returncode != 0
    assert "ConfigError" in result.stderr
    expected = "CELERY_BROKER_URL or REDIS_URL" if missing == "REDIS_URL" else missing
    assert expected in result.stderr.splitlines()[-1]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DEBUG", "maybe"),
        ("DATABASE_URL", "mysql://db/ocop"),
        ("REDIS_URL", "http://redis.example"),
        ("ELASTICSEARCH_URL", "elastic.example:9200"),
        ("SECRET_KEY", "short"),
        ("OCOP_COMMISSION_RATE", "5%"),
        ("OCOP_MODE", "staging"),
    ],
)
def test_it_names_a_malformed_value(name: str, value: str) -> None:
    result = load_settings({**PRODUCTION, name: value})
    assert result.returncode != 0
    assert name in result.stderr.splitlines()[-1]


def test_it_needs_no_configuration_in_demo_mode_besides_the_embedded_urls() -> None:
    result = load_settings(
        {
            "DATABASE_URL": "postgresql://postgres:@/ocop?host=/tmp/pg",
            "REDIS_URL": "unix:///tmp/redis.sock?db=0",
        }
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["/tmp/pg", "False", "redis+socket:///tmp/redis.sock?db=0"]
