"""Each production component is really used, over its real connection."""

from __future__ import annotations

import os
import uuid
from typing import Any

import boto3
import pytest
import stripe
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from elasticsearch_dsl import Document, Keyword, Text

from accounts.models import User
from marketplace.tasks import whoami
from search.client import get_client

# Every test here talks to a real service, some without a fixture saying so (raw clients).
pytestmark = pytest.mark.services


def test_it_reads_back_an_orm_row_with_raw_sql(db: Any) -> None:
    # given a user written through the ORM
    User.objects.create_user("raw-sql@ocop.test", "a-long-password")
    # when PostgreSQL is asked directly
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT email, version() FROM accounts_user WHERE email = %s", ["raw-sql@ocop.test"]
        )
        email, version = cursor.fetchone()
    # then the row is there, in a real PostgreSQL
    assert email == "raw-sql@ocop.test"
    assert version.startswith("PostgreSQL ")


def test_it_runs_a_task_in_the_worker_process(celery_worker: Any) -> None:
    # when a task is sent through the Redis broker
    result = whoami.delay().get(timeout=30)
    # then a separate worker process ran it
    assert result["pid"] != os.getpid()


class ProbeDocument(Document):
    name = Text()
    tag = Keyword()

    class Index:
        name = "ocop-test-probe"


def test_it_finds_an_elasticsearch_dsl_document_with_a_raw_query() -> None:
    # given a document saved through elasticsearch-dsl
    client = get_client()
    tag = uuid.uuid4().hex
    ProbeDocument.init(using=client)
    ProbeDocument(name="Mật ong hoa ban", tag=tag).save(using=client, refresh=True)
    # when searching with the raw client
    found = client.search(index="ocop-test-probe", query={"term": {"tag": tag}})
    # then it comes back
    assert found["hits"]["total"]["value"] == 1
    assert found["hits"]["hits"][0]["_source"]["name"] == "Mật ong hoa ban"


def test_it_fetches_a_stored_file_back_with_boto3() -> None:
    # given a file stored through Django's storage
    name = default_storage.save(f"probes/{uuid.uuid4().hex}.txt", ContentFile(b"OCOP"))
    # when boto3 reads the bucket directly
    s3 = boto3.client(
        "s3",
        endpoint_url=settings.AWS_S3_ENDPOINT_URL,
        region_name=settings.AWS_S3_REGION_NAME,
        aws_access_key_id=settings.AWS_ACCESS_KEY_ID,
        aws_secret_access_key=settings.AWS_SECRET_ACCESS_KEY,
    )
    body = s3.get_object(Bucket=settings.AWS_STORAGE_BUCKET_NAME, Key=name)["Body"].read()
    # then the same bytes are there
    assert body == b"OCOP"


def test_it_creates_a_payment_intent_on_stripe_mock() -> None:
    # given the stripe client pointed at stripe-mock
    client = stripe.StripeClient(
        settings.STRIPE_SECRET_KEY, base_addresses={"api": settings.STRIPE_API_BASE}
    )
    # when a VND PaymentIntent is created (VND is zero-decimal: 120000 = 120.000 ₫)
    intent = client.v1.payment_intents.create(params={"amount": 120000, "currency": "vnd"})
    # then stripe-mock answers with a PaymentIntent object
    assert intent.object == "payment_intent"
    assert intent.id.startswith("pi_")
