"""Rules for text that every part of the site can store, show, export and move between databases."""

import re

from django.core.exceptions import ValidationError

# C0 controls except tab, newline and carriage return, and DEL: PostgreSQL refuses NUL, XLSX files cannot hold
# any of them, and nobody means them in a description.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def no_control_characters(value):
    if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
        raise ValidationError("不能包含控制字符(例如空字符 NUL),请删除后再保存。", code="control_character")
