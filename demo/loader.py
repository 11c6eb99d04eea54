"""Loads the demo catalog (`ocop demo`, and `ocop serve` on first start). Idempotent: rows
are matched on their natural keys (emails, slugs, SKUs), so a reload updates in place.

Demo accounts are created only here, and this runs only in demo mode."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.models import OfficerProfile, User
from catalog.listed import refresh_listed
from catalog.models import (
    Category,
    CertificateStatus,
    Channel,
    Collection,
    CollectionProduct,
    OcopCertificate,
    Product,
    ProductChannelListing,
    ProductGroup,
    ProductMedia,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
    Stock,
    Warehouse,
)
from catalog.search_vector import refresh_vocabulary
from checkout.shipping_methods import ensure_default_methods
from core.text import fold, slugify_vi
from demo import content
from demo.images import render_logo, render_product_image
from demo.label_facts import load_label_facts
from demo.livestream import load_demo_livestreams
from demo.pages import load_demo_pages
from demo.promotions import load_demo_promotions
from demo.reviews import load_demo_reviews
from demo.translations import load_demo_translations
from places.lookup import find_province, find_ward
from places.models import Province
from sellers.models import Seller, SellerMember, SellerStatus

Progress = Callable[[str], None]


class DemoModeOnly(RuntimeError):
    pass


def _user(email: str, **extra: object) -> User:
    user, _ = User.objects.update_or_create(email=email, defaults=extra)
    user.set_password(settings.OCOP_DEMO_PASSWORD)
    user.save(update_fields=["password"])
    return user


def load_accounts(officer_province: Province) -> dict[str, User]:
    users = {
        "buyer": _user("buyer@ocop.test", first_name="Lan", last_name="Nguyễn Thị"),
        "seller1": _user("seller1@ocop.test", first_name="Thắng", last_name="Lường Văn"),
        "seller2": _user("seller2@ocop.test", first_name="Hoàng", last_name="Trần Văn"),
        "officer": _user("officer@ocop.test", first_name="Minh", last_name="Lò Văn"),
        "officer_an_giang": _user(
            "officer.angiang@ocop.test", first_name="Thảo", last_name="Nguyễn Thị"
        ),
        "host": _user(
            "host@ocop.test", first_name="Mai", last_name="Phạm", is_livestream_host=True
        ),
        "admin": _user("admin@ocop.test", first_name="Quản trị", is_staff=True, is_superuser=True),
    }
    OfficerProfile.objects.update_or_create(
        user=users["officer"],
        defaults={"province": officer_province, "title": "Cán bộ Chương trình OCOP tỉnh"},
    )
    # A second province's officer, so the demo shows what province scoping hides.
    an_giang = find_province("An Giang")
    assert an_giang is not None
    OfficerProfile.objects.update_or_create(
        user=users["officer_an_giang"],
        defaults={"province": an_giang, "title": "Cán bộ Chương trình OCOP tỉnh"},
    )
    return users


def load_categories() -> dict[tuple[str, ...], Category]:
    categories: dict[tuple[str, ...], Category] = {}
    for path, name_en in sorted(content.DEMO_CATEGORIES, key=lambda item: len(item[0])):
        parent = categories.get(tuple(path[:-1])) if len(path) > 1 else None
        category, _ = Category.objects.update_or_create(
            slug=slugify_vi("-".join(path)),
            defaults={"name": path[-1], "name_en": name_en, "parent": parent},
        )
        categories[tuple(path)] = category
    return categories


def _category_for(path: tuple[str, ...], known: dict[tuple[str, ...], Category]) -> Category:
    for size in range(len(path), 0, -1):
        if tuple(path[:size]) in known:
            if size == len(path):
                return known[tuple(path)]
            break
    parent = _category_for(tuple(path[:-1]), known) if len(path) > 1 else None
    category, _ = Category.objects.update_or_create(
        slug=slugify_vi("-".join(path)), defaults={"name": path[-1], "parent": parent}
    )
    known[tuple(path)] = category
    return category


def load_sellers(users: dict[str, User], progress: Progress) -> dict[str, Seller]:
    sellers: dict[str, Seller] = {}
    for producer in content.DEMO_PRODUCERS:
        province = find_province(producer.province)
        if province is None:
            raise ValueError(f"demo producer {producer.key}: unknown province {producer.province}")
        ward = find_ward(province, producer.ward) if producer.ward else None
        seller, _ = Seller.objects.update_or_create(
            slug=producer.key,
            defaults={
                "kind": producer.kind,
                "legal_name": producer.legal_name,
                "stall_name": producer.stall_name,
                "tax_code": producer.tax_code,
                "registration_number": producer.tax_code,
                "province": province,
                "ward": ward,
                "street_address": producer.street,
                "phone": producer.phone,
                "email": producer.email,
                "story": producer.story,
                "story_en": producer.story_en,
                "bank_name": producer.bank_name,
                "bank_account_number": producer.bank_account,
                "bank_account_holder": producer.legal_name,
                "status": SellerStatus.APPROVED,
                "is_active": True,
            },
        )
        if not seller.logo:
            initials = "".join(word[0] for word in producer.stall_name.split()[:2]).upper()
            palette = ("#2f855a", "#c05621")
            seller.logo.save(f"{seller.slug}.png", ContentFile(render_logo(initials, palette)))
        Warehouse.objects.get_or_create(
            seller=seller, defaults={"name": f"Kho {seller.stall_name}", "province": province}
        )
        load_delivery(seller)
        if producer.login:
            user = User.objects.get(email=producer.login)
            SellerMember.objects.update_or_create(
                seller=seller, user=user, defaults={"role": SellerMember.Role.OWNER}
            )
        sellers[producer.key] = seller
    progress(f"  {len(sellers)} producers")
    return sellers


def load_delivery(seller: Seller) -> None:
    """The platform's standard and express methods, priced with the producer's own fees."""
    fees = content.DEMO_DELIVERY[seller.slug]
    ensure_default_methods(seller)
    seller.shipping_methods.filter(is_default=True).update(
        price_amount=fees.flat_fee_vnd, free_above_amount=fees.free_above_vnd
    )


def _group(name: str, parent: ProductGroup | None = None) -> ProductGroup | None:
    key = fold(name)
    for group in ProductGroup.objects.filter(parent=parent):
        if fold(group.name) == key or key in [fold(a) for a in group.aliases]:
            return group
    if parent is None:
        return None
    group, _ = ProductGroup.objects.get_or_create(
        code=f"{parent.code}-{slugify_vi(name)}"[:80], defaults={"name": name, "parent": parent}
    )
    return group


def load_products(
    sellers: dict[str, Seller], channel: Channel, users: dict[str, User], progress: Progress
) -> dict[str, Product]:
    categories = load_categories()
    goods, _ = ProductType.objects.get_or_create(
        slug="ocop-goods", defaults={"name": "Sản phẩm OCOP", "is_shipping_required": True}
    )
    service, _ = ProductType.objects.get_or_create(
        slug="ocop-service", defaults={"name": "Dịch vụ OCOP", "is_shipping_required": False}
    )
    today = timezone.localdate()
    products: dict[str, Product] = {}
    total = len(content.DEMO_PRODUCTS)
    for index, item in enumerate(content.DEMO_PRODUCTS, start=1):
        seller = sellers[item.producer]
        cert = item.certificate
        is_service = fold(cert.product_group).startswith("dich vu")
        product, _ = Product.objects.update_or_create(
            slug=item.key,
            defaults={
                "seller": seller,
                "product_type": service if is_service else goods,
                "category": _category_for(tuple(item.category), categories),
                "origin_province": seller.province,
                "name": item.name,
                "name_en": item.name_en,
                "description": item.description,
                "description_en": item.description_en,
                "weight_grams": item.variants[0].weight_grams or None,
                "popularity": (index * 37) % 500,
            },
        )
        product.search_document = product.build_search_document()
        product.save(update_fields=["search_document"])
        ProductChannelListing.objects.update_or_create(
            product=product,
            channel=channel,
            defaults={"is_published": True, "published_at": timezone.now()},
        )
        warehouse = seller.warehouses.first()
        for position, variant_data in enumerate(item.variants):
            variant, _ = ProductVariant.objects.update_or_create(
                sku=variant_data.sku,
                defaults={
                    "product": product,
                    "name": variant_data.name,
                    "weight_grams": variant_data.weight_grams or None,
                    "sort_order": position,
                },
            )
            ProductVariantChannelListing.objects.update_or_create(
                variant=variant, channel=channel, defaults={"price_amount": variant_data.price_vnd}
            )
            Stock.objects.update_or_create(
                warehouse=warehouse,
                variant=variant,
                defaults={"quantity": variant_data.stock, "quantity_allocated": 0},
            )
        group = _group(cert.product_group)
        decision_date = today - datetime.timedelta(days=cert.decision_age_days)
        certificate, _ = OcopCertificate.objects.update_or_create(
            product=product,
            decision_number=cert.decision_number,
            defaults={
                "decision_date": decision_date,
                "issuer_level": cert.issuer_level,
                "issuer_name": cert.issuer_name,
                "stars": cert.stars,
                "score": cert.score,
                "product_group": group,
                "product_subgroup": _group(cert.product_subgroup, group) if group else None,
                "status": CertificateStatus.VERIFIED
                if cert.verified
                else CertificateStatus.PENDING,
                "reviewed_by": users["officer"] if cert.verified else None,
                "reviewed_at": timezone.now() if cert.verified else None,
            },
        )
        if certificate.valid_until < today and certificate.status == CertificateStatus.VERIFIED:
            certificate.status = CertificateStatus.EXPIRED
            certificate.save(update_fields=["status"])
        if not product.media.exists():
            png = render_product_image(
                item.label,
                seller.province.name,
                cert.stars,
                tuple(item.palette),  # type: ignore[arg-type]
            )
            media = ProductMedia(product=product, alt=item.name)
            media.image.save(f"{product.slug}.png", ContentFile(png), save=True)
        products[item.key] = product
        if index % 10 == 0 or index == total:
            progress(f"  products {index}/{total}")
    refresh_vocabulary()  # the typo vocabulary of the new catalogue
    refresh_listed(None)  # the listing record (rows written directly, not through do_*)
    return products


def load_collections(products: dict[str, Product], officer: User) -> None:
    now = timezone.now()
    for spec in content.DEMO_COLLECTIONS:
        collection, _ = Collection.objects.update_or_create(
            slug=spec.key,
            defaults={
                "name": spec.name,
                "description": spec.description,
                "is_featured": True,
                "is_published": True,
                "starts_at": now + datetime.timedelta(days=spec.start_offset_days),
                "ends_at": (
                    now + datetime.timedelta(days=spec.end_offset_days)
                    if spec.end_offset_days is not None
                    else None
                ),
                "curated_by": officer,
            },
        )
        for position, key in enumerate(spec.product_keys):
            CollectionProduct.objects.update_or_create(
                collection=collection, product=products[key], defaults={"sort_order": position}
            )


def load_demo(progress: Progress = print) -> None:
    if not settings.DEMO_MODE:
        raise DemoModeOnly("demo data (and its accounts) exist only in demo mode")
    with transaction.atomic():
        channel = Channel.objects.get(slug=settings.DEFAULT_CHANNEL_SLUG)
        seller1 = next(p for p in content.DEMO_PRODUCERS if p.login == "seller1@ocop.test")
        officer_province = find_province(seller1.province)
        assert officer_province is not None
        progress("  demo accounts")
        users = load_accounts(officer_province)
        sellers = load_sellers(users, progress)
        products = load_products(sellers, channel, users, progress)
        load_label_facts(products)
        load_collections(products, users["officer"])
        load_demo_translations(products)
        load_demo_promotions(officer_province, users["officer"])
        load_demo_reviews(channel, products, progress)
        load_demo_livestreams(progress)
        load_demo_pages(progress)
    progress(f"demo data ready: {len(products)} products from {len(sellers)} producers")
