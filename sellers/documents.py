"""A seller's documents (business licence, food-safety certificate…), stored in S3."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from core.errors import fail
from sellers.models import Seller, SellerDocument, SellerStatus, SellerUpload
from sellers.uploads import CheckedFile, save_checked, saved_files


def check_document_kind(kind: str | None) -> str:
    if not kind or kind not in SellerDocument.Kind.values:
        fail("kind", _("Invalid document kind."), "INVALID")
    return kind


def check_can_add_documents(seller: Seller) -> None:
    if seller.status == SellerStatus.REJECTED:
        fail(None, _("The application was rejected."), "INVALID_STATUS")


def do_add_document(
    seller: Seller,
    kind: str,
    actor: Any,
    *,
    checked: CheckedFile | None = None,
    upload: SellerUpload | None = None,
) -> SellerDocument:
    """Attach a checked multipart file, or a confirmed presigned upload taken for this use.

    Locks: none of its own (a new document row); runs inside `sellers.units.do_with_seller`,
    which holds the seller row FOR UPDATE (`lock_seller`).
    """
    document = SellerDocument(seller=seller, kind=kind, uploaded_by=actor)
    with saved_files() as saved:
        if checked is not None:
            save_checked(document.file, checked, saved)
            document.content_type, document.size = checked.content_type, checked.size
        elif upload is not None:
            # The object is already in the bucket under the seller's prefix.
            document.file.name = upload.key
            document.content_type, document.size = upload.content_type, upload.size or 0
        else:
            fail("file", _("A file is required."), "REQUIRED")
        document.save()
    return document
