"""The Quảng Ngãi report's names and the brief's bounds, shared by the figure tests.

``domain/BRIEF.md`` qualifies some figures ("more than N", "nearly N", "p%",
"above p%"); these functions are those bounds, exactly, so that the data set
test (``test_quang_ngai_figures``) and the report test
(``test_report_acceptance``) read the brief the same way.
"""

from __future__ import annotations

from fractions import Fraction

import dean06 as d6

PEAK_DAY = "QNG23-NCD"
SUMMER = "QNG23-HE"
YOUTH_MONTH = "QNG23-TTN"
BA_TO = "535"
BINH_SON, TRA_BONG = "524", "525"
BINH_MINH, TRA_XUAN = "21085", "21115"
POLICE_UNION = "Đoàn Thanh niên Công an tỉnh"
AGENCIES_UNION = "Đoàn Khối Cơ quan và Doanh nghiệp tỉnh"
FIRST_HALF_2023 = d6.Period.parse("2023-H1")


def more_than(value: int, n: int) -> bool:
    """More than N ("hơn N", "trên N"): N < x <= 1.02 N."""
    return n < value and 100 * value <= 102 * n


def nearly(value: int, n: int) -> bool:
    """Nearly N ("gần N"): 0.95 N <= x < N."""
    return 100 * value >= 95 * n and value < n


def about_percent(rate: d6.Rate, p: int) -> bool:
    """p%: p - 0.5 <= 100 x < p + 0.5."""
    value = rate.value
    return value is not None and p - Fraction(1, 2) <= 100 * value < p + Fraction(1, 2)


def above_percent(rate: d6.Rate, p: int) -> bool:
    """Above p% ("trên p%"): 100 x > p."""
    value = rate.value
    return value is not None and 100 * value > p
