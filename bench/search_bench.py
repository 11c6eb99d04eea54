"""Search benchmark: bulk indexing throughput and query latency on generated products.

    .venv/bin/python -m bench.search_bench --products 100000

Generates N realistic OCOP products (product words × provinces × producers) as
`ProductSource` rows, without touching the database, then:

1. indexes them through our indexer (`search.indexer.bulk_index`: documents built from
   the sources, Vietnamese folding included) and, into a second index with the same
   mapping, the same prebuilt documents through a raw `elasticsearch.helpers.bulk`;
   reports both throughputs and their ratio;
2. runs a mix of storefront searches (accented, folded, upper-case, typo'd, old province
   names; with filters, sorts, facets, highlights and suggestions, i.e. the full
   `searchProducts` request) and reports p50/p95/p99 latency.

Prints a table and writes JSON to bench/results/. Uses ELASTICSEARCH_URL (or --es-url);
no database is needed.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import logging
import os
import platform
import random
import statistics
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import django
from django.conf import settings
from elasticsearch import helpers

from search.client import get_client
from search.documents import ProductSource, document_id, to_document
from search.indices import create_index, finish_building

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "results"


def _setup_django(es_url: str | None) -> None:
    """Settings need these variables; the benchmark never opens the database or broker."""
    if es_url:
        os.environ["ELASTICSEARCH_URL"] = es_url
    os.environ.setdefault("ELASTICSEARCH_URL", "http://127.0.0.1:9200")
    os.environ.setdefault("DATABASE_URL", "postgresql://bench@127.0.0.1:5432/unused")
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
    django.setup()
    # One INFO line per request would drown the table.
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)


# --- Catalogue generation -------------------------------------------------------------

# (product words, category path, typical price in đồng)
PRODUCTS: tuple[tuple[str, tuple[str, str], int], ...] = (
    ("Mật ong hoa ban", ("Thực phẩm", "Mật ong"), 350_000),
    ("Mật ong rừng", ("Thực phẩm", "Mật ong"), 420_000),
    ("Mật ong hoa nhãn", ("Thực phẩm", "Mật ong"), 280_000),
    ("Mật ong bạc hà", ("Thực phẩm", "Mật ong"), 390_000),
    ("Trà Shan tuyết cổ thụ", ("Thực phẩm", "Chè và trà"), 450_000),
    ("Trà xanh", ("Thực phẩm", "Chè và trà"), 180_000),
    ("Hồng trà", ("Thực phẩm", "Chè và trà"), 240_000),
    ("Chè búp", ("Thực phẩm", "Chè và trà"), 200_000),
    ("Chè đinh", ("Thực phẩm", "Chè và trà"), 1_200_000),
    ("Cà phê Robusta rang xay", ("Thực phẩm", "Cà phê"), 160_000),
    ("Cà phê Arabica", ("Thực phẩm", "Cà phê"), 260_000),
    ("Cà phê bột nguyên chất", ("Thực phẩm", "Cà phê"), 140_000),
    ("Nước mắm cá cơm", ("Thực phẩm", "Nước mắm và gia vị"), 120_000),
    ("Nước mắm nhĩ", ("Thực phẩm", "Nước mắm và gia vị"), 180_000),
    ("Mắm tôm", ("Thực phẩm", "Nước mắm và gia vị"), 60_000),
    ("Tương ớt", ("Thực phẩm", "Nước mắm và gia vị"), 45_000),
    ("Chẩm chéo", ("Thực phẩm", "Nước mắm và gia vị"), 55_000),
    ("Gạo thơm ST25", ("Thực phẩm", "Gạo"), 38_000),
    ("Gạo Séng Cù", ("Thực phẩm", "Gạo"), 35_000),
    ("Gạo nếp cái hoa vàng", ("Thực phẩm", "Gạo"), 45_000),
    ("Tỏi cô đơn", ("Thực phẩm", "Hạt và nông sản khô"), 300_000),
    ("Hạt điều rang muối", ("Thực phẩm", "Hạt và nông sản khô"), 260_000),
    ("Hạt mắc ca", ("Thực phẩm", "Hạt và nông sản khô"), 330_000),
    ("Thịt trâu gác bếp", ("Thực phẩm", "Thịt khô và đặc sản chế biến"), 850_000),
    ("Thịt bò khô", ("Thực phẩm", "Thịt khô và đặc sản chế biến"), 520_000),
    ("Lạp xưởng", ("Thực phẩm", "Thịt khô và đặc sản chế biến"), 220_000),
    ("Thịt dê", ("Thực phẩm", "Thịt khô và đặc sản chế biến"), 390_000),
    ("Dế chiên", ("Thực phẩm", "Thịt khô và đặc sản chế biến"), 180_000),
    ("Long nhãn sấy", ("Thực phẩm", "Trái cây"), 300_000),
    ("Vải thiều sấy", ("Thực phẩm", "Trái cây"), 150_000),
    ("Bưởi Năm Roi", ("Thực phẩm", "Trái cây"), 60_000),
    ("Xoài cát Hòa Lộc", ("Thực phẩm", "Trái cây"), 90_000),
    ("Yến sào tinh chế", ("Thực phẩm", "Yến sào"), 3_200_000),
    ("Yến chưng đường phèn", ("Thực phẩm", "Yến sào"), 420_000),
    ("Đường thốt nốt", ("Thực phẩm", "Đường và mật"), 70_000),
    ("Mật hoa dừa", ("Thực phẩm", "Đường và mật"), 150_000),
    ("Mứt gừng", ("Thực phẩm", "Bánh mứt"), 65_000),
    ("Bánh pía", ("Thực phẩm", "Bánh mứt"), 85_000),
    ("Rượu ngô men lá", ("Đồ uống", "Rượu đặc sản"), 250_000),
    ("Rượu Bàu Đá", ("Đồ uống", "Rượu đặc sản"), 180_000),
    ("Rượu sim", ("Đồ uống", "Rượu đặc sản"), 160_000),
    ("Tinh dầu tràm", ("Dược liệu", "Tinh dầu"), 120_000),
    ("Tinh dầu sả chanh", ("Dược liệu", "Tinh dầu"), 95_000),
    ("Cao dược liệu", ("Dược liệu", "Sản phẩm từ dược liệu"), 300_000),
    ("Sâm Ngọc Linh", ("Dược liệu", "Sản phẩm từ dược liệu"), 5_000_000),
    ("Khăn thổ cẩm dệt tay", ("Thủ công mỹ nghệ", "Dệt thổ cẩm"), 280_000),
    ("Túi thổ cẩm", ("Thủ công mỹ nghệ", "Dệt thổ cẩm"), 350_000),
    ("Khăn lụa tơ tằm", ("Thủ công mỹ nghệ", "Tơ lụa"), 650_000),
    ("Chăn bông tơ tằm", ("Thủ công mỹ nghệ", "Tơ lụa"), 4_000_000),
    ("Bộ ấm chén men lam", ("Thủ công mỹ nghệ", "Gốm sứ"), 900_000),
    ("Bình gốm men rạn", ("Thủ công mỹ nghệ", "Gốm sứ"), 1_500_000),
    ("Nón lá bài thơ", ("Thủ công mỹ nghệ", "Nón lá"), 120_000),
    ("Giỏ mây tre đan", ("Thủ công mỹ nghệ", "Mây tre đan"), 180_000),
    ("Du lịch cộng đồng", ("Du lịch trải nghiệm", "Du lịch cộng đồng"), 450_000),
)
QUALIFIERS = (
    "",
    "",
    "hữu cơ",
    "đặc biệt",
    "loại 1",
    "hộp quà",
    "truyền thống",
    "nguyên chất",
    "thượng hạng",
    "túi 500g",
    "chai 500ml",
)
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Lò", "Lường")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Hà", "Hương", "Lan", "Minh", "Thắng", "Thu", "Yến")
KINDS = (("HTX", "Hợp tác xã"), ("THT", "Tổ hợp tác"), ("DN", "Công ty TNHH"), ("HKD", "Hộ"))
VILLAGES = (
    "Mường Phăng",
    "Phìn Hồ",
    "Tả Sìn Thàng",
    "Bản Lác",
    "Bát Tràng",
    "Lý Sơn",
    "Tri Tôn",
    "Cồn Chim",
    "Tân Cương",
    "Lục Ngạn",
    "Phong Điền",
    "Tây Hồ",
    "Mỹ Đức",
    "Mai Châu",
    "Bảy Núi",
    "Cù Lâm",
)
DESCRIPTIONS = (
    "{product} của {producer}, sản xuất tại {village}, tỉnh {province}. Đạt chứng nhận OCOP "
    "{stars} sao, được người tiêu dùng tin dùng.",
    "Đặc sản {province}: {product} làm theo công thức truyền thống của bà con {village}.",
    "{product} đóng gói cẩn thận, thích hợp làm quà biếu. "
    "Sản phẩm OCOP {stars} sao của {province}.",
)


@dataclass
class Province:
    code: str
    name: str
    legacy: list[str]


def load_provinces() -> list[Province]:
    data = ROOT / "places" / "data"
    with open(data / "provinces.csv", encoding="utf-8") as f:
        provinces = {
            row["code"]: Province(row["code"], row["name"], []) for row in csv.DictReader(f)
        }
    with open(data / "legacy_provinces.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            target = provinces[row["new_province_code"]]
            if row["name"] != target.name:
                target.legacy.append(row["name"])
    return list(provinces.values())


def generate(count: int, seed: int = 2027) -> list[Any]:
    rng = random.Random(seed)
    provinces = load_provinces()
    categories: dict[tuple[str, ...], int] = {}
    for _, path, _ in PRODUCTS:
        for depth in (1, 2):
            categories.setdefault(path[:depth], len(categories) + 1)
    producers = []
    for n in range(max(count // 8, 50)):
        kind, title = rng.choice(KINDS)
        village = rng.choice(VILLAGES)
        person = f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}"
        name = f"{title} {village}" if kind in ("HTX", "THT") else f"{title} {person}"
        producers.append((n + 1, kind, name, village, rng.choice(provinces)))
    now = datetime.datetime.now(datetime.UTC)
    sources = []
    for pk in range(1, count + 1):
        product, path, price = rng.choice(PRODUCTS)
        seller_id, kind, producer, village, province = rng.choice(producers)
        qualifier = rng.choice(QUALIFIERS)
        place = rng.choice((province.name, village))
        name = " ".join(part for part in (product, qualifier, place) if part)
        stars = rng.choices((3, 4, 5), weights=(55, 38, 7))[0]
        low = int(price * rng.uniform(0.7, 1.3)) // 1000 * 1000
        description = rng.choice(DESCRIPTIONS).format(
            product=product, producer=producer, village=village, province=province.name, stars=stars
        )
        sources.append(
            ProductSource(
                product_id=pk,
                channel="default-channel",
                slug=f"bench-{pk}",
                name=name,
                description=description,
                story=f"{producer} ở {village}, {province.name}.",
                category_ids=[categories[path[:1]], categories[path]],
                category_names=list(path),
                seller_id=seller_id,
                seller_slug=f"seller-{seller_id}",
                seller_kind=kind,
                seller_name=producer,
                province_code=province.code,
                province_name=province.name,
                legacy_province_names=province.legacy,
                stars=stars,
                price_min=low,
                price_max=low + rng.choice((0, 0, 50_000, 150_000)),
                in_stock=rng.random() < 0.9,
                certificate_valid_until=(
                    now + datetime.timedelta(days=rng.randint(1, 1000))
                ).date(),
                rating=round(rng.uniform(3.5, 5.0), 1),
                popularity=int(rng.paretovariate(1.2) * 10),
                live_now=rng.random() < 0.01,
                featured=rng.random() < 0.03,
                created_at=now - datetime.timedelta(days=rng.randint(0, 900)),
            )
        )
    return sources


# --- Queries ----------------------------------------------------------------------------

QUERIES = (
    "mật ong",
    "mat ong",
    "MẬT ONG RỪNG",
    "mat ong hoa ban dien bien",
    "trà shan tuyết",
    "tra shan tuyet",
    "ca phe robusta",
    "cà phê arabica sơn la",
    "nuoc mam phu quoc",
    "nuoc mam phu quco",
    "gao st25",
    "gạo thơm",
    "tỏi lý sơn",
    "toi ly son",
    "thit trau gac bep",
    "yen sao",
    "duong thot not",
    "ĐƯỜNG THỐT NỐT",
    "khan tho cam",
    "chăn bông tơ tằm",
    "hà giang",
    "trà hà giang",
    "kien giang",
    "dê",
    "dế",
    "banh pia",
    "ruou ngo",
    "tinh dau tram",
    "bát tràng",
    "qua tet",
    "mat ong rung",
    "ca phe bot",
    "hat dieu",
    "long nhan",
    "mứt gừng",
    "sam ngoc linh",
    "",
)


def query_mix(count: int, provinces: list[Province], seed: int = 7) -> list[dict[str, Any]]:
    # Imports models: only once this script has run django.setup().
    from search.params import PRICE_RANGES, SortField

    rng = random.Random(seed)
    mix = []
    for _ in range(count):
        filters: dict[str, Any] = {}
        roll = rng.random()
        if roll < 0.25:
            filters["stars"] = (rng.choice((4, 5)),)
        elif roll < 0.45:
            filters["province_codes"] = (rng.choice(provinces).code,)
        elif roll < 0.6:
            price = rng.choice(PRICE_RANGES)
            filters["price_gte"], filters["price_lte"] = price.gte, price.lte
        elif roll < 0.7:
            filters["in_stock"] = True
        sort = rng.choices(list(SortField), weights=(70, 12, 8, 6, 4))[0]
        page = rng.choices((0, 1, 2), weights=(80, 15, 5))[0]
        mix.append({"query": rng.choice(QUERIES), "filters": filters, "sort": sort, "page": page})
    return mix


# --- Measurements -----------------------------------------------------------------------


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    rank = (len(ordered) - 1) * pct / 100
    low, high = int(rank), min(int(rank) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def index_ours(sources: list[Any], index: str, chunk_size: int) -> float:
    # Imports models: only once this script has run django.setup().
    from search.indexer import bulk_index

    create_index(index, building=True)
    started = time.perf_counter()
    for _ in bulk_index(sources, index, chunk_size=chunk_size):
        pass
    seconds = time.perf_counter() - started
    finish_building(index)
    return seconds


def index_raw(docs: list[tuple[str, dict[str, Any]]], index: str) -> float:
    create_index(index, building=True)
    client = get_client().options(request_timeout=120)
    started = time.perf_counter()
    helpers.bulk(client, ({"_index": index, "_id": i, "_source": d} for i, d in docs))
    seconds = time.perf_counter() - started
    finish_building(index)
    return seconds


def run_queries(index: str, mix: list[dict[str, Any]], warmup: int) -> dict[str, Any]:
    # Imports models: only once this script has run django.setup().
    from catalog.models import Channel
    from search.es_search import run_search
    from search.params import SearchFilters, SearchParams

    client = get_client().options(request_timeout=30)
    channel = Channel(slug="default-channel", name="Default")  # never saved
    timings: list[float] = []
    by_kind: dict[str, list[float]] = {"strict": [], "typo-tolerant": [], "browse": []}
    hits = 0
    for n, item in enumerate(mix):
        params = SearchParams(
            query=item["query"],
            channel=channel,
            filters=SearchFilters(**item["filters"]),
            sort=item["sort"],
            offset=item["page"] * 20,
            limit=20,
        )
        started = time.perf_counter()
        result = run_search(client, index, params)
        elapsed = (time.perf_counter() - started) * 1000
        if n < warmup:
            continue
        timings.append(elapsed)
        hits += 1 if result.total else 0
        kind = "browse" if not item["query"] else "typo-tolerant" if result.fuzzy else "strict"
        by_kind[kind].append(elapsed)

    def summary(values: list[float]) -> dict[str, float]:
        return {
            "count": len(values),
            "p50_ms": round(percentile(values, 50), 2),
            "p95_ms": round(percentile(values, 95), 2),
            "p99_ms": round(percentile(values, 99), 2),
            "mean_ms": round(statistics.fmean(values), 2) if values else 0.0,
        }

    return {
        "all": summary(timings),
        **{kind: summary(values) for kind, values in by_kind.items() if values},
        "queries_with_results": hits,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.search_bench", description=__doc__.split("\n")[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=600)
    parser.add_argument("--warmup", type=int, default=60)
    parser.add_argument("--chunk-size", type=int, default=1000)
    parser.add_argument("--es-url", default=None, help="default: $ELASTICSEARCH_URL")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark indices")
    args = parser.parse_args(argv)
    _setup_django(args.es_url)

    prefix = f"bench-{uuid.uuid4().hex[:8]}"
    ours_index = f"{prefix}-products-ours"
    raw_index = f"{prefix}-products-raw"
    client = get_client().options(request_timeout=120)
    print(f"[bench] Elasticsearch {settings.ELASTICSEARCH_URL}, {args.products:,} products")
    try:
        started = time.perf_counter()
        sources = generate(args.products)
        generated = time.perf_counter() - started
        started = time.perf_counter()
        docs = [(document_id(s.product_id, s.channel), to_document(s)) for s in sources]
        built = time.perf_counter() - started
        print(f"[bench] generated in {generated:.1f} s, documents built in {built:.1f} s")

        # Warm the cluster up so neither contestant pays for a cold JVM.
        index_raw(docs[:2000], f"{prefix}-warmup")
        client.indices.delete(index=f"{prefix}-warmup")

        ours = index_ours(sources, ours_index, args.chunk_size)
        print(f"[bench] our indexer:       {args.products / ours:,.0f} docs/s ({ours:.1f} s)")
        raw = index_raw(docs, raw_index)
        print(f"[bench] raw helpers.bulk:  {args.products / raw:,.0f} docs/s ({raw:.1f} s)")
        client.indices.delete(index=raw_index)
        count = int(client.count(index=ours_index)["count"])
        assert count == args.products, f"indexed {count} of {args.products}"

        mix = query_mix(args.queries + args.warmup, load_provinces())
        latency = run_queries(ours_index, mix, args.warmup)
    finally:
        if not args.keep:
            names = ",".join(client.indices.get(index=f"{prefix}-*").keys())
            if names:
                client.indices.delete(index=names)

    report = {
        "benchmark": "search",
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "products": args.products,
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
        "elasticsearch": settings.ELASTICSEARCH_URL,
        "indexing": {
            "ours_docs_per_s": round(args.products / ours),
            "ours_seconds": round(ours, 2),
            "raw_docs_per_s": round(args.products / raw),
            "raw_seconds": round(raw, 2),
            "ours_vs_raw": round(raw / ours, 3),
            "chunk_size_ours": args.chunk_size,
            "chunk_size_raw": 500,
            "document_build_seconds": round(built, 2),
        },
        "search": latency,
    }
    print()
    print(f"{'':28}{'value':>14}")
    print(f"{'indexing, our indexer':28}{report['indexing']['ours_docs_per_s']:>10,} /s")
    print(f"{'indexing, raw bulk':28}{report['indexing']['raw_docs_per_s']:>10,} /s")
    print(f"{'ours ÷ raw throughput':28}{report['indexing']['ours_vs_raw']:>12.2f}")
    print()
    print(f"{'search latency (ms)':22}{'count':>7}{'p50':>9}{'p95':>9}{'p99':>9}{'mean':>9}")
    for kind in ("all", "strict", "typo-tolerant", "browse"):
        if kind in latency:
            row = latency[kind]
            print(
                f"{kind:22}{row['count']:>7}{row['p50_ms']:>9.1f}{row['p95_ms']:>9.1f}"
                f"{row['p99_ms']:>9.1f}{row['mean_ms']:>9.1f}"
            )
    print(f"queries with results: {latency['queries_with_results']}/{latency['all']['count']}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"search-{args.products}-{stamp}.json"
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\n[bench] wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
