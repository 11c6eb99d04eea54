"""A session's cover image: checked like any upload (type sniffed, size capped, Pillow
decodes it), then stored through Django's storage (S3 in production) under an unguessable
name."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.errors import fail
from livestream import lock_objects
from livestream.models import Livestream, LivestreamStatus
from livestream.scheduling import CLOSED, check_runs, check_status
from sellers.models import UploadPurpose
from sellers.uploads import check_upload, save_checked, saved_files

FIELD = "cover_image"


def do_set_cover_image(actor: User, pk: int, file: Any) -> Livestream:
    """Replace the cover. The old file is deleted once the new one is in (on commit).

    Locks: the session row, FOR NO KEY UPDATE (`lock_livestream`). Plain `atomic()`: a
    savepoint when called inside `session_edits.do_*_livestream_with_cover` (its only
    callers, which are outermost).
    """
    checked = check_upload(FIELD, file, UploadPurpose.PRODUCT_IMAGE)
    assert checked is not None
    with transaction.atomic():
        livestream = lock_objects.lock_livestream(pk)
        if livestream is None:
            fail("id", _("Livestream not found."), "NOT_FOUND")
        check_runs(actor, livestream)
        check_status(livestream, [s for s in LivestreamStatus if s not in CLOSED], FIELD)
        old = livestream.cover_image.name if livestream.cover_image else ""
        with saved_files() as saved:
            save_checked(livestream.cover_image, checked, saved)
            livestream.save(update_fields=["cover_image", "updated_at"])
        if old:
            storage = livestream.cover_image.storage
            transaction.on_commit(lambda: storage.delete(old))
    return livestream
