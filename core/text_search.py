"""The one way content is matched against what a reader typed: any field containing any term, case-insensitively.

The terms are already in the script the content is stored in (see `core.chinese.to_simplified`).
"""

from django.db.models import Q


def contains_any(fields, terms):
    """A condition true where one of `fields` contains one of `terms`; false everywhere when there is no term."""
    condition = Q()
    for term in terms:
        for field in fields:
            condition |= Q(**{f"{field}__icontains": term})
    return condition if condition else Q(pk__in=[])


def labels_containing(choices, terms):
    """The values of the choices whose label contains a term (书 finds the kind labelled 书籍)."""
    return [value for value, label in choices if any(term.lower() in str(label).lower() for term in terms)]
