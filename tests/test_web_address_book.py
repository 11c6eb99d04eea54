"""The address book at /tai-khoan/dia-chi/: signed-in only, each buyer their own."""

from __future__ import annotations

from typing import Any

from django.test import Client

from checkout.address_book import do_add_saved_address
from checkout.models import Address, SavedAddress
from tests import factories
from tests.factories import VN_ADDRESS

BOOK = "/tai-khoan/dia-chi/"
FORM = {
    "name": "Lò Văn Minh",
    "phone": "0987 654 321",
    "street": "5 Võ Nguyên Giáp",
    "province": "Điện Biên",
    "ward": "Mường Thanh",
}


def _snapshot() -> list[tuple[Any, ...]]:
    return list(
        SavedAddress.objects.order_by("pk").values_list(
            "pk", "user_id", "is_default", "address__street_address_1", "address__city"
        )
    )


def test_it_sends_anonymous_visitors_to_sign_in_and_changes_nothing(
    db: Any, client: Client
) -> None:
    # given a buyer's saved address
    entry = do_add_saved_address(factories.user(), VN_ADDRESS)
    before = _snapshot()
    # when an anonymous visitor opens or posts to each address-book page
    answers = [
        client.get(BOOK),
        client.post(BOOK, FORM),
        client.get(f"{BOOK}{entry.pk}/sua/"),
        client.post(f"{BOOK}{entry.pk}/sua/", FORM),
        client.post(f"{BOOK}{entry.pk}/xoa/"),
        client.post(f"{BOOK}{entry.pk}/mac-dinh/"),
    ]
    # then each is sent to sign-in, and nothing changed
    assert [a.status_code for a in answers] == [302] * 6
    assert all(a["Location"].startswith("/dang-nhap/?next=") for a in answers)
    assert _snapshot() == before


def test_it_answers_404_for_another_customers_address_and_changes_nothing(
    db: Any, client: Client
) -> None:
    # given another buyer's two saved addresses (the second not the default)
    owner = factories.user()
    do_add_saved_address(owner, VN_ADDRESS)
    entry = do_add_saved_address(owner, {**VN_ADDRESS, "street_address_1": "9 Hoàng Văn Thái"})
    before = _snapshot()
    addresses = Address.objects.count()
    client.force_login(factories.user())
    # when a signed-in customer tries to read, change, delete or promote it
    answers = [
        client.get(f"{BOOK}{entry.pk}/sua/"),
        client.post(f"{BOOK}{entry.pk}/sua/", FORM),
        client.post(f"{BOOK}{entry.pk}/xoa/"),
        client.post(f"{BOOK}{entry.pk}/mac-dinh/"),
    ]
    # then each answers the site's 404 page, and nothing changed
    assert [a.status_code for a in answers] == [404] * 4
    assert _snapshot() == before
    assert Address.objects.count() == addresses
    # and their own book lists none of it
    assert "9 Hoàng Văn Thái" not in client.get(BOOK).content.decode()


def test_it_lets_the_owner_add_edit_choose_the_default_and_delete(db: Any, client: Client) -> None:
    # given a signed-in buyer
    buyer = factories.user()
    client.force_login(buyer)
    # when they add two addresses
    first = client.post(BOOK, FORM)
    second = client.post(
        BOOK, {**FORM, "street": "1 Trần Đăng Ninh", "province": "Lai Châu", "ward": "Tân Phong"}
    )
    # then both are saved, checked and normalised, the first the default
    assert first.status_code == second.status_code == 302
    a, b = SavedAddress.objects.filter(user=buyer).order_by("pk")
    assert (a.is_default, b.is_default) == (True, False)
    assert a.address.city == "Phường Mường Thanh" and a.address.phone == "+84987654321"
    assert b.address.country_area == "Tỉnh Lai Châu"
    page = client.get(BOOK).content.decode()
    assert "5 Võ Nguyên Giáp" in page and "1 Trần Đăng Ninh" in page
    # when they edit the second, make it the default, then delete it
    edit = client.get(f"{BOOK}{b.pk}/sua/")
    assert 'value="1 Trần Đăng Ninh"' in edit.content.decode()
    client.post(
        f"{BOOK}{b.pk}/sua/",
        {**FORM, "street": "2 Trần Đăng Ninh", "province": "Lai Châu", "ward": "Tân Phong"},
    )
    b.address.refresh_from_db()
    assert b.address.street_address_1 == "2 Trần Đăng Ninh"
    client.post(f"{BOOK}{b.pk}/mac-dinh/")
    assert list(
        SavedAddress.objects.filter(user=buyer, is_default=True).values_list("pk", flat=True)
    ) == [b.pk]
    client.post(f"{BOOK}{b.pk}/xoa/")
    # then the first is the default again, and the deleted address row is gone
    assert list(SavedAddress.objects.filter(user=buyer).values_list("pk", "is_default")) == [
        (a.pk, True)
    ]
    assert not Address.objects.filter(pk=b.address_id).exists()


def test_it_shows_field_errors_keeps_the_input_and_saves_nothing(db: Any, client: Client) -> None:
    # given a signed-in buyer
    client.force_login(factories.user())
    addresses = Address.objects.count()
    # when they send an address with no name and a ward of another province
    response = client.post(BOOK, {**FORM, "name": "", "ward": "Hà Giang 1"})
    # then the page shows both errors at their fields, keeps the input and saves nothing
    text = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_name"' in text and 'href="#id_ward"' in text
    assert "Cần họ tên người nhận." in text
    assert 'value="Hà Giang 1"' in text and 'value="5 Võ Nguyên Giáp"' in text
    assert SavedAddress.objects.count() == 0
    assert Address.objects.count() == addresses


def test_it_refuses_deleting_with_get(db: Any, client: Client) -> None:
    # given a buyer's saved address
    buyer = factories.user()
    entry = do_add_saved_address(buyer, VN_ADDRESS)
    client.force_login(buyer)
    # when the delete address is fetched with GET
    response = client.get(f"{BOOK}{entry.pk}/xoa/")
    # then nothing is deleted
    assert response.status_code == 405
    assert SavedAddress.objects.filter(pk=entry.pk).exists()
