"""Text rules shared by every model, so the admin, the API, the import and the loader all refuse the same input."""

import unicodedata

from django.core.exceptions import ValidationError


def invisible_characters(text):
    """Format characters (Unicode category Cf): zero-width spaces and joiners, bidi overrides and isolates, the byte
    order mark, soft hyphens. They print as nothing, so "沟通能力\\u200b" looks like 沟通能力 yet passes as a new,
    unique name, and a bidi override can make a name read backwards."""
    return sorted({char for char in text if unicodedata.category(char) == "Cf"})


def refuse_invisible_characters(value):
    found = invisible_characters(value or "")
    if found:
        codes = "、".join(f"U+{ord(char):04X}" for char in found)
        raise ValidationError(
            f"不能包含不可见的控制字符({codes},如零宽空格或文字方向控制符),请删除后重试。",
            code="invisible_characters",
        )
