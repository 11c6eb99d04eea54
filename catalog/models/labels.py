"""What a product's label says (its facts) and the photos of its story."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class FactKey(models.TextChoices):
    """The label facts we know. Which ones a product group asks for is data in
    `catalog.label_facts.GROUP_FACTS`; each key maps one to one to a Saleor attribute
    slug (issue 14), its value being the attribute's value."""

    NET_CONTENT = "net_content", "Khối lượng hoặc thể tích tịnh"
    INGREDIENTS = "ingredients", "Thành phần"
    SHELF_LIFE = "shelf_life", "Hạn sử dụng"
    STORAGE = "storage", "Bảo quản"
    MANUFACTURER = "manufacturer", "Nhà sản xuất"
    MATERIAL = "material", "Chất liệu"
    SIZE = "size", "Kích thước"


class ProductFact(models.Model):
    """One label fact of a product (at most one per key), as the seller typed it, cleaned
    (a net content is normalised to "500 g" / "1,5 l")."""

    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="facts")
    key = models.CharField(max_length=20, choices=FactKey.choices)
    value = models.CharField(max_length=1000)

    class Meta:
        ordering = ("product", "id")
        constraints = [models.UniqueConstraint(fields=("product", "key"), name="product_fact_once")]

    def __str__(self) -> str:
        return f"{self.key}: {self.value}"


class StoryPhoto(models.Model):
    """A photo inside a product's story; the story's HTML points at it by id
    (`catalog.story.PHOTO_PATH`), never at a file or another host."""

    product = models.ForeignKey(
        "catalog.Product", on_delete=models.CASCADE, related_name="story_photos"
    )
    image = models.ImageField(upload_to="stories/")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("id",)
