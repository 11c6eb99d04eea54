"""Uploads to S3 (the moto server): multipart GraphQL uploads and presigned POSTs, with
type sniffing and size limits; a refused file leaves nothing behind."""

from __future__ import annotations

import json
from typing import Any

import requests
from django.core.files.storage import default_storage
from django.test import Client
from graphql_relay import to_global_id

from catalog.models import ProductMedia
from sellers.models import SellerDocument, SellerStatus, SellerUpload
from tests import factories
from tests.conftest import gql, token_for

DOCUMENT_UPLOAD = """
mutation Upload($input: SellerDocumentUploadInput!) {
  sellerDocumentUpload(input: $input) {
    document { id kind contentType size url }
    errors { field message code }
  }
}
"""


def _document_input(seller: Any, kind: str = "BUSINESS_LICENCE") -> dict[str, Any]:
    return {"input": {"seller": to_global_id("Seller", seller.pk), "kind": kind}}


def test_it_stores_a_document_in_s3(db: Any, api: Client, settings: Any) -> None:
    # given a draft seller and a PDF licence
    prefix = factories.isolate_media(settings)
    owner = factories.user()
    seller = factories.seller(status=SellerStatus.DRAFT, owner=owner)
    # when the owner uploads it with a multipart request
    body = factories.gql_upload(
        api,
        DOCUMENT_UPLOAD,
        _document_input(seller),
        {"input.file": ("giay-phep.pdf", factories.PDF_BYTES, "application/pdf")},
        token_for(owner),
    )
    # then the document row points at the object now in the bucket
    payload = body["data"]["sellerDocumentUpload"]
    assert payload["errors"] == []
    assert payload["document"]["kind"] == "BUSINESS_LICENCE"
    assert payload["document"]["contentType"] == "application/pdf"
    assert payload["document"]["size"] == len(factories.PDF_BYTES)
    document = SellerDocument.objects.get(seller=seller)
    assert factories.bucket_keys(prefix) == {f"{prefix}{document.file.name}"}
    with default_storage.open(document.file.name) as stored:
        assert stored.read() == factories.PDF_BYTES


def test_it_refuses_a_file_whose_bytes_are_not_an_accepted_type(
    db: Any, api: Client, settings: Any
) -> None:
    # given a seller and an executable renamed to .pdf, declared as a PDF
    prefix = factories.isolate_media(settings)
    owner = factories.user()
    seller = factories.seller(status=SellerStatus.DRAFT, owner=owner)
    # when it is uploaded
    body = factories.gql_upload(
        api,
        DOCUMENT_UPLOAD,
        _document_input(seller),
        {"input.file": ("licence.pdf", b"MZ\x90\x00\x03 not a pdf at all", "application/pdf")},
        token_for(owner),
    )
    # then it is refused for its type, and nothing is stored
    errors = body["data"]["sellerDocumentUpload"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("file", "INVALID_FILE_TYPE")]
    assert errors[0]["message"] == "Định dạng tệp không được chấp nhận (chỉ PDF, PNG, JPEG, WEBP)."
    assert SellerDocument.objects.count() == 0
    assert factories.bucket_keys(prefix) == set()


def test_it_refuses_a_file_over_the_size_limit(db: Any, api: Client, settings: Any) -> None:
    # given a 4 KiB upload limit and a 5 KiB PDF
    prefix = factories.isolate_media(settings)
    settings.OCOP_UPLOAD_MAX_BYTES = 4096
    owner = factories.user()
    seller = factories.seller(status=SellerStatus.DRAFT, owner=owner)
    big = factories.PDF_BYTES + b"%" * (5120 - len(factories.PDF_BYTES))
    # when it is uploaded
    body = factories.gql_upload(
        api,
        DOCUMENT_UPLOAD,
        _document_input(seller),
        {"input.file": ("big.pdf", big, "application/pdf")},
        token_for(owner),
    )
    # then it is refused for its size, and nothing is stored
    errors = body["data"]["sellerDocumentUpload"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("file", "FILE_SIZE_LIMIT_EXCEEDED")]
    assert SellerDocument.objects.count() == 0
    assert factories.bucket_keys(prefix) == set()


def test_it_requires_a_file(db: Any, api: Client) -> None:
    owner = factories.user()
    seller = factories.seller(status=SellerStatus.DRAFT, owner=owner)
    body = gql(api, DOCUMENT_UPLOAD, _document_input(seller), token_for(owner))
    errors = body["data"]["sellerDocumentUpload"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("file", "REQUIRED")]


MEDIA_CREATE = """
mutation Media($input: ProductMediaCreateInput!) {
  productMediaCreate(input: $input) {
    media { id alt type url thumb: url(size: 64, format: WEBP) }
    product { id }
    errors { field message code }
  }
}
"""


def test_it_adds_a_product_image_and_serves_a_thumbnail(
    db: Any, api: Client, settings: Any
) -> None:
    # given a product of my seller and a JPEG
    factories.isolate_media(settings)
    owner = factories.user()
    product = factories.product(owner=factories.seller(owner=owner))
    # when I add it as product media
    body = factories.gql_upload(
        api,
        MEDIA_CREATE,
        {"input": {"product": to_global_id("Product", product.pk), "alt": "Hũ mật ong"}},
        {"input.image": ("hu.jpg", factories.image_bytes("JPEG", (300, 200)), "image/jpeg")},
        token_for(owner),
    )
    # then the media exists, and its thumbnail URL leads to a generated WEBP
    payload = body["data"]["productMediaCreate"]
    assert payload["errors"] == []
    assert payload["media"]["alt"] == "Hũ mật ong"
    assert payload["media"]["type"] == "IMAGE"
    media = ProductMedia.objects.get(product=product)
    assert media.image.name.endswith(".jpg")
    assert payload["media"]["thumb"] == f"http://testserver/thumbnail/{media.pk}/64/webp/"
    redirect = api.get(f"/thumbnail/{media.pk}/64/webp/")
    assert redirect.status_code == 302
    assert media.thumbnails.get().format == "webp"


def test_it_refuses_a_pdf_as_a_product_image(db: Any, api: Client, settings: Any) -> None:
    prefix = factories.isolate_media(settings)
    owner = factories.user()
    product = factories.product(owner=factories.seller(owner=owner))
    body = factories.gql_upload(
        api,
        MEDIA_CREATE,
        {"input": {"product": to_global_id("Product", product.pk)}},
        {"input.image": ("anh.png", factories.PDF_BYTES, "image/png")},
        token_for(owner),
    )
    errors = body["data"]["productMediaCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("image", "INVALID_FILE_TYPE")]
    assert ProductMedia.objects.count() == 0
    assert factories.bucket_keys(prefix) == set()


def test_it_refuses_a_corrupt_image_with_valid_magic_bytes(
    db: Any, api: Client, settings: Any
) -> None:
    prefix = factories.isolate_media(settings)
    owner = factories.user()
    product = factories.product(owner=factories.seller(owner=owner))
    corrupt = factories.image_bytes("PNG")[:40]
    body = factories.gql_upload(
        api,
        MEDIA_CREATE,
        {"input": {"product": to_global_id("Product", product.pk)}},
        {"input.image": ("anh.png", corrupt, "image/png")},
        token_for(owner),
    )
    errors = body["data"]["productMediaCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("image", "INVALID_FILE_TYPE")]
    assert ProductMedia.objects.count() == 0
    assert factories.bucket_keys(prefix) == set()


PRESIGN = """
mutation Presign($input: SellerUploadPresignInput!) {
  sellerUploadPresign(input: $input) {
    upload { id key status purpose }
    url fields
    errors { field code }
  }
}
"""

CONFIRM = """
mutation Confirm($id: ID!) {
  sellerUploadConfirm(id: $id) {
    upload { id status contentType size }
    errors { field message code }
  }
}
"""


def _presign(api: Client, seller: Any, token: str, purpose: str, content_type: str) -> Any:
    body = gql(
        api,
        PRESIGN,
        {
            "input": {
                "seller": to_global_id("Seller", seller.pk),
                "purpose": purpose,
                "contentType": content_type,
                "filename": "scan",
            }
        },
        token,
    )
    return body["data"]["sellerUploadPresign"]


def _post(presigned: dict[str, Any], content: bytes) -> int:
    response = requests.post(
        presigned["url"],
        data=json.loads(presigned["fields"]),
        files={"file": ("upload", content)},
        timeout=10,
    )
    return response.status_code


def test_it_uploads_a_document_through_a_presigned_post(
    db: Any, api: Client, settings: Any
) -> None:
    # given a draft seller
    prefix = factories.isolate_media(settings)
    owner = factories.user()
    seller = factories.seller(status=SellerStatus.DRAFT, owner=owner)
    token = token_for(owner)
    # when I get a presigned POST, upload the PDF straight to S3 and confirm it
    presigned = _presign(api, seller, token, "SELLER_DOCUMENT", "application/pdf")
    assert presigned["errors"] == []
    assert presigned["upload"]["key"].startswith(f"sellers/{seller.pk}/uploads/")
    assert _post(presigned, factories.PDF_BYTES) == 204
    confirmed = gql(api, CONFIRM, {"id": presigned["upload"]["id"]}, token)
    # then the upload is confirmed with the sniffed type and size
    assert confirmed["data"]["sellerUploadConfirm"] == {
        "upload": {
            "id": presigned["upload"]["id"],
            "status": "CONFIRMED",
            "contentType": "application/pdf",
            "size": len(factories.PDF_BYTES),
        },
        "errors": [],
    }
    # and it becomes a seller document, once
    variables = _document_input(seller)
    variables["input"]["upload"] = presigned["upload"]["id"]
    first = gql(api, DOCUMENT_UPLOAD, variables, token)["data"]["sellerDocumentUpload"]
    again = gql(api, DOCUMENT_UPLOAD, variables, token)["data"]["sellerDocumentUpload"]
    assert first["errors"] == []
    assert [(e["field"], e["code"]) for e in again["errors"]] == [("upload", "INVALID")]
    document = SellerDocument.objects.get(seller=seller)
    assert document.file.name == presigned["upload"]["key"]
    assert factories.bucket_keys(prefix) == {f"{prefix}{presigned['upload']['key']}"}


def test_it_deletes_a_presigned_upload_that_fails_the_check(
    db: Any, api: Client, settings: Any
) -> None:
    # given a presigned POST for a PDF
    prefix = factories.isolate_media(settings)
    owner = factories.user()
    seller = factories.seller(status=SellerStatus.DRAFT, owner=owner)
    token = token_for(owner)
    presigned = _presign(api, seller, token, "CERTIFICATE_SCAN", "application/pdf")
    # when the client sends HTML instead and confirms
    assert _post(presigned, b"<html><script>alert(1)</script></html>") == 204
    body = gql(api, CONFIRM, {"id": presigned["upload"]["id"]}, token)
    # then it is refused with the field and code, and the object is gone from the bucket
    errors = body["data"]["sellerUploadConfirm"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("file", "INVALID_FILE_TYPE")]
    assert factories.bucket_keys(prefix) == set()
    assert SellerUpload.objects.get().status == SellerUpload.Status.PENDING


def test_it_refuses_to_presign_a_type_it_would_not_accept(db: Any, api: Client) -> None:
    owner = factories.user()
    seller = factories.seller(status=SellerStatus.DRAFT, owner=owner)
    payload = _presign(api, seller, token_for(owner), "PRODUCT_IMAGE", "application/pdf")
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [
        ("contentType", "INVALID_FILE_TYPE")
    ]
    assert SellerUpload.objects.count() == 0


def test_it_refuses_to_confirm_before_the_file_arrives(db: Any, api: Client) -> None:
    owner = factories.user()
    seller = factories.seller(status=SellerStatus.DRAFT, owner=owner)
    token = token_for(owner)
    presigned = _presign(api, seller, token, "SELLER_DOCUMENT", "application/pdf")
    body = gql(api, CONFIRM, {"id": presigned["upload"]["id"]}, token)
    errors = body["data"]["sellerUploadConfirm"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("id", "NOT_FOUND")]


def test_it_purges_unconfirmed_uploads_a_day_after_they_expire(
    db: Any, api: Client, settings: Any
) -> None:
    # given an upload sent but never confirmed, and a fresh one
    import datetime

    from django.utils import timezone

    from sellers.tasks import purge_stale_uploads

    prefix = factories.isolate_media(settings)
    owner = factories.user()
    seller = factories.seller(status=SellerStatus.DRAFT, owner=owner)
    token = token_for(owner)
    stale = _presign(api, seller, token, "SELLER_DOCUMENT", "application/pdf")
    assert _post(stale, factories.PDF_BYTES) == 204
    fresh = _presign(api, seller, token, "SELLER_DOCUMENT", "application/pdf")
    SellerUpload.objects.filter(key=stale["upload"]["key"]).update(
        expires_at=timezone.now() - datetime.timedelta(days=2)
    )
    # when the daily purge runs
    purged = purge_stale_uploads()
    # then the stale upload and its unchecked object are gone, the fresh one stays
    assert purged == 1
    assert list(SellerUpload.objects.values_list("key", flat=True)) == [fresh["upload"]["key"]]
    assert factories.bucket_keys(prefix) == set()
