"""Rules for text that every part of the site can store, show, export and move between databases, shared by
every model so the admin, the API, the import and the loader all refuse the same input."""

import re
import unicodedata

from django.core.exceptions import ValidationError

# C0 controls except tab, newline and carriage return, and DEL: PostgreSQL refuses NUL, XLSX files cannot hold
# any of them, and nobody means them in a description.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def no_control_characters(value):
    if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
        raise ValidationError("不能包含控制字符(例如空字符 NUL),请删除后再保存。", code="control_character")


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


# A name is also an identity: besides control characters it may not hide invisible ones.
NAME_VALIDATORS = [no_control_characters, refuse_invisible_characters]
