"""Rewrite the templates' Chinese with full-width punctuation, in place: `python locale/fullwidth_templates.py`.

The display (core.chinese.fullwidth, applied by the zh filter) is the guarantee for text a reader sees; this
fixes the source too, which matters where the display does not reach: interface strings inside attributes
(placeholder, aria-label, the meta description). Run ./locale/refresh.sh afterwards (the msgids change).
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from core.chinese import fullwidth, fullwidth_html  # noqa: E402

TRANSLATE = re.compile(r"""({% translate (["']))(.*?)(\2)""")
BLOCK = re.compile(r"({% blocktranslate\b[^%]*%})(.*?)({% endblocktranslate %})", re.S)


def fixed(source):
    source = TRANSLATE.sub(lambda m: m.group(1) + fullwidth(m.group(3)) + m.group(4), source)
    source = BLOCK.sub(lambda m: m.group(1) + fullwidth(m.group(2)) + m.group(3), source)
    return fullwidth_html(source)


def main():
    root = Path(__file__).resolve().parent.parent
    for path in sorted(root.glob("templates/**/*.html")) + sorted(root.glob("*/templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        if (new := fixed(text)) != text:
            path.write_text(new, encoding="utf-8")
            print(path.relative_to(root))


if __name__ == "__main__":
    main()
