"""Seed loaders for progression.yaml, learning.yaml and overview.yaml (see fixtures/README.md)."""

from progression.models import (
    CareerAdvice,
    Challenge,
    LevelBasis,
    OverviewEntry,
    Resource,
    Stage,
    StageRequirement,
    StoryStep,
    Track,
)
from skills.models import Skill


def joined(items):
    return "\n".join(str(item) for item in items or [])


def skills_named(loader, slugs, record):
    return [loader.lookup(Skill, record, slug=slug) for slug in slugs or []]


def load_requirement(loader, stage, row, record):
    """A requirement's level follows StageRequirement.level_problems, checked against the quotes it will carry."""
    skill = loader.lookup(Skill, record, slug=loader.field(row, "skill", record))
    citations = loader.field(row, "citations", record)
    level = row.get("level")
    values = {
        "level": loader.level(level, record) if level else None,
        "level_basis": row.get("level_basis", LevelBasis.STATED if level else LevelBasis.UNSTATED),
        "level_note": row.get("level_note", ""),
        "pending_quotes": [str(citation.get("quote", "")) for citation in citations or []],
    }
    loader.upsert(StageRequirement, record, {"stage": stage, "skill": skill}, values, citations)


def load_progression(loader, data):
    for row in data.get("stages", []):
        record = f"stage {row.get('slug')}"
        values = {k: loader.field(row, k, record) for k in ("order", "name", "phase", "skill_needs", "strategy")}
        stage, _ = loader.upsert(
            Stage, record, {"slug": loader.field(row, "slug", record)}, values, loader.field(row, "citations", record)
        )
        for requirement in row.get("requirements") or []:
            load_requirement(loader, stage, requirement, f"{record} requirement {requirement.get('skill')}")
    for row in data.get("tracks", []):
        record = f"track {row.get('slug')}"
        values = {
            "name": loader.field(row, "name", record),
            "order": row.get("order", 0),
            "traits": joined(loader.field(row, "traits", record)),
            "growth": joined(row.get("growth")),
            "summary": row.get("summary", ""),
        }
        track, written = loader.upsert(
            Track, record, {"slug": loader.field(row, "slug", record)}, values, loader.field(row, "citations", record)
        )
        if written:
            track.skills.set(skills_named(loader, row.get("skills"), record))
    for row in data.get("challenges", []):
        record = f"challenge {row.get('slug')}"
        values = {k: loader.field(row, k, record) for k in ("order", "name", "description", "strategy")}
        loader.upsert(
            Challenge,
            record,
            {"slug": loader.field(row, "slug", record)},
            values,
            loader.field(row, "citations", record),
        )
    for row in data.get("advice", []):
        record = f"advice {row.get('slug')}"
        values = {k: loader.field(row, k, record) for k in ("order", "title", "body")}
        loader.upsert(
            CareerAdvice,
            record,
            {"slug": loader.field(row, "slug", record)},
            values,
            loader.field(row, "citations", record),
        )
    for row in data.get("story", []):
        record = f"story step {row.get('order')}"
        values = {k: loader.field(row, k, record) for k in ("role", "description")}
        loader.upsert(
            StoryStep,
            record,
            {"order": loader.field(row, "order", record)},
            values,
            loader.field(row, "citations", record),
        )


def load_learning(loader, data):
    for row in data.get("resources", []):
        record = f"resource {row.get('slug')}"
        values = {
            "kind": loader.field(row, "kind", record),
            "name": loader.field(row, "name", record),
            "author": row.get("author", ""),
            "url": row.get("url", ""),
            "description": row.get("description", ""),
            "order": row.get("order", 0),
        }
        resource, written = loader.upsert(
            Resource,
            record,
            {"slug": loader.field(row, "slug", record)},
            values,
            loader.field(row, "citations", record),
        )
        if written:
            resource.skills.set(skills_named(loader, row.get("skills"), record))


def load_overview(loader, data):
    for row in data.get("entries", []):
        record = f"overview entry {row.get('slug')}"
        skill_slug = row.get("skill")
        values = {
            "section": loader.field(row, "section", record),
            "order": row.get("order", 0),
            "title": loader.field(row, "title", record),
            "body": row.get("body", ""),
            "points": joined(row.get("points")),
            "skill": loader.lookup(Skill, record, slug=skill_slug) if skill_slug else None,
        }
        loader.upsert(
            OverviewEntry,
            record,
            {"slug": loader.field(row, "slug", record)},
            values,
            loader.field(row, "citations", record),
        )
