"""The OCOP marketplace Django project and its commerce core."""

from marketplace.celery import app as celery_app

__all__ = ("celery_app",)
