"""Creating or changing a session together with its cover image: one unit of work.

The GraphQL mutations take the session's fields and, optionally, a cover in one request;
either both are saved or neither is (a refused cover rolls back the new or changed session).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from accounts.models import User
from livestream.covers import do_set_cover_image
from livestream.models import Livestream
from livestream.scheduling import do_create_livestream, do_update_livestream


@transaction.atomic(durable=True)
def do_create_livestream_with_cover(
    actor: User, fields: Mapping[str, Any], cover: Any | None
) -> Livestream:
    """`do_create_livestream`, then `do_set_cover_image` when a cover is given.

    Locks: the host's schedule (advisory lock), then the new session's row, FOR NO KEY
    UPDATE (`lock_objects.lock_livestream`) to store the cover.
    """
    livestream = do_create_livestream(actor, fields)
    if cover is not None:
        do_set_cover_image(actor, livestream.pk, cover)
    return livestream


@transaction.atomic(durable=True)
def do_update_livestream_with_cover(
    actor: User, pk: int, changes: Mapping[str, Any], cover: Any | None
) -> None:
    """`do_update_livestream`, then `do_set_cover_image` when a cover is given.

    Locks: the host's schedule (advisory lock) and the session's row (see
    `do_update_livestream`), held while the cover is stored.
    """
    do_update_livestream(actor, pk, changes)
    if cover is not None:
        do_set_cover_image(actor, pk, cover)
