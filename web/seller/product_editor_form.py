"""The one-page product editor's form: what the request sent (`form_input`) and what the
template shows (`editor_context`, `attach_errors`), for a stall's product or a new one.

Kept apart from the views (web/seller/products.py) so another area can show the same
editor for a stall it acts for: everything here takes the seller as an argument."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _lazy

from catalog.certificate_choice import stall_certificates
from catalog.label_facts import FACTS, facts_for, group_of
from catalog.models import (
    Category,
    CertificateStatus,
    IssuerLevel,
    Product,
    ProductGroup,
    ProductVariantChannelListing,
    Stock,
)
from catalog.product_form import CERTIFICATE_FIELDS, ProductFormInput, VariantRow
from catalog.story import blocks_from_html, current_story, to_html
from catalog.story_blocks import any_stored_photo
from catalog.story_text import blocks_from_text, to_text
from sellers.models import Seller
from web.cards import localized
from web.channel import storefront_channel

SPARE_VARIANT_ROWS = 1


def form_input(request: HttpRequest) -> ProductFormInput:
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
    if (stored := current_story(product.story, product.description)) is not None:
        return {"text": to_text(stored), "html": to_html(stored)}
    # A product written before stories, or whose description the API changed since.
    return {
        "text": product.description,
        "html": to_html(blocks_from_text(product.description, any_stored_photo)),
    }


def _offered(seller: Seller, held: set[str]) -> list[Any]:
    """The stall's certificates the seller may pick, but the decisions the product holds;
    each with its OCOP group's name in the visitor's language."""
    offered: list[Any] = []
    certificate: Any
    for certificate in stall_certificates(seller):
        if certificate.decision_number.lower() in held:
            continue
        group = certificate.product_group
        certificate.group_label = localized(group.name, group.name_en) if group else ""
        offered.append(certificate)
    return offered


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


def editor_context(
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
        "form_data": data,
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
        "stall_certificates": _offered(seller, held),
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


def attach_errors(context: dict[str, Any], errors: dict[str, list[str]]) -> None:
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
    context["fact_fields"] = _fact_fields(context["product"], context["form_data"], errors)
