"""Our GraphQL API and a running Saleor side by side: the same documents, the same client,
interleaved requests.

    .venv/bin/python -m bench.saleor_side_by_side --saleor-url http://127.0.0.1:8001/graphql/

Ours is started here: a scratch database next to DATABASE_URL's (`<name>_saleor_side`,
migrated, the demo catalogue loaded, dropped at the end) served by `ocop serve`'s web
process (gunicorn, uvicorn workers, `--workers 2` by default) on `--port`. Saleor is
whatever answers at `--saleor-url` (its own server and PostgreSQL; see bench/README.md),
waited for up to `--wait` seconds. Without `--saleor-url` ours is measured alone, and the
output says so. Ours runs without its per-request access log, as Saleor's image does.

Per operation (documents a storefront sends: the product list with pricing, thumbnail and
category; the product page by slug with its variants; the list with `search: "mat ong"`,
which Saleor's English demo catalogue answers with an empty page; and, like for like, the
list searching a word each catalogue answers with a few hits: "mat ong" on ours, 3 honey
products, and `--saleor-search` on Saleor's, "juice" by default, 4 juices):

- latency: one client, one request at a time, the two servers in turn (the first of each
  pair alternating), `--requests` measured per operation and server after `--warmup`;
  p50, p95 and the ratio ours ÷ Saleor of the medians;
- throughput: `--concurrency` clients at once on one server, in blocks alternating between
  the servers; req/s.

With `--flows N` (default 100; 0 skips it), also the checkout flow a shopper runs:
checkoutCreate (one line, an address) → checkoutDeliveryMethodUpdate (the first shipping
method) → checkoutComplete, unpaid (our cash on delivery; Saleor's channel must allow
unpaid orders); each flow buys one unit of a deliverable variant in stock, and fewer flows
run when a catalogue has fewer units. Prints a table and writes
bench/results/saleor-side-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import connection
from django.test.utils import setup_test_environment, teardown_test_environment

from bench.graphql_timing import (
    Call,
    Connection,
    GraphQLError,
    Server,
    interleaved,
    table,
    throughput,
)
from bench.pages_bench import _drop_indices, _reindex, _setup_django

RESULTS = Path(__file__).resolve().parent / "results"
CHANNEL = "default-channel"
SEARCH = "mat ong"

# What a storefront's product card reads (Saleor's storefront: ProductListItem).
CARD = """id name slug
  pricing { onSale priceRange { start { gross { amount currency } }
                                stop { gross { amount currency } } } }
  category { id name }
  thumbnail(size: 1024, format: WEBP) { url alt }"""
LIST = f"""query ProductList($channel: String!, $first: Int!, $search: String) {{
  products(first: $first, channel: $channel, search: $search) {{
    edges {{ node {{ {CARD} }} }}
    pageInfo {{ hasNextPage endCursor }}
  }}
}}"""
DETAIL = f"""query ProductDetails($slug: String!, $channel: String!) {{
  product(slug: $slug, channel: $channel) {{
    {CARD} description seoTitle seoDescription
    variants {{ id name quantityAvailable
               pricing {{ price {{ gross {{ amount currency }} }} }} }}
  }}
}}"""
ERRORS = "errors { field code message }"
CHECKOUT_CREATE = f"""mutation CheckoutCreate($input: CheckoutCreateInput!) {{
  checkoutCreate(input: $input) {{
    checkout {{ id shippingMethods {{ id }} totalPrice {{ gross {{ amount currency }} }} }}
    {ERRORS}
  }}
}}"""
DELIVERY = f"""mutation Delivery($id: ID!, $method: ID!) {{
  checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $method) {{
    checkout {{ id totalPrice {{ gross {{ amount currency }} }} }} {ERRORS}
  }}
}}"""
COMPLETE = f"""mutation Complete($id: ID!) {{
  checkoutComplete(id: $id) {{ order {{ id number total {{ gross {{ amount }} }} }} {ERRORS} }}
}}"""
# An address each catalogue ships to: a Vietnamese one for ours, a US one for Saleor's demo.
OUR_ADDRESS = {
    "firstName": "An",
    "lastName": "Nguyễn",
    "streetAddress1": "12 Trần Phú",
    "city": "Điện Biên Phủ",
    "countryArea": "Điện Biên",
    "country": "VN",
    "phone": "0912345678",
}
SALEOR_ADDRESS = {
    "firstName": "Ann",
    "lastName": "Lee",
    "streetAddress1": "1600 Amphitheatre Pkwy",
    "city": "Mountain View",
    "postalCode": "94043",
    "countryArea": "CA",
    "country": "US",
    "phone": "+16505550100",
}


# --- Operations ----------------------------------------------------------------------------


def operations(server: Server) -> dict[str, Callable[[Connection, int], Any]]:
    """Read operations: name → (connection, i-th call) → the request."""

    def product_list(conn: Connection, i: int) -> Any:
        return conn.post(LIST, {"channel": CHANNEL, "first": 24})

    def product_detail(conn: Connection, i: int) -> Any:
        return conn.post(DETAIL, {"channel": CHANNEL, "slug": server.slugs[i % len(server.slugs)]})

    def search(conn: Connection, i: int) -> Any:
        return conn.post(LIST, {"channel": CHANNEL, "first": 24, "search": SEARCH})

    def own_search(conn: Connection, i: int) -> Any:
        return conn.post(LIST, {"channel": CHANNEL, "first": 24, "search": server.own_search})

    return {
        "products(first: 24) list": product_list,
        "product detail (by slug)": product_detail,
        f'products(search: "{SEARCH}")': search,
        "search with hits (own word)": own_search,
    }


def wait_for(server: Server, seconds: float) -> None:
    """Until the server lists a product (Saleor may still be starting)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if server.connect().post(LIST, {"channel": CHANNEL, "first": 1})["products"]["edges"]:
                return
            raise GraphQLError(f"no product in {CHANNEL} yet")
        except (OSError, GraphQLError) as exc:
            if time.monotonic() > deadline:
                raise SystemExit(f"{server.name} does not answer at {server.url}: {exc}") from exc
            time.sleep(5)


def discover(server: Server) -> None:
    """The slugs the detail pages rotate over and the variants the checkouts buy."""
    conn = server.connect()
    listed = conn.post(LIST, {"channel": CHANNEL, "first": 24})["products"]["edges"]
    server.slugs = [edge["node"]["slug"] for edge in listed]
    if not server.slugs:
        raise SystemExit(f"{server.name}: products(first: 24) is empty in {CHANNEL}")
    stocked: list[tuple[int, str]] = []
    for slug in server.slugs:
        product = conn.post(DETAIL, {"channel": CHANNEL, "slug": slug})["product"]
        for variant in product["variants"] or []:
            if (variant["quantityAvailable"] or 0) > 0 and variant["pricing"]:
                stocked.append((variant["quantityAvailable"], variant["id"]))
    # Only what can be delivered to this address (some sellers have no method for a heavy
    # product): one probe checkout each, left unfinished.
    # (less the unit a probe may hold, where a checkout reserves stock)
    deliverable = [(n - 1, vid) for n, vid in stocked if n > 1 and _create(server, conn, vid, 0)[1]]
    server.variants = units_in_turn(deliverable)
    found = conn.post(LIST, {"channel": CHANNEL, "first": 24, "search": SEARCH})
    server.search_hits = len(found["products"]["edges"])
    own = conn.post(LIST, {"channel": CHANNEL, "first": 24, "search": server.own_search})
    server.own_search_hits = len(own["products"]["edges"])
    if not server.own_search_hits:
        raise SystemExit(f'{server.name}: "{server.own_search}" finds nothing in {CHANNEL}')


def units_in_turn(stocked: list[tuple[int, str]]) -> list[str]:
    """One entry per unit in stock, the variants taking turns, so the i-th checkout buys the
    i-th entry and none is bought beyond its stock."""
    left = dict((vid, units) for units, vid in stocked)
    turns: list[str] = []
    while left:
        for vid in list(left):
            turns.append(vid)
            left[vid] -= 1
            if not left[vid]:
                del left[vid]
    return turns


def _create(server: Server, conn: Connection, variant: str, i: int) -> tuple[str, list[str]]:
    """checkoutCreate of one unit: the checkout's id and its shipping methods' ids."""
    created = conn.post(
        CHECKOUT_CREATE,
        {
            "input": {
                "channel": CHANNEL,
                "email": f"bench{i}@example.com",
                "lines": [{"variantId": variant, "quantity": 1}],
                "shippingAddress": server.address,
                "billingAddress": server.address,
            }
        },
    )["checkoutCreate"]
    _no_errors(server, "checkoutCreate", created)
    checkout = created["checkout"]
    return checkout["id"], [method["id"] for method in checkout["shippingMethods"]]


def checkout_flow(server: Server, conn: Connection, i: int) -> None:
    """create → delivery method → complete; raises if any step reports errors."""
    checkout, methods = _create(server, conn, server.variants[i], i)
    delivered = conn.post(DELIVERY, {"id": checkout, "method": methods[0]})
    _no_errors(server, "checkoutDeliveryMethodUpdate", delivered["checkoutDeliveryMethodUpdate"])
    done = conn.post(COMPLETE, {"id": checkout})["checkoutComplete"]
    _no_errors(server, "checkoutComplete", done)


def _no_errors(server: Server, step: str, payload: dict[str, Any]) -> None:
    if payload["errors"]:
        raise GraphQLError(f"{server.name}: {step}: {payload['errors']}")


def read_calls(servers: list[Server]) -> dict[str, Call]:
    """The read operations, each a call taking the server (its slugs differ)."""
    by_server = {s.name: operations(s) for s in servers}

    def call_of(op: str) -> Call:
        def call(server: Server, conn: Connection, i: int) -> Any:
            return by_server[server.name][op](conn, i)

        return call

    return {op: call_of(op) for op in by_server[servers[0].name]}


# --- Our server ----------------------------------------------------------------------------


def _scratch_url(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


@contextlib.contextmanager
def our_server(port: int, workers: int, elasticsearch: bool) -> Iterator[str]:
    """Our API on the demo catalogue in a scratch database; yields its GraphQL URL."""
    broker = os.environ.get("CELERY_BROKER_URL", "")
    backend = _setup_django(elasticsearch)  # the demo's tasks go to an in-memory broker
    # Imports models and the supervisor's settings: only once django.setup() has run.
    from demo.loader import load_demo
    from ops.supervisor import children, wait_until_healthy

    database: dict[str, Any] = settings.DATABASES["default"]
    test = {**database.get("TEST", {}), "NAME": f"{database['NAME']}_saleor_side"}
    database["TEST"] = test
    connection.settings_dict["TEST"] = {**connection.settings_dict.get("TEST", {}), **test}
    setup_test_environment()
    print(f"[bench] ours: scratch database {test['NAME']}, demo catalogue ...", flush=True)
    started = time.perf_counter()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    web = None
    try:
        load_demo(progress=lambda message: None)
        _reindex(backend)
        print(f"[bench] ours: ready in {time.perf_counter() - started:.0f} s", flush=True)
        connection.close()
        # The web process inherits this environment: the scratch database, the search
        # backend chosen here, and the real broker (queuing a task is part of a request's
        # cost; no worker of this run consumes them).
        os.environ["DATABASE_URL"] = _scratch_url(os.environ["DATABASE_URL"], test["NAME"])
        if broker:
            os.environ["CELERY_BROKER_URL"] = broker
        else:
            os.environ.pop("CELERY_BROKER_URL", None)
        os.environ["ELASTICSEARCH_URL"] = settings.ELASTICSEARCH_URL
        os.environ["ELASTICSEARCH_INDEX_PREFIX"] = settings.ELASTICSEARCH_INDEX_PREFIX
        os.environ["DEBUG"] = "False"
        (web,) = [c for c in children("127.0.0.1", port, workers) if c.name == "web"]
        _quiet(web)
        web.start()
        wait_until_healthy(f"http://127.0.0.1:{port}", timeout=120, between=_alive(web))
        print(f"[bench] ours: {workers} workers on port {port}, search on {backend}", flush=True)
        yield f"http://127.0.0.1:{port}/graphql/"
    finally:
        if web is not None:
            web.stop()
            web.wait(15)
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
        _drop_indices(backend)


def _alive(web: Any) -> Callable[[], None]:
    def check() -> None:
        if not web.running():
            raise RuntimeError(f"our web server {web.how_it_ended()} (its log is above)")

    return check


def _quiet(web: Any) -> None:
    """No access log line per request: Saleor's image runs uvicorn with --no-access-log."""
    argv: list[str] = web.argv
    if "--access-logfile" in argv:
        at = argv.index("--access-logfile")
        del argv[at : at + 2]


# --- Report --------------------------------------------------------------------------------


def print_table(rows: list[dict[str, Any]], servers: list[Server], concurrency: int) -> None:
    names = [s.name for s in servers]
    head = f"{'operation':<28}" + "".join(
        f"{n + ' p50':>12}{n + ' p95':>12}{n + ' req/s':>13}" for n in names
    )
    if "saleor" in names:
        head += f"{'ours÷saleor':>13}"
    print(head)
    for row in rows:
        line = f"{row['operation']:<28}"
        for n in names:
            line += f"{row[n]['p50_ms']:>12}{row[n]['p95_ms']:>12}{row[n]['rps']:>13}"
        if "saleor" in names:
            line += f"{row['ratio_p50']:>13}"
        print(line)
    print(f"(ms; req/s with {concurrency} clients at once; ratio of the medians)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saleor-url", help="a running Saleor's GraphQL URL (…/graphql/)")
    parser.add_argument("--requests", type=int, default=200, help="measured, per op and server")
    parser.add_argument("--warmup", type=int, default=20, help="unmeasured rounds first")
    parser.add_argument("--concurrency", type=int, default=2, help="clients for req/s")
    parser.add_argument("--flows", type=int, default=100, help="checkout flows (0: none)")
    parser.add_argument("--port", type=int, default=8012, help="our server's port")
    parser.add_argument(
        "--wait", type=float, default=0, help="seconds to wait for Saleor to answer"
    )
    parser.add_argument("--workers", type=int, default=2, help="our server's workers")
    parser.add_argument(
        "--elasticsearch", action="store_true", help="ours searches on Elasticsearch"
    )
    parser.add_argument(
        "--saleor-search",
        default="juice",
        help='a word Saleor\'s catalogue answers with a few hits, as ours answers "mat ong"',
    )
    parser.add_argument("--results", type=Path, default=RESULTS, help="where the JSON goes")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
    with our_server(args.port, args.workers, args.elasticsearch) as our_url:
        servers = [Server("ours", our_url, OUR_ADDRESS, own_search=SEARCH)]
        if args.saleor_url:
            servers.append(
                Server("saleor", args.saleor_url, SALEOR_ADDRESS, own_search=args.saleor_search)
            )
        else:
            print("[bench] no --saleor-url: measuring OURS ALONE (no ratio)", flush=True)
        for server in servers:
            wait_for(server, args.wait)
            discover(server)
            print(
                f"[bench] {server.name}: {len(server.slugs)} products on the first page, "
                f"{len(server.variants)} units to sell, "
                f'"{SEARCH}" finds {server.search_hits}'
                + (
                    f', "{server.own_search}" finds {server.own_search_hits}'
                    if server.own_search != SEARCH
                    else ""
                ),
                flush=True,
            )
        # Each flow sells a unit: latency and rate phases, each with its warm-up, must fit.
        units = min(len(s.variants) for s in servers)
        flows = min(args.flows, units // 2 - min(args.warmup, args.flows))
        if flows < args.flows:
            print(f"[bench] only {units} units to sell: {max(flows, 0)} checkout flows", flush=True)
        warm = min(args.warmup, flows)
        calls = read_calls(servers)
        print(
            f"[bench] latency: {args.warmup} + {args.requests} rounds, interleaved ...", flush=True
        )
        latencies = interleaved(servers, calls, args.requests, args.warmup)
        print(f"[bench] throughput: {args.requests} requests per op and server ...", flush=True)
        rates = throughput(servers, calls, args.requests, args.concurrency, args.warmup)
        rows = table(servers, latencies, rates)
        if flows > 0:
            print(f"[bench] checkout flows: {flows} per server ...", flush=True)
            flow: dict[str, Call] = {"checkout flow (3 mutations)": checkout_flow}
            rows += table(
                servers,
                interleaved(servers, flow, flows, warm),
                throughput(servers, flow, flows, args.concurrency, warm, offset=warm + flows),
            )
    print()
    print_table(rows, servers, args.concurrency)
    report = {
        "benchmark": "saleor_side_by_side",
        "at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "host": {"python": sys.version.split()[0], "cpus": os.cpu_count()},
        "servers": {s.name: s.url for s in servers},
        "search_hits": {s.name: s.search_hits for s in servers},
        "own_search": {s.name: [s.own_search, s.own_search_hits] for s in servers},
        "requests": args.requests,
        "warmup": args.warmup,
        "concurrency": args.concurrency,
        "workers": args.workers,
        "rows": rows,
    }
    args.results.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = args.results / f"saleor-side-{stamp}.json"
    target.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"[bench] wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
