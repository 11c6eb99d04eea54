"""The side-by-side benchmark's arithmetic (bench/stats.py, bench/graphql_timing.py and
bench/saleor_side_by_side.py): percentiles, the per-operation summary, the ours ÷ Saleor
ratio, the rate, the table rows, and which unit each checkout buys."""

from __future__ import annotations

import pytest

from bench.graphql_timing import (
    Server,
    rate,
    ratio,
    summary,
    table,
)
from bench.saleor_side_by_side import units_in_turn
from bench.stats import percentile


def test_it_takes_the_nearest_rank_percentile() -> None:
    # given twenty timings 1..20 ms, shuffled
    timings = [
        float(v) for v in (7, 3, 20, 1, 15, 9, 12, 2, 18, 5, 4, 11, 6, 19, 8, 10, 13, 17, 14, 16)
    ]
    # when percentiles are taken
    # then they are the values at the nearest rank of the sorted list
    assert percentile(timings, 0.0) == 1.0
    assert percentile(timings, 0.5) == 11.0  # rank round(0.5 * 19) = 10 (0-based)
    assert percentile(timings, 0.95) == 19.0  # rank round(18.05) = 18
    assert percentile(timings, 1.0) == 20.0


def test_it_refuses_a_percentile_of_nothing() -> None:
    # given no timings / when a percentile is asked / then it says so
    with pytest.raises(ValueError, match="no values"):
        percentile([], 0.5)


def test_it_summarises_timings_as_median_p95_and_mean() -> None:
    # given an even number of timings with one slow outlier
    timings = [10.0, 12.0, 14.0, 100.0]
    # when summarised
    figures = summary(timings)
    # then the median is the mean of the middle two, p95 the outlier, all rounded to 0.1 ms
    assert figures == {"n": 4, "p50_ms": 13.0, "p95_ms": 100.0, "mean_ms": 34.0}


def test_it_gives_the_ratio_of_ours_to_saleor_and_none_without_saleor() -> None:
    # given our median and Saleor's (or none)
    # when the ratio is taken
    # then it is ours ÷ Saleor rounded to two places, and None when there is nothing to divide by
    assert ratio(26.0, 60.0) == 0.43
    assert ratio(42.0, 43.0) == 0.98
    assert ratio(17.0, None) is None
    assert ratio(17.0, 0.0) is None


def test_it_counts_requests_per_second() -> None:
    # given 200 requests in 2.5 s, and none in no time
    # when the rate is taken
    # then it is per second, rounded to 0.1, and 0 for an empty interval
    assert rate(200, 2.5) == 80.0
    assert rate(7, 3.0) == 2.3
    assert rate(0, 0.0) == 0.0


def test_it_builds_one_row_per_operation_with_both_servers_and_the_ratio() -> None:
    # given timings and rates of one operation on both servers
    servers = [Server("ours", "http://a/graphql/", {}), Server("saleor", "http://b/graphql/", {})]
    latencies = {"list": {"ours": [10.0, 20.0, 30.0], "saleor": [40.0, 60.0, 80.0]}}
    rates = {"list": {"ours": 90.0, "saleor": 30.0}}
    # when the table is built
    rows = table(servers, latencies, rates)
    # then the row holds each server's figures and the ratio of the medians
    assert rows == [
        {
            "operation": "list",
            "ours": {"n": 3, "p50_ms": 20.0, "p95_ms": 30.0, "mean_ms": 20.0, "rps": 90.0},
            "saleor": {"n": 3, "p50_ms": 60.0, "p95_ms": 80.0, "mean_ms": 60.0, "rps": 30.0},
            "ratio_p50": 0.33,
        }
    ]


def test_it_builds_rows_without_a_ratio_when_ours_runs_alone() -> None:
    # given timings of our server only
    servers = [Server("ours", "http://a/graphql/", {})]
    # when the table is built
    rows = table(servers, {"detail": {"ours": [5.0, 7.0]}}, {"detail": {"ours": 150.0}})
    # then there is no Saleor column and no ratio
    assert rows == [
        {
            "operation": "detail",
            "ours": {"n": 2, "p50_ms": 6.0, "p95_ms": 7.0, "mean_ms": 6.0, "rps": 150.0},
            "ratio_p50": None,
        }
    ]


def test_it_lets_variants_take_turns_and_never_sells_beyond_their_stock() -> None:
    # given three variants with 3, 1 and 2 units to sell
    stocked = [(3, "A"), (1, "B"), (2, "C")]
    # when the checkouts' purchases are laid out
    turns = units_in_turn(stocked)
    # then the variants take turns, one entry per unit, a sold-out variant dropping out
    assert turns == ["A", "B", "C", "A", "C", "A"]


def test_it_has_nothing_to_sell_without_stock() -> None:
    # given no deliverable variant / when laid out / then there is no purchase to make
    assert units_in_turn([]) == []
