"""Journey 3 in a real Chromium on a phone: an officer of An Giang sees neither Điện Biên's
queues nor its programme figures, which the Điện Biên officer does see; and the programme
dashboard passes axe at 360 and 1280 px."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from tests import factories
from tests.helpers.browser import LAPTOP, PHONE, serious_violations, sign_in
from tests.helpers.officer import pending_certificate, submitted_application
from tests.helpers.programme import AN_GIANG, DIEN_BIEN, programme_world

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


def _status(page: Page, url: str) -> int:
    response = page.goto(url)
    assert response is not None
    return response.status


def test_it_keeps_dien_biens_queues_and_figures_from_an_giangs_officer(
    live_server: Any, page: Page
) -> None:
    # given a Điện Biên application and certificate waiting, figures in both provinces, and
    # an officer of each province
    application = submitted_application(DIEN_BIEN)
    certificate = pending_certificate(DIEN_BIEN)
    world = programme_world()
    dien_bien_stall = world["htx"].stall_name
    an_giang_stall = world["an_giang"].stall_name
    page.set_viewport_size(PHONE)
    base = live_server.url
    # when the An Giang officer opens the queues on a phone
    sign_in(page, factories.officer(AN_GIANG), base)
    page.goto(base + "/can-bo/")
    # then neither Điện Biên item is listed, and their pages answer 404
    assert page.locator('[data-count="applications"]').inner_text() == "0"
    assert page.locator('[data-count="certificates"]').inner_text() == "0"
    assert page.locator(f'a[href="/can-bo/ho-so/{application.pk}/"]').count() == 0
    assert page.locator(f'a[href="/can-bo/chung-nhan/{certificate.pk}/"]').count() == 0
    assert _status(page, f"{base}/can-bo/ho-so/{application.pk}/") == 404
    assert _status(page, f"{base}/can-bo/chung-nhan/{certificate.pk}/") == 404
    assert _status(page, f"{base}/can-bo/?tinh={DIEN_BIEN}") == 200
    assert page.locator('[data-count="applications"]').inner_text() == "0"
    # when it opens the programme figures, from the menu, then asks for Điện Biên's
    with page.expect_navigation():
        page.get_by_role("link", name="Số liệu chương trình").click()
    # then it sees An Giang's figures: its producer, none of Điện Biên's
    assert page.locator("[data-scope]").inner_text().startswith("An Giang")
    assert an_giang_stall in page.locator('[data-table="top-producers"]').inner_text()
    assert dien_bien_stall not in page.content()
    assert _status(page, f"{base}/can-bo/so-lieu/?tinh={DIEN_BIEN}") == 200
    assert page.locator("[data-scope]").inner_text().startswith("An Giang")
    assert dien_bien_stall not in page.content()
    # when the Điện Biên officer signs in instead
    page.context.clear_cookies()
    sign_in(page, factories.officer(DIEN_BIEN), base)
    page.goto(base + "/can-bo/")
    # then it sees both items (beside the figures' own waiting producer and certificate)
    # and opens them
    assert page.locator('[data-count="applications"]').inner_text() == "2"
    assert page.locator('[data-count="certificates"]').inner_text() == "2"
    assert page.locator(f'a[href="/can-bo/ho-so/{application.pk}/"]').count() == 1
    assert page.locator(f'a[href="/can-bo/chung-nhan/{certificate.pk}/"]').count() == 1
    assert _status(page, f"{base}/can-bo/ho-so/{application.pk}/") == 200
    assert _status(page, f"{base}/can-bo/chung-nhan/{certificate.pk}/") == 200
    # and its figures are Điện Biên's: 1 of its 4 OCOP producers sells on modern channels
    page.goto(base + "/can-bo/so-lieu/")
    assert page.locator("[data-scope]").inner_text().startswith("Điện Biên")
    assert dien_bien_stall in page.locator('[data-table="top-producers"]').inner_text()
    assert an_giang_stall not in page.content()
    assert "(1/4)" in page.locator('[data-figure="modern-share"]').inner_text()
    # and the page fits the phone: nothing wider than the viewport
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360px", "1280px"])
def test_it_has_no_serious_axe_violation_on_the_dashboard(
    live_server: Any, page: Page, viewport: dict[str, int]
) -> None:
    # given figures in every section, and a national viewer and a provincial officer
    programme_world()
    page.set_viewport_size(viewport)
    for viewer, path in (
        (factories.officer(DIEN_BIEN), "/can-bo/so-lieu/"),
        (factories.officer(None), f"/can-bo/so-lieu/?tinh={AN_GIANG}"),
    ):
        page.context.clear_cookies()
        sign_in(page, viewer, live_server.url)
        # when the dashboard is opened, its explanations unfolded
        assert _status(page, live_server.url + path) == 200
        for summary in page.locator("details.how-counted summary").all():
            summary.click()
        # then axe finds nothing serious
        assert serious_violations(page) == [], path
