from django.conf import settings

from skills.models import Citation, Source


def source_file_text(source):
    # Read the project's own copy directly, so the check does not trust Source.contains().
    return (settings.BASE_DIR / "fixtures" / "sources" / source.filename).read_text(encoding="utf-8")


def test_every_citation_quote_occurs_verbatim_in_its_source(db):
    texts = {source.pk: source_file_text(source) for source in Source.objects.all()}
    citations = list(Citation.objects.all())

    missing = [(c.source_id, c.quote) for c in citations if c.quote not in texts[c.source_id]]

    assert len(citations) > 100
    assert missing == []


def test_all_five_sources_are_present_and_cited(db):
    assert sorted(Source.objects.values_list("slug", flat=True)) == ["000", "001", "002", "003", "004"]
    for source in Source.objects.all():
        assert source.citations.exists(), source.slug


def test_the_traditional_source_is_marked_as_such(db):
    assert Source.objects.get(slug="004").language == Source.Language.TRADITIONAL
