"""Write fixtures/salary_table.yaml from the salary table and its notes in source 004.

The numbers are copied exactly as published (some look odd, e.g. 杭州 1978); the document is the authority,
so the file is generated rather than typed, and `--check` lets CI prove the two still agree.
"""

import datetime
import re

import yaml
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.chinese import to_simplified

SOURCE = "004"
EXPECTED_CITIES = 36

# Public geography, not taken from the source: the source only names the cities.
# Simplified name -> (pinyin slug, province-level division).
CITIES = {
    "北京": ("beijing", "北京市"),
    "济南": ("jinan", "山东省"),
    "兰州": ("lanzhou", "甘肃省"),
    "乌鲁木齐": ("wulumuqi", "新疆维吾尔自治区"),
    "天津": ("tianjin", "天津市"),
    "太原": ("taiyuan", "山西省"),
    "成都": ("chengdu", "四川省"),
    "郑州": ("zhengzhou", "河南省"),
    "上海": ("shanghai", "上海市"),
    "武汉": ("wuhan", "湖北省"),
    "南宁": ("nanning", "广西壮族自治区"),
    "广州": ("guangzhou", "广东省"),
    "重庆": ("chongqing", "重庆市"),
    "长沙": ("changsha", "湖南省"),
    "西宁": ("xining", "青海省"),
    "贵阳": ("guiyang", "贵州省"),
    "哈尔滨": ("haerbin", "黑龙江省"),
    "南昌": ("nanchang", "江西省"),
    "西安": ("xian", "陕西省"),
    "昆明": ("kunming", "云南省"),
    "长春": ("changchun", "吉林省"),
    "合肥": ("hefei", "安徽省"),
    "海口": ("haikou", "海南省"),
    "银川": ("yinchuan", "宁夏回族自治区"),
    "沈阳": ("shenyang", "辽宁省"),
    "福州": ("fuzhou", "福建省"),
    "拉萨": ("lasa", "西藏自治区"),
    "青岛": ("qingdao", "山东省"),
    "石家庄": ("shijiazhuang", "河北省"),
    "杭州": ("hangzhou", "浙江省"),
    "深圳": ("shenzhen", "广东省"),
    "厦门": ("xiamen", "福建省"),
    "呼和浩特": ("huhehaote", "内蒙古自治区"),
    "南京": ("nanjing", "江苏省"),
    "宁波": ("ningbo", "浙江省"),
    "大连": ("dalian", "辽宁省"),
}

# The seven conventional geographic regions of China (华北, 东北, …), keyed by province-level division.
PROVINCE_REGIONS = {
    "北京市": "north",
    "天津市": "north",
    "河北省": "north",
    "山西省": "north",
    "内蒙古自治区": "north",
    "辽宁省": "northeast",
    "吉林省": "northeast",
    "黑龙江省": "northeast",
    "上海市": "east",
    "江苏省": "east",
    "浙江省": "east",
    "安徽省": "east",
    "福建省": "east",
    "江西省": "east",
    "山东省": "east",
    "河南省": "central",
    "湖北省": "central",
    "湖南省": "central",
    "广东省": "south",
    "广西壮族自治区": "south",
    "海南省": "south",
    "重庆市": "southwest",
    "四川省": "southwest",
    "贵州省": "southwest",
    "云南省": "southwest",
    "西藏自治区": "southwest",
    "陕西省": "northwest",
    "甘肃省": "northwest",
    "青海省": "northwest",
    "宁夏回族自治区": "northwest",
    "新疆维吾尔自治区": "northwest",
}

# The heading, then one or more "城市 / 平均月薪" header pairs (the page lays the table out four columns wide).
TABLE_START = re.compile(r"職位薪酬[^\n]*\n(?:\s*城市\s+平均月薪)+")
# A city name and its number, as the page lays them out (separated by blank lines).
ROW = re.compile(r"\s*(?P<name>[^\W\d_]+)\s+(?P<average>\d+)")
NOTES_HEADING = "薪酬數據的説明:"
NOTE = re.compile(r"^\d+、(?P<text>.+?)[;;。]?$")
AS_OF = re.compile(r"截止日期為(?P<year>\d{4})年(?P<month>\d{1,2})月")


def source_path():
    matches = sorted(settings.SOURCES_DIR.glob(f"{SOURCE}_*.txt"))
    if len(matches) != 1:
        raise CommandError(f"在 {settings.SOURCES_DIR} 中找不到唯一的来源文档 {SOURCE}_*.txt。")
    return matches[0]


def fixture_path():
    return settings.SOURCES_DIR.parent / "salary_table.yaml"


def parse_table(text):
    """[(traditional name, average, quote)] in the order published; the quote is the literal text of the row."""
    start = TABLE_START.search(text)
    if start is None:
        raise CommandError("来源 004 中找不到“職位薪酬”表格(城市 / 平均月薪)。")
    rows, position = [], start.end()
    while match := ROW.match(text, position):
        name_at, end = match.start("name"), match.end("average")
        rows.append((match["name"], int(match["average"]), text[name_at:end]))
        position = end
    if len(rows) != EXPECTED_CITIES:
        raise CommandError(f"来源 004 的薪酬表应有 {EXPECTED_CITIES} 个城市,实际解析出 {len(rows)} 个,请检查原文格式。")
    return rows


def parse_notes(text):
    """The numbered lines under 薪酬數據的説明, as published."""
    at = text.find(NOTES_HEADING)
    if at < 0:
        raise CommandError(f"来源 004 中找不到“{NOTES_HEADING}”。")
    notes = []
    for line in text[at + len(NOTES_HEADING) :].splitlines():
        line = line.strip()
        if not line and not notes:
            continue
        if not NOTE.match(line):
            break
        notes.append(line)
    if not notes:
        raise CommandError("“薪酬數據的説明”下没有编号的说明条目。")
    return notes


def as_of(notes):
    for note in notes:
        if match := AS_OF.search(note):
            return datetime.date(int(match["year"]), int(match["month"]), 1)
    raise CommandError("薪酬数据说明中找不到统计截止日期(截止日期為…年…月)。")


def build(text):
    """The salary fixture as a plain dict, ready to dump."""
    notes = parse_notes(text)
    heading = text[TABLE_START.search(text).start() :].split("\n", 1)[0].strip()
    cities = []
    for traditional, average, quote in parse_table(text):
        name = to_simplified(traditional)
        if name not in CITIES:
            raise CommandError(f"城市“{name}”({traditional})不在 CITIES 对照表中,请补上拼音和省份。")
        slug, province = CITIES[name]
        cities.append(
            {
                "slug": slug,
                "name": name,
                "name_traditional": traditional,
                "province": province,
                "region": PROVINCE_REGIONS[province],
                "average_monthly": average,
                "citations": [{"source": SOURCE, "quote": quote}],
            }
        )
    dataset = {
        "slug": "cntv-2010",
        "title": to_simplified(heading),
        "source": SOURCE,
        "as_of": as_of(notes),
        "unit": "元/月",
        "caveats": [to_simplified(NOTE.match(note)["text"]) for note in notes],
        "citations": [{"source": SOURCE, "quote": quote} for quote in [heading, *notes]],
    }
    return {"dataset": dataset, "cities": cities}


class _Dumper(yaml.SafeDumper):
    """Writes multi-line quotes as "北京\\n\\n7285", so the blank lines of the source stay visible."""


def _represent_str(dumper, value):
    style = '"' if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def render(data):
    header = "# Generated by `python manage.py build_salary_fixture` from source 004. Do not edit by hand.\n"
    return header + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


class Command(BaseCommand):
    help = "从来源 004 的“職位薪酬”表和“薪酬數據的説明”生成 fixtures/salary_table.yaml(数字与原文完全一致)。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="不写文件,只检查已提交的 salary_table.yaml 是否与来源一致;不一致时以非零状态退出。",
        )

    def handle(self, *args, check=False, **options):
        output = render(build(source_path().read_text(encoding="utf-8")))
        target = fixture_path()
        if check:
            current = target.read_text(encoding="utf-8") if target.exists() else None
            if current != output:
                raise CommandError(
                    f"{target.name} 与来源 004 不一致,请运行 python manage.py build_salary_fixture 重新生成。"
                )
            self.stdout.write(f"{target.name} 与来源 004 一致。")
            return
        target.write_text(output, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"已写入 {target.name}:{len(CITIES)} 个城市。"))
