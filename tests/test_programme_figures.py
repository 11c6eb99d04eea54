"""The programme dashboard's figures (programme/): each equals an independent SQL count on
the same data, for a province, for another province and for the whole country."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from places.models import Province
from programme.certified import _named_legacy
from programme.figures import programme_figures
from tests import factories
from tests.helpers.programme import AN_GIANG, DIEN_BIEN, programme_world

pytestmark = pytest.mark.django_db

SCOPE = "(%(p)s::int IS NULL OR s.province_id = %(p)s)"
VALID = (
    "c.status = 'verified' AND c.stars >= 3 AND c.decision_date <= %(today)s "
    "AND c.valid_until >= %(today)s"
)
CERTS = (
    "FROM catalog_ocopcertificate c JOIN catalog_product p ON p.id = c.product_id "
    "JOIN sellers_seller s ON s.id = p.seller_id"
)
LISTED = (
    """
  EXISTS (SELECT 1 FROM catalog_productchannellisting pl WHERE pl.product_id = p.id
          AND pl.channel_id = %(ch)s AND pl.is_published
          AND (pl.published_at IS NULL OR pl.published_at <= now()))
  AND EXISTS (SELECT 1 FROM catalog_productvariant v
              JOIN catalog_productvariantchannellisting vl ON vl.variant_id = v.id
              WHERE v.product_id = p.id AND vl.channel_id = %(ch)s AND vl.price_amount > 0)
  AND EXISTS (SELECT 1 FROM catalog_ocopcertificate c WHERE c.product_id = p.id AND """
    + VALID
    + """)
  AND s.status = 'approved' AND s.is_active"""
)
SALES = (
    """FROM orders_orderline l JOIN orders_order o ON o.id = l.order_id
  JOIN sellers_seller s ON s.id = o.seller_id
  WHERE o.status NOT IN ('draft', 'canceled', 'expired', 'returned')
  AND o.created_at >= %(since)s AND """
    + SCOPE
)


def sql(query: str, **params: Any) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return list(cursor.fetchall())


def one(query: str, **params: Any) -> Any:
    return sql(query, **params)[0][0]


def _params(province_id: int | None) -> dict[str, Any]:
    today = timezone.localdate()
    month = today.year * 12 + today.month - 1 - 11
    since = timezone.make_aware(datetime.datetime(month // 12, month % 12 + 1, 1))
    return {
        "p": province_id,
        "today": today,
        "ch": factories.channel().pk,
        "since": since,
        "recent": timezone.make_aware(
            datetime.datetime.combine(today - datetime.timedelta(days=90), datetime.time.min)
        ),
    }


def _assert_figures_equal_sql(province_id: int | None) -> None:
    params = _params(province_id)
    today, year = params["today"], params["today"].year
    figures = programme_figures(province_id, today, factories.channel())
    certified = figures.certified

    def products(condition: str) -> int:
        return int(
            one(
                f"SELECT count(DISTINCT c.product_id) {CERTS} WHERE {SCOPE} AND {condition}",
                **params,
            )
        )

    awarded = "c.status IN ('verified', 'expired') AND c.stars >= 3"
    # certified products by stars, this year, last year, valid now
    for row in certified.by_stars:
        stars = f"c.stars = {int(row.key)}"
        assert row.this_year == products(
            f"{awarded} AND {stars} AND extract(year FROM c.decision_date) = {year}"
        )
        assert row.last_year == products(
            f"{awarded} AND {stars} AND extract(year FROM c.decision_date) = {year - 1}"
        )
        assert row.valid_now == products(f"{VALID} AND {stars}")
    assert certified.total.this_year == products(
        f"{awarded} AND extract(year FROM c.decision_date) = {year}"
    )
    assert certified.total.last_year == products(
        f"{awarded} AND extract(year FROM c.decision_date) = {year - 1}"
    )
    assert certified.total.valid_now == products(VALID)
    # by product group (a certificate without one: "")
    by_group = {
        code or "": (int(this), int(last), int(valid))
        for code, this, last, valid in sql(
            f"""SELECT g.code,
                  count(DISTINCT c.product_id) FILTER (WHERE {awarded}
                    AND extract(year FROM c.decision_date) = {year}),
                  count(DISTINCT c.product_id) FILTER (WHERE {awarded}
                    AND extract(year FROM c.decision_date) = {year - 1}),
                  count(DISTINCT c.product_id) FILTER (WHERE {VALID})
                {CERTS} LEFT JOIN catalog_productgroup g ON g.id = c.product_group_id
                WHERE {SCOPE} GROUP BY g.code""",
            **params,
        )
    }
    shown = {r.key: (r.this_year, r.last_year, r.valid_now) for r in certified.by_group}
    for code, counts in by_group.items():
        if counts != (0, 0, 0):
            assert shown[code] == counts, code
    assert sum(v for r in shown.values() for v in r) == sum(v for r in by_group.values() for v in r)
    # listed on the marketplace
    assert certified.listed == one(
        f"SELECT count(*) FROM catalog_product p JOIN sellers_seller s ON s.id = p.seller_id "
        f"WHERE {SCOPE} AND {LISTED}",
        **params,
    )
    # producers by type: holding a valid certificate
    kinds = dict(
        sql(
            f"SELECT s.kind, count(*) FROM sellers_seller s WHERE {SCOPE} AND EXISTS "
            f"(SELECT 1 {CERTS.replace('JOIN sellers_seller s ON s.id = p.seller_id', '')} "
            f"WHERE p.seller_id = s.id AND {VALID}) GROUP BY s.kind",
            **params,
        )
    )
    assert {k: n for k, n in figures.producers.by_kind.items() if n} == kinds
    assert figures.producers.total == sum(kinds.values())
    # selling on modern channels: approved, a listed product, an order in the last 90 days
    selling = one(
        f"""SELECT count(*) FROM sellers_seller s WHERE {SCOPE} AND s.status = 'approved'
        AND EXISTS (SELECT 1 FROM catalog_product p WHERE p.seller_id = s.id AND {LISTED})
        AND EXISTS (SELECT 1 FROM orders_order o WHERE o.seller_id = s.id
          AND o.created_at >= %(recent)s
          AND o.status NOT IN ('draft', 'canceled', 'expired', 'returned'))""",
        **params,
    )
    assert (figures.modern_channels.selling, figures.modern_channels.producers) == (
        selling,
        sum(kinds.values()),
    )
    # certificates to renew
    health = sql(
        f"""SELECT
          count(*) FILTER (WHERE {VALID} AND c.valid_until <= %(today)s + 90),
          count(*) FILTER (WHERE {VALID} AND c.valid_until <= %(today)s + 180),
          count(*) FILTER (WHERE c.status = 'expired'
            OR (c.status = 'verified' AND c.valid_until < %(today)s)),
          count(*) FILTER (WHERE c.status = 'revoked'),
          count(*) FILTER (WHERE {VALID} AND c.stars < 5 AND c.score >= 90)
        {CERTS} WHERE {SCOPE}""",
        **params,
    )[0]
    h = figures.certificates
    assert (h.expiring_90, h.expiring_180, h.expired, h.revoked, figures.pipeline.count) == health
    # sales by month (Viet Nam time), totals, top products and producers
    months = {
        month.strftime("%Y-%m"): (orders, units, revenue)
        for month, orders, units, revenue in sql(
            f"""SELECT date_trunc('month', o.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh'),
              count(DISTINCT o.id), sum(l.quantity), sum(l.total_price_amount)
            {SALES} GROUP BY 1""",
            **params,
        )
    }
    shown_months = {r.key: (r.orders, r.units, r.revenue) for r in figures.sales.by_month}
    assert {k: v for k, v in shown_months.items() if v != (0, 0, 0)} == months
    total = sql(
        f"SELECT count(DISTINCT o.id), coalesce(sum(l.quantity), 0), "
        f"coalesce(sum(l.total_price_amount), 0) {SALES}",
        **params,
    )[0]
    s = figures.sales.total
    assert (s.orders, s.units, s.revenue) == total
    top_producers = sql(
        f"SELECT s.stall_name, count(DISTINCT o.id), sum(l.quantity), sum(l.total_price_amount) "
        f"{SALES} GROUP BY s.id, s.stall_name ORDER BY 4 DESC, s.id LIMIT 10",
        **params,
    )
    assert [
        (r.name, r.orders, r.units, r.revenue) for r in figures.sales.top_producers
    ] == top_producers
    top_products = sql(
        f"""SELECT p.name, count(DISTINCT o.id), sum(l.quantity), sum(l.total_price_amount)
        {
            SALES.replace(
                "WHERE",
                "JOIN catalog_productvariant v ON v.id = l.variant_id "
                "JOIN catalog_product p ON p.id = v.product_id WHERE",
                1,
            )
        }
        GROUP BY p.id, p.name ORDER BY 4 DESC, p.id LIMIT 10""",
        **params,
    )
    assert [
        (r.name, r.orders, r.units, r.revenue) for r in figures.sales.top_products
    ] == top_products
    # livestream results: confirmed claims of the scope's producers
    live = sql(
        """SELECT count(DISTINCT ls.id),
          count(DISTINCT cl.order_id) FILTER (WHERE cl.order_id <> '')
            + count(*) FILTER (WHERE cl.order_id = ''),
          coalesce(sum(cl.quantity), 0), coalesce(sum(cl.quantity * cl.unit_price), 0)
        FROM livestream_liveofferclaim cl JOIN livestream_liveoffer lo ON lo.id = cl.offer_id
        JOIN livestream_livestream ls ON ls.id = lo.livestream_id
        JOIN sellers_seller s ON s.id = lo.seller_id
        WHERE cl.status = 'confirmed' AND ls.starts_at >= %(since)s AND """
        + SCOPE,
        **params,
    )[0]
    t = figures.sales.live_total
    assert (figures.sales.live_session_count, t.orders, t.units, t.revenue) == live


def test_it_counts_every_figure_as_sql_does_for_a_province(db: Any) -> None:
    # given every case in Điện Biên and a few in An Giang
    programme_world()
    # then Điện Biên's figures equal the SQL counts
    _assert_figures_equal_sql(Province.objects.get(code=DIEN_BIEN).pk)


def test_it_counts_every_figure_as_sql_does_for_another_province_and_the_country(
    db: Any,
) -> None:
    # given the same data
    programme_world()
    # then An Giang's and the national figures equal the SQL counts too
    _assert_figures_equal_sql(Province.objects.get(code=AN_GIANG).pk)
    _assert_figures_equal_sql(None)


@pytest.mark.parametrize(
    "code", [DIEN_BIEN, AN_GIANG, None], ids=["Điện Biên", "An Giang", "national"]
)
def test_it_counts_the_demo_catalogue_as_sql_does(demo_catalog: None, code: str | None) -> None:
    # given the demo catalogue (its orders, its livestream claims, its old-province issuers)
    province_id = Province.objects.get(code=code).pk if code else None
    # then every figure equals the SQL count
    _assert_figures_equal_sql(province_id)


def test_it_tells_each_case_apart_with_exact_figures(db: Any) -> None:
    # given every case in Điện Biên
    world = programme_world()
    dien_bien = Province.objects.get(code=DIEN_BIEN)
    # when its figures are read
    f = programme_figures(dien_bien.pk, timezone.localdate(), factories.channel())
    # then the certificates expiring at 89 days count in both, at 91 and 179 in 180 only, at
    # 181 in neither; past-its-day verified and marked expired count as expired
    assert (f.certificates.expiring_90, f.certificates.expiring_180) == (1, 3)
    assert (f.certificates.expired, f.certificates.revoked) == (2, 1)
    # and the producers are those holding a valid certificate: HTX ×2 (one inactive), DN,
    # THT (not approved yet); the household's certificates all lapsed
    assert f.producers.by_kind == {"HTX": 2, "THT": 1, "DN": 1, "HKD": 0}
    assert (f.producers.cooperative_share, f.producers.enterprise_share) == (0.5, 0.25)
    # and only the cooperative with a listed product and a recent order sells
    assert (f.modern_channels.selling, f.modern_channels.producers) == (1, 4)
    # and the pipeline holds the 4★ scored 92, not the 5★ (95) nor the 89
    assert f.pipeline.count == 1
    assert [i.product for i in f.pipeline.items] == [world["selling"].name]
    # and the cancelled order is no sale: 2 + 3 units, 1 + 1 orders, plus the waiting and
    # inactive producers' orders (2 each) and the order of 120 days ago
    assert (f.sales.total.orders, f.sales.total.units) == (5, 11)
    # and the live results count the confirmed claims: 2 orders (one without an id), 3 units
    assert (f.sales.live_total.orders, f.sales.live_total.units) == (2, 3)
    # and Điện Biên did not merge: no pre-2025 table; An Giang's names Kiên Giang
    assert f.legacy == []
    an_giang = programme_figures(
        Province.objects.get(code=AN_GIANG).pk, timezone.localdate(), factories.channel()
    )
    assert [(r.legacy, r.certificates) for r in an_giang.legacy] == [
        ("An Giang", 1),
        ("Kiên Giang", 1),
        ("", 1),
    ]


def test_it_reads_the_former_province_in_the_issuer_by_whole_words() -> None:
    # given the former provinces of a merged province, longest first
    candidates = [("ha nam ninh", "Hà Nam Ninh"), ("ha nam", "Hà Nam")]
    # then each issuer names the right one, or none
    assert _named_legacy("UBND tỉnh Hà Nam", candidates) == "Hà Nam"
    assert _named_legacy("UBND TỈNH HÀ NAM NINH", candidates) == "Hà Nam Ninh"
    assert _named_legacy("UBND tỉnh Hà Namđịnh", candidates) == ""
    assert _named_legacy("Bộ Nông nghiệp", candidates) == ""


def test_it_costs_the_same_queries_whatever_the_number_of_rows(db: Any) -> None:
    # given the figures of a small world
    programme_world()
    province = Province.objects.get(code=DIEN_BIEN).pk
    channel = factories.channel()
    with CaptureQueriesContext(connection) as few:
        programme_figures(province, timezone.localdate(), channel)
    # when the world doubles
    programme_world()
    with CaptureQueriesContext(connection) as many:
        programme_figures(province, timezone.localdate(), channel)
    # then the figures cost the same number of queries
    assert len(many) == len(few) == 17
