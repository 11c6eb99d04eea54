"""Vietnam's administrative units after the 1 July 2025 reform, and the 63 older provinces.

Codes are reused across the two schemes (new An Giang is 91, the old Kiên Giang
code), so the old provinces live in their own table and are never mixed with the
current ones. The rows come from `places/data/*.csv` (see its README).
"""

from __future__ import annotations

from django.db import models

from core.text import fold


class Province(models.Model):
    class Kind(models.TextChoices):
        PROVINCE = "province", "Tỉnh"
        CITY = "city", "Thành phố"

    code = models.CharField(max_length=4, unique=True)
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    name_folded = models.CharField(max_length=100, db_index=True)

    class Meta:
        ordering = ("code",)

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def full_name(self) -> str:
        return f"{self.get_kind_display()} {self.name}"


class Ward(models.Model):
    class Kind(models.TextChoices):
        COMMUNE = "commune", "Xã"
        WARD = "ward", "Phường"
        SPECIAL_ZONE = "special_zone", "Đặc khu"

    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="wards")
    name_folded = models.CharField(max_length=100, db_index=True)

    class Meta:
        ordering = ("code",)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"


class LegacyProvince(models.Model):
    """A pre-2025 province; old certificates and addresses keep its name."""

    code = models.CharField(max_length=4, unique=True)
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=10, choices=Province.Kind.choices)
    name_folded = models.CharField(max_length=100, db_index=True)
    new_province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="legacy_provinces"
    )

    class Meta:
        ordering = ("code",)

    def __str__(self) -> str:
        return f"{self.name} (trước 2025)"
