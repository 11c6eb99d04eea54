"""The daily certificate jobs: expiry, and the 60/30/7-day notices."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client
from django.utils import timezone

from catalog.certificates import do_expire_certificates
from catalog.expiry_notices import notify_expiring
from catalog.listed import refresh_listed
from catalog.models import CertificateEvent, CertificateExpiryNotice, CertificateStatus
from catalog.tasks import expire_certificates, notify_expiring_certificates
from tests import factories
from tests.conftest import gql

PRODUCTS = '{ products(first: 20, channel: "default-channel") { edges { node { slug } } } }'


def _listed(api: Client) -> list[str]:
    return [e["node"]["slug"] for e in gql(api, PRODUCTS)["data"]["products"]["edges"]]


def test_it_expires_verified_certificates_past_their_validity(db: Any, api: Client) -> None:
    # given a valid product, one whose certificate lapsed, and lapsed pending/revoked ones
    valid = factories.product()
    lapsed = factories.product(decision_age_days=1200)
    pending = factories.product(decision_age_days=1200, cert_status=CertificateStatus.PENDING)
    revoked = factories.product(decision_age_days=1200, cert_status=CertificateStatus.REVOKED)
    # when the daily job runs
    expired = expire_certificates()
    # then only the verified, lapsed certificate is marked expired, with one event
    assert expired == [lapsed.certificates.get().pk]
    statuses = {p.slug: p.certificates.get().status for p in (valid, lapsed, pending, revoked)}
    assert statuses == {
        valid.slug: "verified",
        lapsed.slug: "expired",
        pending.slug: "pending",
        revoked.slug: "revoked",
    }
    event = CertificateEvent.objects.get()
    assert (
        event.certificate_id,
        event.kind,
        event.from_status,
        event.to_status,
        event.actor_id,
    ) == (
        lapsed.certificates.get().pk,
        "expired",
        "verified",
        "expired",
        None,
    )
    # and the storefront shows only the valid product
    assert _listed(api) == [valid.slug]


def test_it_expires_each_certificate_once(db: Any) -> None:
    factories.product(decision_age_days=1200)
    first, second = do_expire_certificates(), do_expire_certificates()
    assert (len(first), second) == (1, [])
    assert CertificateEvent.objects.count() == 1


def test_it_keeps_a_certificate_valid_through_its_last_day(db: Any) -> None:
    # given a certificate whose last valid day is today (Vietnam)
    product = factories.product()
    certificate = product.certificates.get()
    today = timezone.localdate()
    # when the job runs today, and then tomorrow
    type(certificate).objects.filter(pk=certificate.pk).update(valid_until=today)
    assert do_expire_certificates(today) == []
    assert do_expire_certificates(today + datetime.timedelta(days=1)) == [certificate.pk]


def test_it_drops_a_product_from_the_storefront_the_moment_the_job_expires_it(
    db: Any, api: Client
) -> None:
    # given a listed product whose certificate's last day was yesterday, already hidden by
    # the listing rule even before the job runs
    product = factories.product()
    certificate = product.certificates.get()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    type(certificate).objects.filter(pk=certificate.pk).update(valid_until=yesterday)
    refresh_listed([product.pk])  # as verified with that last day (the record keeps it)
    assert _listed(api) == []
    # when the job runs, the status matches what customers see
    assert expire_certificates() == [certificate.pk]
    assert _listed(api) == []


# The worker is another process: it sees only committed rows. serialized_rollback puts the
# migrations' data (provinces, channel, product groups) back after the flush.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_runs_the_expiry_job_on_a_real_worker(empty_database: None, celery_worker: Any) -> None:
    # given a lapsed verified certificate
    product = factories.product(decision_age_days=1200)
    # when the scheduled task runs on a worker process
    result = expire_certificates.delay().get(timeout=30)
    # then that worker expired it
    assert result == [product.certificates.get().pk]
    assert product.certificates.get().status == CertificateStatus.EXPIRED


def _expiring(days_left: int, **extra: Any) -> Any:
    """A verified certificate with `days_left` days of validity, with one owner."""
    owner = factories.user(**extra)
    product = factories.product(owner=factories.seller(owner=owner))
    certificate = product.certificates.get()
    type(certificate).objects.filter(pk=certificate.pk).update(
        valid_until=timezone.localdate() + datetime.timedelta(days=days_left)
    )
    certificate.refresh_from_db()
    return certificate, owner


def test_it_sends_the_60_30_and_7_day_notices_once_each(db: Any) -> None:
    # given a certificate expiring in 60 days, owned by one member
    certificate, owner = _expiring(60)
    today = timezone.localdate()
    sent_on: dict[int, int] = {}
    # when the job runs every day until expiry
    for day in range(61):
        sent_on[day] = notify_expiring(today + datetime.timedelta(days=day))
    # then exactly three e-mails went out, on days 0, 30 and 53
    assert {day: n for day, n in sent_on.items() if n} == {0: 1, 30: 1, 53: 1}
    assert sorted(
        CertificateExpiryNotice.objects.filter(certificate=certificate).values_list(
            "days_before", flat=True
        )
    ) == [7, 30, 60]
    assert [m.to for m in mail.outbox] == [[owner.email]] * 3
    # and the text is Vietnamese first, English below
    body = mail.outbox[0].body
    assert "còn 60 ngày" in body
    assert "in 60 days" in body
    assert body.index("Kính gửi") < body.index("Dear")
    assert mail.outbox[0].subject.startswith("Giấy chứng nhận OCOP sắp hết hạn")


def test_it_sends_only_the_notice_that_is_due_after_missed_runs(db: Any) -> None:
    # given a certificate 20 days from expiry that never got a notice
    certificate, _ = _expiring(20)
    # when the job runs twice today
    sent = notify_expiring(timezone.localdate()), notify_expiring(timezone.localdate())
    # then only the 30-day notice went out, once
    assert sent == (1, 0)
    assert list(certificate.expiry_notices.values_list("days_before", flat=True)) == [30]


def test_it_notifies_every_member_of_the_seller(db: Any) -> None:
    certificate, owner = _expiring(7)
    staff = factories.user()
    certificate.product.seller.members.create(user=staff, role="staff")
    assert notify_expiring(timezone.localdate()) == 1
    assert mail.outbox[0].to == sorted([owner.email, staff.email])


class FailingBackend(BaseEmailBackend):
    """An SMTP server that is down."""

    def send_messages(self, email_messages: Any) -> int:
        raise ConnectionRefusedError("SMTP server unavailable")


def test_it_retries_a_notice_whose_email_failed(db: Any, settings: Any) -> None:
    # given a certificate due for its 30-day notice and a mail server that is down
    certificate, owner = _expiring(30)
    settings.EMAIL_BACKEND = "tests.test_expiry.FailingBackend"
    # when the job runs, then nothing is sent and no notice is recorded
    assert notify_expiring(timezone.localdate()) == 0
    assert CertificateExpiryNotice.objects.count() == 0
    # when the mail server is back and the job runs again
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert notify_expiring(timezone.localdate()) == 1
    # then the notice went out once and is recorded
    assert [m.to for m in mail.outbox] == [[owner.email]]
    assert list(certificate.expiry_notices.values_list("days_before", flat=True)) == [30]


def test_it_runs_the_notice_task_for_today(db: Any) -> None:
    _expiring(7)
    assert notify_expiring_certificates() == 1
    assert notify_expiring_certificates() == 0
