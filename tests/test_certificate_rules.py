"""The OCOP certificate rules (stars, score bands, issuer, dates, groups)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from catalog.certificates import clean_certificate
from catalog.models import OcopCertificate
from storefront_api.core.errors import ValidationErrors

ON = datetime.date(2025, 11, 1)


def _data(**change: Any) -> dict[str, Any]:
    data = {
        "decision_number": "1358/QĐ-UBND",
        "decision_date": datetime.date(2025, 3, 10),
        "issuer_level": "province",
        "issuer_name": "UBND tỉnh Điện Biên",
        "stars": 4,
        "score": 75,
        "product_group": "thuc-pham",
        "product_subgroup": "thuc-pham-tho-so-che",
    }
    return {**data, **change}


def _errors(**change: Any) -> list[tuple[str | None, str]]:
    try:
        clean_certificate(_data(**change), on=ON)
    except ValidationErrors as failure:
        return [(e.field, e.code) for e in failure.errors]
    return []


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        ({}, []),
        ({"stars": 3, "score": 50}, []),
        ({"stars": 3, "score": 69}, []),
        ({"stars": 4, "score": 70}, []),
        ({"stars": 4, "score": 89}, []),
        ({"stars": 5, "score": 90, "issuer_level": "central"}, []),
        ({"stars": 5, "score": 100, "issuer_level": "central"}, []),
        ({"score": None}, []),
        # A province cannot award 5★: its 90+ products are "potential 5★" at 4★.
        ({"stars": 4, "score": 93}, []),
        ({"stars": 2, "score": 45}, [("stars", "STARS_TOO_LOW")]),
        ({"stars": 1}, [("stars", "STARS_TOO_LOW")]),
        ({"stars": 6}, [("stars", "INVALID")]),
        ({"stars": 3, "score": 49}, [("score", "SCORE_MISMATCH")]),
        ({"stars": 3, "score": 70}, [("score", "SCORE_MISMATCH")]),
        ({"stars": 4, "score": 69}, [("score", "SCORE_MISMATCH")]),
        ({"stars": 5, "score": 89, "issuer_level": "central"}, [("score", "SCORE_MISMATCH")]),
        ({"stars": 4, "score": 95, "issuer_level": "central"}, [("score", "SCORE_MISMATCH")]),
        ({"score": 101}, [("score", "INVALID")]),
        ({"stars": 5, "score": 95}, [("issuer_level", "ISSUER_NOT_ALLOWED")]),
        (
            {"stars": 5, "score": 95, "issuer_level": "district"},
            [("issuer_level", "ISSUER_NOT_ALLOWED")],
        ),
        ({"stars": 4, "issuer_level": "district"}, [("issuer_level", "ISSUER_NOT_ALLOWED")]),
        (
            {
                "stars": 3,
                "score": 60,
                "issuer_level": "district",
                "decision_date": datetime.date(2025, 7, 6),
            },
            [],
        ),
        (
            {
                "stars": 3,
                "score": 60,
                "issuer_level": "district",
                "decision_date": datetime.date(2025, 7, 7),
            },
            [("issuer_level", "ISSUER_NOT_ALLOWED")],
        ),
        (
            {
                "stars": 3,
                "score": 60,
                "issuer_level": "district",
                "decision_date": datetime.date(2023, 2, 24),
            },
            [],
        ),
        (
            {
                "stars": 3,
                "score": 60,
                "issuer_level": "district",
                "decision_date": datetime.date(2023, 2, 23),
            },
            [("issuer_level", "ISSUER_NOT_ALLOWED")],
        ),
        (
            {"decision_date": datetime.date(2025, 11, 2)},
            [("decision_date", "DECISION_DATE_IN_FUTURE")],
        ),
        ({"decision_date": datetime.date(2022, 11, 1)}, []),
        ({"decision_date": datetime.date(2022, 10, 31)}, [("decision_date", "EXPIRED")]),
        ({"product_group": None}, [("product_group", "REQUIRED")]),
        ({"product_group": "khong-co"}, [("product_group", "NOT_FOUND")]),
        ({"product_subgroup": "do-uong-co-con"}, [("product_subgroup", "INVALID")]),
        ({"product_group": "thuc-pham-che-bien"}, [("product_group", "NOT_FOUND")]),
        (
            {"decision_number": " ", "issuer_name": ""},
            [("decision_number", "REQUIRED"), ("issuer_name", "REQUIRED")],
        ),
    ],
)
def test_it_applies_the_certification_rules(
    db: Any, change: dict[str, Any], errors: list[tuple[str, str]]
) -> None:
    assert _errors(**change) == errors


def test_it_computes_validity_as_36_months_from_the_decision(db: Any) -> None:
    # given certificates decided on ordinary days, a month end and 29 February
    from tests import factories

    product = factories.product()
    expected = {
        datetime.date(2025, 3, 10): datetime.date(2028, 3, 10),
        datetime.date(2024, 2, 29): datetime.date(2027, 2, 28),
        datetime.date(2023, 8, 31): datetime.date(2026, 8, 31),
    }
    for decided, until in expected.items():
        certificate = OcopCertificate.objects.create(
            product=product,
            decision_number=f"{decided}/QĐ",
            decision_date=decided,
            issuer_level="province",
            issuer_name="UBND tỉnh",
            stars=4,
        )
        # then valid_until is computed, never typed
        assert certificate.valid_until == until
