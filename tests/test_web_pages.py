"""The web storefront's pages over the demo catalogue: home in both languages, search
without accents, the product page and its OCOP panel, and what every page's HTML carries."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

from catalog.listed import refresh_listed
from catalog.models import Product
from search.params import SearchResult, Suggestion
from tests.helpers.html_checks import read_page
from web.views import _suggestion_links

HONEY = "mat-ong-hoa-ban-dien-bien"


def test_it_answers_the_home_page_in_vietnamese_by_default(demo_catalog: None) -> None:
    # given a visitor who has chosen no language
    client = Client()
    # when they open the home page
    response = client.get("/")
    # then it answers in Vietnamese
    page = read_page(response.content.decode())
    assert response.status_code == 200
    assert response["Content-Language"] == "vi"
    assert page.lang == "vi"
    assert page.h1 == ["Đặc sản OCOP khắp các tỉnh thành"]


def test_it_answers_the_home_page_in_english_after_choosing_english(demo_catalog: None) -> None:
    # given a visitor who chooses English with the language switch
    client = Client()
    chosen = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    # when they open the home page
    response = client.get("/")
    # then it answers in English
    page = read_page(response.content.decode())
    assert chosen.status_code == 302 and chosen["Location"] == "/"
    assert response.status_code == 200
    assert page.lang == "en"
    assert page.h1 == ["OCOP specialities from every province"]


def test_it_links_each_language_of_a_page_with_hreflang(demo_catalog: None) -> None:
    # given the home page
    # when it is opened at its English address
    html = Client().get("/?hl=en").content.decode()
    # then it is English and names both languages' addresses and the default
    assert read_page(html).lang == "en"
    assert '<link rel="alternate" hreflang="vi" href="http://testserver/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/?hl=en">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/">' in html


def test_it_shows_the_home_page_browse_links(demo_catalog: None) -> None:
    # given the demo catalogue
    # when the home page is opened
    html = Client().get("/").content.decode()
    # then it offers browsing by group, province and stars
    assert '<a href="/c/thuc-pham/">Thực phẩm <span class="muted">(34)</span></a>' in html
    assert 'href="/c/thuc-pham-mat-ong/"' not in html  # a sub-group, reached from its group
    assert '<a href="/tinh/dien-bien/">Đặc sản Điện Biên <span class="muted">(6)</span>' in html
    assert '<a href="/search/?stars=4">' in html


def test_it_finds_the_honey_products_when_searching_without_accents(demo_catalog: None) -> None:
    # given the demo catalogue, its honeys named "Mật ong …"
    # when a visitor searches "mat ong"
    response = Client().get("/search/", {"q": "mat ong"})
    # then the three honeys are found, and not the products that only mention honey in their
    # story (every word must be in a product's name, group or origin first)
    html = response.content.decode()
    page = read_page(html)
    assert response.status_code == 200
    assert set(page.product_links) == {
        "/p/mat-ong-hoa-ban-dien-bien/",
        "/p/mat-ong-banh-to-muong-phang/",
        "/p/mat-ong-hoa-vai-luc-ngan/",
    }
    assert '<p class="result-count">Kết quả: 3</p>' in html
    assert page.h1 == ["Kết quả cho “mat ong”"]


def test_it_shows_the_product_page_with_its_ocop_panel_and_price(demo_catalog: None) -> None:
    # given a listed honey and its certificate
    product = Product.objects.get(slug=HONEY)
    certificate = product.certificates.get()
    # when its page is opened
    response = Client().get(f"/p/{HONEY}/")
    html = response.content.decode()
    # then it shows the price in đồng, both options, and the OCOP panel
    assert response.status_code == 200
    assert read_page(html).h1 == ["Mật ong hoa ban Điện Biên"]
    assert '<p class="price price-large">265.000 ₫</p>' in html
    assert html.count('<input type="radio" id="buy-variant-') == 2
    assert '<span class="price">490.000 ₫</span>' in html
    assert "<dt>Số quyết định</dt><dd>1582/QĐ-UBND</dd>" in html
    assert "<dt>Đơn vị cấp</dt><dd>UBND tỉnh Điện Biên (Cấp tỉnh)</dd>" in html
    valid_until = certificate.valid_until.strftime("%d/%m/%Y")
    assert f">{valid_until}</time>" in html
    assert '<dt>Trạng thái</dt><dd class="stock-in">Còn hiệu lực</dd>' in html
    assert (
        '<p class="producer-name"><strong>Đặc sản Mường Phăng</strong><br>'
        '<span class="muted">Hợp tác xã Nông lâm sản Mường Phăng</span></p>'
    ) in html
    assert '<p class="muted">Hợp tác xã · <a href="/tinh/dien-bien/">Điện Biên</a></p>' in html


def test_it_answers_404_for_a_product_whose_certificate_lapsed(demo_catalog: None) -> None:
    # given a listed honey whose certificate lapsed (its validity ended in the past, as
    # its listing record says too: the record copies the certificate's end, as any
    # write of the certificate would)
    product = Product.objects.get(slug=HONEY)
    product.certificates.update(valid_until=product.certificates.get().decision_date)
    refresh_listed([product.pk])
    # when its page, the sitemap, a search and its category are opened
    client = Client()
    page = client.get(f"/p/{HONEY}/")
    sitemap = client.get("/sitemap.xml").content.decode()
    searched = read_page(client.get("/search/", {"q": "mat ong"}).content.decode())
    category = read_page(client.get("/c/thuc-pham-mat-ong/").content.decode())
    # then the page is a helpful 404 without a price, and the product is listed nowhere
    html = page.content.decode()
    assert page.status_code == 404
    assert read_page(html).h1 == ["Sản phẩm này hiện không được bán"]
    assert "₫" not in html
    assert f"/p/{HONEY}/" not in sitemap
    assert "/p/mat-ong-banh-to-muong-phang/</loc>" in sitemap
    assert f"/p/{HONEY}/" not in searched.product_links
    assert sorted(category.product_links) == [
        "/p/mat-ong-banh-to-muong-phang/",
        "/p/mat-ong-hoa-vai-luc-ngan/",
    ]


def test_it_lists_only_listable_products_in_the_sitemap(demo_catalog: None) -> None:
    # given the demo catalogue, whose vase's certificate has expired
    # when the sitemap and robots.txt are fetched
    client = Client()
    sitemap = client.get("/sitemap.xml")
    robots = client.get("/robots.txt")
    # then the sitemap holds listable products only and robots.txt points at it
    body = sitemap.content.decode()
    assert sitemap["Content-Type"] == "application/xml; charset=utf-8"
    assert "<loc>http://testserver/p/mat-ong-hoa-ban-dien-bien/</loc>" in body
    assert "binh-hut-loc-men-ran-bat-trang" not in body
    assert "thit-trau-gac-bep-muong-phang" not in body
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()


def test_it_gives_every_page_a_lang_one_h1_and_labelled_fields(demo_catalog: None) -> None:
    # given every kind of storefront page, in both languages
    pages = ["/", "/search/?q=mat+ong", "/c/thuc-pham-mat-ong/", "/tinh/dien-bien/", f"/p/{HONEY}/"]
    pages += ["/p/no-such-product/", "/c/no-such-group/"]
    client = Client()
    found: dict[str, Any] = {}
    for path in pages:
        for language in ("vi", "en"):
            separator = "&" if "?" in path else "?"
            response = client.get(f"{path}{separator}hl={language}")
            facts = read_page(response.content.decode())
            # when each is read
            found[f"{path} {language}"] = (facts.lang, len(facts.h1), facts.unlabelled)
    # then each has its language, one h1, and no form field without a label
    assert found == {
        f"{path} {language}": (language, 1, []) for path in pages for language in ("vi", "en")
    }


def test_it_serves_pages_under_the_csp_without_inline_scripts_or_styles(
    demo_catalog: None,
) -> None:
    # given the home and a product page
    client = Client()
    responses = [client.get("/"), client.get(f"/p/{HONEY}/")]
    for response in responses:
        html = response.content.decode()
        # when their HTML and headers are read
        scripts = re.findall(r"<script\b[^>]*>", html)
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
        allowed_inline = {'<script type="application/ld+json">'}
        if nonce:
            allowed_inline.add(f'<script nonce="{nonce.group(1)}">')
        # then the only script file is the vendored htmx file, any other script is a JSON-LD
        # data block or carries this response's nonce, nothing is styled inline, and the
        # policy allows our own scripts only
        assert [s for s in scripts if " src=" in s] == [
            '<script src="/static/web/vendor/htmx.min.js" defer>'
        ]
        assert {s for s in scripts if " src=" not in s} <= allowed_inline
        assert "<style" not in html and " style=" not in html
        assert "script-src 'self'" in response["Content-Security-Policy"]


def test_it_says_when_a_search_answers_with_close_matches(demo_catalog: None) -> None:
    # given the demo catalogue, whose rice is "Gạo Séng Cù"
    # when a visitor misspells it
    response = Client().get("/search/", {"q": "seng cuu"})
    html = response.content.decode()
    # then the search corrects the word, says so, and finds the rice
    assert (
        '<p class="did-you-mean">Không có kết quả khớp hoàn toàn: '
        "đang hiện sản phẩm có từ gần giống.</p>"
    ) in html
    assert "/p/gao-seng-cu-dien-bien/" in read_page(html).product_links


def test_it_finds_products_by_the_beginning_of_the_last_word_while_typing(
    demo_catalog: None,
) -> None:
    # given a province name being typed, its last word not finished
    # when it is searched
    html = Client().get("/search/", {"q": "dien bie"}).content.decode()
    # then Điện Biên's products are found as if the word were complete
    assert '<p class="result-count">Kết quả: 6</p>' in html
    assert "/p/gao-seng-cu-dien-bien/" in read_page(html).product_links


def test_it_links_the_search_suggestions_to_their_pages() -> None:
    # given the search service's suggestions for a product and a province
    result = SearchResult(
        hits=[],
        total=0,
        suggestions=[
            Suggestion("Gạo Séng Cù Điện Biên", "product", slug="gao-seng-cu-dien-bien"),
            Suggestion("Điện Biên", "province", province_code="11"),
        ],
    )
    # when the page turns them into links
    links = _suggestion_links(result)
    # then each leads to its product's or province's page
    assert links == [
        {"text": "Gạo Séng Cù Điện Biên", "url": "/p/gao-seng-cu-dien-bien/"},
        {"text": "Điện Biên", "url": "/tinh/dien-bien/"},
    ]


def test_it_shows_the_product_page_in_english(demo_catalog: None) -> None:
    # given a honey with an English name
    # when its English page is opened
    html = Client().get(f"/p/{HONEY}/?hl=en").content.decode()
    # then the name, labels and issuer level are English, the price still in đồng
    assert read_page(html).h1 == ["Điện Biên bauhinia blossom honey"]
    assert '<p class="price price-large">265.000 ₫</p>' in html
    assert "<dt>Issued by</dt><dd>UBND tỉnh Điện Biên (Provincial level)</dd>" in html
    assert '<dt>Status</dt><dd class="stock-in">Valid</dd>' in html


def test_it_links_the_seller_centre_from_the_footer_for_producers(demo_catalog: None) -> None:
    # given a producer on the shop's home page, in either language
    # when they look for where to sell
    vietnamese = Client().get("/").content.decode()
    english = Client().get("/?hl=en").content.decode()
    # then the footer leads to the seller centre (its sign-in, then the onboarding wizard)
    assert '<li><a href="/kenh-nguoi-ban/">Bán hàng trên Chợ OCOP</a></li>' in vietnamese
    assert '<li><a href="/kenh-nguoi-ban/">Sell on Chợ OCOP</a></li>' in english
