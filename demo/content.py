"""Demo catalogue for the OCOP marketplace: producers, certified products, collections.

Plain typed data, no Django: a loader (``demo.loader``) turns it into models.
The records live in hand-editable TOML files in ``data/`` (``categories``, ``producers``,
``products``, ``collections``, ``delivery``; ``livestreams`` for ``demo.livestream``), each
file's header saying what its keys mean. This module reads them once per process into the
frozen dataclasses below (``demo.datafiles`` checks every key's type), checks
the references between them, and exposes them as ``DEMO_*`` tuples and look-ups. A mistake
in a file fails the import with a ``DemoDataError`` naming the file, the record and the key.

Everything that depends on the day the demo is loaded is stored *relative* to that day
(``decision_age_days``, collection and livestream offsets) and computed from it by the
methods below, so the catalogue stays coherent whenever it is loaded (≥ 2026-11).

Real OCOP products from public sources are used where known (Trà xanh Phìn Hồ, Cà phê
Bích Thao, Mật hoa dừa Trà Vinh FARM, Nước mắm Khải Hoàn, Gạo ST24, Tỏi Lý Sơn, Chăn bông
tơ tằm Mỹ Đức...). Prices, stock, tax codes, phones, bank accounts, decision numbers and
scores are invented. Wards are post-1 July 2025 communes/wards/special zones, checked
against the national 2025 conversion table; street lines are illustrative.

Special cases the demo relies on:
- exactly one expired certificate: ``binh-hut-loc-men-ran-bat-trang`` (never listed);
- one certificate expiring in about 45 days: ``mat-ong-banh-to-muong-phang``;
- one certificate pending verification: ``thit-trau-gac-bep-muong-phang``;
- one community-tourism service sold as vouchers: ``du-lich-cong-dong-con-chim``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, TypeVar

from demo.datafiles import Where, build, read_toml, record_label, records

ProducerKind = Literal["HTX", "THT", "DN", "HKD"]
IssuerLevel = Literal["district", "province", "central"]

T = TypeVar("T")

CERTIFICATE_VALIDITY_MONTHS = 36

# The 34 provinces and centrally-run cities since 1 July 2025 (short display names).
CURRENT_PROVINCES: tuple[str, ...] = (
    "Hà Nội",
    "Huế",
    "Hải Phòng",
    "Đà Nẵng",
    "Hồ Chí Minh",
    "Cần Thơ",
    "Cao Bằng",
    "Tuyên Quang",
    "Điện Biên",
    "Lai Châu",
    "Sơn La",
    "Lào Cai",
    "Thái Nguyên",
    "Lạng Sơn",
    "Quảng Ninh",
    "Bắc Ninh",
    "Phú Thọ",
    "Hưng Yên",
    "Ninh Bình",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
    "Quảng Trị",
    "Quảng Ngãi",
    "Gia Lai",
    "Khánh Hòa",
    "Đắk Lắk",
    "Lâm Đồng",
    "Đồng Nai",
    "Tây Ninh",
    "Đồng Tháp",
    "Vĩnh Long",
    "An Giang",
    "Cà Mau",
)

# The six OCOP product groups (Decision 148/QĐ-TTg).
FOOD = "Thực phẩm"
BEVERAGE = "Đồ uống"
HERBAL = "Dược liệu và sản phẩm từ dược liệu"
HANDICRAFT = "Thủ công mỹ nghệ"
ORNAMENTAL = "Sinh vật cảnh"
TOURISM = "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch"
OCOP_GROUPS: tuple[str, ...] = (FOOD, BEVERAGE, HERBAL, HANDICRAFT, ORNAMENTAL, TOURISM)

# Central issuers: the ministry was renamed when it merged on 1 March 2025.
MINISTRY_MARD = "Bộ Nông nghiệp và Phát triển nông thôn"
MINISTRY_MAE = "Bộ Nông nghiệp và Môi trường"
MINISTRY_RENAMED_ON = date(2025, 3, 1)
# Districts certified 3★ from Decision 148/QĐ-TTg until the two-level reform.
DISTRICT_CERTIFICATION_FROM = date(2023, 2, 24)
DISTRICT_CERTIFICATION_UNTIL = date(2025, 7, 1)  # exclusive
PROVINCE_REFORM_ON = date(2025, 7, 1)

SELLER1_LOGIN = "seller1@ocop.test"
SELLER2_LOGIN = "seller2@ocop.test"


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, clamped to the end of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate_day in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate_day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class DemoProducer:
    key: str
    kind: ProducerKind
    legal_name: str
    stall_name: str
    tax_code: str
    province: str
    legacy_province: str | None
    ward: str
    street: str
    phone: str
    email: str
    story: str
    story_en: str
    bank_name: str
    bank_account: str
    login: str | None = None


@dataclass(frozen=True)
class DemoCertificate:
    decision_number: str
    decision_age_days: int
    issuer_level: IssuerLevel
    issuer_name: str
    stars: int
    score: int
    product_group: str
    product_subgroup: str
    verified: bool = True

    def decision_date(self, today: date) -> date:
        return today - timedelta(days=self.decision_age_days)

    def valid_until(self, today: date) -> date:
        """Last day of validity: 36 months from the decision date."""
        return add_months(self.decision_date(today), CERTIFICATE_VALIDITY_MONTHS)

    def is_expired(self, today: date) -> bool:
        return self.valid_until(today) < today

    def days_to_expiry(self, today: date) -> int:
        return (self.valid_until(today) - today).days


@dataclass(frozen=True)
class DemoVariant:
    sku: str
    name: str
    price_vnd: int
    weight_grams: int
    stock: int


@dataclass(frozen=True)
class DemoProduct:
    key: str
    producer: str  # DemoProducer.key
    name: str
    name_en: str
    category: tuple[str, ...]
    description: str
    description_en: str
    variants: tuple[DemoVariant, ...]
    certificate: DemoCertificate
    tags: tuple[str, ...]
    palette: tuple[str, str]
    label: str  # short, emoji-free text for the generated image

    @property
    def is_service(self) -> bool:
        return self.certificate.product_group == TOURISM

    def is_listable(self, today: date) -> bool:
        """Shown in the storefront: certificate verified by staff and not expired."""
        return self.certificate.verified and not self.certificate.is_expired(today)


@dataclass(frozen=True)
class DemoCollection:
    """A featured collection; its dates are offsets in days from the load date."""

    key: str
    title: str
    title_en: str
    description: str
    description_en: str
    product_keys: tuple[str, ...]
    start_offset_days: int
    end_offset_days: int  # every demo collection has an end date (some loaders need one)

    @property
    def name(self) -> str:
        return self.title

    @property
    def name_en(self) -> str:
        return self.title_en

    def starts_on(self, today: date) -> date:
        return today + timedelta(days=self.start_offset_days)

    def ends_on(self, today: date) -> date:
        return today + timedelta(days=self.end_offset_days)

    def is_active(self, today: date) -> bool:
        return self.starts_on(today) <= today <= self.ends_on(today)


@dataclass(frozen=True)
class DemoDelivery:
    flat_fee_vnd: int
    free_above_vnd: int | None


@dataclass(frozen=True)
class DemoLivestream:
    """A demo livestream session; its times are relative to the moment the demo loads."""

    key: str
    status: Literal["live", "scheduled", "ended"]  # livestream.models.LivestreamStatus values
    title: str
    description: str
    stream_url: str
    offers_per_seller: int
    duration_minutes: int
    starts_in_days: int = 0
    starts_in_minutes: int = 0
    starts_at: time | None = None  # time of day, local (Vietnam) time
    replay_url: str = ""  # after the end: the recording the watch page replays

    def window(self, here: datetime) -> tuple[datetime, datetime]:
        """Start and end, from ``here`` (the load moment, local time, to the minute)."""
        start = here + timedelta(days=self.starts_in_days, minutes=self.starts_in_minutes)
        if self.starts_at is not None:
            start = start.replace(hour=self.starts_at.hour, minute=self.starts_at.minute)
        return start, start + timedelta(minutes=self.duration_minutes)


@dataclass(frozen=True)
class DemoCategory:
    path: tuple[str, ...]  # the parent's path plus this category's Vietnamese name
    name_en: str


@dataclass(frozen=True)
class DemoContent:
    """Everything in the data files, read and checked."""

    categories: tuple[DemoCategory, ...]
    producers: tuple[DemoProducer, ...]
    products: tuple[DemoProduct, ...]
    collections: tuple[DemoCollection, ...]
    delivery: Mapping[str, DemoDelivery]  # by producer key, every producer
    livestreams: tuple[DemoLivestream, ...]


# --------------------------------------------------------------------------- reading

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_content(directory: Path = DATA_DIR) -> DemoContent:
    """Reads every data file of ``directory`` and checks the references between them.

    Raises ``DemoDataError`` naming the file, the record and the key of the first problem.
    """
    categories = _records(DemoCategory, directory, "categories.toml", "category")
    producers = _records(DemoProducer, directory, "producers.toml", "producer")
    products = _records(DemoProduct, directory, "products.toml", "product")
    collections = _records(DemoCollection, directory, "collections.toml", "collection")
    delivery = _delivery(_document(directory, "delivery.toml", {"standard", "stall"}), producers)
    livestreams = _records(DemoLivestream, directory, "livestreams.toml", "livestream")
    _check_references(categories, producers, products, collections)
    _unique("livestreams.toml", "livestream", "key", [s.key for s in livestreams])
    return DemoContent(categories, producers, products, collections, delivery, livestreams)


def _records(cls: type[T], directory: Path, file: str, name: str) -> tuple[T, ...]:
    """The file's ``[[name]]`` records; it has nothing else."""
    return records(cls, _document(directory, file, {name}), name, file)


def _document(directory: Path, file: str, allowed: set[str]) -> dict[str, Any]:
    document = read_toml(directory / file)
    unknown = sorted(set(document) - allowed)
    if unknown:
        raise Where(file, key=unknown[0]).fail(
            f"unknown top-level key (expected: {', '.join(sorted(allowed))})"
        )
    return document


def _delivery(
    document: dict[str, Any], producers: tuple[DemoProducer, ...]
) -> Mapping[str, DemoDelivery]:
    file = "delivery.toml"
    if "standard" not in document:
        raise Where(file).fail("no [standard] table")
    standard = build(DemoDelivery, document["standard"], Where(file, "[standard]"))
    stalls = document.get("stall", {})
    if not isinstance(stalls, dict):
        raise Where(file, key="stall").fail("expected a table")
    keys = {producer.key for producer in producers}
    overrides = {}
    for key, table in stalls.items():
        where = Where(file, f'stall "{key}"')
        if key not in keys:
            raise where.fail("not a producer key of producers.toml")
        overrides[key] = build(DemoDelivery, table, where)
    return MappingProxyType(
        {producer.key: overrides.get(producer.key, standard) for producer in producers}
    )


def _check_references(
    categories: tuple[DemoCategory, ...],
    producers: tuple[DemoProducer, ...],
    products: tuple[DemoProduct, ...],
    collections: tuple[DemoCollection, ...],
) -> None:
    """Unique keys and SKUs; every reference names a record that exists."""
    _unique("categories.toml", "category", "path", [c.path for c in categories])
    _unique("producers.toml", "producer", "key", [p.key for p in producers])
    _unique("products.toml", "product", "key", [p.key for p in products])
    _unique("collections.toml", "collection", "key", [c.key for c in collections])
    paths = {category.path for category in categories}
    for index, category in enumerate(categories, start=1):
        if len(category.path) > 1 and category.path[:-1] not in paths:
            where = Where("categories.toml", f"category #{index}", "path")
            raise where.fail(f"parent {list(category.path[:-1])} is not a category")
    producer_keys = {producer.key for producer in producers}
    skus: dict[str, str] = {}
    for index, product in enumerate(products, start=1):
        where = Where("products.toml", record_label("product", index, {"key": product.key}))
        if product.producer not in producer_keys:
            raise where.at("producer").fail(f"{product.producer!r} is not in producers.toml")
        if product.category not in paths:
            raise where.at("category").fail(f"{list(product.category)} is not in categories.toml")
        if product.certificate.product_group not in OCOP_GROUPS:
            raise where.at("certificate.product_group").fail(
                f"{product.certificate.product_group!r} is not an OCOP product group"
            )
        if not product.variants:
            raise where.at("variants").fail("a product needs at least one variant")
        for item, variant in enumerate(product.variants):
            if variant.sku in skus:
                owner = skus[variant.sku]
                sku = where.at("variants").item(item).at("sku")
                raise sku.fail(f"{variant.sku!r} is already a SKU of product {owner!r}")
            skus[variant.sku] = product.key
    product_keys = {product.key for product in products}
    for index, collection in enumerate(collections, start=1):
        where = Where(
            "collections.toml", record_label("collection", index, {"key": collection.key})
        )
        for item, key in enumerate(collection.product_keys):
            if key not in product_keys:
                raise where.at("product_keys").item(item).fail(f"{key!r} is not in products.toml")


def _unique(file: str, name: str, key: str, values: list[Any]) -> None:
    first: dict[Any, int] = {}
    for index, value in enumerate(values, start=1):
        if value in first:
            raise Where(file, f"{name} #{index}", key).fail(
                f"{value!r} is already used by {name} #{first[value]}"
            )
        first[value] = index


@functools.cache
def demo_content() -> DemoContent:
    """The shipped demo data, read once per process."""
    return read_content(DATA_DIR)


# --------------------------------------------------------------------------- the catalogue

DEMO_CATEGORIES: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    (category.path, category.name_en) for category in demo_content().categories
)
DEMO_PRODUCERS: tuple[DemoProducer, ...] = demo_content().producers
DEMO_PRODUCTS: tuple[DemoProduct, ...] = demo_content().products
DEMO_COLLECTIONS: tuple[DemoCollection, ...] = demo_content().collections
DEMO_DELIVERY: Mapping[str, DemoDelivery] = demo_content().delivery
DEMO_LIVESTREAMS: tuple[DemoLivestream, ...] = demo_content().livestreams

# --------------------------------------------------------------------------- look-ups

_PRODUCERS_BY_KEY: Mapping[str, DemoProducer] = MappingProxyType(
    {producer.key: producer for producer in DEMO_PRODUCERS}
)
_PRODUCTS_BY_KEY: Mapping[str, DemoProduct] = MappingProxyType(
    {product.key: product for product in DEMO_PRODUCTS}
)


def producer_by_key(key: str) -> DemoProducer:
    return _PRODUCERS_BY_KEY[key]


def product_by_key(key: str) -> DemoProduct:
    return _PRODUCTS_BY_KEY[key]


def livestream_by_key(key: str) -> DemoLivestream:
    return next(session for session in DEMO_LIVESTREAMS if session.key == key)


def products_of(producer_key: str) -> tuple[DemoProduct, ...]:
    return tuple(product for product in DEMO_PRODUCTS if product.producer == producer_key)


def producer_for_login(login: str) -> DemoProducer:
    return next(producer for producer in DEMO_PRODUCERS if producer.login == login)


def listable_products(today: date) -> tuple[DemoProduct, ...]:
    return tuple(product for product in DEMO_PRODUCTS if product.is_listable(today))
