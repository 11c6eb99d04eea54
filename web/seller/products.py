"""The seller centre's products: the stall's list (whether each is on the storefront, and
why not), a quick edit of price and stock per variant, and the one-page editor.

Every write is `catalog.product_form`'s (which calls the catalog's own `do_*`, as the
GraphQL mutations do); a refused one re-renders what was typed with the errors and writes
nothing. Another stall's product is "not found"."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from catalog.certificate_choice import stall_certificates
from catalog.label_facts import FACTS, facts_for, group_of
from catalog.listing import listable_products, priced_in, valid_certificate_q
from catalog.models import (
    Category,
    CertificateStatus,
    IssuerLevel,
    OcopCertificate,
    Product,
    ProductChannelListing,
    ProductGroup,
    ProductVariant,
    ProductVariantChannelListing,
    Stock,
)
from catalog.product_form import (
    CERTIFICATE_FIELDS,
    ProductFormInput,
    VariantRow,
    check_product_form,
    do_save_product_form,
)
from catalog.quick_edit import check_quick_edit, do_quick_edit
from catalog.story import (
    any_stored_photo,
    blocks_from_html,
    blocks_from_text,
    current_story,
    to_html,
    to_text,
)
from core.errors import ValidationErrors
from sellers.models import Seller, SellerMember
from sellers.statuses import SellerStatus
from web.areas import seller_area
from web.cards import localized
from web.channel import storefront_channel

PAGE_SIZE = 20
SPARE_VARIANT_ROWS = 1


def _key(field: str | None) -> str:
    return (field or "form").replace("-", "_")


def _errors(error: ValidationErrors) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for item in error.errors:
        found.setdefault(_key(item.field), []).append(item.message)
    return found


def _status(product: Any, seller: Seller) -> str:
    """Listed, or the first reason it is not (the rule itself is `catalog.listing`'s)."""
    if product.is_listed:
        return _("On the storefront")
    if seller.status != SellerStatus.APPROVED or not seller.is_active:
        return _("Not shown: your stall is not approved yet")
    if not product.is_published:
        return _("Not shown: unpublished")
    if not product.has_price:
        return _("Not shown: no price")
    if not product.has_certificate:
        return _("Not shown: no verified OCOP certificate (3★ or more)")
    return _("Not shown yet")


def _products(seller: Seller) -> QuerySet[Product]:
    channel = storefront_channel()
    listed = listable_products(channel).filter(pk=OuterRef("pk"))
    published = ProductChannelListing.objects.filter(
        product=OuterRef("pk"), channel=channel, is_published=True
    )
    certified = OcopCertificate.objects.filter(valid_certificate_q(), product=OuterRef("pk"))
    prices = ProductVariantChannelListing.objects.filter(channel=channel)
    variants = ProductVariant.objects.order_by("sort_order", "pk").prefetch_related(
        Prefetch("channel_listings", queryset=prices, to_attr="prices"),
        Prefetch("stocks", queryset=Stock.objects.order_by("pk"), to_attr="stock_rows"),
    )
    return (
        seller.products.annotate(
            is_listed=Exists(listed),
            is_published=Exists(published),
            has_price=Exists(priced_in(channel)),
            has_certificate=Exists(certified),
        )
        .prefetch_related(Prefetch("variants", queryset=variants, to_attr="variant_rows"))
        .order_by("-updated_at", "pk")
    )


def _variant_view(variant: Any, errors: dict[str, list[str]] | None = None, typed: Any = None):
    price = variant.prices[0].price_amount if variant.prices else None
    quantity = variant.stock_rows[0].quantity if variant.stock_rows else 0
    return {
        "variant": variant,
        "price": typed["price"] if typed else (price or ""),
        "quantity": typed["quantity"] if typed else quantity,
        "current_price": price,
        "errors": errors or {},
    }


def _rows(products: list[Any], seller: Seller) -> list[dict[str, Any]]:
    return [
        {
            "product": product,
            "status": _status(product, seller),
            "variants": [_variant_view(v) for v in product.variant_rows],
        }
        for product in products
    ]


@seller_area
def product_list(request: HttpRequest, *, seller: Seller, membership: SellerMember) -> HttpResponse:
    page = Paginator(_products(seller), PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(
        request,
        "web/seller/products.html",
        {
            "seller": seller,
            "nav_current": "seller_products",
            "rows": _rows(list(page.object_list), seller),
            "page_obj": page,
        },
    )


@require_POST
@seller_area
def quick_edit(
    request: HttpRequest, pk: int, *, seller: Seller, membership: SellerMember
) -> HttpResponse:
    """One variant's price and stock, from the list (htmx swaps the variant's row)."""
    if not ProductVariant.objects.filter(pk=pk, product__seller=seller).exists():
        raise Http404("no such variant")
    channel = storefront_channel()
    typed = {
        "price": request.POST.get("price", "").strip(),
        "quantity": request.POST.get("quantity", "").strip(),
    }
    errors: dict[str, list[str]] = {}
    try:
        price, quantity = check_quick_edit(typed["price"], typed["quantity"], channel)
        do_quick_edit(seller, pk, price, quantity, channel)
    except ValidationErrors as error:
        errors = _errors(error)
    product: Any = _products(seller).filter(variants__pk=pk).first()
    if product is None:
        raise Http404("no such variant")
    variant = next(v for v in product.variant_rows if v.pk == pk)
    if getattr(request, "htmx", False):
        context = {
            "item": _variant_view(variant, errors, typed if errors else None),
            "product": product,
            "saved": not errors,
        }
        return render(request, "web/seller/_variant_row.html", context)
    if not errors:
        messages.success(request, _("Price and stock saved."))
        return redirect(reverse("web:seller_products") + f"#variant-{pk}")
    row = {
        "product": product,
        "status": _status(product, seller),
        "variants": [
            _variant_view(v, errors, typed) if v.pk == pk else _variant_view(v)
            for v in product.variant_rows
        ],
    }
    context = {"seller": seller, "nav_current": "seller_products", "rows": [row]}
    return render(request, "web/seller/products.html", context, status=400)


# --- The editor -------------------------------------------------------------------------------


def _form_input(request: HttpRequest) -> ProductFormInput:
    post = request.POST
    rows = []
    for index in range(min(int(post.get("variant_rows") or 0), 50)):
        prefix = f"variant-{index}-"
        pk = post.get(prefix + "id", "").strip()
        rows.append(
            VariantRow(
                index=index,
                pk=int(pk) if pk.isdigit() else None,
                name=post.get(prefix + "name", ""),
                price=post.get(prefix + "price", ""),
                quantity=post.get(prefix + "quantity", ""),
            )
        )
    media_order = {}
    for key in post:
        value = post.get(key, "")
        if key.startswith("media-") and key.endswith("-order"):
            pk = key[len("media-") : -len("-order")]
            if pk.isdigit():
                media_order[int(pk)] = value
    main = post.get("main_media", "")
    return ProductFormInput(
        name=post.get("name", ""),
        category=post.get("category", ""),
        description=post.get("description", ""),
        publish=post.get("publish") == "on",
        variants=rows,
        photos=request.FILES.getlist("photos"),
        media_order=media_order,
        media_remove={int(v) for v in post.getlist("media_remove") if v.isdigit()},
        main_media=int(main) if main.isdigit() else None,
        certificate={name: post.get(f"cert-{name}", "") for name in CERTIFICATE_FIELDS},
        certificate_scan=request.FILES.get("cert-scan"),
        story_html=post.get("story_html") if "story_html" in post else None,
        story_photos=request.FILES.getlist("story_photos"),
        facts={key: post.get(f"fact-{key}", "") for key in FACTS},
        certificate_choice=post.get("cert-existing", ""),
    )


def _story_values(product: Product | None, data: ProductFormInput | None) -> dict[str, str]:
    """The story as the textarea's markup and as the toolbar's HTML. Photos sent with a
    refused form are not kept (like product photos): their placeholders are dropped."""
    if data is not None:
        if data.story_html is not None:
            blocks = blocks_from_html(data.story_html, any_stored_photo)
        else:
            blocks = blocks_from_text(data.description, any_stored_photo)
        return {"text": to_text(blocks), "html": to_html(blocks)}
    if product is None:
        return {"text": "", "html": ""}
    if (blocks := current_story(product.story, product.description)) is not None:
        return {"text": to_text(blocks), "html": to_html(blocks)}
    # A product written before stories, or whose description the API changed since.
    return {
        "text": product.description,
        "html": to_html(blocks_from_text(product.description, any_stored_photo)),
    }


def _fact_fields(
    product: Product | None, data: ProductFormInput | None, errors: dict[str, list[str]]
) -> list[dict[str, Any]]:
    typed = data.facts if data is not None else {}
    if data is None and product is not None:
        typed = {f.key: f.value for f in product.facts.all()}
    return [
        {
            "key": key,
            "label": fact.label,
            "hint": fact.hint,
            "multiline": fact.multiline,
            "max_length": fact.max_length,
            "value": typed.get(key, ""),
            "errors": errors.get(f"fact_{key}", []),
        }
        for key, fact in FACTS.items()
    ]


def _editor_context(
    seller: Seller, product: Product | None, data: ProductFormInput | None
) -> dict[str, Any]:
    channel = storefront_channel()
    variant_rows: list[dict[str, Any]] = []
    if data is not None:
        variant_rows = [
            {
                "index": r.index,
                "id": r.pk or "",
                "name": r.name,
                "price": r.price,
                "quantity": r.quantity,
            }
            for r in data.variants
        ]
    elif product is not None:
        variants = product.variants.order_by("sort_order", "pk").prefetch_related(
            Prefetch(
                "channel_listings",
                queryset=ProductVariantChannelListing.objects.filter(channel=channel),
                to_attr="prices",
            ),
            Prefetch("stocks", queryset=Stock.objects.order_by("pk"), to_attr="stock_rows"),
        )
        v: Any
        for index, v in enumerate(variants):
            variant_rows.append(
                {
                    "index": index,
                    "id": v.pk,
                    "name": v.name,
                    "price": v.prices[0].price_amount if v.prices else "",
                    "quantity": v.stock_rows[0].quantity if v.stock_rows else 0,
                }
            )
    for _spare in range(SPARE_VARIANT_ROWS):
        variant_rows.append(
            {"index": len(variant_rows), "id": "", "name": "", "price": "", "quantity": ""}
        )
    published = (
        product is not None
        and product.channel_listings.filter(channel=channel, is_published=True).exists()
    )
    media = list(product.media.all()) if product is not None else []
    typed_order = data.media_order if data else {}
    categories = list(Category.objects.select_related("parent__parent").order_by("level", "name"))
    for category in categories:
        # Which facts its group asks for, for the page's script to show only those.
        group = group_of(category)
        category.fact_keys = " ".join(facts_for(group))  # type: ignore[attr-defined]
    held = (
        {n.lower() for n in product.certificates.values_list("decision_number", flat=True)}
        if product is not None
        else set()
    )
    return {
        "seller": seller,
        "nav_current": "seller_products",
        "product": product,
        "values": {
            "name": data.name if data else (product.name if product else ""),
            "category": data.category
            if data
            else (str(product.category_id or "") if product else ""),
            "story": _story_values(product, data),
            "certificate_choice": data.certificate_choice if data else "",
            "publish": data.publish if data else published,
            "certificate": data.certificate if data else {},
            "main_media": data.main_media if data else (media[0].pk if media else None),
            "media_remove": data.media_remove if data else set(),
        },
        "variant_rows": variant_rows,
        "media": [{"item": m, "order": typed_order.get(m.pk, m.sort_order)} for m in media],
        "categories": categories,
        "all_facts": " ".join(facts_for(None)),
        "stall_certificates": [
            c for c in stall_certificates(seller) if c.decision_number.lower() not in held
        ],
        "groups": [
            (g.code, localized(g.name, g.name_en))
            for g in ProductGroup.objects.filter(parent__isnull=True).order_by("code")
        ],
        "issuer_levels": [(level, ISSUER_LABELS[level]) for level in IssuerLevel.values],
        "certificates": list(product.certificates.order_by("-decision_date"))
        if product is not None
        else [],
        "statuses": CertificateStatus,
        "errors": {},
    }


ISSUER_LABELS: dict[str, Any] = {
    IssuerLevel.DISTRICT: _lazy("District committee"),
    IssuerLevel.PROVINCE: _lazy("Provincial committee"),
    IssuerLevel.CENTRAL: _lazy("Central ministry"),
}
CERTIFICATE_LABELS = {
    "decision_number": _lazy("Decision number"),
    "decision_date": _lazy("Decision date"),
    "certificate_number": _lazy("Certificate number (optional)"),
    "issuer_name": _lazy("Issued by"),
    "stars": _lazy("Stars"),
    "score": _lazy("Score (optional)"),
}


def _certificate_fields(context: dict[str, Any], errors: dict[str, list[str]]) -> None:
    typed = context["values"]["certificate"]
    context["certificate_fields"] = [
        {
            "name": name,
            "key": f"cert_{name}",
            "label": label,
            "value": typed.get(name, ""),
            "type": "date" if name == "decision_date" else "text",
            "numeric": name in ("stars", "score"),
            "errors": errors.get(f"cert_{name}", []),
        }
        for name, label in CERTIFICATE_LABELS.items()
    ]


def _attach_errors(context: dict[str, Any], errors: dict[str, list[str]]) -> None:
    """Each error beside its field (the template cannot look up computed keys)."""
    context["errors"] = errors
    for row in context["variant_rows"]:
        row["errors"] = {
            part: errors.get(f"variant_{row['index']}_{part}", [])
            for part in ("name", "price", "quantity")
        }
    for item in context["media"]:
        item["errors"] = errors.get(f"media_{item['item'].pk}_order", [])
    _certificate_fields(context, errors)
    context["fact_fields"] = _fact_fields(context["product"], context.get("form_data"), errors)


def _editor(request: HttpRequest, seller: Seller, product: Product | None) -> HttpResponse:
    if request.method != "POST":
        context = _editor_context(seller, product, None)
        _attach_errors(context, {})
        return render(request, "web/seller/product_form.html", context)
    data = _form_input(request)
    channel = storefront_channel()
    try:
        checked = check_product_form(seller, product, data, channel)
        saved = do_save_product_form(
            seller, product.pk if product else None, checked, request.user, channel
        )
    except ValidationErrors as error:
        errors = _errors(error)
        if "id" in errors:
            raise Http404("no such product") from error
        context = _editor_context(seller, product, data)
        context["form_data"] = data
        _attach_errors(context, errors)
        return render(request, "web/seller/product_form.html", context, status=400)
    messages.success(request, _("Product saved."))
    return redirect("web:seller_product_edit", pk=saved.pk)


@require_http_methods(["GET", "POST"])
@seller_area
def product_new(request: HttpRequest, *, seller: Seller, membership: SellerMember) -> HttpResponse:
    return _editor(request, seller, None)


@require_http_methods(["GET", "POST"])
@seller_area
def product_edit(
    request: HttpRequest, pk: int, *, seller: Seller, membership: SellerMember
) -> HttpResponse:
    product = Product.objects.filter(pk=pk, seller=seller).first()
    if product is None:
        raise Http404("no such product")
    return _editor(request, seller, product)
