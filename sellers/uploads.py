"""Files sellers send us: type sniffing, size limits, and presigned direct-to-S3 uploads.

Two transports reach the same checks:
- server upload: the file arrives in a GraphQL multipart request (`Upload` scalar), is
  checked here in memory, and only then saved through Django's storage (S3 in production);
- presigned upload: `do_presign_upload` hands out a presigned POST for a key under the
  seller's prefix (S3 itself enforces the size range and the content type header);
  `do_confirm_upload` then reads the stored object's size (head_object) and first bytes
  (ranged GET) and refuses — deleting the object — anything we would not have accepted
  in a server upload. A confirmed upload is used once, by a document, a certificate scan
  or a product image (`do_claim_upload`).

The declared content type is never trusted: the type is sniffed from magic bytes.
"""

from __future__ import annotations

import datetime
import io
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.files.storage import Storage, default_storage
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from core.errors import ValidationErrors, fail
from sellers.models import Seller, SellerUpload, UploadPurpose

PDF, PNG, JPEG, WEBP = "application/pdf", "image/png", "image/jpeg", "image/webp"
EXTENSIONS = {PDF: ".pdf", PNG: ".png", JPEG: ".jpg", WEBP: ".webp"}
IMAGES = frozenset({PNG, JPEG, WEBP})
ACCEPTED: dict[str, frozenset[str]] = {
    UploadPurpose.SELLER_DOCUMENT: frozenset({PDF, PNG, JPEG, WEBP}),
    UploadPurpose.CERTIFICATE_SCAN: frozenset({PDF, PNG, JPEG, WEBP}),
    UploadPurpose.PRODUCT_IMAGE: IMAGES,
}
HEAD_BYTES = 16
PRESIGN_TTL = datetime.timedelta(minutes=15)


def sniff(head: bytes) -> str | None:
    """The content type its first bytes prove, among the few we accept."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    return None


def _accepted_names(purpose: str) -> str:
    names = {PDF: "PDF", PNG: "PNG", JPEG: "JPEG", WEBP: "WEBP"}
    return ", ".join(names[t] for t in (PDF, PNG, JPEG, WEBP) if t in ACCEPTED[purpose])


def check_size(field: str, size: int | None) -> None:
    limit = settings.OCOP_UPLOAD_MAX_BYTES
    if not size:
        fail(field, _("The file is empty."), "INVALID_FILE_TYPE")
    if size > limit:
        fail(
            field,
            _("File is too large (max %(limit)s bytes)."),
            "FILE_SIZE_LIMIT_EXCEEDED",
            limit=limit,
        )


def check_type(field: str, head: bytes, purpose: str) -> str:
    content_type = sniff(head)
    if content_type not in ACCEPTED[purpose]:
        accepted = _accepted_names(purpose)
        fail(
            field,
            _("Unsupported file type (only %(accepted)s)."),
            "INVALID_FILE_TYPE",
            accepted=accepted,
        )
    return content_type


def check_image_decodes(field: str, stream: IO[bytes]) -> None:
    """Magic bytes can lie about the rest; thumbnails need an image Pillow can open."""
    try:
        with Image.open(stream) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        fail(field, _("The image is corrupt."), "INVALID_FILE_TYPE")
    finally:
        stream.seek(0)


@dataclass(frozen=True)
class CheckedFile:
    file: Any  # a Django UploadedFile (or File) positioned at 0
    content_type: str
    size: int
    filename: str


def check_upload(
    field: str, file: Any | None, purpose: str, *, required: bool = True
) -> CheckedFile | None:
    """Validate a file that came in a multipart request, before anything is stored."""
    if file is None:
        if required:
            fail(field, _("A file is required."), "REQUIRED")
        return None
    if not hasattr(file, "read"):
        fail(field, _("Not an uploaded file."), "INVALID")
    size = getattr(file, "size", None)
    check_size(field, size)
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    content_type = check_type(field, head, purpose)
    if content_type in IMAGES:
        check_image_decodes(field, file)
    return CheckedFile(
        file=file,
        content_type=content_type,
        size=int(size or 0),
        filename=str(getattr(file, "name", "") or "upload"),
    )


def stored_name(prefix: str, content_type: str) -> str:
    """A fresh, unguessable name; the client's file name never reaches the bucket key."""
    return f"{prefix}{uuid.uuid4().hex}{EXTENSIONS[content_type]}"


@contextmanager
def saved_files() -> Iterator[list[tuple[Storage, str]]]:
    """Track files saved inside a transaction and delete them if the block fails.

    Storage writes are not transactional: without this a rolled-back mutation would
    leave an orphan object in the bucket.
    """
    saved: list[tuple[Storage, str]] = []
    try:
        yield saved
    except BaseException:
        for storage, name in saved:
            storage.delete(name)
        raise


def save_checked(
    fieldfile: FieldFile, checked: CheckedFile, saved: list[tuple[Storage, str]]
) -> None:
    """Save a checked file into a model's file field (without saving the model)."""
    name = stored_name("", checked.content_type)
    fieldfile.save(name, checked.file, save=False)
    saved.append((fieldfile.storage, str(fieldfile.name)))


# --- Presigned uploads --------------------------------------------------------------------


def _s3() -> tuple[Any, str]:
    storage = default_storage
    bucket = getattr(storage, "bucket_name", None)
    connection = getattr(storage, "connection", None)
    if not bucket or connection is None:
        fail(None, _("Direct uploads need S3 storage."), "INVALID")
    return connection.meta.client, bucket


def bucket_key(name: str) -> str:
    """The S3 key of a storage name (the storage may keep files under a `location`)."""
    location = str(getattr(default_storage, "location", "") or "").strip("/")
    return f"{location}/{name}" if location else name


def seller_prefix(seller: Seller) -> str:
    return f"sellers/{seller.pk}/uploads/"


def check_declared_type(purpose: str, content_type: str) -> None:
    if content_type not in ACCEPTED[purpose]:
        accepted = _accepted_names(purpose)
        fail(
            "content_type",
            _("Unsupported file type (only %(accepted)s)."),
            "INVALID_FILE_TYPE",
            accepted=accepted,
        )


@dataclass(frozen=True)
class PresignedPost:
    upload: SellerUpload
    url: str
    fields: dict[str, str]


def do_presign_upload(
    seller: Seller, purpose: str, content_type: str, filename: str, actor: Any
) -> PresignedPost:
    """Issue a presigned POST for one object under the seller's prefix.

    Locks: none (one new upload row, autocommit; the signing is local, no network call).
    """
    check_declared_type(purpose, content_type)
    client, bucket = _s3()
    key = stored_name(seller_prefix(seller), content_type)
    upload = SellerUpload.objects.create(
        seller=seller,
        purpose=purpose,
        key=key,
        filename=filename[:255],
        declared_content_type=content_type,
        created_by=actor,
        expires_at=timezone.now() + PRESIGN_TTL,
    )
    post = client.generate_presigned_post(
        Bucket=bucket,
        Key=bucket_key(key),
        Fields={"Content-Type": content_type},
        Conditions=[
            {"Content-Type": content_type},
            ["content-length-range", 1, settings.OCOP_UPLOAD_MAX_BYTES],
        ],
        ExpiresIn=int(PRESIGN_TTL.total_seconds()),
    )
    return PresignedPost(upload=upload, url=post["url"], fields=dict(post["fields"]))


def _refuse(client: Any, bucket: str, key: str, failure: ValidationErrors) -> ValidationErrors:
    client.delete_object(Bucket=bucket, Key=bucket_key(key))
    return failure


def do_confirm_upload(upload: SellerUpload) -> SellerUpload:
    """Check the stored object and mark the upload confirmed.

    A refused object is deleted from the bucket at once (the row stays `pending` and
    lapses): nothing unchecked is kept.

    Locks: none of its own; runs inside `sellers.units.do_with_upload`, which holds the
    upload row FOR NO KEY UPDATE (`lock_upload`), so two confirmations of the same key
    cannot both pass.
    """
    if upload.status != SellerUpload.Status.PENDING:
        fail("id", _("This upload was already processed."), "INVALID")
    client, bucket = _s3()
    try:
        head = client.head_object(Bucket=bucket, Key=bucket_key(upload.key))
    except client.exceptions.ClientError:
        fail("id", _("The file has not been uploaded yet."), "NOT_FOUND")
    size = int(head.get("ContentLength") or 0)
    try:
        check_size("file", size)
        first = client.get_object(
            Bucket=bucket, Key=bucket_key(upload.key), Range=f"bytes=0-{HEAD_BYTES - 1}"
        )
        content_type = check_type("file", first["Body"].read(), upload.purpose)
        if content_type in IMAGES:
            body = client.get_object(Bucket=bucket, Key=bucket_key(upload.key))["Body"].read()
            check_image_decodes("file", io.BytesIO(body))
    except ValidationErrors as failure:
        raise _refuse(client, bucket, upload.key, failure) from None
    now = timezone.now()
    SellerUpload.objects.filter(pk=upload.pk, status=SellerUpload.Status.PENDING).update(
        status=SellerUpload.Status.CONFIRMED, content_type=content_type, size=size, confirmed_at=now
    )
    upload.refresh_from_db()
    return upload


def do_claim_upload(seller: Seller, upload_pk: int, purpose: str, field: str) -> SellerUpload:
    """Take a confirmed upload for one use (a conditional UPDATE: it can be used once).

    Locks: none of its own (the conditional UPDATE locks the upload row it takes); runs
    inside `catalog.units.do_with_product` (product FOR UPDATE) or
    `sellers.units.do_with_seller` (seller FOR UPDATE), so a refused use rolls back.
    """
    taken = SellerUpload.objects.filter(
        pk=upload_pk, seller=seller, purpose=purpose, status=SellerUpload.Status.CONFIRMED
    ).update(status=SellerUpload.Status.USED, used_at=timezone.now())
    if taken:
        return SellerUpload.objects.get(pk=upload_pk)
    upload = SellerUpload.objects.filter(pk=upload_pk).first()
    if upload is None:
        fail(field, _("Upload not found."), "NOT_FOUND")
    if upload.seller_id != seller.pk:
        fail(field, _("The upload belongs to another seller."), "PERMISSION_DENIED")
    if upload.purpose != purpose:
        fail(field, _("Upload has another purpose."), "INVALID")
    fail(field, _("The upload is not confirmed or already used."), "INVALID")


def do_purge_stale_uploads(now: datetime.datetime | None = None) -> int:
    """Delete presigned uploads never confirmed, a day after their POST expired.

    The client may have uploaded a file and never confirmed it: that object was never
    checked, so it is deleted along with the row.

    Locks: none (a Celery task, no transaction: the stale rows are deleted by one DELETE
    that re-checks their status, after their objects).
    """
    cutoff = (now or timezone.now()) - datetime.timedelta(days=1)
    stale = list(
        SellerUpload.objects.filter(status=SellerUpload.Status.PENDING, expires_at__lt=cutoff)
    )
    if not stale:
        return 0
    client, bucket = _s3()
    for upload in stale:
        client.delete_object(Bucket=bucket, Key=bucket_key(upload.key))
    return SellerUpload.objects.filter(
        pk__in=[u.pk for u in stale], status=SellerUpload.Status.PENDING
    ).delete()[0]
