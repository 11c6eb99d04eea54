"""All the programme dashboard's figures for one scope, in one call: seventeen aggregate
queries whatever the number of products, producers or orders (a test pins the count).

Each figure's definition is in the docstring of its dataclass (`programme.certified`,
`programme.sales`); the dashboard shows the same definitions as "how this is counted"."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from catalog.models import Channel
from programme.certified import (
    CertificateHealth,
    Certified,
    LegacyRow,
    ModernChannels,
    Pipeline,
    Producers,
    by_legacy_province,
    certificate_health,
    certified_products,
    five_star_pipeline,
    modern_channels,
    producers_by_kind,
)
from programme.sales import Sales, sales


@dataclass(frozen=True)
class Figures:
    province_id: int | None
    today: datetime.date
    certified: Certified
    legacy: list[LegacyRow]
    producers: Producers
    modern_channels: ModernChannels
    certificates: CertificateHealth
    pipeline: Pipeline
    sales: Sales


def moment_of(today: datetime.date) -> datetime.datetime:
    """The instant the listing rule is asked about: now when `today` is today, else the
    end of that day (Vietnam time)."""
    now = timezone.now()
    if timezone.localdate(now) == today:
        return now
    return timezone.make_aware(datetime.datetime.combine(today, datetime.time.max))


def programme_figures(province_id: int | None, today: datetime.date, channel: Channel) -> Figures:
    """The figures of the province `province_id` (None: the whole country) on `today`, the
    listing rule read in `channel`."""
    moment = moment_of(today)
    producers = producers_by_kind(province_id, today)
    return Figures(
        province_id=province_id,
        today=today,
        certified=certified_products(province_id, today, channel, moment),
        legacy=by_legacy_province(province_id, today),
        producers=producers,
        modern_channels=modern_channels(province_id, today, channel, moment, producers.total),
        certificates=certificate_health(province_id, today),
        pipeline=five_star_pipeline(province_id, today),
        sales=sales(province_id, today),
    )
