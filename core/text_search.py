"""The one way content is matched against what a reader typed: any field containing any term, case-insensitively.

The terms are already in the script the content is stored in (see `core.chinese.to_simplified`). A model lists the
fields a search looks in (`searched_fields`); the database applies the rule to them (`contains_any`, for the API's
filters) and so does Python, over records kept in memory (`searched_texts` and `holds_any`, for the site's search
page). tests/careerguide/test_search_index.py holds the two to the same answers.
"""

from django.db.models import Manager, Q
from django.db.models.constants import LOOKUP_SEP


def contains_any(fields, terms):
    """A condition true where one of `fields` contains one of `terms`; false everywhere when there is no term."""
    condition = Q()
    for term in terms:
        for field in fields:
            condition |= Q(**{f"{field}__icontains": term})
    return condition if condition else Q(pk__in=[])


def searched_texts(record, fields):
    """The lowered text of each of `fields` of `record`, as contains_any reads them: a path through a relation
    ("aliases__name") gives the text of each related row (prefetch them)."""
    return tuple(text.lower() for path in fields for text in _values(record, path.split(LOOKUP_SEP)) if text)


def _values(record, names):
    value = getattr(record, names[0])
    related = value.all() if isinstance(value, Manager) else [value]
    if len(names) == 1:
        return [item for item in related if item is not None]
    return [text for item in related if item is not None for text in _values(item, names[1:])]


def holds_any(texts, terms):
    """Whether one of `texts` (searched_texts) contains one of the lowered `terms`."""
    return any(term in text for text in texts for term in terms)


def labels_containing(choices, terms):
    """The values of the choices whose label contains a term (书 finds the kind labelled 书籍)."""
    return [value for value, label in choices if any(term.lower() in str(label).lower() for term in terms)]
