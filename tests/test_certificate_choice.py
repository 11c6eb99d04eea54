"""Picking a verified certificate the stall already holds (catalog/certificate_choice.py):
only the stall's own, verified and valid, of the product's group; the product gets its
own verified copy that points at its source."""

from __future__ import annotations

from typing import Any

import pytest

from catalog.certificate_choice import check_certificate_choice, stall_certificates
from catalog.certificates import do_review
from catalog.listing import listable_products
from catalog.models import CertificateEvent, CertificateStatus, OcopCertificate, Product
from catalog.product_form import (
    ProductFormInput,
    VariantRow,
    check_product_form,
    do_save_product_form,
)
from core.errors import ValidationErrors
from tests import factories
from tests.helpers.product_story import certificate_of, certified_product, food_category


def _refusal(seller: Any, product: Any, group: Any, value: str) -> tuple[str | None, str]:
    with pytest.raises(ValidationErrors) as refused:
        check_certificate_choice(seller, product, group, value)
    (error,) = refused.value.errors
    return error.field, error.code


def test_it_offers_the_stalls_verified_valid_certificates_once_per_decision(db: Any) -> None:
    # given a stall with a verified certificate, the same decision copied to a second
    # product, a revoked one, a pending one, and another stall's verified one
    seller = factories.seller()
    first = certified_product(seller)
    copy = certified_product(seller)
    OcopCertificate.objects.filter(product=copy).update(
        decision_number=certificate_of(first).decision_number
    )
    certified_product(seller, cert_status=CertificateStatus.REVOKED)
    certified_product(seller, cert_status=CertificateStatus.PENDING)
    certified_product(factories.seller())
    # when the editor lists what the stall may pick
    offered = list(stall_certificates(seller))
    # then only the one decision is offered, once
    assert [c.decision_number for c in offered] == [certificate_of(first).decision_number]


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("other stall", ("cert-existing", "NOT_FOUND")),
        ("revoked", ("cert-existing", "INVALID")),
        ("pending", ("cert-existing", "INVALID")),
        ("expired", ("cert-existing", "INVALID")),
        ("other group", ("cert-existing", "INVALID")),
        ("no group", ("cert-existing", "INVALID")),
        ("not a number", ("cert-existing", "NOT_FOUND")),
    ],
)
def test_it_refuses_a_certificate_the_stall_may_not_pick(
    db: Any, case: str, expected: tuple[str, str]
) -> None:
    # given a stall, and a certificate that is wrong in one way
    seller = factories.seller()
    group: str | None = "thuc-pham"
    source: Product
    if case == "other stall":
        source = certified_product(factories.seller())
    elif case == "revoked":
        source = certified_product(seller, cert_status=CertificateStatus.REVOKED)
    elif case == "pending":
        source = certified_product(seller, cert_status=CertificateStatus.PENDING)
    elif case == "expired":
        # still marked verified, but past its 36 months (the nightly job has not run yet)
        source = certified_product(seller, decision_age_days=1200)
    elif case == "other group":
        source = certified_product(seller, group="thu-cong-my-nghe")
    else:
        source = certified_product(seller)
        group = None if case == "no group" else group
    value = "abc" if case == "not a number" else str(certificate_of(source).pk)
    # then picking it is refused on the choice's field
    assert _refusal(seller, None, group, value) == expected


def test_it_refuses_a_decision_the_product_already_holds(db: Any) -> None:
    # given a product whose certificate is the one picked
    seller = factories.seller()
    product = certified_product(seller)
    # then picking it again is refused
    assert _refusal(seller, product, "thuc-pham", str(certificate_of(product).pk)) == (
        "cert-existing",
        "UNIQUE",
    )


def _form(category: str, choice: str) -> ProductFormInput:
    return ProductFormInput(
        name="Mật ong bạc hà",
        category=category,
        description="Mật ong từ hoa bạc hà.",
        publish=True,
        variants=[VariantRow(0, None, "Hũ 250 g", "90000", "5")],
        certificate_choice=choice,
    )


def test_it_gives_the_product_its_own_verified_copy_and_lists_it(db: Any) -> None:
    # given a stall whose honey holds a verified 4★ decision, and a new product of that group
    owner = factories.user()
    seller = factories.seller(owner=owner)
    source = certificate_of(certified_product(seller))
    channel = factories.channel()
    data = _form(str(food_category().pk), str(source.pk))
    # when the editor saves the new product with that certificate picked
    checked = check_product_form(seller, None, data, channel)
    product = do_save_product_form(seller, None, checked, owner, channel)
    # then the product has a verified copy pointing at its source, with the same decision
    copy = product.certificates.get()
    assert copy.source_id == source.pk and copy.status == CertificateStatus.VERIFIED
    fields = ("decision_number", "decision_date", "stars", "issuer_name", "valid_until", "scan")
    assert [getattr(copy, f) for f in fields] == [getattr(source, f) for f in fields]
    # and one event says the seller attached it, none claims an officer's verification
    event = CertificateEvent.objects.get(certificate=copy)
    assert (event.kind, event.to_status, event.actor_id) == ("submitted", "verified", owner.pk)
    assert f"#{source.pk}" in event.note
    # and the product is listed, like any product with a verified certificate
    assert listable_products(channel).filter(pk=product.pk).exists()


def test_it_refuses_both_a_pick_and_a_new_scan(db: Any) -> None:
    # given a stall with a verified certificate
    seller = factories.seller()
    source = certificate_of(certified_product(seller))
    data = _form(str(food_category().pk), str(source.pk))
    data.certificate = {"decision_number": "5/QĐ-UBND"}
    # when the editor sends both
    with pytest.raises(ValidationErrors) as refused:
        check_product_form(seller, None, data, factories.channel())
    # then the choice says to pick one
    assert "cert-existing" in [e.field for e in refused.value.errors]


def test_it_revokes_the_copies_when_an_officer_revokes_their_source(db: Any) -> None:
    # given a product that was given a verified decision of its stall
    owner, officer = factories.user(), factories.officer()
    seller = factories.seller(owner=owner)
    source = certificate_of(certified_product(seller))
    channel = factories.channel()
    checked = check_product_form(
        seller, None, _form(str(food_category().pk), str(source.pk)), channel
    )
    product = do_save_product_form(seller, None, checked, owner, channel)
    assert listable_products(channel).filter(pk=product.pk).exists()
    # when the officer revokes the source decision
    do_review(source, "revoke", officer, "Quyết định bị hủy")
    # then the copy is revoked too, by that officer with that reason, and leaves the shop
    copy = product.certificates.get()
    assert (copy.status, copy.reviewed_by_id, copy.review_note) == (
        CertificateStatus.REVOKED,
        officer.pk,
        "Quyết định bị hủy",
    )
    event = CertificateEvent.objects.filter(certificate=copy).order_by("pk").last()
    assert event is not None and (event.kind, event.actor_id) == ("revoked", officer.pk)
    assert not listable_products(channel).filter(pk=product.pk).exists()
