#!/usr/bin/env bash
# Regenerate the Traditional Chinese catalogue: interface strings are written in Simplified Chinese (the msgids),
# and their zh_Hant translations are produced by core.chinese.to_traditional (OpenCC s2twp, Taiwan phrasing, with
# the site's checked exceptions: the same conversion the pages use for content), then compiled. Needs gettext (apt-get install gettext); the .po and .mo are committed so a fresh clone does not.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
PO=locale/zh_Hant/LC_MESSAGES/django.po

DEBUG=1 "$PYTHON" manage.py makemessages --locale zh_Hant --no-obsolete --no-location \
    --ignore '.venv/*' --ignore 'tests/*' --ignore 'staticfiles/*' --ignore 'screenshots/*'
# Every msgstr is derived from its msgid, so start from empty ones: a kept msgstr would be makemessages' fuzzy guess
# from a similar old string (and --clear-fuzzy below would make that guess final).
msgfilter --keep-header -i "$PO" sed -e d | msgen - \
    | msgfilter --keep-header "$PYTHON" -c 'import sys; from core.chinese import to_traditional; sys.stdout.write(to_traditional(sys.stdin.read()))' \
    | msgattrib --clear-fuzzy -o "$PO"
DEBUG=1 "$PYTHON" manage.py compilemessages --locale zh_Hant --ignore ".venv/*"
