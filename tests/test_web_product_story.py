"""The product editor's story, label facts and certificate choice (web/seller/products.py)
and how the product page shows them (web/product_page.py): saved whole or not at all,
refused per field, escaped on the page, and only for the stall's own certificates."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from bench.pages_bench import PRODUCT_PAGE_BUDGET, page_weight
from catalog.models import OcopCertificate, Product, ProductFact, StoryPhoto
from tests import factories
from tests.helpers.product_story import (
    certificate_of,
    certified_product,
    craft_category,
    food_category,
)
from tests.helpers.seller_products import editor_post, photo, row_counts

NEW = "/kenh-nguoi-ban/san-pham/moi/"
STORY = (
    "<h2>Mùa hoa ban</h2><p>Mật <b>rừng</b> Mường Phăng.</p>"
    '<p><img src="#anh-moi-0"></p><ul><li>Không đun nóng</li></ul>'
)
FACTS = {
    "fact-net_content": "500g",
    "fact-ingredients": "Mật ong hoa ban 100%",
    "fact-shelf_life": "24 tháng",
    "fact-storage": "Nơi khô mát",
    "fact-manufacturer": "HTX Mường Phăng",
}


@pytest.fixture
def media(settings: Any) -> str:
    return factories.isolate_media(settings)


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _pick(source: OcopCertificate, **overrides: Any) -> dict[str, Any]:
    """A full editor post that picks `source` instead of a new certificate scan."""
    data = editor_post(
        category=str(food_category().pk),
        story_html=STORY,
        story_photos=[photo("to-ong.png")],
        **{"cert-existing": str(source.pk)},
        **FACTS,
    )
    for name in list(data):
        if name.startswith("cert-") and name != "cert-existing":
            data[name] = ""
    del data["cert-scan"]
    data.update(overrides)
    return data


def _counts() -> dict[str, int]:
    return {
        **row_counts(),
        "facts": ProductFact.objects.count(),
        "story_photos": StoryPhoto.objects.count(),
    }


def test_it_saves_a_story_facts_and_a_picked_certificate_and_the_page_shows_them(
    db: Any, media: str
) -> None:
    # given a stall owner whose honey holds a verified decision
    owner = factories.user()
    seller = factories.seller(owner=owner)
    source = certificate_of(certified_product(seller))
    client = _client(owner)
    # when the owner sends a new product with a story and a photo in it, its label facts,
    # and that decision picked
    response = client.post(NEW, _pick(source))
    # then everything is saved
    product = Product.objects.get(name="Mật ong hoa ban")
    assert response.status_code == 302
    story_photo = StoryPhoto.objects.get(product=product)
    assert product.story == (
        "<h2>Mùa hoa ban</h2>\n<p>Mật <strong>rừng</strong> Mường Phăng.</p>\n"
        f'<p><img src="/anh-cau-chuyen/{story_photo.pk}/" alt=""></p>\n'
        "<ul><li>Không đun nóng</li></ul>"
    )
    assert product.description == "Mùa hoa ban\n\nMật rừng Mường Phăng.\n\n- Không đun nóng"
    assert dict(product.facts.values_list("key", "value")) == {
        "net_content": "500 g",
        "ingredients": "Mật ong hoa ban 100%",
        "shelf_life": "24 tháng",
        "storage": "Nơi khô mát",
        "manufacturer": "HTX Mường Phăng",
    }
    assert product.certificates.get().source_id == source.pk
    # and the product page (listed at once: its certificate is verified) shows them
    response = Client().get(f"/p/{product.slug}/")
    page = response.content.decode()
    assert "<h3>Mùa hoa ban</h3>" in page and "<strong>rừng</strong>" in page
    assert f'<img src="/anh-cau-chuyen/{story_photo.pk}/" alt="" loading="lazy">' in page
    assert '<th scope="row">Khối lượng hoặc thể tích tịnh</th><td>500 g</td>' in page
    assert '<th scope="row">Nhà sản xuất</th><td>HTX Mường Phăng</td>' in page
    # and the page with its CSS and JS stays within its weight budget (60 KB gzip)
    weight = page_weight(response.content)
    assert weight["html_gzip"] + weight["assets_gzip"] < PRODUCT_PAGE_BUDGET
    # and the photo's address leads to the stored file
    redirect = Client().get(f"/anh-cau-chuyen/{story_photo.pk}/")
    assert redirect.status_code == 302 and redirect["Location"] == story_photo.image.url
    assert Client().get("/anh-cau-chuyen/999999/").status_code == 404
    # and the editor shows the story back, as markup for the textarea
    editor = client.get(reverse("web:seller_product_edit", args=[product.pk])).content.decode()
    assert "## Mùa hoa ban\n\nMật **rừng** Mường Phăng." in editor
    assert 'value="500 g"' in editor


def test_it_strips_malicious_story_html_and_escapes_everything_on_the_page(
    db: Any, media: str
) -> None:
    # given a stall owner with a verified decision
    owner = factories.user()
    seller = factories.seller(owner=owner)
    source = certificate_of(certified_product(seller))
    hostile = (
        '<p onclick="steal()">Chào<script>alert("s")</script></p>'
        '<img src="x" onerror="alert(1)"><img src="https://evil.example/a.png">'
        '<a href="javascript:alert(2)">bấm</a><iframe src="https://evil.example"></iframe>'
    )
    # when the story and a fact carry markup
    data = _pick(
        source,
        story_html=hostile,
        story_photos=[],
        name="Mật <ong> & hoa",
        **{"fact-ingredients": '<script>alert("f")</script> & mật'},
    )
    assert _client(owner).post(NEW, data).status_code == 302
    # then the stored story holds text only
    product = Product.objects.get(name="Mật <ong> & hoa")
    assert product.story == "<p>Chào</p>\n<p>bấm</p>"
    # and the page escapes the fact and shows no script, handler, link or foreign image
    page = Client().get(f"/p/{product.slug}/").content.decode()
    assert "<td>&lt;script&gt;alert(&quot;f&quot;)&lt;/script&gt; &amp; mật</td>" in page
    for needle in ("alert(", "onerror", "onclick", "javascript:", "evil.example", "<iframe"):
        assert needle not in page.replace("&lt;script&gt;alert(&quot;f&quot;)", "")


def test_it_reads_the_textarea_without_javascript_and_appends_its_photos(
    db: Any, media: str
) -> None:
    # given a stall owner without JavaScript: a textarea and a plain file input
    owner = factories.user()
    factories.product(owner=factories.seller(owner=owner))
    data = editor_post(
        description="## Mùa hoa\n\nMật **rừng**.\n\n- Pha nước ấm",
        story_photos=[photo("a.png"), photo("b.png")],
    )
    # when it is sent
    assert _client(owner).post(NEW, data).status_code == 302
    # then the markup becomes the story and both photos follow it
    product = Product.objects.get(name="Mật ong hoa ban")
    first, second = StoryPhoto.objects.filter(product=product).order_by("pk")
    assert product.story == (
        "<h2>Mùa hoa</h2>\n<p>Mật <strong>rừng</strong>.</p>\n<ul><li>Pha nước ấm</li></ul>\n"
        f'<p><img src="/anh-cau-chuyen/{first.pk}/" alt=""></p>\n'
        f'<p><img src="/anh-cau-chuyen/{second.pk}/" alt=""></p>'
    )
    assert product.description == "Mùa hoa\n\nMật rừng.\n\n- Pha nước ấm"


@pytest.mark.parametrize(
    ("overrides", "field_error"),
    [
        ({"fact-net_content": "nửa cân"}, 'id="f_fact_net_content-error"'),
        ({"fact-storage": "x" * 301}, 'id="f_fact_storage-error"'),
        ({"fact-material": "Mây"}, 'id="f_fact_material-error"'),
        ({"story_photos": [photo("a.png")] * 11}, 'id="f_story_photos-error"'),
        ({"story_html": "<p>" + "x" * 60_001 + "</p>"}, 'id="f_description-error"'),
        ({"category": "", "cert-existing": "SOURCE"}, 'id="f_cert_existing-error"'),
        ({"cert-existing": "SOURCE", "cert-decision_number": "7/QĐ"}, 'id="f_cert_existing-error"'),
    ],
)
def test_it_refuses_bad_story_facts_or_choice_and_writes_nothing(
    db: Any, media: str, overrides: dict[str, Any], field_error: str
) -> None:
    # given a stall owner with a verified decision
    owner = factories.user()
    seller = factories.seller(owner=owner)
    source = certificate_of(certified_product(seller))
    before = _counts()
    data = _pick(source, **overrides)
    if data["cert-existing"] == "SOURCE":
        data["cert-existing"] = str(source.pk)
    # when one part is bad
    response = _client(owner).post(NEW, data)
    # then it is named beside its field and in the summary, and nothing is written
    html = response.content.decode()
    assert response.status_code == 400
    assert field_error in html and 'class="error-summary"' in html
    assert _counts() == before


def test_it_refuses_a_story_photo_that_is_not_an_image(db: Any, media: str) -> None:
    # given a stall owner and a text file named like a photo
    from django.core.files.uploadedfile import SimpleUploadedFile

    owner = factories.user()
    factories.product(owner=factories.seller(owner=owner))
    before = _counts()
    fake = SimpleUploadedFile("anh.png", b"<script>alert(1)</script>", content_type="image/png")
    # when it is sent as a story photo
    response = _client(owner).post(NEW, editor_post(story_photos=[fake]))
    # then it is refused by its content and nothing is written
    assert response.status_code == 400
    assert 'id="f_story_photos-error"' in response.content.decode()
    assert _counts() == before


def test_it_refuses_another_stalls_certificate_and_writes_nothing(db: Any, media: str) -> None:
    # given two stalls, the first with a verified decision
    owner, other = factories.user(), factories.user()
    source = certificate_of(certified_product(factories.seller(owner=owner)))
    factories.product(owner=factories.seller(owner=other))
    before = _counts()
    # when the other stall's owner sends that certificate's id with a new product
    response = _client(other).post(NEW, _pick(source))
    # then it is refused on the choice, and no product, fact, photo or certificate is written
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="f_cert_existing-error"' in html
    assert "Hãy chọn một chứng nhận đã xác minh của gian hàng bạn." in html
    assert _counts() == before
    # and the editor never offers it to them
    assert source.decision_number not in _client(other).get(NEW).content.decode()


def test_it_refuses_the_story_and_facts_to_anyone_but_the_owner(db: Any, media: str) -> None:
    # given a food product with a story, and everyone else
    owner = factories.user()
    seller = factories.seller(owner=owner)
    product = certified_product(seller)
    Product.objects.filter(pk=product.pk).update(story="<p>Gốc</p>", category=food_category())
    source = certificate_of(certified_product(seller))
    customer, other, officer = factories.user(), factories.user(), factories.officer()
    far_officer = factories.officer("01")
    staff = factories.user(is_staff=True)
    superuser = factories.user(is_staff=True, is_superuser=True)
    factories.seller(owner=other)
    url = reverse("web:seller_product_edit", args=[product.pk])
    before = _counts()
    # when each sends the editor with a new story, facts and the stall's certificate
    answers = {
        "anonymous": Client().post(url, _pick(source)).status_code,
        "customer": _client(customer).post(url, _pick(source)).status_code,
        "other seller": _client(other).post(url, _pick(source)).status_code,
        "officer": _client(officer).post(url, _pick(source)).status_code,
        "far officer": _client(far_officer).post(url, _pick(source)).status_code,
        "staff": _client(staff).post(url, _pick(source)).status_code,
        "superuser": _client(superuser).post(url, _pick(source)).status_code,
    }
    # then each is refused (sign-in, 403, or 404 for another stall) and nothing changed
    assert answers == {
        "anonymous": 302,
        "customer": 403,
        "other seller": 404,
        "officer": 403,
        "far officer": 403,
        "staff": 403,
        "superuser": 403,
    }
    assert _counts() == before
    product.refresh_from_db()
    assert product.story == "<p>Gốc</p>" and product.certificates.count() == 1
    # while the owner's own send is saved
    assert _client(owner).post(url, _pick(source, variant_rows="1")).status_code == 302
    product.refresh_from_db()
    assert product.story.startswith("<h2>Mùa hoa ban</h2>") and product.facts.count() == 5


def test_it_asks_a_craft_for_material_and_size_only(db: Any, media: str) -> None:
    # given a stall owner making a craft product
    owner = factories.user()
    factories.product(owner=factories.seller(owner=owner))
    data = editor_post(
        category=str(craft_category().pk),
        **{"fact-material": "Mây tre", "fact-size": "30 × 20 cm"},
    )
    # when it is saved
    assert _client(owner).post(NEW, data).status_code == 302
    # then its facts are the craft's, and the editor's script knows which to show per group
    product = Product.objects.get(name="Mật ong hoa ban")
    assert dict(product.facts.values_list("key", "value")) == {
        "material": "Mây tre",
        "size": "30 × 20 cm",
    }
    editor = _client(owner).get(reverse("web:seller_product_edit", args=[product.pk]))
    html = editor.content.decode()
    assert f'value="{craft_category().pk}" data-facts="material size" selected' in html


def _huge_png(size: tuple[int, int]) -> Any:
    """A small file declaring a huge canvas (a 1-bit PNG compresses to a few KB)."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", size).save(buffer, format="PNG")
    return SimpleUploadedFile("lon.png", buffer.getvalue(), content_type="image/png")


@pytest.mark.parametrize("field", ["photos", "story_photos"])
@pytest.mark.parametrize("size", [(8000, 6000), (20000, 10000)])
def test_it_refuses_a_photo_with_too_many_pixels(
    db: Any, media: str, field: str, size: tuple[int, int]
) -> None:
    # given a stall owner and a small file of 48 or 200 megapixels
    owner = factories.user()
    factories.product(owner=factories.seller(owner=owner))
    before = _counts()
    # when it is sent as a gallery or a story photo
    response = _client(owner).post(NEW, editor_post(**{field: [_huge_png(size)]}))
    # then it is refused by its pixel count, and nothing is written
    html = response.content.decode()
    assert response.status_code == 400
    assert f'id="f_{field}-error"' in html and "tối đa 40 megapixel" in html
    assert _counts() == before


def test_it_keeps_a_story_photo_upright_small_and_without_camera_metadata(
    db: Any, media: str
) -> None:
    # given a stall owner and a 3000 × 2000 JPEG from a camera, with its GPS position
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    owner = factories.user()
    factories.product(owner=factories.seller(owner=owner))
    exif = Image.Exif()
    exif[0x8825] = {2: (21.0, 2.0, 30.0)}  # GPSInfo: a latitude
    buffer = io.BytesIO()
    Image.new("RGB", (3000, 2000), (200, 120, 40)).save(buffer, format="JPEG", exif=exif)
    camera = SimpleUploadedFile("camera.jpg", buffer.getvalue(), content_type="image/jpeg")
    # when it is sent as a story photo
    assert _client(owner).post(NEW, editor_post(story_photos=[camera])).status_code == 302
    # then it is kept as a WebP of 1600 px at most, with no EXIF left
    stored = StoryPhoto.objects.get()
    with stored.image.open("rb") as handle, Image.open(handle) as image:
        assert (image.format, image.size) == ("WEBP", (1600, 1067))
        assert not image.getexif()
    assert stored.image.name.endswith(".webp")
