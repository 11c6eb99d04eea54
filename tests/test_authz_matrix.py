"""The authorization matrix: every protected mutation × (anonymous, customer, staff of
another seller, owner, officer of another province, officer of the province).

An allowed caller succeeds and changes something; a denied caller gets PERMISSION_DENIED in
`errors` and nothing changes — no row in any catalog/seller table, no object in the bucket.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from graphql_relay import to_global_id

from accounts.models import User
from catalog.models import (
    CertificateStatus,
    Collection,
    OcopCertificate,
    Product,
    ProductType,
    ProductVariant,
)
from sellers.models import Seller, SellerStatus, UploadPurpose
from tests import factories
from tests.conftest import gql, token_for

ACTORS = ("anonymous", "customer", "other_seller", "owner", "other_officer", "officer")
OWNER = frozenset({"owner"})
OFFICER = frozenset({"officer"})


@dataclass
class World:
    users: dict[str, User | None]
    seller: Seller
    product: Product
    variant: ProductVariant
    bare_variant: ProductVariant
    certificate: OcopCertificate
    collection: Collection
    prefix: str
    extra: dict[str, Any] = field(default_factory=dict)

    def gid(self, kind: str, obj: Any) -> str:
        return to_global_id(kind, obj.pk)


@dataclass(frozen=True)
class Case:
    mutation: str
    arguments: str
    variables: Callable[[World], dict[str, Any]]
    allowed: frozenset[str]
    prepare: Callable[[World], None] | None = None
    files: Callable[[World], dict[str, tuple[str, bytes, str]]] | None = None


def _status(status: str) -> Callable[[World], None]:
    def prepare(world: World) -> None:
        Seller.objects.filter(pk=world.seller.pk).update(status=status)

    return prepare


def _pending_certificate(world: World) -> None:
    OcopCertificate.objects.filter(pk=world.certificate.pk).update(status=CertificateStatus.PENDING)


def _uploaded_object(world: World) -> None:
    from django.core.files.storage import default_storage

    from sellers.uploads import bucket_key, do_presign_upload

    post = do_presign_upload(
        world.seller, UploadPurpose.SELLER_DOCUMENT, "application/pdf", "x.pdf", None
    )
    default_storage.connection.meta.client.put_object(  # type: ignore[attr-defined]
        Bucket=default_storage.bucket_name,  # type: ignore[attr-defined]
        Key=bucket_key(post.upload.key),
        Body=factories.PDF_BYTES,
    )
    world.extra["upload"] = post.upload


def _seller_input() -> dict[str, Any]:
    return {"kind": "HKD", "legalName": "Hộ kinh doanh Mới", "province": "11"}


def _certificate_input(world: World) -> dict[str, Any]:
    return {
        "product": world.gid("Product", world.product),
        "decisionNumber": "777/QĐ-UBND",
        "decisionDate": (timezone.localdate() - datetime.timedelta(days=30)).isoformat(),
        "issuerLevel": "PROVINCE",
        "issuerName": "UBND tỉnh Điện Biên",
        "stars": 4,
        "productGroup": "thuc-pham",
    }


def _channel() -> str:
    return to_global_id("Channel", factories.channel().pk)


CASES = [
    Case(
        "sellerCreate",
        "$input: SellerInput!",
        lambda w: {"input": _seller_input()},
        frozenset(ACTORS) - {"anonymous"},
    ),
    Case(
        "sellerUpdate",
        "$id: ID!, $input: SellerInput!",
        lambda w: {"id": w.gid("Seller", w.seller), "input": {"story": "Câu chuyện"}},
        OWNER,
    ),
    Case(
        "sellerSubmit",
        "$id: ID!",
        lambda w: {"id": w.gid("Seller", w.seller)},
        OWNER,
        _status(SellerStatus.DRAFT),
    ),
    Case(
        "sellerApprove",
        "$id: ID!",
        lambda w: {"id": w.gid("Seller", w.seller)},
        OFFICER,
        _status(SellerStatus.SUBMITTED),
    ),
    Case(
        "sellerRequestChanges",
        "$id: ID!, $reason: String",
        lambda w: {"id": w.gid("Seller", w.seller), "reason": "Bổ sung"},
        OFFICER,
        _status(SellerStatus.SUBMITTED),
    ),
    Case(
        "sellerReject",
        "$id: ID!, $reason: String",
        lambda w: {"id": w.gid("Seller", w.seller), "reason": "Không đủ điều kiện"},
        OFFICER,
        _status(SellerStatus.SUBMITTED),
    ),
    Case(
        "sellerSuspend",
        "$id: ID!, $reason: String",
        lambda w: {"id": w.gid("Seller", w.seller), "reason": "Khiếu nại"},
        OFFICER,
    ),
    Case(
        "sellerReinstate",
        "$id: ID!",
        lambda w: {"id": w.gid("Seller", w.seller)},
        OFFICER,
        _status(SellerStatus.SUSPENDED),
    ),
    Case(
        "sellerAssistedCreate",
        "$input: SellerAssistedCreateInput!",
        lambda w: {"input": {"owner": {"email": "ho.moi@ocop.test"}, "seller": _seller_input()}},
        OFFICER,
    ),
    Case(
        "sellerDocumentUpload",
        "$input: SellerDocumentUploadInput!",
        lambda w: {"input": {"seller": w.gid("Seller", w.seller), "kind": "FOOD_SAFETY"}},
        OWNER,
        files=lambda w: {"input.file": ("attp.pdf", factories.PDF_BYTES, "application/pdf")},
    ),
    Case(
        "sellerUploadPresign",
        "$input: SellerUploadPresignInput!",
        lambda w: {
            "input": {
                "seller": w.gid("Seller", w.seller),
                "purpose": "SELLER_DOCUMENT",
                "contentType": "application/pdf",
            }
        },
        OWNER,
    ),
    Case(
        "sellerUploadConfirm",
        "$id: ID!",
        lambda w: {"id": w.gid("SellerUpload", w.extra["upload"])},
        OWNER,
        _uploaded_object,
    ),
    Case(
        "productCreate",
        "$input: ProductCreateInput!",
        lambda w: {
            "input": {
                "seller": w.gid("Seller", w.seller),
                "productType": w.gid("ProductType", w.product.product_type),
                "name": "Chè Shan tuyết",
            }
        },
        OWNER,
    ),
    Case(
        "productUpdate",
        "$id: ID!, $input: ProductInput!",
        lambda w: {"id": w.gid("Product", w.product), "input": {"name": "Tên mới"}},
        OWNER,
    ),
    Case("productDelete", "$id: ID!", lambda w: {"id": w.gid("Product", w.product)}, OWNER),
    Case(
        "productVariantCreate",
        "$input: ProductVariantCreateInput!",
        lambda w: {
            "input": {"product": w.gid("Product", w.product), "attributes": [], "sku": "NEW-1"}
        },
        OWNER,
    ),
    Case(
        "productVariantUpdate",
        "$id: ID!, $input: ProductVariantInput!",
        lambda w: {"id": w.gid("ProductVariant", w.variant), "input": {"name": "Hũ lớn"}},
        OWNER,
    ),
    Case(
        "productVariantStocksCreate",
        "$variantId: ID!, $stocks: [StockInput!]!",
        lambda w: {
            "variantId": w.gid("ProductVariant", w.bare_variant),
            "stocks": [{"warehouse": w.gid("Warehouse", w.seller.warehouses.get()), "quantity": 3}],
        },
        OWNER,
    ),
    Case(
        "productVariantStocksUpdate",
        "$variantId: ID!, $stocks: [StockInput!]!",
        lambda w: {
            "variantId": w.gid("ProductVariant", w.variant),
            "stocks": [{"warehouse": w.gid("Warehouse", w.seller.warehouses.get()), "quantity": 3}],
        },
        OWNER,
    ),
    Case(
        "productChannelListingUpdate",
        "$id: ID!, $input: ProductChannelListingUpdateInput!",
        lambda w: {
            "id": w.gid("Product", w.product),
            "input": {"updateChannels": [{"channelId": _channel(), "isPublished": False}]},
        },
        OWNER,
    ),
    Case(
        "productVariantChannelListingUpdate",
        "$id: ID!, $input: [ProductVariantChannelListingAddInput!]!",
        lambda w: {
            "id": w.gid("ProductVariant", w.variant),
            "input": [{"channelId": _channel(), "price": 99000}],
        },
        OWNER,
    ),
    Case(
        "productMediaCreate",
        "$input: ProductMediaCreateInput!",
        lambda w: {"input": {"product": w.gid("Product", w.product), "alt": "Ảnh"}},
        OWNER,
        files=lambda w: {"input.image": ("a.png", factories.image_bytes(), "image/png")},
    ),
    Case(
        "ocopCertificateCreate",
        "$input: OcopCertificateCreateInput!",
        lambda w: {"input": _certificate_input(w)},
        OWNER,
        files=lambda w: {"input.scan": ("scan.pdf", factories.PDF_BYTES, "application/pdf")},
    ),
    Case(
        "ocopCertificateVerify",
        "$id: ID!",
        lambda w: {"id": w.gid("OcopCertificate", w.certificate)},
        OFFICER,
        _pending_certificate,
    ),
    Case(
        "ocopCertificateReject",
        "$id: ID!, $reason: String",
        lambda w: {"id": w.gid("OcopCertificate", w.certificate), "reason": "Sai thông tin"},
        OFFICER,
        _pending_certificate,
    ),
    Case(
        "ocopCertificateRevoke",
        "$id: ID!, $reason: String",
        lambda w: {"id": w.gid("OcopCertificate", w.certificate), "reason": "Thu hồi"},
        OFFICER,
    ),
    Case(
        "featuredCollectionCreate",
        "$input: FeaturedCollectionInput!",
        lambda w: {"input": {"name": "Quà Tết Điện Biên", "province": "11"}},
        OFFICER,
    ),
    Case(
        "featuredCollectionUpdate",
        "$id: ID!, $input: FeaturedCollectionInput!",
        lambda w: {"id": w.gid("Collection", w.collection), "input": {"name": "Quà Tết 2026"}},
        OFFICER,
    ),
    Case(
        "featuredCollectionAddProducts",
        "$id: ID!, $products: [ID!]!",
        lambda w: {
            "id": w.gid("Collection", w.collection),
            "products": [w.gid("Product", w.product)],
        },
        OFFICER,
    ),
]


def _query(case: Case) -> str:
    names = [part.split(":")[0].strip().lstrip("$") for part in case.arguments.split(",")]
    renamed = {"id": "collectionId"} if case.mutation == "featuredCollectionAddProducts" else {}
    args = ", ".join(f"{renamed.get(n, n)}: ${n}" for n in names)
    return (
        f"mutation M({case.arguments}) {{ {case.mutation}({args}) {{ errors {{ field code }} }} }}"
    )


@pytest.fixture
def world(db: Any, settings: Any) -> World:
    # 168 worlds of 7 users each: the default (deliberately slow) hasher would dominate.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    prefix = factories.isolate_media(settings)
    owner, other_owner = factories.user(), factories.user()
    seller = factories.submittable_seller(owner=owner)
    Seller.objects.filter(pk=seller.pk).update(status=SellerStatus.APPROVED)
    seller.refresh_from_db()
    factories.seller(owner=other_owner)
    ProductType.objects.get_or_create(slug="ocop-goods", defaults={"name": "OCOP"})
    product = factories.product(owner=seller)
    bare = ProductVariant.objects.create(product=product, sku="BARE-1", name="Không kho")
    collection = Collection.objects.create(
        name="Đặc sản Điện Biên",
        slug="dac-san-dien-bien",
        is_featured=True,
        province=seller.province,
    )
    users: dict[str, User | None] = {
        "anonymous": None,
        "customer": factories.user(),
        "other_seller": other_owner,
        "owner": owner,
        "other_officer": factories.officer("01"),
        "officer": factories.officer("11"),
    }
    return World(
        users=users,
        seller=seller,
        product=product,
        variant=product.variants.get(sku__startswith="SKU-"),
        bare_variant=bare,
        certificate=product.certificates.get(),
        collection=collection,
        prefix=prefix,
    )


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("case", CASES, ids=[c.mutation for c in CASES])
def test_it_enforces_who_may_call_each_mutation(
    api: Client, world: World, case: Case, actor: str
) -> None:
    # given the world prepared for this mutation
    if case.prepare:
        case.prepare(world)
    user = world.users[actor]
    token = token_for(user) if user else None
    rows, keys = factories.db_snapshot(), factories.bucket_keys(world.prefix)
    # when the actor calls it
    variables = case.variables(world)
    if case.files:
        body = factories.gql_upload(api, _query(case), variables, case.files(world), token)
    else:
        body = gql(api, _query(case), variables, token)
    assert "errors" not in body, body
    errors = body["data"][case.mutation]["errors"]
    if actor in case.allowed:
        # then an allowed caller succeeds and something changed
        assert errors == []
        assert factories.db_snapshot() != rows
    else:
        # then a denied caller is told so, and nothing changed anywhere
        assert [e["code"] for e in errors] == ["PERMISSION_DENIED"]
        assert factories.db_snapshot() == rows
        assert factories.bucket_keys(world.prefix) == keys


def test_it_covers_every_seller_and_catalog_mutation() -> None:
    from graphene.utils.str_converters import to_camel_case

    from storefront_api.catalog.mutations.schema import CatalogMutations
    from storefront_api.sellers.schema import SellerMutations

    ours = {
        to_camel_case(name)
        for mutations in (SellerMutations, CatalogMutations)
        for name in mutations._meta.fields
    }
    assert ours == {c.mutation for c in CASES}
