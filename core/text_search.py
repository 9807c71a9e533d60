"""The one way content is matched against what a reader typed: any field containing any term, case-insensitively.

The terms are already in the script the content is stored in (see `core.chinese.to_simplified`). A model lists the
fields a search looks in (`searched_fields`); the database applies the rule to them (`contains_any`, for the API's
filters) and so does Python, over records kept in memory (`searched_texts` and `holds_any`, for the site's search
page). tests/careerguide/test_search_index.py holds the two to the same answers.
"""

from django.db.models import Q


def contains_any(fields, terms):
    """A condition true where one of `fields` contains one of `terms`; false everywhere when there is no term."""
    condition = Q()
    for term in terms:
        for field in fields:
            condition |= Q(**{f"{field}__icontains": term})
    return condition if condition else Q(pk__in=[])


def searched_texts(rows, fields):
    """{pk: the lowered texts of `fields`} from values() rows that carry "pk" and `fields`, as contains_any reads
    them: a path through a relation to many ("aliases__name") gives a row for each related row, and each one's text
    counts."""
    found = {}
    for row in rows:
        texts = found.setdefault(row["pk"], {})
        texts.update((lowered(row[field]), None) for field in fields if row[field])
    return {pk: tuple(texts) for pk, texts in found.items()}


def lowered(text):
    """`text` in lower case; the text itself where that changes nothing, as for Chinese, so that an index keeps
    one copy of it, not two."""
    lower = text.lower()
    return text if lower == text else lower


def holds_any(texts, terms):
    """Whether one of `texts` (searched_texts) contains one of the lowered `terms`."""
    return any(term in text for text in texts for term in terms)


def labels_containing(choices, terms):
    """The values of the choices whose label contains a term (书 finds the kind labelled 书籍)."""
    return [value for value, label in choices if any(term.lower() in str(label).lower() for term in terms)]
