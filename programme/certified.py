"""The programme's certification figures: certified products by stars and by product group,
by pre-2025 province, producers by legal type, the share selling on modern channels, the
certificates to renew and the potential-5★ pipeline.

Shared definitions (every figure below uses them):
- scope: a certificate, product or producer belongs to the province of its producer
  (`Seller.province`, the 2025 province); `province_id` None is the whole country;
- valid certificate on `today`: the listing rule's (`catalog.listing.valid_certificate_q`):
  verified, 3★ or more, decided on or before `today` and valid until `today` or later;
- OCOP producer: a producer (any workflow status) holding at least one valid certificate.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from catalog.listing import listable_products, valid_certificate_q
from catalog.models import CertificateStatus, Channel, OcopCertificate, Product, ProductGroup
from core.text import fold
from orders.models import CLOSED_STATUSES, Order, OrderStatus
from places.models import LegacyProvince
from sellers.models import Seller, SellerKind, SellerStatus

STARS = (3, 4, 5)
# Decision 919's targets for the mix of OCOP producers and for modern channels.
COOPERATIVE_TARGET = 0.40
ENTERPRISE_TARGET = 0.30
MODERN_CHANNEL_TARGET = 0.50
# An order placed within this many days makes a producer "selling" on the marketplace.
RECENT_ORDER_DAYS = 90
EXPIRING_SOON_DAYS = (90, 180)
POTENTIAL_FIVE_STAR_SCORE = 90
PIPELINE_SHOWN = 20
# Orders that are not sales: never placed, unpaid and lapsed, cancelled or sent back.
NOT_SALES = (OrderStatus.DRAFT, *CLOSED_STATUSES)
# Statuses of a certificate the state did award (revoked ones are voided, pending and
# rejected ones were never awarded).
AWARDED = (CertificateStatus.VERIFIED, CertificateStatus.EXPIRED)


def share(part: int, whole: int) -> float | None:
    """part ÷ whole, None when there is no whole."""
    return part / whole if whole else None


# --- Scope -----------------------------------------------------------------------------------


def certificates_of(province_id: int | None) -> QuerySet[OcopCertificate]:
    certificates = OcopCertificate.objects.all()
    if province_id is None:
        return certificates
    return certificates.filter(product__seller__province_id=province_id)


def sellers_of(province_id: int | None) -> QuerySet[Seller]:
    sellers = Seller.objects.all()
    return sellers if province_id is None else sellers.filter(province_id=province_id)


def ocop_producers(province_id: int | None, today: datetime.date) -> QuerySet[Seller]:
    """Producers of the scope holding at least one valid certificate on `today`."""
    valid = OcopCertificate.objects.filter(
        valid_certificate_q(today), product__seller=OuterRef("pk")
    )
    return sellers_of(province_id).filter(Exists(valid))


# --- Certified products ----------------------------------------------------------------------


@dataclass(frozen=True)
class CertifiedRow:
    """Distinct products, for one star level or one product group.

    this_year / last_year: products with an awarded certificate (verified, or verified and
    since expired; revoked excluded) whose decision date falls in that calendar year;
    valid_now: products holding a valid certificate on `today`. A product with certificates
    at two star levels (or groups) counts in each row, once per row."""

    key: str
    this_year: int
    last_year: int
    valid_now: int


@dataclass(frozen=True)
class Certified:
    year: int
    by_stars: list[CertifiedRow]
    by_group: list[CertifiedRow]  # key: the top-level group's code; "" when not recorded
    group_names: dict[str, tuple[str, str]]  # code → (Vietnamese, English)
    total: CertifiedRow  # distinct products over every star level
    listed: int  # products of `valid_now` that the listing rule shows today
    listed_share: float | None


def _counts(year: int, today: datetime.date) -> dict[str, Count]:
    awarded = Q(status__in=AWARDED)
    return {
        "this_year": Count("product", distinct=True, filter=awarded & Q(decision_date__year=year)),
        "last_year": Count(
            "product", distinct=True, filter=awarded & Q(decision_date__year=year - 1)
        ),
        "valid_now": Count("product", distinct=True, filter=valid_certificate_q(today)),
    }


def certified_products(
    province_id: int | None, today: datetime.date, channel: Channel, moment: datetime.datetime
) -> Certified:
    """Four aggregate queries and one for the group names."""
    year = today.year
    relevant = certificates_of(province_id).filter(
        (Q(status__in=AWARDED) & Q(decision_date__year__in=(year, year - 1)))
        | valid_certificate_q(today),
        stars__gte=min(STARS),
    )
    counts = _counts(year, today)
    stars = {row["stars"]: row for row in relevant.values("stars").annotate(**counts)}
    groups = {
        row["product_group__code"] or "": row
        for row in relevant.values("product_group__code").annotate(**counts)
    }
    total = relevant.aggregate(**counts)
    names = {
        g.code: (g.name, g.name_en or g.name)
        for g in ProductGroup.objects.filter(parent__isnull=True).order_by("pk")
    }

    def row(key: str, found: dict[str, int] | None) -> CertifiedRow:
        found = found or {}
        return CertifiedRow(
            key,
            int(found.get("this_year") or 0),
            int(found.get("last_year") or 0),
            int(found.get("valid_now") or 0),
        )

    group_keys = [*names, *sorted(k for k in groups if k not in names)]
    products = Product.objects.all()
    if province_id is not None:
        products = products.filter(seller__province_id=province_id)
    valid = OcopCertificate.objects.filter(valid_certificate_q(today), product=OuterRef("pk"))
    listed = products.filter(
        Exists(valid), pk__in=listable_products(channel, at=moment).values("pk")
    ).count()
    return Certified(
        year=year,
        by_stars=[row(str(s), stars.get(s)) for s in STARS],
        by_group=[row(k, groups.get(k)) for k in group_keys],
        group_names=names,
        total=row("", total),
        listed=listed,
        listed_share=share(listed, int(total["valid_now"] or 0)),
    )


# --- Pre-2025 provinces ----------------------------------------------------------------------


@dataclass(frozen=True)
class LegacyRow:
    """Valid certificates of a merged province, by the pre-2025 province named in the
    certificate's issuer ("UBND tỉnh Kiên Giang"); `legacy` is "" when the issuer names none
    of the province's former provinces (a ministry, a district or a post-2025 decision)."""

    province: str
    legacy: str
    certificates: int


def _named_legacy(issuer: str, candidates: list[tuple[str, str]]) -> str:
    """The former province whose folded name the folded issuer contains as whole words,
    longest name first (so "Hà Nam" is not read in "Hà Nam Ninh")."""
    padded = f" {fold(issuer)} "
    for folded, name in candidates:
        if f" {folded} " in padded:
            return name
    return ""


def by_legacy_province(province_id: int | None, today: datetime.date) -> list[LegacyRow]:
    """Merged provinces only (those formed from two or more pre-2025 provinces); two
    queries: the former provinces, and valid certificates per (province, issuer name)."""
    former: dict[int, list[tuple[str, str]]] = {}
    for legacy in LegacyProvince.objects.order_by("name"):
        former.setdefault(legacy.new_province_id, []).append((legacy.name_folded, legacy.name))
    merged = {pk for pk, olds in former.items() if len(olds) > 1}
    rows = (
        certificates_of(province_id)
        .filter(valid_certificate_q(today), product__seller__province_id__in=merged)
        .values("product__seller__province_id", "product__seller__province__name", "issuer_name")
        .annotate(n=Count("pk"))
    )
    totals: dict[tuple[str, str], int] = {}
    for found in rows:
        candidates = sorted(
            former[found["product__seller__province_id"]], key=lambda c: (-len(c[0]), c[1])
        )
        key = (
            found["product__seller__province__name"],
            _named_legacy(found["issuer_name"], candidates),
        )
        totals[key] = totals.get(key, 0) + int(found["n"])
    return [
        LegacyRow(province, legacy, n)
        for (province, legacy), n in sorted(
            totals.items(), key=lambda i: (i[0][0], not i[0][1], i[0][1])
        )
    ]


# --- Producers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Producers:
    """OCOP producers (holding a valid certificate) by legal type; the cooperative share is
    HTX ÷ all, the enterprise share DN ÷ all (the marketplace does not record firm size, so
    every enterprise counts toward Decision 919's SME target)."""

    by_kind: dict[str, int]
    total: int

    @property
    def cooperative_share(self) -> float | None:
        return share(self.by_kind.get(SellerKind.HTX, 0), self.total)

    @property
    def enterprise_share(self) -> float | None:
        return share(self.by_kind.get(SellerKind.DN, 0), self.total)


def producers_by_kind(province_id: int | None, today: datetime.date) -> Producers:
    """One aggregate query."""
    found = {
        row["kind"]: int(row["n"])
        for row in ocop_producers(province_id, today).values("kind").annotate(n=Count("pk"))
    }
    by_kind = {kind: found.get(kind, 0) for kind in SellerKind.values}
    return Producers(by_kind, sum(found.values()))


@dataclass(frozen=True)
class ModernChannels:
    """selling: approved producers with at least one product listed today (the listing
    rule) and at least one order placed since the start of the day `RECENT_ORDER_DAYS` days
    ago (cancelled, expired, returned and draft orders excluded); producers: the OCOP
    producers of the scope. A listed product needs a valid certificate, so every selling
    producer is an OCOP producer."""

    selling: int
    producers: int

    @property
    def share(self) -> float | None:
        return share(self.selling, self.producers)


def recent_since(today: datetime.date) -> datetime.datetime:
    """Midnight, Vietnam time, `RECENT_ORDER_DAYS` days before `today`."""
    day = today - datetime.timedelta(days=RECENT_ORDER_DAYS)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def modern_channels(
    province_id: int | None,
    today: datetime.date,
    channel: Channel,
    moment: datetime.datetime,
    producers: int,
) -> ModernChannels:
    """One aggregate query (the denominator comes from `producers_by_kind`)."""
    listed = listable_products(channel, at=moment).filter(seller=OuterRef("pk"))
    ordered = Order.objects.filter(
        seller=OuterRef("pk"), created_at__gte=recent_since(today)
    ).exclude(status__in=NOT_SALES)
    selling = (
        sellers_of(province_id)
        .filter(status=SellerStatus.APPROVED)
        .filter(Exists(listed), Exists(ordered))
        .count()
    )
    return ModernChannels(selling, producers)


# --- Certificates to renew -------------------------------------------------------------------


@dataclass(frozen=True)
class CertificateHealth:
    """expiring_90 / expiring_180: valid certificates whose last valid day is at most 90 /
    180 days after `today` (the 180 include the 90); expired: certificates marked expired,
    or verified ones whose last valid day has passed (the nightly job not run yet);
    revoked: certificates revoked. Certificates, not products."""

    expiring_90: int
    expiring_180: int
    expired: int
    revoked: int


def certificate_health(province_id: int | None, today: datetime.date) -> CertificateHealth:
    """One aggregate query."""
    valid = valid_certificate_q(today)
    soon, later = (today + datetime.timedelta(days=d) for d in EXPIRING_SOON_DAYS)
    counted = certificates_of(province_id).aggregate(
        expiring_90=Count("pk", filter=valid & Q(valid_until__lte=soon)),
        expiring_180=Count("pk", filter=valid & Q(valid_until__lte=later)),
        expired=Count(
            "pk",
            filter=Q(status=CertificateStatus.EXPIRED)
            | Q(status=CertificateStatus.VERIFIED, valid_until__lt=today),
        ),
        revoked=Count("pk", filter=Q(status=CertificateStatus.REVOKED)),
    )
    return CertificateHealth(**{k: int(v or 0) for k, v in counted.items()})


@dataclass(frozen=True)
class PipelineItem:
    product: str
    producer: str
    province: str
    stars: int
    score: int
    valid_until: datetime.date


@dataclass(frozen=True)
class Pipeline:
    """Valid certificates below 5★ with a stored provincial score of 90 or more (a potential
    5★ for the ministry); certificates without a score are not counted. `items`: the first
    `PIPELINE_SHOWN`, highest score first."""

    count: int
    items: list[PipelineItem] = field(default_factory=list)


def five_star_pipeline(province_id: int | None, today: datetime.date) -> Pipeline:
    """Two queries: the count and the first items."""
    candidates = certificates_of(province_id).filter(
        valid_certificate_q(today), stars__lt=5, score__gte=POTENTIAL_FIVE_STAR_SCORE
    )
    first = candidates.select_related("product__seller__province").order_by(
        "-score", "valid_until", "pk"
    )[:PIPELINE_SHOWN]
    return Pipeline(
        count=candidates.count(),
        items=[
            PipelineItem(
                c.product.name,
                c.product.seller.stall_name,
                c.product.seller.province.name,
                c.stars,
                int(c.score or 0),
                c.valid_until,
            )
            for c in first
        ],
    )
