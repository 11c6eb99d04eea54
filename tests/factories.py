"""Small builders for test data; each returns saved rows with sensible defaults."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import OfficerProfile, User
from catalog.listed import refresh_listed
from catalog.models import (
    CertificateStatus,
    Channel,
    OcopCertificate,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
    Stock,
    Warehouse,
)
from places.models import Province
from sellers.models import Seller, SellerMember, SellerStatus

_seq = itertools.count(1)


def channel() -> Channel:
    return Channel.objects.get(slug="default-channel")


def province(code: str = "11") -> Province:
    return Province.objects.get(code=code)


def user(email: str | None = None, **extra: Any) -> User:
    return User.objects.create_user(email or f"user{next(_seq)}@ocop.test", "pass-1234-x", **extra)


def officer(province_code: str | None = "11") -> User:
    person = user()
    OfficerProfile.objects.create(
        user=person, province=province(province_code) if province_code else None
    )
    return person


def seller(
    *, status: str = SellerStatus.APPROVED, province_code: str = "11", owner: User | None = None
) -> Seller:
    n = next(_seq)
    made = Seller.objects.create(
        kind="HTX",
        legal_name=f"Hợp tác xã Thử nghiệm {n}",
        stall_name=f"HTX Thử nghiệm {n}",
        slug=f"htx-thu-nghiem-{n}",
        province=province(province_code),
        status=status,
    )
    Warehouse.objects.create(seller=made, name="Kho chính", province=made.province)
    if owner:
        SellerMember.objects.create(seller=made, user=owner, role=SellerMember.Role.OWNER)
    return made


def product(
    *,
    owner: Seller | None = None,
    stars: int = 4,
    cert_status: str = CertificateStatus.VERIFIED,
    decision_age_days: int = 100,
    price: int = 120_000,
    stock: int = 10,
    variants: int = 1,
    published: bool = True,
    image: bytes | None = None,
    name: str | None = None,
) -> Product:
    n = next(_seq)
    the_seller = owner or seller()
    kind, _ = ProductType.objects.get_or_create(slug="ocop-goods", defaults={"name": "OCOP"})
    made = Product.objects.create(
        seller=the_seller,
        product_type=kind,
        name=name or f"Mật ong thử {n}",
        slug=f"mat-ong-thu-{n}",
        origin_province=the_seller.province,
    )
    made.search_document = made.build_search_document()
    made.save(update_fields=["search_document"])
    ProductChannelListing.objects.create(product=made, channel=channel(), is_published=published)
    warehouse = the_seller.warehouses.first()
    for i in range(variants):
        variant = ProductVariant.objects.create(product=made, sku=f"SKU-{n}-{i}", name=f"Hũ {i}")
        ProductVariantChannelListing.objects.create(
            variant=variant, channel=channel(), price_amount=price + i * 1000
        )
        Stock.objects.create(warehouse=warehouse, variant=variant, quantity=stock)
    OcopCertificate.objects.create(
        product=made,
        decision_number=f"{n}/QĐ-UBND",
        decision_date=timezone.localdate() - datetime.timedelta(days=decision_age_days),
        issuer_level="central" if stars == 5 else "province",
        issuer_name="UBND tỉnh Điện Biên",
        stars=stars,
        status=cert_status,
    )
    if image:
        media = ProductMedia(product=made, alt=made.name)
        media.image.save(f"{made.slug}.png", ContentFile(image), save=True)
    # Rows written directly, not through the catalog's do_*: the listing record follows.
    refresh_listed([made.pk])
    return made


# --- Sellers, uploads and snapshots (catalog/sellers workflow tests) -------------------------


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (8, 8)) -> bytes:
    """A small real image Pillow can decode (PNG, JPEG or WEBP)."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (46, 133, 90)).save(buffer, format=fmt)
    return buffer.getvalue()


PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def submittable_seller(*, owner: User, province_code: str = "11", **extra: Any) -> Seller:
    """A draft seller with everything `sellerSubmit` needs, including one document."""
    from places.models import Ward
    from sellers.models import SellerDocument

    made = seller(status=SellerStatus.DRAFT, province_code=province_code, owner=owner)
    made.ward = Ward.objects.filter(province=made.province).order_by("code").first()
    made.phone, made.tax_code = "0912345678", "0101234567"
    made.bank_name, made.bank_account_number = "Agribank", "1234567890"
    made.bank_account_holder = made.legal_name
    for key, value in extra.items():
        setattr(made, key, value)
    made.save()
    document = SellerDocument(seller=made, kind="business_licence", content_type="application/pdf")
    document.size = len(PDF_BYTES)
    document.file.save(f"licence-{made.pk}.pdf", ContentFile(PDF_BYTES), save=False)
    document.save()
    return made


def gql_upload(
    client: Any,
    query: str,
    variables: dict[str, Any],
    files: dict[str, tuple[str, bytes, str]],
    token: str | None = None,
) -> dict[str, Any]:
    """A GraphQL multipart request: `files` maps a variables path ("input.image") to
    (file name, bytes, declared content type)."""
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile

    def put_null(target: dict[str, Any], path: list[str]) -> None:
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = None

    variables = json.loads(json.dumps(variables))
    data: dict[str, Any] = {}
    file_map: dict[str, list[str]] = {}
    for n, (path, (name, content, content_type)) in enumerate(files.items()):
        put_null(variables, path.split("."))
        file_map[str(n)] = [f"variables.{path}"]
        data[str(n)] = SimpleUploadedFile(name, content, content_type=content_type)
    data["operations"] = json.dumps({"query": query, "variables": variables})
    data["map"] = json.dumps(file_map)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    body: dict[str, Any] = client.post("/graphql/", data=data, **headers).json()
    return body


SNAPSHOT_MODELS = (
    "accounts.User",
    "sellers.Seller",
    "sellers.SellerMember",
    "sellers.SellerTransition",
    "sellers.SellerDocument",
    "sellers.SellerUpload",
    "catalog.Product",
    "catalog.ProductChannelListing",
    "catalog.ProductVariant",
    "catalog.ProductVariantChannelListing",
    "catalog.ProductMedia",
    "catalog.Stock",
    "catalog.Warehouse",
    "catalog.OcopCertificate",
    "catalog.CertificateEvent",
    "catalog.Collection",
    "catalog.CollectionProduct",
)


def db_snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every row of the models a catalog/seller mutation can touch, to prove it wrote nothing."""
    from django.apps import apps

    return {
        label: list(apps.get_model(label).objects.order_by("pk").values())
        for label in SNAPSHOT_MODELS
    }


def bucket_keys(prefix: str = "") -> set[str]:
    """The keys in the test bucket under `prefix` (media storage is S3 in the tests)."""
    from django.core.files.storage import default_storage

    client = default_storage.connection.meta.client  # type: ignore[attr-defined]
    keys: set[str] = set()
    for page in client.get_paginator("list_objects_v2").paginate(
        Bucket=default_storage.bucket_name,  # type: ignore[attr-defined]
        Prefix=prefix,
    ):
        keys |= {item["Key"] for item in page.get("Contents", [])}
    return keys


def isolate_media(settings: Any) -> str:
    """Point media storage at a fresh prefix of the test bucket and return it, so a test can
    list exactly what it stored while other test runs share the bucket."""
    import uuid

    location = f"test-{uuid.uuid4().hex[:12]}"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"location": location}},
    }
    return f"{location}/"


# --- Livestreams (livestream tests) -----------------------------------------------------------


def host(**extra: Any) -> User:
    """A user allowed to host livestreams."""
    return user(is_livestream_host=True, **extra)


def livestream(
    *,
    host_user: User | None = None,
    sellers: tuple[Seller, ...] = (),
    status: str = "scheduled",
    starts_in: datetime.timedelta = datetime.timedelta(hours=2),
    duration: datetime.timedelta = datetime.timedelta(hours=1),
    stream_url: str = "https://www.tiktok.com/@ocop.dienbien/live",
    **extra: Any,
) -> Any:
    """A session written directly (no domain checks), its sellers already agreed."""
    from livestream.models import Livestream, LivestreamSeller
    from livestream.streams import detect_stream

    starts_at = (timezone.now() + starts_in).replace(microsecond=0)
    platform, url = detect_stream(stream_url)
    made = Livestream.objects.create(
        host=host_user or host(),
        title=extra.pop("title", f"Phiên live thử {next(_seq)}"),
        starts_at=starts_at,
        ends_at=starts_at + duration,
        stream_url=url,
        platform=platform,
        status=status,
        **extra,
    )
    for the_seller in sellers:
        member = the_seller.members.select_related("user").first()
        LivestreamSeller.objects.create(
            livestream=made,
            seller=the_seller,
            agreed_at=timezone.now(),
            agreed_by=member.user if member else made.host,
        )
    return made


def live_offer(
    session: Any,
    the_product: Product,
    *,
    live_price: int | None = None,
    cap: int = 20,
    per_buyer: int = 2,
) -> Any:
    """An offer on the product's first variant, written directly (no domain checks)."""
    from livestream.models import LiveOffer

    variant = the_product.variants.order_by("pk").first()
    assert variant is not None
    regular = variant.channel_listings.get(channel=channel()).price_amount
    return LiveOffer.objects.create(
        livestream=session,
        variant=variant,
        channel=channel(),
        seller=the_product.seller,
        live_price=live_price if live_price is not None else int(regular * 0.8),
        quantity_cap=cap,
        per_buyer_limit=per_buyer,
    )


LIVESTREAM_MODELS = (
    "livestream.Livestream",
    "livestream.LivestreamSeller",
    "livestream.LivestreamTransition",
    "livestream.LiveOffer",
    "livestream.LiveOfferBuyer",
    "livestream.LiveOfferClaim",
    "livestream.LivestreamReminder",
    "livestream.LiveOfferPin",
    "livestream.FlashDeal",
)


def livestream_snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every livestream row, to prove a denied mutation wrote nothing."""
    from django.apps import apps

    return {
        label: list(apps.get_model(label).objects.order_by("pk").values())
        for label in LIVESTREAM_MODELS
    }


# --- Checkout, orders and payments ---------------------------------------------------------

# A valid Vietnamese address as GraphQL AddressInput (camelCase) and as domain data.
VN_ADDRESS_INPUT = {
    "firstName": "An",
    "lastName": "Nguyễn",
    "streetAddress1": "12 Trần Phú",
    "city": "Điện Biên Phủ",
    "countryArea": "Điện Biên",
    "country": "VN",
    "phone": "0912 345 678",
}
VN_ADDRESS = {
    "first_name": "An",
    "last_name": "Nguyễn",
    "street_address_1": "12 Trần Phú",
    "city": "Điện Biên Phủ",
    "country_area": "Điện Biên",
    "country": "VN",
    "phone": "0912 345 678",
}


def shipping_method(
    owner: Seller,
    *,
    name: str = "Giao tiêu chuẩn",
    price: int = 30_000,
    service_level: str = "standard",
    is_default: bool = True,
    rate_kind: str = "flat",
    per_kg: int = 0,
    free_above: int | None = None,
    max_weight_grams: int | None = None,
) -> Any:
    from checkout.models import ShippingMethod

    return ShippingMethod.objects.create(
        seller=owner,
        name=name,
        price_amount=price,
        service_level=service_level,
        is_default=is_default,
        rate_kind=rate_kind,
        price_per_kg_amount=per_kg,
        free_above_amount=free_above,
        max_weight_grams=max_weight_grams,
    )


def checkout(
    lines: list[tuple[ProductVariant, int]],
    *,
    buyer: User | None = None,
    email: str = "buyer@ocop.test",
    address: bool = True,
    deliver: bool = True,
) -> Any:
    """A checkout ready to complete: lines, email, address and each seller's default method
    (created at 30.000 ₫ when the seller has none)."""
    from checkout.actions import do_create_checkout, do_set_seller_delivery_methods
    from checkout.lines import LineChange
    from checkout.models import ShippingMethod

    made = do_create_checkout(
        channel(),
        buyer,
        lines=[LineChange(variant.pk, quantity) for variant, quantity in lines],
        email=email,
        shipping_address=VN_ADDRESS if address else None,
    )
    if deliver:
        methods = []
        for seller_id in sorted({variant.product.seller_id for variant, _ in lines}):
            method = ShippingMethod.objects.filter(seller_id=seller_id, is_default=True).first()
            if method is None:
                method = shipping_method(Seller.objects.get(pk=seller_id))
            methods.append(method.pk)
        do_set_seller_delivery_methods(made, methods)
    return made


def flush_without_post_migrate(django_db_blocker: Any) -> None:
    """Empty every table without re-running post_migrate. Run once before a module's
    `serialized_rollback` tests (from a module-scoped fixture): restoring the serialized rows
    then cannot collide with the content types that a non-serialized transactional test's
    flush re-created (the same fix as the `empty_database` fixture in tests/helpers/database.py)."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
