"""A complete production environment for loading the settings in a subprocess."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "OCOP_MODE": "production",
    "DATABASE_URL": "postgresql://ocop:secret@db.example:5432/ocop",
    "REDIS_URL": "redis://redis.example:6379/0",
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "ocop.example",
    "AWS_STORAGE_BUCKET_NAME": "ocop-media",
}
