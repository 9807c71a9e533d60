from statistics import median

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse

from core.chinese import as_shown
from core.text_search import contains_any, labels_containing
from core.validators import NAME_VALIDATORS
from skills.models import Cited, Source


class Region(models.TextChoices):
    NORTH = "north", "华北"
    NORTHEAST = "northeast", "东北"
    EAST = "east", "华东"
    CENTRAL = "central", "华中"
    SOUTH = "south", "华南"
    SOUTHWEST = "southwest", "西南"
    NORTHWEST = "northwest", "西北"


class City(models.Model):
    slug = models.SlugField("标识", unique=True, help_text="城市名的拼音。")
    name = models.CharField("城市", max_length=20, unique=True, help_text="简体中文。", validators=NAME_VALIDATORS)
    name_traditional = models.CharField("原文写法", max_length=20, help_text="来源中发布的繁体写法。")
    province = models.CharField("省级行政区", max_length=20)
    region = models.CharField("地区", max_length=20, choices=Region)

    class Meta:
        ordering = ["pk"]
        verbose_name = verbose_name_plural = "城市"

    def __str__(self):
        return self.name

    def published_name_if_different(self):
        """004's Traditional spelling, when it differs from the name as this reader sees it (银川 beside 銀川 for
        a 简体 reader; nothing for a 繁體 reader, who already sees 銀川)."""
        return "" if as_shown(self.name) == self.name_traditional else self.name_traditional


class SalaryDataset(Cited):
    slug = models.SlugField("标识", unique=True)
    title = models.CharField("名称", max_length=100)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="datasets", verbose_name="来源")
    as_of = models.DateField("统计截止", help_text="来源只给出年月,记为当月第一天。")
    unit = models.CharField("单位", max_length=20, default="元/月")
    caveats = models.TextField("数据说明", help_text="每行一条,凡显示数字处都要显示。")

    class Meta:
        verbose_name = verbose_name_plural = "薪资数据集"

    def __str__(self):
        return self.title

    def caveat_list(self):
        return [line.strip() for line in self.caveats.splitlines() if line.strip()]

    @property
    def month(self):
        """The same month as data: 2010-06."""
        return self.as_of.strftime("%Y-%m")

    @property
    def period(self):
        """The month the figures describe, as it is shown beside every one of them: 2010年6月."""
        return f"{self.as_of.year}年{self.as_of.month}月"


SORTS = {
    "salary": ("average_monthly", False),
    "-salary": ("average_monthly", True),
    "name": ("city__slug", False),
    "-name": ("city__slug", True),
}


class CitySalaryQuerySet(models.QuerySet):
    def with_city(self):
        return self.select_related("city", "dataset")

    def ranked(self):
        return self.with_city().order_by("-average_monthly", "city__pk")

    def in_region(self, region):
        return self.filter(city__region=region)

    def matching(self, *terms, original=""):
        """Cities by Simplified name, province or region (华东), or by the Traditional name as published
        (`original`: what the reader typed, before conversion)."""
        regions = labels_containing(Region.choices, terms)
        return self.filter(
            contains_any(CitySalary.searched_fields, terms)
            | contains_any(("city__name_traditional",), [original] if original else [])
            | models.Q(city__region__in=regions)
        )

    def sorted_by(self, key):
        """Order by one of SORTS: the name sorts by pinyin (the slug), which is how Chinese readers expect it."""
        field, descending = SORTS[key]
        order = [f"-{field}" if descending else field, "city__pk"]
        return self.with_city().order_by(*order)

    def summary(self):
        """Average, median, highest and lowest of the averages in this queryset (None when empty)."""
        return statistics_of(list(self.values_list("average_monthly", flat=True)))

    def summary_by_region(self):
        """{region: summary} for every region with a city in this queryset, in one query."""
        numbers = {}
        for region, average in self.values_list("city__region", "average_monthly"):
            numbers.setdefault(region, []).append(average)
        return {region: statistics_of(values) for region, values in numbers.items()}


def statistics_of(numbers):
    """count, average (rounded to the yuan), median, highest and lowest of whole numbers; None for none."""
    if not numbers:
        return None
    return {
        "count": len(numbers),
        "average": round(sum(numbers) / len(numbers)),
        "highest": max(numbers),
        "lowest": min(numbers),
        "median": median(sorted(numbers)),
    }


class CitySalary(Cited):
    dataset = models.ForeignKey(SalaryDataset, on_delete=models.CASCADE, related_name="salaries", verbose_name="数据集")
    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="salaries", verbose_name="城市")
    average_monthly = models.PositiveIntegerField("平均月薪(元)", validators=[MinValueValidator(1, "月薪必须是正数。")])

    objects = CitySalaryQuerySet.as_manager()
    # What a search looks in: `matching` and the site's search index (careerguide.search).
    searched_fields = ("city__name", "city__province", "city__name_traditional")

    class Meta:
        ordering = ["city__pk"]
        constraints = [models.UniqueConstraint(fields=["dataset", "city"], name="one_salary_per_city_and_dataset")]
        verbose_name = verbose_name_plural = "城市平均月薪"

    def __str__(self):
        return f"{self.city} {self.average_monthly}"

    def get_absolute_url(self):
        return reverse("salaries:city", args=[self.city.slug])


# The site's reading, not source 001's: 001 gives 初级 and 高级 pay but ties neither to a stage. The first
# JUNIOR_STAGE_COUNT stages (入职期, 稳定期) are read as 初级, the later ones as 高级.
JUNIOR_STAGE_COUNT = 2
STAGE_READING = (
    "本站的解读,不是来源的说法:来源 001 只说初级和高级售后客服的月薪,没有说它们对应哪个发展阶段,"
    "也没有注明年份。本站把入职期、稳定期读作初级,晋升期及以后读作高级。"
)


class SalaryBand(Cited):
    slug = models.SlugField("标识", unique=True)
    name = models.CharField("级别", max_length=20, unique=True, help_text="如:初级", validators=NAME_VALIDATORS)
    hedge = models.CharField(
        "来源措辞", max_length=20, blank=True, help_text="来源 001 写在数字前的限定词,如“一般在”“可达到”,显示时保留。"
    )
    order = models.PositiveSmallIntegerField("排序", default=0)
    minimum = models.PositiveIntegerField("下限(元/月)", validators=[MinValueValidator(1, "月薪必须是正数。")])
    maximum = models.PositiveIntegerField("上限(元/月)", validators=[MinValueValidator(1, "月薪必须是正数。")])

    class Meta:
        ordering = ["order"]
        constraints = [
            models.CheckConstraint(condition=models.Q(maximum__gte=models.F("minimum")), name="band_max_not_below_min")
        ]
        verbose_name = verbose_name_plural = "薪资区间"

    def __str__(self):
        return f"{self.name} {self.minimum}–{self.maximum}"

    @staticmethod
    def for_stage(bands, position):
        """The band the site reads for the stage at `position` (0 = first) among `bands` in order (see
        STAGE_READING); None without bands."""
        if not bands:
            return None
        return bands[0] if position < JUNIOR_STAGE_COUNT else bands[-1]


class StatisticalRelease(models.Model):
    """One release of official national statistics (国家统计局), loaded from fixtures/statistics/ unchanged.

    Nobody edits these in the admin: they are published facts, changed only by the loader or a migration.
    """

    slug = models.SlugField("标识", unique=True)
    publisher = models.CharField("发布机构", max_length=100)
    title = models.CharField("发布名称", max_length=300)
    published = models.CharField(
        "发布日期", max_length=20, blank=True, help_text="按数据文件记录的精度(年月日或年月);没有记录时为空。"
    )
    basis = models.CharField("口径", max_length=200, blank=True)
    addresses = models.JSONField("可核对的网页", default=list, help_text="[{label, url}]")
    caveats = models.TextField("数据说明", blank=True, help_text="每行一条。")
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = verbose_name_plural = "官方统计发布"

    def __str__(self):
        return f"{self.publisher}:{self.title}"

    def caveat_list(self):
        return [line.strip() for line in self.caveats.splitlines() if line.strip()]


class StatisticalFigure(models.Model):
    """One published number: a series (e.g. the CPI's change on the previous year) in one year."""

    release = models.ForeignKey(
        StatisticalRelease, on_delete=models.CASCADE, related_name="figures", verbose_name="发布"
    )
    series = models.CharField("指标标识", max_length=100, help_text="数据文件中的键,嵌套键以点连接。")
    name = models.CharField("指标", max_length=100)
    year = models.PositiveSmallIntegerField("年份")
    value = models.DecimalField("数值", max_digits=12, decimal_places=1)
    unit = models.CharField("单位", max_length=20)

    class Meta:
        ordering = ["release__order", "series", "year"]
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="one_figure_per_series_and_year")]
        verbose_name = verbose_name_plural = "官方统计数字"

    def __str__(self):
        return f"{self.name} {self.year}:{self.value} {self.unit}"
