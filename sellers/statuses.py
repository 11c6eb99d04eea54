"""A seller's workflow status: here, below the models, so that the visibility rules the
models' querysets use (sellers.visibility) can name it. `sellers.models` re-exports it."""

from __future__ import annotations

from django.db import models


class SellerStatus(models.TextChoices):
    DRAFT = "draft", "Nháp"
    SUBMITTED = "submitted", "Chờ duyệt"
    CHANGES_REQUESTED = "changes_requested", "Cần bổ sung"
    APPROVED = "approved", "Đã duyệt"
    REJECTED = "rejected", "Từ chối"
    SUSPENDED = "suspended", "Tạm ngừng"
