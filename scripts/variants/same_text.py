#!/usr/bin/env python3
"""Shows that the rows of table 三 on a page without its header cannot be placed by position
(issue 18, helper y18; see tests/fixtures/variants/README.md).

For each *-blankcols report, with table 四 starting on a new page (so the page after table 三's
header holds only table 三's rows): render the report as generate.py does, and again with that
page's numbers moved into other applicant columns (the header's page unchanged), and compare the
two `pdftotext -layout` texts. They are byte-identical: the same text comes from numbers in
different columns, so no reading of the text alone can place them.

Needs what generate.py needs. Run from the repository root:  python3 scripts/variants/same_text.py
"""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
import generate as g  # noqa: E402

# (report, table 三 rows on the header's page, {column: column it moves to on the next page})
CASES = [
    ("seed-002-blankcols", {"new", "carried_over"}, {"natural_person": "commercial"}),
    ("seed-002-blankcols", {"new", "carried_over"}, {"natural_person": "commercial", "total": "other_org"}),
    ("pingtan-2022-blankcols",
     {"new", "carried_over", "granted", "partial", "denied.state_secret", "denied.other_law",
      "denied.security", "denied.third_party", "denied.internal"},
     {"commercial": "research"}),
]


def moved(cells, page1, moves):
    out = dict(cells)
    for p, c in cells.items():
        key, _, col = p[3:].rpartition(".")
        if p.startswith("t3.") and col in moves and key not in page1:
            out[p] = None
            out[f"t3.{key}.{moves[col]}"] = c
    return out


def layout(report, cells, tmp):
    html = g.article_html(g.sections(report["format"], report, cells))
    html = html.replace("<p><strong>四、", '<p style="break-before:page"><strong>四、')
    page = os.path.join(tmp, "a.html")
    with open(page, "w", encoding="utf-8") as f:
        f.write(html)
    pdf = os.path.join(tmp, "a.pdf")
    g.chromium([f"--print-to-pdf={pdf}", "--no-pdf-header-footer", "file://" + page])
    return g.subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True,
                            check=True).stdout


def main():
    sources = dict(g.BLANK_COLUMNS)
    ok = True
    for rid, page1, moves in CASES:
        report, cells = g.truth_of(sources[rid])
        base = g.blank_zero_columns(cells)
        with tempfile.TemporaryDirectory() as tmp:
            a, b = layout(report, base, tmp), layout(report, moved(base, page1, moves), tmp)
        same = a == b
        ok &= same
        print(f"{rid}: page 2 {moves}: pdftotext -layout text {'identical' if same else 'differs'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
