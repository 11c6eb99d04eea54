"""Translated names for the domain's codes the web shows (the models' choice labels are
Vietnamese only; the page follows the visitor's language)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

SELLER_KINDS = {
    "HTX": _("Cooperative"),
    "THT": _("Cooperative group"),
    "DN": _("Enterprise"),
    "HKD": _("Household business"),
}

ISSUER_LEVELS = {
    "district": _("District level"),
    "province": _("Provincial level"),
    "central": pgettext_lazy("issuer level", "National level"),
}
