"""Demo menus and pages: the OCOP programme's pages (what OCOP is, its star levels, how to
become a seller), one story page per producer (from its stall story), and the `navbar` and
`footer` menus a Saleor storefront asks for (its `MenuGetBySlug`), linking to the top
product groups, the featured collections and those pages. Idempotent, like the loader.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from catalog.models import Category, Collection
from content.models import Menu, MenuItem, MenuItemTranslation, Page, PageTranslation, PageType
from demo import content

Progress = Callable[[str], None]


@dataclass(frozen=True)
class DemoPage:
    slug: str
    title: str
    text: str  # paragraphs separated by blank lines
    slug_en: str
    title_en: str
    text_en: str


PROGRAMME_PAGES: tuple[DemoPage, ...] = (
    DemoPage(
        "ocop-la-gi",
        "OCOP là gì?",
        "OCOP (Mỗi xã một sản phẩm) là chương trình quốc gia phát triển kinh tế nông thôn "
        "dựa trên những sản phẩm đặc trưng của từng địa phương.\n\n"
        "Sản phẩm được hội đồng cấp tỉnh hoặc trung ương đánh giá, chấm điểm và xếp hạng từ "
        "3 đến 5 sao. Chợ OCOP chỉ bán sản phẩm có giấy chứng nhận còn hiệu lực từ 3 sao.",
        "what-is-ocop",
        "What is OCOP?",
        "OCOP (One Commune One Product) is Viet Nam's national programme for rural economies, "
        "built on each locality's distinctive products.\n\n"
        "Products are assessed, scored and ranked from 3 to 5 stars by a provincial or national "
        "council. Chợ OCOP sells only products with a valid certificate of 3 stars or more.",
    ),
    DemoPage(
        "hang-sao-ocop",
        "Hạng sao OCOP",
        "3 sao: sản phẩm đạt chuẩn, có thể nâng cấp (50 đến 69 điểm).\n\n"
        "4 sao: sản phẩm đạt chuẩn cấp tỉnh, có thể nâng cấp lên 5 sao (70 đến 89 điểm).\n\n"
        "5 sao: sản phẩm đạt chuẩn quốc gia, có thể cạnh tranh quốc tế (90 đến 100 điểm).\n\n"
        "Giấy chứng nhận có hiệu lực 36 tháng.",
        "ocop-star-ratings",
        "OCOP star ratings",
        "3 stars: meets the standard, can be upgraded (50 to 69 points).\n\n"
        "4 stars: meets the provincial standard, can be upgraded to 5 stars (70 to 89 points).\n\n"
        "5 stars: meets the national standard, can compete internationally (90 to 100 points).\n\n"
        "A certificate is valid for 36 months.",
    ),
    DemoPage(
        "tro-thanh-nguoi-ban",
        "Trở thành người bán",
        "Hợp tác xã, tổ hợp tác, doanh nghiệp nhỏ và hộ kinh doanh có sản phẩm OCOP từ 3 sao "
        "đều có thể mở gian hàng.\n\n"
        "Đăng ký tài khoản, điền hồ sơ người bán và tải lên giấy chứng nhận OCOP. Cán bộ OCOP "
        "của tỉnh kiểm tra hồ sơ và giấy chứng nhận, rồi gian hàng được mở.\n\n"
        "Hộ chưa có e-mail có thể nhờ cán bộ OCOP của tỉnh mở giúp và nhận thẻ kích hoạt.",
        "become-a-seller",
        "Become a seller",
        "Cooperatives, cooperative groups, small firms and household businesses with an OCOP "
        "product of 3 stars or more can open a stall.\n\n"
        "Create an account, fill in the seller profile and upload your OCOP certificate. The "
        "province's OCOP officer checks the profile and the certificate, then the stall opens."
        "\n\nA household without e-mail can ask the province's OCOP officer to open the stall "
        "and receive an activation card.",
    ),
)


def editorjs(text: str) -> dict[str, object]:
    """Plain paragraphs as EditorJS JSON, as Saleor stores a page's content."""
    blocks = [
        {"id": f"p{index}", "type": "paragraph", "data": {"text": paragraph.strip()}}
        for index, paragraph in enumerate(text.split("\n\n"))
        if paragraph.strip()
    ]
    return {"time": 0, "blocks": blocks, "version": "2.24.3"}


def _page(page_type: PageType, spec: DemoPage) -> Page:
    fields = {
        "page_type": page_type,
        "title": spec.title,
        "content": editorjs(spec.text),
        "seo_title": spec.title[:70],
        "seo_description": spec.text.split("\n\n")[0][:300],
        "is_published": True,
    }
    # Published once, when first loaded: a reload keeps the date.
    page, _ = Page.objects.update_or_create(
        slug=spec.slug,
        defaults=fields,
        create_defaults={**fields, "published_at": timezone.now()},
    )
    PageTranslation.objects.update_or_create(
        page=page,
        language_code="en",
        defaults={
            "title": spec.title_en,
            "slug": spec.slug_en,
            "content": editorjs(spec.text_en),
            "seo_title": spec.title_en[:70],
            "seo_description": spec.text_en.split("\n\n")[0][:300],
        },
    )
    return page


def story_pages() -> tuple[DemoPage, ...]:
    """One page per producer with a story: its stall's story, in both languages."""
    return tuple(
        DemoPage(
            f"cau-chuyen-{producer.key}",
            producer.stall_name,
            producer.story,
            f"story-{producer.key}",
            producer.stall_name,
            producer.story_en,
        )
        for producer in content.DEMO_PRODUCERS
        if producer.story and producer.story_en
    )


def _item(
    menu: Menu,
    name: str,
    name_en: str,
    order: int,
    parent: MenuItem | None = None,
    **link: object,
) -> MenuItem:
    item, _ = MenuItem.objects.update_or_create(
        menu=menu,
        parent=parent,
        name=name,
        defaults={
            "sort_order": order,
            "category": None,
            "collection": None,
            "page": None,
            "url": "",
            **link,
        },
    )
    MenuItemTranslation.objects.update_or_create(
        menu_item=item, language_code="en", defaults={"name": name_en}
    )
    return item


def load_demo_pages(progress: Progress = print) -> None:
    """The programme and story pages, and the `navbar` and `footer` menus."""
    progress("  demo pages and menus")
    programme, _ = PageType.objects.update_or_create(
        slug="chuong-trinh-ocop", defaults={"name": "Chương trình OCOP"}
    )
    stories, _ = PageType.objects.update_or_create(
        slug="cau-chuyen-nha-san-xuat", defaults={"name": "Câu chuyện nhà sản xuất"}
    )
    about = [_page(programme, spec) for spec in PROGRAMME_PAGES]
    told = [_page(stories, spec) for spec in story_pages()]

    navbar, _ = Menu.objects.update_or_create(slug="navbar", defaults={"name": "Navbar"})
    for order, category in enumerate(Category.objects.filter(parent=None).order_by("pk")):
        _item(navbar, category.name, category.name_en or category.name, order, category=category)
    featured = Collection.objects.filter(is_featured=True).order_by("slug").first()
    if featured is not None:
        _item(navbar, featured.name, featured.name, 10, collection=featured)
    _item(navbar, "OCOP là gì?", "About OCOP", 11, page=about[0])

    footer, _ = Menu.objects.update_or_create(slug="footer", defaults={"name": "Footer"})
    heading = _item(footer, "Chương trình OCOP", "The OCOP programme", 0)
    for order, page in enumerate(about):
        english = PROGRAMME_PAGES[order].title_en
        _item(footer, page.title, english, order, heading, page=page)
    heading = _item(footer, "Câu chuyện nhà sản xuất", "Producers' stories", 1)
    for order, page in enumerate(told[:5]):
        _item(footer, page.title, page.title, order, heading, page=page)
