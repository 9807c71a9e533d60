"""What source 004's 2010 city averages mean today: the one home of the arithmetic, with the official figures
(国家统计局, see fixtures/statistics/) it uses.

Three numbers per city, each a different thing, and none of them a measurement of today's pay:
- at today's prices: the 2010 amount × the chained CPI of every year after it, i.e. what that pay buys today;
- a growth estimate: the 2010 amount × (national urban private-unit average wage, latest year / 2010), i.e.
  what it would be had it grown like that national average — the site's estimate under that assumption;
- a national reference: the latest annual average of 社会生产服务和生活服务人员 in 规模以上企业 ÷ 12, a national
  average of a broad group of service occupations, all industries, all cities (the same for every city).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from typing import NamedTuple

from salaries.models import StatisticalFigure

CPI = "cpi_annual_change"
WAGE = "urban_private_units_employed_persons"
REFERENCE = "enterprises_above_designated_size_by_position.social_production_and_life_services"
SERIES = (CPI, WAGE, REFERENCE)
MONTHS = 12


def whole(amount):
    """Whole yuan, halves up (as a reader rounds), whatever the number type."""
    if type(amount) is int:  # most amounts are: the source's own, and every one already rounded
        return amount
    return int(Decimal(str(amount)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


class Today(NamedTuple):
    """One 2010 monthly amount and what it means today (whole 元/月)."""

    published: int
    at_prices: int
    growth_estimate: int
    reference: int


@dataclass(frozen=True)
class Adjustment:
    base_year: int
    cpi: tuple  # StatisticalFigure rows for base_year + 1 … price_year, in order
    wage_base: object  # StatisticalFigure, base_year
    wage_latest: object  # StatisticalFigure, the latest year
    reference_figure: object  # StatisticalFigure, annual

    @classmethod
    def load(cls, base_year):
        """The factors for amounts of `base_year`, in one query; None when the statistics are not loaded or the
        CPI chain has a gap (then no page shows an adjusted figure rather than a wrong one)."""
        return cls.from_figures(base_year, StatisticalFigure.objects.filter(series__in=SERIES))

    @classmethod
    def from_figures(cls, base_year, figures):
        """The same from figures already read (the method page reads them all with their releases, which it shows
        beside each factor); figures of other series are left aside."""
        figures = [f for f in figures if f.series in SERIES]
        cpi = sorted((f for f in figures if f.series == CPI and f.year > base_year), key=lambda f: f.year)
        wages = {f.year: f for f in figures if f.series == WAGE}
        references = sorted((f for f in figures if f.series == REFERENCE), key=lambda f: f.year)
        latest_wage = max(wages, default=None)
        complete = bool(cpi) and [f.year for f in cpi] == list(range(base_year + 1, cpi[-1].year + 1))
        if not complete or base_year not in wages or latest_wage == base_year or not references:
            return None
        return cls(base_year, tuple(cpi), wages[base_year], wages[latest_wage], references[-1])

    @classmethod
    def for_dataset(cls, dataset):
        return cls.load(dataset.as_of.year) if dataset is not None else None

    @property
    def price_year(self):
        return self.cpi[-1].year

    @property
    def wage_year(self):
        return self.wage_latest.year

    @property
    def reference_year(self):
        return self.reference_figure.year

    # Computed once per Adjustment: a page puts every city's amount through them.
    @cached_property
    def price_factor(self):
        factor = Decimal(1)
        for figure in self.cpi:
            factor *= 1 + figure.value / 100
        return factor

    @cached_property
    def wage_factor(self):
        return self.wage_latest.value / self.wage_base.value

    @cached_property
    def reference(self):
        return whole(self.reference_figure.value / MONTHS)

    def at_prices(self, monthly):
        return whole(monthly * self.price_factor)

    def growth_estimate(self, monthly):
        return whole(monthly * self.wage_factor)

    def of(self, monthly):
        return Today(monthly, self.at_prices(monthly), self.growth_estimate(monthly), self.reference)

    def releases(self):
        """The releases the factors come from, each once, in the order the method page lists them."""
        figures = [self.cpi[0], self.wage_base, self.wage_latest, self.reference_figure]
        return list({figure.release.pk: figure.release for figure in figures}.values())

    # What each number is, in the words every page and the API use.
    def labels(self):
        return {
            "at_prices": f"按 {self.price_year} 年物价折算",
            "at_prices_meaning": (
                f"这份 {self.base_year} 年的月薪在 {self.price_year} 年的购买力(按全国居民消费价格指数折算),"
                "不是这份工作今天的工资。"
            ),
            "growth_estimate": f"若与全国城镇私营单位平均工资同步增长的推算值({self.wage_year} 年)",
            "growth_estimate_meaning": (
                f"本站在一个假设下的推算,不是统计数据:假设这份月薪从 {self.base_year} 年到 {self.wage_year} 年"
                "与全国城镇私营单位就业人员年平均工资同比例增长。"
            ),
            "reference": f"{self.reference_year} 年全国参考:规模以上企业社会生产服务和生活服务人员",
            "reference_meaning": (
                f"国家统计局公布的 {self.reference_year} 年全国规模以上企业社会生产服务和生活服务人员年平均工资 ÷ 12:"
                "一大类服务岗位在所有行业、所有城市的平均数,不是售后客服的工资,也不是某个城市的工资。"
            ),
        }


def attach(rows, adjustment):
    """Give every CitySalary row its `today` (None without statistics); returns the rows as a list."""
    rows = list(rows)
    for row in rows:
        row.today = adjustment.of(row.average_monthly) if adjustment else None
    return rows
