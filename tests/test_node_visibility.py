"""`node(id:)` shows each caller exactly what the regular query fields show it (issue 9).

Every type implementing `Node` is read from the schema itself and must have a case below:
real rows a caller should and should not see, who sees each one, and the regular query
field that decides it. For every row and every caller the walk asserts that `node(id:)`
answers for exactly those callers, and that the regular field agrees. A new Node type
without a case fails `test_it_has_a_visibility_case_for_every_node_type` and its own walk.

Rows reached only through their parent (order lines, transactions, …) are refused by id
to everyone; their case proves the id is real by finding it under the parent.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from graphql_relay import from_global_id, to_global_id

from accounts.models import User
from catalog.models import (
    Category,
    CertificateStatus,
    Channel,
    Collection,
    CollectionProduct,
    OcopCertificate,
    Product,
    ProductMedia,
    ProductType,
)
from orders.models import Order
from places.models import Ward
from sellers.models import SellerDocument, SellerStatus, SellerUpload, UploadPurpose
from storefront_api.schema import schema
from tests import factories
from tests.conftest import gql, token_for

ACTORS = ("anonymous", "customer", "other_seller", "owner", "other_officer", "officer", "staff")
EVERYONE = frozenset(ACTORS)
NOBODY: frozenset[str] = frozenset()
# Who sees the customer's order (its buyer, the seller's members, the province's officers,
# admins) and, through it, its lines, events, fulfillments, address and payments.
ORDER_VIEWERS = frozenset({"customer", "owner", "officer", "staff"})


def _node_types() -> list[str]:
    graphql = schema.graphql_schema
    node = graphql.get_type("Node")
    return sorted(t.name for t in graphql.get_possible_types(node))  # type: ignore[arg-type]


NODE_TYPES = _node_types()

NODE = "query($id: ID!) { node(id: $id) { __typename id } }"


# A regular field's answer: does it show this row to this caller? None: no regular field
# answers for this caller (only the issue's rule does, e.g. staff reading any user).
Regular = Callable[[Client, str, "str | None"], "bool | None"]


@dataclass(frozen=True)
class Row:
    label: str
    gid: str
    sees: frozenset[str]
    regular: Regular | None = None
    by_id: bool = True  # False: reached only through its parent; `node` refuses everyone.


def _ids(value: Any) -> set[str]:
    """Every `id` anywhere in a GraphQL answer."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "id" and isinstance(item, str):
                found.add(item)
            else:
                found |= _ids(item)
    elif isinstance(value, list):
        for item in value:
            found |= _ids(item)
    return found


def shows(query: str, variables: dict[str, Any]) -> Regular:
    """A regular query that shows the row when its id appears anywhere in the answer; a
    refused call (a PermissionDenied error with no data) shows nothing."""

    def answer(api: Client, gid: str, token: str | None) -> bool:
        body = gql(api, query, variables, token)
        return gid in _ids(body.get("data"))

    return answer  # type: ignore[return-value]


class World:
    """The callers and the rows, each group built on first use (one test per Node type)."""

    def __init__(self) -> None:
        self.customer = factories.user()
        self.owner = factories.user()
        self.other_seller_user = factories.user()
        self.officer = factories.officer("11")
        self.other_officer = factories.officer("01")
        self.staff = factories.user(is_staff=True, is_superuser=True)
        # Seller A (Điện Biên, the officer's province) and another seller in Hà Nội.
        self.seller = factories.seller(owner=self.owner, province_code="11")
        self.other = factories.seller(owner=self.other_seller_user, province_code="01")
        self.users: dict[str, User | None] = {
            "anonymous": None,
            "customer": self.customer,
            "other_seller": self.other_seller_user,
            "owner": self.owner,
            "other_officer": self.other_officer,
            "officer": self.officer,
            "staff": self.staff,
        }
        self.tokens = {a: token_for(u) if u else None for a, u in self.users.items()}

    # --- catalog -----------------------------------------------------------------------

    @cached_property
    def listed(self) -> Product:
        return factories.product(owner=self.seller)

    @cached_property
    def pending(self) -> Product:
        """Not listable: its only certificate waits for an officer."""
        made = factories.product(owner=self.seller, cert_status=CertificateStatus.PENDING)
        only_here, _ = ProductType.objects.get_or_create(
            slug="only-unlisted", defaults={"name": "Chỉ sản phẩm chưa niêm yết"}
        )
        Product.objects.filter(pk=made.pk).update(product_type=only_here)
        made.refresh_from_db()
        return made

    @cached_property
    def expired(self) -> Product:
        """Not listable: its certificate's 36 months are over."""
        return factories.product(
            owner=self.seller, decision_age_days=4 * 365, cert_status=CertificateStatus.EXPIRED
        )

    @cached_property
    def unpublished(self) -> Product:
        return factories.product(owner=self.seller, published=False)

    @cached_property
    def second_certificate(self) -> OcopCertificate:
        """An older, valid 3★ certificate of the listed product: the product shows its 4★."""
        return OcopCertificate.objects.create(
            product=self.listed,
            decision_number="1/QĐ-UBND-cu",
            decision_date=timezone.localdate() - datetime.timedelta(days=400),
            issuer_level="province",
            issuer_name="UBND tỉnh Điện Biên",
            stars=3,
            status=CertificateStatus.VERIFIED,
        )

    @cached_property
    def other_pending(self) -> Product:
        """Another province's product whose certificate waits for its officers."""
        return factories.product(owner=self.other, cert_status=CertificateStatus.PENDING)

    @cached_property
    def draft_seller(self) -> Any:
        return factories.seller(status=SellerStatus.DRAFT, owner=self.owner, province_code="11")

    # --- orders, checkouts and payments --------------------------------------------------

    @cached_property
    def order(self) -> Any:
        """The customer's cash-on-delivery order from seller A, shipped and delivered (so it
        has lines, events, a fulfillment, a transaction and a ledger entry)."""
        from checkout.complete_checkout import complete_checkout
        from orders.actions import (
            FulfillItem,
            do_confirm,
            do_fulfill,
            do_mark_delivered,
        )
        from payments.transactions import do_initialize

        variant = self.listed.variants.get()
        checkout = factories.checkout([(variant, 1)], buyer=self.customer, email="k@ocop.test")
        do_initialize(checkout.pk, "ocop.cod", user=self.customer)
        order = complete_checkout(checkout.pk, self.customer).orders[0]
        do_confirm(order.pk, self.owner)
        line = order.lines.get()
        warehouse = self.seller.warehouses.get()
        do_fulfill(order.pk, self.owner, [FulfillItem(str(line.pk), warehouse.pk, 1)])
        do_mark_delivered(order.pk, self.owner)
        order.refresh_from_db()
        return order

    @cached_property
    def guest_order(self) -> Any:
        from checkout.complete_checkout import complete_checkout

        variant = self.listed.variants.get()
        checkout = factories.checkout([(variant, 1)], email="khach@ocop.test")
        return complete_checkout(checkout.pk, None).orders[0]

    @cached_property
    def cart(self) -> Any:
        return factories.checkout([(self.listed.variants.get(), 1)], buyer=self.customer)

    @cached_property
    def guest_cart(self) -> Any:
        return factories.checkout([(self.listed.variants.get(), 1)], email="khach@ocop.test")

    # --- livestreams -------------------------------------------------------------------

    @cached_property
    def public_session(self) -> Any:
        return factories.livestream(sellers=(self.seller,))

    @cached_property
    def draft_session(self) -> Any:
        """The owner's own session, not scheduled yet."""
        User.objects.filter(pk=self.owner.pk).update(is_livestream_host=True)
        return factories.livestream(host_user=self.owner, status="draft")

    @cached_property
    def programme_session(self) -> Any:
        """A provincial programme waiting for an officer of Điện Biên to approve it."""
        return factories.livestream(
            is_programme=True,
            programme_name="Phiên chợ OCOP Điện Biên",
            programme_province=factories.province("11"),
        )

    # --- promotions --------------------------------------------------------------------

    @cached_property
    def promo_order(self) -> Any:
        """The customer's order from seller A bought with Điện Biên's voucher and a gift card
        (so it has an order discount, its voucher and the card it was paid with)."""
        from tests.helpers.promotions import add_code, complete, gift_card, voucher

        api, token = Client(), self.tokens["customer"]
        voucher()
        gift_card(balance=20_000)
        cart = factories.checkout([(self.listed.variants.get(), 1)], buyer=self.customer)
        add_code(api, cart, "OCOP10", token)
        add_code(api, cart, "GIFT-2026-ABCD", token)
        _kind, pk = from_global_id(complete(api, cart, token)["order"]["id"])
        return Order.objects.get(pk=pk)

    @cached_property
    def gift_cart(self) -> Any:
        """The customer's cart with another gift card applied (not spent yet)."""
        from tests.helpers.promotions import add_code, gift_card

        gift_card("GIFT-2026-CART", balance=10_000)
        add_code(Client(), self.cart, "GIFT-2026-CART", self.tokens["customer"])
        return self.cart


def gid(kind: str, obj: Any) -> str:
    return to_global_id(kind, str(obj.pk))


PRODUCT = "query($id: ID!) { product(id: $id) { id } }"
PRODUCT_PARTS = """query($id: ID!) { product(id: $id) {
  media { id } productType { id } ocopCertificate { id } } }"""
VARIANT = "query($id: ID!) { productVariant(id: $id) { id stocks { id } } }"
SELLER = "query($slug: String!) { seller(slug: $slug) { id documents { id } warehouses { id } } }"
ORDER = """query($id: ID!) { order(id: $id) {
  id lines { id } events { id } fulfillments { id lines { id } } shippingAddress { id }
  transactions { id events { id } } } }"""
LIVESTREAM = "query($id: ID!) { livestream(id: $id) { id offers { id } } }"
CHECKOUT = "query($id: ID!) { checkout(id: $id) { id lines { id } } }"


def _user_case(w: World) -> list[Row]:
    def me(row_user: User) -> Regular:
        def answer(api: Client, gid: str, token: str | None) -> bool | None:
            if token == w.tokens["staff"] and row_user != w.staff:
                return None  # staff read any user; no query field lists them
            return shows("query { me { id } }", {})(api, gid, token)

        return answer  # type: ignore[return-value]

    return [
        Row("the customer", gid("User", w.customer), frozenset({"customer", "staff"}),
            me(w.customer)),
        Row("a seller's owner", gid("User", w.owner), frozenset({"owner", "staff"}), me(w.owner)),
        Row("an officer", gid("User", w.officer), frozenset({"officer", "staff"}), me(w.officer)),
        Row("the staff member", gid("User", w.staff), frozenset({"staff"}), me(w.staff)),
    ]  # fmt: skip


def _seller_case(w: World) -> list[Row]:
    return [
        Row("an approved seller", gid("Seller", w.seller), EVERYONE,
            shows(SELLER, {"slug": w.seller.slug})),
        Row("a draft seller application", gid("Seller", w.draft_seller),
            frozenset({"owner", "officer", "staff"}),
            shows(SELLER, {"slug": w.draft_seller.slug})),
    ]  # fmt: skip


def _seller_document_case(w: World) -> list[Row]:
    document = SellerDocument.objects.create(
        seller=w.seller,
        kind="business_licence",
        file=f"sellers/documents/licence-{w.seller.pk}.pdf",
        content_type="application/pdf",
        size=len(factories.PDF_BYTES),
    )
    return [
        Row("an approved seller's licence", gid("SellerDocument", document),
            frozenset({"owner", "officer", "staff"}), shows(SELLER, {"slug": w.seller.slug})),
    ]  # fmt: skip


def _seller_upload_case(w: World) -> list[Row]:
    upload = SellerUpload.objects.create(
        seller=w.seller,
        purpose=UploadPurpose.SELLER_DOCUMENT,
        key=f"sellers/{w.seller.pk}/uploads/x.pdf",
        declared_content_type="application/pdf",
        expires_at=timezone.now() + datetime.timedelta(hours=1),
        created_by=w.owner,
    )
    # Only the presign/confirm mutations' payloads show an upload; no query field does.
    return [Row("a pending upload", gid("SellerUpload", upload), NOBODY, None, by_id=False)]


def _warehouse_case(w: World) -> list[Row]:
    return [
        Row("seller A's warehouse", gid("Warehouse", w.seller.warehouses.get()),
            frozenset({"owner", "officer", "staff"}), shows(SELLER, {"slug": w.seller.slug})),
        Row("another seller's warehouse", gid("Warehouse", w.other.warehouses.get()),
            frozenset({"other_seller", "other_officer", "staff"}),
            shows(SELLER, {"slug": w.other.slug})),
    ]  # fmt: skip


def _stock_case(w: World) -> list[Row]:
    listed, pending = w.listed.variants.get(), w.pending.variants.get()
    return [
        Row("a listed variant's stock", gid("Stock", listed.stocks.get()), frozenset({"owner"}),
            shows(VARIANT, {"id": gid("ProductVariant", listed)})),
        Row("an unlisted variant's stock", gid("Stock", pending.stocks.get()), NOBODY,
            shows(VARIANT, {"id": gid("ProductVariant", pending)})),
    ]  # fmt: skip


def _product_case(w: World) -> list[Row]:
    rows = [("a listed product", w.listed, EVERYONE)] + [
        (label, product, NOBODY)
        for label, product in (
            ("a product with a pending certificate", w.pending),
            ("a product with an expired certificate", w.expired),
            ("an unpublished product", w.unpublished),
        )
    ]
    return [
        Row(label, gid("Product", p), sees, shows(PRODUCT, {"id": gid("Product", p)}))
        for label, p, sees in rows
    ]


def _variant_case(w: World) -> list[Row]:
    return [
        Row(label, gid("ProductVariant", v), sees, shows(VARIANT, {"id": gid("ProductVariant", v)}))
        for label, v, sees in (
            ("a listed product's variant", w.listed.variants.get(), EVERYONE),
            ("an unlisted product's variant", w.pending.variants.get(), NOBODY),
        )
    ]


def _media_case(w: World) -> list[Row]:
    rows = []
    for label, product, sees in (
        ("a listed product's image", w.listed, EVERYONE),
        ("an unlisted product's image", w.pending, NOBODY),
    ):
        media = ProductMedia.objects.create(product=product, alt=product.name)
        parent = shows(PRODUCT_PARTS, {"id": gid("Product", product)})
        rows.append(Row(label, gid("ProductMedia", media), sees, parent))
    return rows


def _product_type_case(w: World) -> list[Row]:
    return [
        Row(label, gid("ProductType", p.product_type), sees,
            shows(PRODUCT_PARTS, {"id": gid("Product", p)}))
        for label, p, sees in (
            ("the type of a listed product", w.listed, EVERYONE),
            ("a type only unlisted products have", w.pending, NOBODY),
        )
    ]  # fmt: skip


def _certificate_case(w: World) -> list[Row]:
    review = "{ ocopCertificates(first: 100) { edges { node { id } } } }"

    def regular(product: Product) -> Regular:
        def answer(api: Client, gid: str, token: str | None) -> bool:
            on_product = shows(PRODUCT_PARTS, {"id": to_global_id("Product", str(product.pk))})
            return bool(on_product(api, gid, token) or shows(review, {})(api, gid, token))

        return answer  # type: ignore[return-value]

    shown = w.listed.certificates.get()
    second = w.second_certificate
    return [
        Row("the certificate a listed product shows", gid("OcopCertificate", shown), EVERYONE,
            regular(w.listed)),
        Row("an older valid certificate the product does not show",
            gid("OcopCertificate", second), frozenset({"officer", "staff"}), regular(w.listed)),
        Row("a pending certificate", gid("OcopCertificate", w.pending.certificates.get()),
            frozenset({"officer", "staff"}), regular(w.pending)),
        Row("an expired certificate", gid("OcopCertificate", w.expired.certificates.get()),
            frozenset({"officer", "staff"}), regular(w.expired)),
        Row("another province's pending certificate",
            gid("OcopCertificate", w.other_pending.certificates.get()),
            frozenset({"other_officer", "staff"}), regular(w.other_pending)),
    ]  # fmt: skip


def _category_case(w: World) -> list[Row]:
    category = Category.objects.create(name="Mật ong", slug="mat-ong-node")
    query = "query($id: ID!) { category(id: $id) { id } }"
    return [
        Row("a category", gid("Category", category), EVERYONE,
            shows(query, {"id": gid("Category", category)})),
    ]  # fmt: skip


def _collection_case(w: World) -> list[Row]:
    now = timezone.now()
    current = Collection.objects.create(name="Quà Tết", slug="qua-tet-node", is_featured=True)
    CollectionProduct.objects.create(collection=current, product=w.listed)
    hidden = Collection.objects.create(name="Nháp", slug="nhap-node", is_published=False)
    ended = Collection.objects.create(
        name="Đã hết", slug="da-het-node", ends_at=now - datetime.timedelta(days=1)
    )
    query = "query($id: ID!) { collection(id: $id) { id } }"
    return [
        Row(label, gid("Collection", c), sees, shows(query, {"id": gid("Collection", c)}))
        for label, c, sees in (
            ("a current collection", current, EVERYONE),
            ("an unpublished collection", hidden, NOBODY),
            ("a collection whose dates are over", ended, NOBODY),
        )
    ]


def _province_case(w: World) -> list[Row]:
    province = factories.province("11")
    return [
        Row("a province", gid("Province", province), EVERYONE, shows("{ provinces { id } }", {}))
    ]


def _channel_case(w: World) -> list[Row]:
    channel = Channel.objects.get(slug="default-channel")
    return [
        Row("the storefront's channel", gid("Channel", channel), EVERYONE,
            shows("{ channels { id } }", {})),
    ]  # fmt: skip


def _ward_case(w: World) -> list[Row]:
    ward = Ward.objects.filter(province__code="11").order_by("code").first()
    assert ward is not None
    rules = """query($area: String) {
      addressValidationRules(countryCode: VN, countryArea: $area) { cityChoices { raw } } }"""

    def offered(api: Client, gid: str, token: str | None) -> bool:
        body = gql(api, rules, {"area": "Điện Biên"}, token)["data"]
        return ward.name in {c["raw"] for c in body["addressValidationRules"]["cityChoices"]}

    return [Row("a ward", gid("Ward", ward), EVERYONE, offered)]  # type: ignore[arg-type]


def _livestream_case(w: World) -> list[Row]:
    return [
        Row(label, gid("Livestream", s), sees, shows(LIVESTREAM, {"id": gid("Livestream", s)}))
        for label, s, sees in (
            ("a scheduled public session", w.public_session, EVERYONE),
            ("the owner's draft session", w.draft_session, frozenset({"owner", "staff"})),
            ("a programme waiting for approval", w.programme_session,
             frozenset({"officer", "staff"})),
        )
    ]  # fmt: skip


def _live_offer_case(w: World) -> list[Row]:
    rows = []
    for label, session, sees in (
        ("an offer in a public session", w.public_session, EVERYONE),
        ("an offer in the owner's draft session", w.draft_session, frozenset({"owner", "staff"})),
    ):
        offer = factories.live_offer(session, w.listed)
        parent = shows(LIVESTREAM, {"id": gid("Livestream", session)})
        rows.append(Row(label, gid("LiveOffer", offer), sees, parent))
    return rows


def _order_case(w: World) -> list[Row]:
    return [
        Row("the customer's order", gid("Order", w.order), ORDER_VIEWERS,
            shows(ORDER, {"id": gid("Order", w.order)})),
        Row("a guest's order (its id is the secret)", gid("Order", w.guest_order), EVERYONE,
            shows(ORDER, {"id": gid("Order", w.guest_order)})),
    ]  # fmt: skip


def _order_group_case(w: World) -> list[Row]:
    query = "query($id: ID!) { orderGroup(id: $id) { id } }"
    return [
        Row(label, gid("OrderGroup", g), sees, shows(query, {"id": gid("OrderGroup", g)}))
        for label, g, sees in (
            ("the customer's purchase", w.order.group, frozenset({"customer", "staff"})),
            ("a guest's purchase", w.guest_order.group, EVERYONE),
        )
    ]


def _checkout_case(w: World) -> list[Row]:
    return [
        Row(label, gid("Checkout", c), sees, shows(CHECKOUT, {"id": gid("Checkout", c)}))
        for label, c, sees in (
            ("the customer's cart", w.cart, frozenset({"customer", "staff"})),
            ("a guest's cart (its id is the secret)", w.guest_cart, EVERYONE),
        )
    ]


def _under_order(kind: str, pick: Callable[[Any], Any]) -> Callable[[World], list[Row]]:
    """A row shown only inside the customer's order: refused by id to everyone."""

    def case(w: World) -> list[Row]:
        row = pick(w.order)
        parent = shows(ORDER, {"id": gid("Order", w.order)})
        key = str(row.token) if kind == "TransactionItem" else str(row.pk)
        label = f"the customer's order's {kind}"
        return [Row(label, to_global_id(kind, key), ORDER_VIEWERS, parent, by_id=False)]

    return case


def _checkout_line_case(w: World) -> list[Row]:
    line = w.cart.lines.get()
    return [
        Row("a line of the customer's cart", to_global_id("CheckoutLine", str(line.pk)),
            frozenset({"customer", "staff"}), shows(CHECKOUT, {"id": gid("Checkout", w.cart)}),
            by_id=False),
    ]  # fmt: skip


def _ledger_case(w: World) -> list[Row]:
    from payments.models import LedgerEntry

    entry = LedgerEntry.objects.get(order=w.order)
    query = "query($seller: ID!) { sellerLedger(seller: $seller) { entries { id } } }"
    return [
        Row("seller A's earning", gid("SellerLedgerEntry", entry), frozenset({"owner", "staff"}),
            shows(query, {"seller": gid("Seller", w.seller)}), by_id=False),
    ]  # fmt: skip


# --- attributes, content and promotions (issue 14) -----------------------------------------

ATTRIBUTES = """{ attributes(first: 40) { edges { node { id translation(languageCode: EN) { id }
  choices(first: 20) { edges { node { id translation(languageCode: EN) { id } } } } } } } }"""


def _attribute(w: World) -> Any:
    """A craft's material: a dropdown attribute with a choice, both translated to English."""
    from catalog.models import (
        Attribute,
        AttributeTranslation,
        AttributeValue,
        AttributeValueTranslation,
    )

    attribute = Attribute.objects.create(
        slug="node-material", name="Chất liệu", input_type="DROPDOWN"
    )
    AttributeTranslation.objects.create(attribute=attribute, language_code="en", name="Material")
    value = AttributeValue.objects.create(attribute=attribute, slug="tre", name="Tre")
    AttributeValueTranslation.objects.create(value=value, language_code="en", name="Bamboo")
    return attribute, value


def _attribute_case(w: World) -> list[Row]:
    attribute, _value = _attribute(w)
    return [Row("an attribute", gid("Attribute", attribute), EVERYONE, shows(ATTRIBUTES, {}))]


def _attribute_value_case(w: World) -> list[Row]:
    _attribute_row, value = _attribute(w)
    return [
        Row("an attribute's choice", gid("AttributeValue", value), EVERYONE,
            shows(ATTRIBUTES, {}), by_id=False),
    ]  # fmt: skip


def _attribute_translation_case(w: World) -> list[Row]:
    attribute, _value = _attribute(w)
    # A translation's id is the id of what it translates, under the translation's type.
    return [
        Row("an attribute's English name", gid("AttributeTranslation", attribute), EVERYONE,
            shows(ATTRIBUTES, {}), by_id=False),
    ]  # fmt: skip


def _attribute_value_translation_case(w: World) -> list[Row]:
    _attribute_row, value = _attribute(w)
    return [
        Row("a choice's English name", gid("AttributeValueTranslation", value), EVERYONE,
            shows(ATTRIBUTES, {}), by_id=False),
    ]  # fmt: skip


PAGE = """query($id: ID!) { page(id: $id) { id pageType { id }
  translation(languageCode: EN) { id } } }"""
# Who sees a draft page: officers (of any province) and staff, who manage pages.
PAGE_EDITORS = frozenset({"officer", "other_officer", "staff"})


@dataclass(frozen=True)
class Content:
    menu: Any
    items: list[Any]
    pages: list[tuple[str, Any, frozenset[str]]]


def _content(w: World) -> Content:
    """A published page and a draft one (each translated to English), and a menu whose
    items (translated) link to both and hold a child."""
    from content.models import (
        Menu,
        MenuItem,
        MenuItemTranslation,
        Page,
        PageTranslation,
        PageType,
    )

    story = PageType.objects.create(name="Câu chuyện", slug="node-story")
    published = Page.objects.create(
        page_type=story, slug="node-published", title="Mật ong", is_published=True
    )
    draft = Page.objects.create(page_type=story, slug="node-draft", title="Nháp")
    for page in (published, draft):
        PageTranslation.objects.create(page=page, language_code="en", title=page.slug)
    menu = Menu.objects.create(name="Node", slug="node-navbar")
    top = MenuItem.objects.create(menu=menu, name="Câu chuyện", page=published)
    child = MenuItem.objects.create(menu=menu, parent=top, name="Nháp", page=draft)
    for item in (top, child):
        MenuItemTranslation.objects.create(menu_item=item, language_code="en", name=item.name)
    pages = [("a published page", published, EVERYONE), ("a draft page", draft, PAGE_EDITORS)]
    return Content(menu, [top, child], pages)


def _menu_query(content: Content) -> Regular:
    query = """query($id: ID!) { menu(id: $id) { id items { id translation(languageCode: EN)
      { id } children { id translation(languageCode: EN) { id } } } } }"""
    return shows(query, {"id": gid("Menu", content.menu)})


def _menu_case(w: World) -> list[Row]:
    content = _content(w)
    return [Row("a menu", gid("Menu", content.menu), EVERYONE, _menu_query(content))]


def _menu_item_case(w: World) -> list[Row]:
    content = _content(w)
    return [
        Row(label, gid("MenuItem", item), EVERYONE, _menu_query(content))
        for label, item in zip(("a top menu item", "a child menu item"), content.items, strict=True)
    ]


def _menu_item_translation_case(w: World) -> list[Row]:
    content = _content(w)
    return [
        Row(f"{label}'s English name", gid("MenuItemTranslation", item.translations.get()),
            EVERYONE, _menu_query(content))
        for label, item in zip(("a top menu item", "a child menu item"), content.items, strict=True)
    ]  # fmt: skip


def _page_case(w: World) -> list[Row]:
    return [
        Row(label, gid("Page", page), sees, shows(PAGE, {"id": gid("Page", page)}))
        for label, page, sees in _content(w).pages
    ]


def _page_translation_case(w: World) -> list[Row]:
    return [
        Row(f"{label}'s English text", gid("PageTranslation", page.translations.get()), sees,
            shows(PAGE, {"id": gid("Page", page)}))
        for label, page, sees in _content(w).pages
    ]  # fmt: skip


def _page_type_case(w: World) -> list[Row]:
    _label, page, _sees = _content(w).pages[1]
    query = "query($id: ID!) { pageType(id: $id) { id } }"
    return [
        Row("the type of a draft page", gid("PageType", page.page_type), EVERYONE,
            shows(query, {"id": gid("PageType", page.page_type)})),
    ]  # fmt: skip


PROMO_ORDER = """query($id: ID!) { order(id: $id) {
  id voucher { id } discounts { id } giftCards { id } } }"""
PROMO_CHECKOUT = "query($id: ID!) { checkout(id: $id) { id giftCards { id } } }"


def _promo_order(w: World) -> Regular:
    return shows(PROMO_ORDER, {"id": gid("Order", w.promo_order)})


def _gift_card_case(w: World) -> list[Row]:
    from promotions.models import GiftCard
    from tests.helpers.promotions import gift_card

    paid_with = w.promo_order.gift_card_charges.get().gift_card
    cart = w.gift_cart
    on_cart = GiftCard.objects.get(code="GIFT-2026-CART")
    unused = gift_card("GIFT-2026-NONE")
    return [
        # the order's seller and officer see the order but none of its cards
        Row("the gift card the customer paid with", gid("GiftCard", paid_with),
            frozenset({"customer", "staff"}), _promo_order(w), by_id=False),
        Row("the gift card on the customer's cart", gid("GiftCard", on_cart),
            frozenset({"customer", "staff"}),
            shows(PROMO_CHECKOUT, {"id": gid("Checkout", cart)}), by_id=False),
        Row("a gift card nobody used (its balance is secret)", gid("GiftCard", unused), NOBODY,
            None, by_id=False),
    ]  # fmt: skip


def _voucher_case(w: World) -> list[Row]:
    from tests.helpers.promotions import voucher

    used = w.promo_order.discounts.get().voucher
    unused = voucher("NODE-UNUSED")
    return [
        Row("the voucher on the customer's order", gid("Voucher", used), ORDER_VIEWERS,
            _promo_order(w), by_id=False),
        Row("a voucher nobody used", gid("Voucher", unused), NOBODY, None, by_id=False),
    ]  # fmt: skip


def _order_discount_case(w: World) -> list[Row]:
    discount = w.promo_order.discounts.get()
    return [
        Row("the discount on the customer's order", gid("OrderDiscount", discount),
            ORDER_VIEWERS, _promo_order(w), by_id=False),
    ]  # fmt: skip


CASES: dict[str, Callable[[World], list[Row]]] = {
    "User": _user_case,
    "Seller": _seller_case,
    "SellerDocument": _seller_document_case,
    "SellerUpload": _seller_upload_case,
    "Warehouse": _warehouse_case,
    "Stock": _stock_case,
    "Product": _product_case,
    "ProductVariant": _variant_case,
    "ProductMedia": _media_case,
    "ProductType": _product_type_case,
    "OcopCertificate": _certificate_case,
    "Category": _category_case,
    "Collection": _collection_case,
    "Province": _province_case,
    "Channel": _channel_case,
    "Ward": _ward_case,
    "Livestream": _livestream_case,
    "LiveOffer": _live_offer_case,
    "Order": _order_case,
    "OrderGroup": _order_group_case,
    "Checkout": _checkout_case,
    "CheckoutLine": _checkout_line_case,
    "SellerLedgerEntry": _ledger_case,
    "OrderLine": _under_order("OrderLine", lambda o: o.lines.get()),
    "OrderEvent": _under_order("OrderEvent", lambda o: o.events.order_by("pk").first()),
    "Fulfillment": _under_order("Fulfillment", lambda o: o.fulfillments.get()),
    "FulfillmentLine": _under_order("FulfillmentLine", lambda o: o.fulfillments.get().lines.get()),
    "Address": _under_order("Address", lambda o: o.shipping_address),
    "TransactionItem": _under_order("TransactionItem", lambda o: o.group.transactions.get()),
    "TransactionEvent": _under_order(
        "TransactionEvent", lambda o: o.group.transactions.get().events.order_by("pk").first()
    ),
    "Attribute": _attribute_case,
    "AttributeValue": _attribute_value_case,
    "AttributeTranslation": _attribute_translation_case,
    "AttributeValueTranslation": _attribute_value_translation_case,
    "Menu": _menu_case,
    "MenuItem": _menu_item_case,
    "MenuItemTranslation": _menu_item_translation_case,
    "Page": _page_case,
    "PageTranslation": _page_translation_case,
    "PageType": _page_type_case,
    "GiftCard": _gift_card_case,
    "Voucher": _voucher_case,
    "OrderDiscount": _order_discount_case,
}


def test_it_has_a_visibility_case_for_every_node_type() -> None:
    # given every type the schema says implements Node
    # then each has a visibility case, and no case names a type that is gone
    assert sorted(set(NODE_TYPES) - set(CASES)) == []
    assert sorted(set(CASES) - set(NODE_TYPES)) == []


def _seen_by_node(api: Client, world: World, row: Row, kind: str) -> frozenset[str]:
    seen = set()
    for actor in ACTORS:
        body = gql(api, NODE, {"id": row.gid}, world.tokens[actor])
        assert "errors" not in body, (kind, row.label, actor, body)
        node = body["data"]["node"]
        if node is not None:
            assert node == {"__typename": kind, "id": row.gid}, (kind, row.label, actor)
            seen.add(actor)
    return frozenset(seen)


def _seen_by_regular(api: Client, world: World, row: Row) -> tuple[frozenset[str], set[str]]:
    """Who the regular field shows the row to, and the callers it has no answer for."""
    assert row.regular is not None
    seen, unanswered = set(), set()
    for actor in ACTORS:
        answer = row.regular(api, row.gid, world.tokens[actor])
        if answer is None:
            unanswered.add(actor)
        elif answer:
            seen.add(actor)
    return frozenset(seen), unanswered


@pytest.mark.parametrize("kind", NODE_TYPES)
def test_it_shows_by_node_id_exactly_what_the_regular_fields_show(
    db: Any, api: Client, kind: str
) -> None:
    # given real rows of this Node type, some visible to a caller and some not
    assert kind in CASES, f"Node type {kind} has no visibility case: add one to CASES"
    world = World()
    rows = CASES[kind](world)
    assert rows
    for row in rows:
        # when each caller looks the row up by id
        seen = _seen_by_node(api, world, row, kind)
        # then exactly its expected viewers get it (nobody, for rows reached via a parent)
        assert (row.label, seen) == (row.label, row.sees if row.by_id else NOBODY)
        # and the regular field shows it to exactly the same callers
        if row.regular is not None:
            by_field, unanswered = _seen_by_regular(api, world, row)
            assert (row.label, by_field) == (row.label, row.sees - unanswered)


def test_it_hides_every_users_personal_data_from_anonymous_callers(db: Any, api: Client) -> None:
    # given users of every role
    world = World()
    query = """query($id: ID!) { node(id: $id) { id ... on User {
      email firstName lastName isStaff roles } } }"""
    for user in User.objects.order_by("pk"):
        # when an anonymous caller asks for each by id
        body = gql(api, query, {"id": to_global_id("User", str(user.pk))})
        # then nothing comes back, no error telling it apart from a missing id
        assert body == {"data": {"node": None}}
    # and a signed-in customer reads only itself
    mine = gql(api, query, {"id": gid("User", world.customer)}, world.tokens["customer"])
    assert mine["data"]["node"]["email"] == world.customer.email
    owner = gql(api, query, {"id": gid("User", world.owner)}, world.tokens["customer"])
    assert owner == {"data": {"node": None}}


def test_it_cuts_a_menu_items_links_by_id_as_the_menu_does(db: Any, api: Client) -> None:
    # given a menu whose child item links to a draft page
    world = World()
    content = _content(world)
    child = gid("MenuItem", content.items[1])
    query = """query($id: ID!) { node(id: $id) { ... on MenuItem {
      page { id } parent { page { id } children { page { id } } } } } }"""
    published, draft = (gid("Page", page) for _label, page, _sees in content.pages)
    # when an anonymous caller and an officer read the child item by id
    anonymous = gql(api, query, {"id": child})["data"]["node"]
    officer = gql(api, query, {"id": child}, world.tokens["officer"])["data"]["node"]
    # then the draft page is cut for the caller the menu cuts it for, and kept for the other
    assert anonymous == {
        "page": None,
        "parent": {"page": {"id": published}, "children": [{"page": None}]},
    }
    assert officer == {
        "page": {"id": draft},
        "parent": {"page": {"id": published}, "children": [{"page": {"id": draft}}]},
    }
