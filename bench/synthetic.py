"""Synthetic bulk rows for the query-budget tests and the 100× benchmark — never for a real database.

Every row is clearly labelled 合成 and has a slug starting with SLUG_PREFIX, so it is never mistaken for real data.
Rows are written with bulk_create (no signals), so callers that serve cached responses must bump the data
version themselves; `grow()` does.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from core.models import DataVersion
from progression.models import Resource, Stage, StageRequirement
from salaries.models import City, CitySalary, Region, SalaryDataset
from skills.models import Citation, MasteryLevel, Skill, SkillCategory, SkillLevel, Source

SLUG_PREFIX = "synthetic-"
# What "100× the real data" means, as the issue states it.
HUNDREDFOLD = {"skills": 5000, "cities": 3600, "resources": 400}


def _cite(records, source, quote):
    content_type = ContentType.objects.get_for_model(type(records[0]))
    return [Citation(source=source, content_type=content_type, object_id=record.pk, quote=quote) for record in records]


@transaction.atomic
def grow(skills=HUNDREDFOLD["skills"], cities=HUNDREDFOLD["cities"], resources=HUNDREDFOLD["resources"]):
    source = Source.objects.order_by("order").first()
    quote = source.text()[:10]
    categories = list(SkillCategory.objects.all())
    stages = list(Stage.objects.all())
    dataset = SalaryDataset.objects.first()

    made_skills = Skill.objects.bulk_create(
        Skill(
            category=categories[n % len(categories)],
            slug=f"{SLUG_PREFIX}skill-{n}",
            name=f"合成技能{n:05d}",
            definition=f"用于压力测试的合成技能 {n}。",
            scenario="合成数据",
            order=1000 + n % 1000,
        )
        for n in range(skills)
    )
    levels = SkillLevel.objects.bulk_create(
        SkillLevel(skill=skill, level=level, description=f"合成描述 {level.label}")
        for skill in made_skills
        for level in MasteryLevel
    )
    requirements = StageRequirement.objects.bulk_create(
        StageRequirement(stage=stages[n % len(stages)], skill=skill, level=MasteryLevel.BEGINNER)
        for n, skill in enumerate(made_skills[: len(made_skills) // 10])
    )
    made_cities = City.objects.bulk_create(
        City(
            slug=f"{SLUG_PREFIX}city-{n}",
            name=f"合成市{n:05d}",
            name_traditional=f"合成市{n:05d}",
            province="合成省",
            region=Region.values[n % len(Region.values)],
        )
        for n in range(cities)
    )
    salaries = CitySalary.objects.bulk_create(
        CitySalary(dataset=dataset, city=city, average_monthly=1000 + (n * 37) % 9000)
        for n, city in enumerate(made_cities)
    )
    made_resources = Resource.objects.bulk_create(
        Resource(
            slug=f"{SLUG_PREFIX}resource-{n}",
            kind=Resource.Kind.values[n % len(Resource.Kind.values)],
            name=f"合成资源{n:04d}",
            description="合成数据",
            order=1000 + n,
        )
        for n in range(resources)
    )
    Resource.skills.through.objects.bulk_create(
        Resource.skills.through(resource=resource, skill=made_skills[n % len(made_skills)])
        for n, resource in enumerate(made_resources)
    )
    Citation.objects.bulk_create(
        _cite(made_skills, source, quote)
        + _cite(levels, source, quote)
        + _cite(requirements, source, quote)
        + _cite(salaries, source, quote)
        + _cite(made_resources, source, quote),
        batch_size=2000,
    )
    DataVersion.bump()
