"""Featured collections in the officer console (web/officer/collections.py): who may see and
change which collections, the schedule in Viet Nam time, the product picker, the curators'
order, the preview, and that refused or bad input changes nothing."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog.models import CertificateStatus, Collection, CollectionProduct, Product
from search.facts import with_facts
from tests import factories
from tests.helpers.officer import AN_GIANG, DIEN_BIEN, superuser
from web.officer.collections import PICKER_RESULTS
from web.officer.queues import PAGE_SIZE

pytestmark = pytest.mark.django_db

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def _client(user: Any | None, language: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_login(user)
    return client


def _state() -> tuple[Any, ...]:
    return (
        sorted(
            Collection.objects.values_list(
                "pk", "name", "description", "is_published", "starts_at", "ends_at", "province_id"
            )
        ),
        sorted(CollectionProduct.objects.values_list("collection_id", "product_id", "sort_order")),
    )


def _refused(response: Any) -> str:
    if response.status_code == 302:
        return "sign-in" if response["Location"].startswith("/dang-nhap/") else "redirect"
    return str(response.status_code)


def _collection(province_code: str | None = DIEN_BIEN, **extra: Any) -> Collection:
    n = Collection.objects.count() + 1
    return Collection.objects.create(
        name=extra.pop("name", f"Quà Tết {n}"),
        slug=f"qua-tet-{n}-{province_code or 'vn'}",
        is_featured=True,
        province=factories.province(province_code) if province_code else None,
        **extra,
    )


def _honey(province_code: str = DIEN_BIEN, **extra: Any) -> Any:
    seller = factories.seller(province_code=province_code)
    return factories.product(owner=seller, **extra)


def _members(collection: Collection) -> list[int]:
    return list(
        CollectionProduct.objects.filter(collection=collection)
        .order_by("sort_order", "pk")
        .values_list("product_id", flat=True)
    )


# --- Who may do what -------------------------------------------------------------------------


def test_it_lets_only_the_provinces_officers_and_superusers_see_its_collections(db: Any) -> None:
    # given a Điện Biên collection, an An Giang one and a national one
    ours = _collection(name="Đặc sản Điện Biên")
    _collection(AN_GIANG, name="Đặc sản An Giang")
    _collection(None, name="Quà Tết toàn quốc")
    honey = _honey()
    CollectionProduct.objects.create(collection=ours, product=honey)
    seller_owner = factories.user()
    factories.seller(owner=seller_owner)
    pages = [
        "/can-bo/bo-suu-tap/",
        "/can-bo/bo-suu-tap/moi/",
        f"/can-bo/bo-suu-tap/{ours.pk}/",
        f"/can-bo/bo-suu-tap/{ours.pk}/tim/?q=mat",
        f"/can-bo/bo-suu-tap/{ours.pk}/xem-truoc/",
    ]
    # then anonymous signs in, a customer and a seller are refused every page
    for page in pages:
        assert _refused(_client(None).get(page)) == "sign-in", page
        assert _refused(_client(factories.user()).get(page)) == "403", page
        assert _refused(_client(seller_owner).get(page)) == "403", page
    # and An Giang's officer sees neither the collection nor its preview nor its picker
    an_giang = _client(factories.officer(AN_GIANG))
    for page in pages[2:]:
        assert _refused(an_giang.get(page)) == "404", page
    assert "Đặc sản Điện Biên" not in an_giang.get(pages[0]).content.decode()
    # while the province's officer sees its own only, and a superuser all three
    dien_bien = _client(factories.officer(DIEN_BIEN))
    for page in pages:
        assert dien_bien.get(page).status_code == 200, page
    listed = dien_bien.get(pages[0])
    assert [row["collection"].name for row in listed.context["rows"]] == ["Đặc sản Điện Biên"]
    national = _client(superuser()).get(pages[0])
    assert sorted(row["collection"].name for row in national.context["rows"]) == [
        "Quà Tết toàn quốc",
        "Đặc sản An Giang",
        "Đặc sản Điện Biên",
    ]


def test_it_changes_nothing_for_a_refused_post(db: Any) -> None:
    # given a Điện Biên collection with two products and one more product on sale
    ours = _collection()
    first, second, third = _honey(), _honey(), _honey()
    do = CollectionProduct.objects.create
    do(collection=ours, product=first, sort_order=0)
    do(collection=ours, product=second, sort_order=1)
    seller_owner = factories.user()
    factories.seller(owner=seller_owner)
    posts = [
        ("/can-bo/bo-suu-tap/moi/", {"name": "Lén tạo"}),
        (f"/can-bo/bo-suu-tap/{ours.pk}/", {"name": "Lén đổi tên", "is_published": "on"}),
        (f"/can-bo/bo-suu-tap/{ours.pk}/san-pham/", {"action": "add", "product": third.pk}),
        (f"/can-bo/bo-suu-tap/{ours.pk}/san-pham/", {"action": "remove", "product": first.pk}),
        (f"/can-bo/bo-suu-tap/{ours.pk}/san-pham/", {"action": "down", "product": first.pk}),
    ]
    before = _state()
    expected = {"anonymous": "sign-in", "customer": "403", "seller": "403"}
    callers = {"anonymous": None, "customer": factories.user(), "seller": seller_owner}
    # when anyone but the province's officers posts
    for who, user in callers.items():
        for url, data in posts:
            assert _refused(_client(user).post(url, data)) == expected[who], (who, url)
    an_giang = _client(factories.officer(AN_GIANG))
    for url, data in posts[1:]:
        assert _refused(an_giang.post(url, data)) == "404", url
    # then nothing changed
    assert _state() == before


# --- Create, edit, schedule ------------------------------------------------------------------


def test_it_creates_a_provincial_collection_scheduled_in_viet_nam_time(db: Any) -> None:
    # given the Điện Biên officer
    officer = factories.officer(DIEN_BIEN)
    client = _client(officer)
    # when they create a collection shown from 1 Feb 2027 08:00 to 20 Feb 2027 22:00 (VN)
    response = client.post(
        "/can-bo/bo-suu-tap/moi/",
        {
            "name": "  Quà Tết Điện Biên ",
            "description": "Mật ong, chè, gạo.",
            "is_published": "on",
            "starts_at": "2027-02-01T08:00",
            "ends_at": "2027-02-20T22:00",
        },
    )
    # then it is Điện Biên's, featured, curated by them, its times stored as UTC instants
    made = Collection.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/can-bo/bo-suu-tap/{made.pk}/?xong=1"
    assert (made.name, made.province_id, made.is_featured, made.is_published) == (
        "Quà Tết Điện Biên",
        factories.province(DIEN_BIEN).pk,
        True,
        True,
    )
    assert made.curated_by_id == officer.pk
    assert made.starts_at == datetime.datetime(2027, 2, 1, 1, 0, tzinfo=datetime.UTC)
    assert made.ends_at == datetime.datetime(2027, 2, 20, 15, 0, tzinfo=datetime.UTC)
    # and the edit page shows them back in Viet Nam time, and says it is scheduled
    page = client.get(response["Location"]).content.decode()
    assert 'value="2027-02-01T08:00"' in page
    assert 'value="2027-02-20T22:00"' in page
    assert "Scheduled" in page
    assert "01/02/2027 08:00" in client.get("/can-bo/bo-suu-tap/").content.decode()


def test_it_lets_a_superuser_create_a_national_or_a_provincial_collection(db: Any) -> None:
    client = _client(superuser())
    client.post("/can-bo/bo-suu-tap/moi/", {"name": "Toàn quốc", "province": ""})
    client.post("/can-bo/bo-suu-tap/moi/", {"name": "An Giang", "province": AN_GIANG})
    made = dict(Collection.objects.values_list("name", "province__code"))
    assert made == {"Toàn quốc": None, "An Giang": AN_GIANG}


def test_it_edits_name_text_publication_and_window(db: Any) -> None:
    # given a published collection without dates
    ours = _collection(name="Cũ", is_published=True)
    client = _client(factories.officer(DIEN_BIEN))
    # when its officer renames it, unpublishes it and gives it an end
    response = client.post(
        f"/can-bo/bo-suu-tap/{ours.pk}/",
        {"name": "Mới", "description": "Mô tả", "ends_at": "2027-03-01T00:00"},
    )
    # then every change is saved
    assert response.status_code == 302
    ours.refresh_from_db()
    assert (ours.name, ours.description, ours.is_published, ours.starts_at) == (
        "Mới",
        "Mô tả",
        False,
        None,
    )
    assert ours.ends_at == datetime.datetime(2027, 3, 1, tzinfo=VIETNAM)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"name": "Quà", "starts_at": "2027-02-10T08:00", "ends_at": "2027-02-01T08:00"},
            "ends_at",
            "Ngày kết thúc phải sau ngày bắt đầu.",
        ),
        ({"name": "Q" * 251}, "name", "251"),
        ({"name": "   "}, "name", "Cần tên bộ sưu tập."),
        ({"name": "Quà", "starts_at": "mai"}, "starts_at", ""),
    ],
)
def test_it_refuses_bad_input_with_vietnamese_field_errors_and_saves_nothing(
    db: Any, data: dict[str, str], field: str, message: str
) -> None:
    # given a collection and its officer, in Vietnamese
    ours = _collection(name="Giữ nguyên")
    client = _client(factories.officer(DIEN_BIEN), "vi")
    before = _state()
    for url in ("/can-bo/bo-suu-tap/moi/", f"/can-bo/bo-suu-tap/{ours.pk}/"):
        # when the form is sent with bad input
        response = client.post(url, data)
        # then the field says why, in the summary too, and nothing is saved
        assert response.status_code == 400, url
        errors = response.context["form"].errors
        assert list(errors) == [field], url
        assert message in errors[field][0]
        html = response.content.decode()
        assert 'class="error-summary"' in html
        assert f'id="id_{field}-error"' in html
        assert _state() == before


def test_it_refuses_another_province_for_a_provincial_officer(db: Any) -> None:
    # given the province field is not offered to a provincial officer; sent anyway it is ignored
    client = _client(factories.officer(DIEN_BIEN))
    client.post("/can-bo/bo-suu-tap/moi/", {"name": "Lạc tỉnh", "province": AN_GIANG})
    assert Collection.objects.get().province.code == DIEN_BIEN


# --- Products --------------------------------------------------------------------------------


def test_it_picks_listable_products_of_the_province_by_folded_words(db: Any) -> None:
    # given honeys on sale in Điện Biên and An Giang, an unlisted one, a tea, and one in
    ours = _collection()
    wanted = _honey(name="Mật ong hoa ban")
    _honey(AN_GIANG, name="Mật ong U Minh")
    _honey(name="Mật ong chờ duyệt", cert_status=CertificateStatus.PENDING)
    _honey(name="Chè Shan tuyết")
    already = _honey(name="Mật ong rừng")
    CollectionProduct.objects.create(collection=ours, product=already)
    client = _client(factories.officer(DIEN_BIEN))
    # when the officer types "mat ong" without accents
    response = client.get(f"/can-bo/bo-suu-tap/{ours.pk}/tim/", {"q": "MAT ong"})
    # then only the province's listed honey not yet in it is offered
    assert response.status_code == 200
    assert [p.pk for p in response.context["picked"]] == [wanted.pk]
    assert "Mật ong hoa ban" in response.content.decode()
    # and without JavaScript the edit page shows the same results
    page = client.get(f"/can-bo/bo-suu-tap/{ours.pk}/", {"q": "mat ong"})
    assert [p.pk for p in page.context["picked"]] == [wanted.pk]
    # and one letter finds nothing yet
    assert client.get(f"/can-bo/bo-suu-tap/{ours.pk}/tim/", {"q": "m"}).context["picked"] == []


def test_it_adds_moves_and_removes_products(db: Any) -> None:
    # given a collection and three honeys on sale in its province
    ours = _collection()
    a, b, c = _honey(), _honey(), _honey()
    client = _client(factories.officer(DIEN_BIEN))
    url = f"/can-bo/bo-suu-tap/{ours.pk}/san-pham/"
    # when the officer adds the three, in that order
    for product in (a, b, c):
        response = client.post(url, {"action": "add", "product": product.pk})
        assert response.status_code == 302
        assert response["Location"] == f"/can-bo/bo-suu-tap/{ours.pk}/#products"
    assert _members(ours) == [a.pk, b.pk, c.pk]
    # and moves the last up, the first down, and tries to move the first up again
    client.post(url, {"action": "up", "product": c.pk})
    assert _members(ours) == [a.pk, c.pk, b.pk]
    response = client.post(url, {"action": "down", "product": a.pk})
    assert response["Location"] == f"/can-bo/bo-suu-tap/{ours.pk}/#product-{a.pk}"
    assert _members(ours) == [c.pk, a.pk, b.pk]
    client.post(url, {"action": "up", "product": c.pk})
    assert _members(ours) == [c.pk, a.pk, b.pk]
    # then the order is numbered without gaps, and removing one keeps the others' order
    assert list(
        CollectionProduct.objects.filter(collection=ours)
        .order_by("sort_order")
        .values_list("sort_order", flat=True)
    ) == [0, 1, 2]
    client.post(url, {"action": "remove", "product": a.pk})
    assert _members(ours) == [c.pk, b.pk]
    # and the edit page lists them in that order with their buttons
    page = client.get(f"/can-bo/bo-suu-tap/{ours.pk}/").content.decode()
    assert page.index(f'id="product-{c.pk}"') < page.index(f'id="product-{b.pk}"')


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("other-province", "Bộ sưu tập của tỉnh chỉ gồm sản phẩm của tỉnh."),
        ("unlisted", "Chỉ sản phẩm đang bán mới được đưa vào bộ sưu tập."),
        ("missing", "Không tìm thấy sản phẩm."),
    ],
)
def test_it_refuses_a_product_it_may_not_hold_and_adds_nothing(
    db: Any, kind: str, message: str
) -> None:
    # given a collection and a product of another province, an unlisted one or none
    ours = _collection()
    product_id = {
        "other-province": lambda: _honey(AN_GIANG).pk,
        "unlisted": lambda: _honey(published=False).pk,
        "missing": lambda: 999_999,
    }[kind]()
    client = _client(factories.officer(DIEN_BIEN), "vi")
    before = _state()
    # when its officer adds it
    response = client.post(
        f"/can-bo/bo-suu-tap/{ours.pk}/san-pham/", {"action": "add", "product": product_id}
    )
    # then the page says why, in Vietnamese, and nothing is added
    assert response.status_code == 400
    assert response.context["product_errors"] == [message]
    assert message in response.content.decode()
    assert _state() == before


# --- Preview and the window ------------------------------------------------------------------


def test_it_previews_a_collection_before_its_window_opens(db: Any) -> None:
    # given a collection with two products that the shop shows only from next week
    ours = _collection(starts_at=timezone.now() + datetime.timedelta(days=7))
    first, second = _honey(name="Mật ong hoa ban"), _honey(name="Gạo nếp")
    CollectionProduct.objects.create(collection=ours, product=second, sort_order=0)
    CollectionProduct.objects.create(collection=ours, product=first, sort_order=1)
    # when the shop and the officer open it
    assert _client(None).get(f"/bo-suu-tap/{ours.slug}/").status_code == 404
    response = _client(factories.officer(DIEN_BIEN)).get(f"/can-bo/bo-suu-tap/{ours.pk}/xem-truoc/")
    # then the officer sees it as the shop would, in the curators' order, never indexed
    assert response.status_code == 200
    assert [card.product.pk for card in response.context["cards"]] == [second.pk, first.pk]
    html = response.content.decode()
    assert '<meta name="robots" content="noindex">' in html
    assert "Preview for officers" in html
    assert "Scheduled" in html


def test_it_shows_a_collection_on_the_shop_only_inside_its_window_without_any_write(
    db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a collection scheduled from tomorrow to the day after, with one product on sale
    start = timezone.now() + datetime.timedelta(days=1)
    ours = _collection(starts_at=start, ends_at=start + datetime.timedelta(days=1))
    CollectionProduct.objects.create(collection=ours, product=_honey())
    shop = _client(None)
    assert shop.get(f"/bo-suu-tap/{ours.slug}/").status_code == 404
    # when the clock reaches its window, and then passes it, with nothing written meanwhile
    moments = [start + datetime.timedelta(hours=1), start + datetime.timedelta(days=2)]
    answers = []
    for moment in moments:
        monkeypatch.setattr(timezone, "now", lambda moment=moment: moment)
        answers.append(shop.get(f"/bo-suu-tap/{ours.slug}/").status_code)
    # then it appeared, then disappeared
    assert answers == [200, 404]


# --- Query counts ----------------------------------------------------------------------------


def _queries(client: Client, url: str) -> int:
    client.get(url)  # warm caches (session, language, content types)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_it_lists_collections_in_the_same_queries_for_one_and_a_full_page(db: Any) -> None:
    client = _client(factories.officer(DIEN_BIEN))
    _collection()
    few = _queries(client, "/can-bo/bo-suu-tap/")
    for _ in range(PAGE_SIZE + 3):
        _collection()
    many = _queries(client, "/can-bo/bo-suu-tap/")
    # session, user, officer profile, menu counts, province, count, page
    assert (few, many) == (7, 7)


def test_it_answers_the_picker_in_the_same_queries_for_one_and_a_full_list(db: Any) -> None:
    ours = _collection()
    client = _client(factories.officer(DIEN_BIEN))
    _honey(name="Mật ong 1")
    few = _queries(client, f"/can-bo/bo-suu-tap/{ours.pk}/tim/?q=mat")
    for n in range(PICKER_RESULTS + 2):
        _honey(name=f"Mật ong {n + 2}")
    many = _queries(client, f"/can-bo/bo-suu-tap/{ours.pk}/tim/?q=mat")
    response = client.get(f"/can-bo/bo-suu-tap/{ours.pk}/tim/?q=mat")
    assert len(response.context["picked"]) == PICKER_RESULTS
    # session, user, officer profile, collection, channel, products
    assert (few, many) == (6, 6)


def test_it_marks_search_hits_featured_only_inside_the_window_without_any_write(
    db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a product in a collection that opens tomorrow for a day
    start = timezone.now() + datetime.timedelta(days=1)
    ours = _collection(starts_at=start, ends_at=start + datetime.timedelta(days=1))
    honey = _honey()
    CollectionProduct.objects.create(collection=ours, product=honey)

    def featured() -> bool:
        found = with_facts(Product.objects.all(), factories.channel())
        return bool(found.get(pk=honey.pk).search_featured)

    answers = []
    # when the search facts (the PostgreSQL search and the indexer's) are read over time
    for moment in (
        timezone.now(),
        start + datetime.timedelta(hours=1),
        start + datetime.timedelta(days=2),
    ):
        monkeypatch.setattr(timezone, "now", lambda moment=moment: moment)
        answers.append(featured())
    # then the product counts as featured inside the window only
    assert answers == [False, True, False]
