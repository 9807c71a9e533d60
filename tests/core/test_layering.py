"""Dependencies point one way: core at the bottom, the domain apps above it, the project package on top."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOMAIN_APPS = ["skills", "progression", "salaries", "assessment"]
PROJECT = "careerguide"


def imported_packages(package):
    """(file, top-level package) for every import in the package's Python files."""
    for path in sorted((ROOT / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                yield path.relative_to(ROOT), name.split(".")[0]


@pytest.mark.parametrize("app", DOMAIN_APPS)
def test_a_domain_app_never_imports_the_project_package(app):
    offenders = [str(path) for path, package in imported_packages(app) if package == PROJECT]
    assert offenders == []


def test_core_imports_no_domain_app_and_not_the_project_package():
    above = {*DOMAIN_APPS, PROJECT}
    offenders = [f"{path}: {package}" for path, package in imported_packages("core") if package in above]
    assert offenders == []


def test_the_checker_sees_imports():
    # A checker that read no file would pass the tests above whatever the code did.
    assert ("skills", "core") in {(str(path).split("/")[0], package) for path, package in imported_packages("skills")}
