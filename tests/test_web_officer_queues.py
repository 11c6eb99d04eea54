"""The officer console's queues (web/officer/queues.py): who sees which applications and
certificates, who may decide them, and that a refused call changes nothing."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog.models import CertificateEvent, CertificateStatus, OcopCertificate
from sellers.models import Seller, SellerDocument, SellerStatus, SellerTransition
from tests import factories
from tests.helpers.officer import (
    AN_GIANG,
    DIEN_BIEN,
    owner_of,
    pending_certificate,
    submitted_application,
    superuser,
)
from web.officer.queues import PAGE_SIZE

pytestmark = pytest.mark.django_db


def _client(user: Any | None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


def _state() -> tuple[Any, ...]:
    return (
        sorted(Seller.objects.values_list("pk", "status")),
        SellerTransition.objects.count(),
        sorted(OcopCertificate.objects.values_list("pk", "status", "review_note")),
        CertificateEvent.objects.count(),
    )


def _refused(response: Any) -> str:
    """anonymous → sign in; not an officer → 403; outside the province → 404."""
    if response.status_code == 302:
        return "sign-in" if response["Location"].startswith("/dang-nhap/") else "redirect"
    return str(response.status_code)


# --- The queues ------------------------------------------------------------------------------


def test_it_shows_each_officer_the_exact_counts_of_their_province_oldest_first(db: Any) -> None:
    # given two applications and one pending certificate in Điện Biên, one of each in An
    # Giang, and a decided application and a verified certificate that wait for nothing
    first, second = submitted_application(), submitted_application()
    # (the first was submitted earlier, though changed since)
    SellerTransition.objects.filter(seller=first).update(
        created_at=timezone.now() - datetime.timedelta(days=3)
    )
    Seller.objects.filter(pk=first.pk).update(updated_at=timezone.now())
    submitted_application(AN_GIANG)
    pending = pending_certificate()
    pending_certificate(AN_GIANG)
    pending_certificate(status=CertificateStatus.VERIFIED)
    factories.seller()  # an approved seller: in no queue
    dien_bien = factories.officer(DIEN_BIEN)
    # when the Điện Biên officer opens the queues
    response = _client(dien_bien).get("/can-bo/")
    # then it counts exactly its province's waiting items, oldest first
    assert response.status_code == 200
    assert [s.pk for s in response.context["applications"]] == [first.pk, second.pk]
    assert response.context["applications"].paginator.count == 2
    assert [c.pk for c in response.context["certificates"]] == [pending.pk]
    html = response.content.decode()
    assert '<span class="queue-count" data-count="applications">2</span>' in html
    assert '<span class="queue-count" data-count="certificates">1</span>' in html
    # and a superuser sees all provinces, or one with the filter
    national = _client(superuser())
    assert national.get("/can-bo/").context["applications"].paginator.count == 3
    filtered = national.get("/can-bo/?tinh=" + AN_GIANG)
    assert filtered.context["applications"].paginator.count == 1
    assert filtered.context["certificates"].paginator.count == 1


def test_it_refuses_the_queues_to_anyone_but_officers(db: Any) -> None:
    # given a customer and a stall owner
    application = submitted_application()
    # then anonymous signs in, customer and owner are refused
    assert _refused(_client(None).get("/can-bo/")) == "sign-in"
    assert _refused(_client(factories.user()).get("/can-bo/")) == "403"
    assert _refused(_client(owner_of(application)).get("/can-bo/")) == "403"


def test_it_pages_the_queues_with_a_constant_number_of_queries(db: Any) -> None:
    # given a few waiting items, then a full page more
    officer = factories.officer(DIEN_BIEN)
    client = _client(officer)
    for _ in range(2):
        submitted_application()
        pending_certificate()
    client.get("/can-bo/")  # warm caches (session, language)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/can-bo/").status_code == 200
    for _ in range(PAGE_SIZE):
        submitted_application()
        pending_certificate()
    with CaptureQueriesContext(connection) as many:
        response = client.get("/can-bo/")
    # then a full page costs the same number of queries, and the rest is on page 2
    assert len(many) == len(few)
    assert len(response.context["applications"].object_list) == PAGE_SIZE
    assert response.context["applications"].paginator.count == PAGE_SIZE + 2
    second = client.get("/can-bo/?trang-ho-so=2")
    assert len(second.context["applications"].object_list) == 2


# --- An application --------------------------------------------------------------------------


def test_it_shows_an_application_with_its_documents_and_history(db: Any) -> None:
    # given a submitted application with a PDF licence and a food-safety photo
    application = submitted_application(image=True)
    pdf, photo = SellerDocument.objects.filter(seller=application).order_by("pk")
    # when its province's officer opens it
    response = _client(factories.officer(DIEN_BIEN)).get(f"/can-bo/ho-so/{application.pk}/")
    # then the data, the documents (photo inline, PDF by link, both through the console)
    # and the submission are shown, with the three decisions
    html = response.content.decode()
    assert response.status_code == 200
    assert application.legal_name in html and application.tax_code in html
    assert f'<img class="document-image" src="/can-bo/giay-to/{photo.pk}/"' in html
    assert f'href="/can-bo/giay-to/{pdf.pk}/"' in html
    assert photo.file.url not in html and pdf.file.url not in html
    assert [a["name"] for a in response.context["actions"]] == [
        "approve",
        "request_changes",
        "reject",
    ]
    assert len(response.context["transitions"]) == 1


def test_it_serves_a_document_only_to_officers_of_its_province(db: Any) -> None:
    # given a PDF of a Điện Biên application
    application = submitted_application()
    document = SellerDocument.objects.get(seller=application)
    url = f"/can-bo/giay-to/{document.pk}/"
    # then only Điện Biên's officer and a superuser get the file, privately and unsniffed
    for user in (factories.officer(DIEN_BIEN), superuser()):
        response = _client(user).get(url)
        assert response.status_code == 200
        assert response.content == factories.PDF_BYTES
        assert response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Content-Type-Options"] == "nosniff"
    assert _refused(_client(None).get(url)) == "sign-in"
    assert _refused(_client(factories.user()).get(url)) == "403"
    assert _refused(_client(owner_of(application)).get(url)) == "403"
    assert _refused(_client(factories.officer(AN_GIANG)).get(url)) == "404"


@pytest.mark.parametrize("action", ["approve", "request_changes", "reject"])
def test_it_lets_only_officers_of_the_province_decide_an_application(db: Any, action: str) -> None:
    # given a Điện Biên application and everyone who must not decide it
    application = submitted_application()
    url = f"/can-bo/ho-so/{application.pk}/"
    data = {"action": action, "reason": "Thiếu giấy phép"}
    before = _state()
    refusals = {
        "anonymous": _refused(_client(None).post(url, data)),
        "customer": _refused(_client(factories.user()).post(url, data)),
        "owner": _refused(_client(owner_of(application)).post(url, data)),
        "An Giang officer": _refused(_client(factories.officer(AN_GIANG)).post(url, data)),
    }
    # then they are refused and nothing changed, also for GET of the page
    assert refusals == {
        "anonymous": "sign-in",
        "customer": "403",
        "owner": "403",
        "An Giang officer": "404",
    }
    assert _refused(_client(factories.officer(AN_GIANG)).get(url)) == "404"
    assert _state() == before
    # when the Điện Biên officer decides
    officer = factories.officer(DIEN_BIEN)
    response = _client(officer).post(url, data)
    # then the application moved, with who and why
    assert response.status_code == 302 and response["Location"] == url + "?xong=1"
    target = {
        "approve": SellerStatus.APPROVED,
        "request_changes": SellerStatus.CHANGES_REQUESTED,
        "reject": SellerStatus.REJECTED,
    }[action]
    assert Seller.objects.get(pk=application.pk).status == target
    step = SellerTransition.objects.filter(seller=application).latest("pk")
    assert (step.to_status, step.actor_id, step.reason) == (target, officer.pk, "Thiếu giấy phép")


def test_it_lets_a_superuser_decide_any_province(db: Any) -> None:
    application = submitted_application(AN_GIANG)
    response = _client(superuser()).post(f"/can-bo/ho-so/{application.pk}/", {"action": "approve"})
    assert response.status_code == 302
    assert Seller.objects.get(pk=application.pk).status == SellerStatus.APPROVED


@pytest.mark.parametrize("action", ["request_changes", "reject"])
def test_it_requires_a_reason_to_send_back_or_reject(db: Any, action: str) -> None:
    # given an application and its officer
    application = submitted_application()
    before = _state()
    # when the officer sends it back without a reason
    response = _client(factories.officer(DIEN_BIEN)).post(
        f"/can-bo/ho-so/{application.pk}/", {"action": action, "reason": "  "}
    )
    # then the reason is marked in error, in the summary and at the field, and nothing moved
    html = response.content.decode()
    assert response.status_code == 400
    assert '<div class="error-summary" role="alert"' in html
    assert '<a href="#id_reason">A reason is required.</a>' in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_reason-error"' in html
    assert _state() == before


def test_it_refuses_a_decision_the_status_does_not_allow(db: Any) -> None:
    # given an application already approved
    application = submitted_application()
    officer = factories.officer(DIEN_BIEN)
    _client(officer).post(f"/can-bo/ho-so/{application.pk}/", {"action": "approve"})
    before = _state()
    # when the officer tries to reject it, or posts an unknown decision
    for data in ({"action": "reject", "reason": "x"}, {"action": "delete"}):
        response = _client(officer).post(f"/can-bo/ho-so/{application.pk}/", data)
        assert response.status_code == 400
    # then nothing changed
    assert _state() == before


# --- A certificate ---------------------------------------------------------------------------


def test_it_shows_a_certificate_with_its_scan_through_the_console(db: Any) -> None:
    certificate = pending_certificate()
    response = _client(factories.officer(DIEN_BIEN)).get(f"/can-bo/chung-nhan/{certificate.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert certificate.decision_number in html and certificate.product.name in html
    assert f'href="/can-bo/chung-nhan/{certificate.pk}/ban-scan/"' in html
    assert [a["name"] for a in response.context["actions"]] == ["verify", "reject"]


def test_it_serves_a_scan_only_to_officers_of_its_province(db: Any) -> None:
    certificate = pending_certificate()
    url = f"/can-bo/chung-nhan/{certificate.pk}/ban-scan/"
    response = _client(factories.officer(DIEN_BIEN)).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content == factories.PDF_BYTES
    assert _refused(_client(None).get(url)) == "sign-in"
    assert _refused(_client(factories.user()).get(url)) == "403"
    assert _refused(_client(factories.officer(AN_GIANG)).get(url)) == "404"


@pytest.mark.parametrize(
    ("status", "action", "target"),
    [
        (CertificateStatus.PENDING, "verify", CertificateStatus.VERIFIED),
        (CertificateStatus.PENDING, "reject", CertificateStatus.REJECTED),
        (CertificateStatus.VERIFIED, "revoke", CertificateStatus.REVOKED),
    ],
)
def test_it_lets_only_officers_of_the_province_review_a_certificate(
    db: Any, status: str, action: str, target: str
) -> None:
    # given a Điện Biên certificate and everyone who must not review it
    certificate = pending_certificate(status=status)
    url = f"/can-bo/chung-nhan/{certificate.pk}/"
    data = {"action": action, "reason": "Quyết định bị hủy"}
    owner = owner_of(certificate.product.seller)
    before = _state()
    assert _refused(_client(None).post(url, data)) == "sign-in"
    assert _refused(_client(factories.user()).post(url, data)) == "403"
    assert _refused(_client(owner).post(url, data)) == "403"
    assert _refused(_client(factories.officer(AN_GIANG)).post(url, data)) == "404"
    assert _refused(_client(factories.officer(AN_GIANG)).get(url)) == "404"
    assert _state() == before
    # when the Điện Biên officer reviews it
    officer = factories.officer(DIEN_BIEN)
    response = _client(officer).post(url, data)
    # then it moved, with an event saying who and why
    assert response.status_code == 302 and response["Location"] == url + "?xong=1"
    certificate.refresh_from_db()
    assert (certificate.status, certificate.reviewed_by_id) == (target, officer.pk)
    event = CertificateEvent.objects.filter(certificate=certificate).latest("pk")
    assert (event.to_status, event.actor_id, event.note) == (target, officer.pk, data["reason"])


@pytest.mark.parametrize(
    ("status", "action"),
    [(CertificateStatus.PENDING, "reject"), (CertificateStatus.VERIFIED, "revoke")],
)
def test_it_requires_a_reason_to_reject_or_revoke_a_certificate(
    db: Any, status: str, action: str
) -> None:
    certificate = pending_certificate(status=status)
    before = _state()
    response = _client(factories.officer(DIEN_BIEN)).post(
        f"/can-bo/chung-nhan/{certificate.pk}/", {"action": action, "reason": ""}
    )
    assert response.status_code == 400
    assert '<a href="#id_reason">A reason is required.</a>' in response.content.decode()
    assert _state() == before


def test_it_offers_only_revocation_for_a_verified_certificate(db: Any) -> None:
    certificate = pending_certificate(status=CertificateStatus.VERIFIED)
    response = _client(superuser()).get(f"/can-bo/chung-nhan/{certificate.pk}/")
    assert [a["name"] for a in response.context["actions"]] == ["revoke"]


# --- The audit log ---------------------------------------------------------------------------


def _decide_everything() -> dict[str, Any]:
    """One decision of each kind in Điện Biên and in An Giang, by their officers."""
    made: dict[str, Any] = {}
    for code in (DIEN_BIEN, AN_GIANG):
        officer = factories.officer(code)
        application = submitted_application(code)
        certificate = pending_certificate(code)
        client = _client(officer)
        client.post(f"/can-bo/ho-so/{application.pk}/", {"action": "reject", "reason": "Sai"})
        client.post(f"/can-bo/chung-nhan/{certificate.pk}/", {"action": "verify"})
        made[code] = {"officer": officer, "application": application, "certificate": certificate}
    return made


def test_it_logs_only_the_officer_decisions_of_the_province(db: Any) -> None:
    # given decisions in both provinces (and the owners' submissions, which are not officers')
    made = _decide_everything()
    # when the Điện Biên officer opens the audit log
    response = _client(made[DIEN_BIEN]["officer"]).get("/can-bo/nhat-ky/")
    # then it lists exactly Điện Biên's two decisions, newest first
    entries = list(response.context["entries"])
    assert response.status_code == 200
    assert [(e["e_kind"], e["e_subject_id"], e["e_status"]) for e in entries] == [
        ("certificate", made[DIEN_BIEN]["certificate"].pk, CertificateStatus.VERIFIED),
        ("seller", made[DIEN_BIEN]["application"].pk, SellerStatus.REJECTED),
    ]
    assert {e["e_actor"] for e in entries} == {made[DIEN_BIEN]["officer"].email}
    # and a superuser sees all four, or one province's with the filter
    national = _client(superuser())
    assert national.get("/can-bo/nhat-ky/").context["entries"].paginator.count == 4
    filtered = national.get("/can-bo/nhat-ky/?tinh=" + AN_GIANG).context["entries"]
    assert {e["e_subject_id"] for e in filtered} == {
        made[AN_GIANG]["application"].pk,
        made[AN_GIANG]["certificate"].pk,
    }


def test_it_filters_the_audit_log_by_kind_and_day(db: Any) -> None:
    made = _decide_everything()
    client = _client(made[DIEN_BIEN]["officer"])
    only_sellers = client.get("/can-bo/nhat-ky/?loai=seller").context["entries"]
    assert [e["e_kind"] for e in only_sellers] == ["seller"]
    only_certificates = client.get("/can-bo/nhat-ky/?loai=certificate").context["entries"]
    assert [e["e_kind"] for e in only_certificates] == ["certificate"]
    today = timezone.localdate()
    tomorrow = (today + datetime.timedelta(days=1)).isoformat()
    assert (
        client.get(f"/can-bo/nhat-ky/?tu={today}&den={today}").context["entries"].paginator.count
        == 2
    )
    assert client.get(f"/can-bo/nhat-ky/?tu={tomorrow}").context["entries"].paginator.count == 0
    bad = client.get("/can-bo/nhat-ky/?tu=hom-qua")
    assert bad.status_code == 400 and "Enter a valid date." in bad.content.decode()


def test_it_refuses_the_audit_log_to_anyone_but_officers(db: Any) -> None:
    application = submitted_application()
    assert _refused(_client(None).get("/can-bo/nhat-ky/")) == "sign-in"
    assert _refused(_client(factories.user()).get("/can-bo/nhat-ky/")) == "403"
    assert _refused(_client(owner_of(application)).get("/can-bo/nhat-ky/")) == "403"


def test_it_pages_the_audit_log_with_a_constant_number_of_queries(db: Any) -> None:
    officer = factories.officer(DIEN_BIEN)
    client = _client(officer)

    def decide(n: int) -> None:
        for _ in range(n):
            application = submitted_application()
            client.post(f"/can-bo/ho-so/{application.pk}/", {"action": "approve"})

    decide(2)
    client.get("/can-bo/nhat-ky/")
    with CaptureQueriesContext(connection) as few:
        client.get("/can-bo/nhat-ky/")
    decide(PAGE_SIZE)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/can-bo/nhat-ky/")
    assert len(many) == len(few)
    assert len(response.context["entries"].object_list) == PAGE_SIZE
    assert response.context["entries"].paginator.count == PAGE_SIZE + 2
