#!/usr/bin/env python3
"""Makes the pasted-text variants of every report with truth (issue 18).

For each report: the truth cells (the checker's reading of the committed clean text, which the
seeds' EXPECTED.md and the corpus notes confirm; unread cells are rendered blank and so count as
blank), rendered as an official-layout HTML article, then turned into the forms staff paste:

  pdf-default.txt   Chromium page.pdf of the article, `pdftotext` (reading order)
  pdf-layout.txt    the same PDF, `pdftotext -layout`
  web.txt           Chromium innerText of the article (every cell's text wrapped in <p>)
  word.txt          a Word table copied as plain text: one row a line, cells joined by TAB
  crawler.txt       the article's textContent: cells and paragraphs glued, no separators

Writes tests/fixtures/variants/<id>/{truth.tsv,article.html,<form>.txt}. Needs the debug CLI
(cargo build -p nianbao_cli), /usr/bin/chromium, pdftotext (poppler-utils) and fonts-wqy-zenhei.
The test (crates/nianbao_core/tests/variants_accuracy.rs) reads only the committed texts.

Run from the repository root:  python3 scripts/variants/generate.py
"""

import html
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "tests", "fixtures", "variants")
CLI = os.path.join(ROOT, "target", "debug", "nianbao")
CHROMIUM = "/usr/bin/chromium"

# Reports with truth: (id, committed clean text).
REPORTS = [
    ("seed-000", "tests/fixtures/seeds/000_7a90e1b32b8dd451.txt"),
    ("seed-001", "tests/fixtures/seeds/001_86ddcbf017a77836.txt"),
    ("seed-002", "tests/fixtures/seeds/002_3fca4d743e11907b.txt"),
    ("seed-004", "tests/fixtures/seeds/004_be236ec721ff3d1c.txt"),
    ("pingtan-2019", "tests/fixtures/corpus/f2019_2019_pingtan-syq.txt"),
    ("pingtan-2021", "tests/fixtures/corpus/f2021_2021_pingtan-syq.txt"),
    ("pingtan-2022", "tests/fixtures/corpus/f2021_2022_pingtan-syq.txt"),
    ("pingtan-2024", "tests/fixtures/corpus/f2021_2024_pingtan-syq.txt"),
    ("pingtan-2025", "tests/fixtures/corpus/f2021_2025_pingtan-syq.txt"),
]

COLS3 = ["natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", "total"]
T4_GROUPS = ["review", "litigation_direct", "litigation_after_review"]
T4_COLS = ["upheld", "corrected", "other", "pending", "total"]
T4_WORDS = ["结果<br>维持", "结果<br>纠正", "其他<br>结果", "尚未<br>审结", "总计"]

T2_F2019 = [
    ("第二十条第（一）项", ["信息内容", "本年新<br>制作数量", "本年新<br>公开数量", "对外公开总数量"],
     [("规章", "rules", ["made", "published", "total"]),
      ("规范性文件", "normative_docs", ["made", "published", "total"])]),
    ("第二十条第（五）项", ["信息内容", "上一年<br>项目数量", "本年增/减", "处理决定数量"],
     [("行政许可", "licensing", ["previous", "change", "decisions"]),
      ("其他对外管理服务事项", "other_services", ["previous", "change", "decisions"])]),
    ("第二十条第（六）项", ["信息内容", "上一年<br>项目数量", "本年增/减", "处理决定数量"],
     [("行政处罚", "penalty", ["previous", "change", "decisions"]),
      ("行政强制", "enforcement", ["previous", "change", "decisions"])]),
    ("第二十条第（八）项", ["信息内容", "上一年<br>项目数量", "本年增/减"],
     [("行政事业性收费", "fees", ["previous", "change"])]),
    ("第二十条第（九）项", ["信息内容", "采购项目数量", "采购总金额"],
     [("政府集中采购", "procurement", ["projects", "amount"])]),
]
T2_F2021 = [
    ("第二十条第（一）项", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
     [("规章", "rules", ["issued", "repealed", "in_force"]),
      ("行政规范性文件", "normative_docs", ["issued", "repealed", "in_force"])]),
    ("第二十条第（五）项", ["信息内容", "本年处理决定数量"],
     [("行政许可", "licensing", ["decisions"])]),
    ("第二十条第（六）项", ["信息内容", "本年处理决定数量"],
     [("行政处罚", "penalty", ["decisions"]), ("行政强制", "enforcement", ["decisions"])]),
    ("第二十条第（八）项", ["信息内容", "本年收费金额<br>（单位：万元）"],
     [("行政事业性收费", "fees", ["amount"])]),
]

DENIED = [("1.属于国家秘密", "state_secret"), ("2.其他法律行政法规禁止公开", "other_law"),
          ("3.危及“三安全一稳定”", "security"), ("4.保护第三方合法权益", "third_party"),
          ("5.属于三类内部事务信息", "internal"), ("6.属于四类过程性信息", "process"),
          ("7.属于行政执法案卷", "enforcement_file"), ("8.属于行政查询事项", "inquiry")]
UNAVAILABLE = [("1.本机关不掌握相关政府信息", "not_held"), ("2.没有现成信息需要另行制作", "needs_creation"),
               ("3.补正后申请内容仍不明确", "unclear")]
NOT_PROCESSED = [("1.信访举报投诉类申请", "petition"), ("2.重复申请", "duplicate"),
                 ("3.要求提供公开出版物", "publication"), ("4.无正当理由大量反复申请", "excessive"),
                 ("5.要求行政机关确认或重新出具已获取信息", "confirmation")]
OTHER_2021 = [("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "no_correction"),
              ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "unpaid_fee"),
              ("3.其他", "other")]


def cell(text, rowspan=1, colspan=1, cls=""):
    return {"text": text, "rowspan": rowspan, "colspan": colspan, "cls": cls}


def truth_of(source):
    out = subprocess.run([CLI, "check", "--format", "json", os.path.join(ROOT, source)],
                         capture_output=True, text=True, check=False).stdout
    report = json.loads(out)["report"]
    cells = {}
    for path, c in report["cells"].items():
        cells[path] = None if c is None else (c["text"], c["value"])
    return report, cells


def printed(cells, path):
    c = cells.get(path)
    if c is None:
        return ""
    text = c[0]
    return "/" if c[1] is None and text.strip() in ("/", "／") else text


def table2(fmt, cells):
    rows = []
    for head, cols, body in (T2_F2019 if fmt == "f2019" else T2_F2021):
        width = 4
        rows.append([cell(head, colspan=width, cls="h")])
        hdr = [cell(c, cls="h") for c in cols]
        if len(cols) < width:
            hdr[-1]["colspan"] = width - len(cols) + 1
        rows.append(hdr)
        for label, key, keys in body:
            row = [cell(label)] + [cell(printed(cells, f"t2.{key}.{k}")) for k in keys]
            if len(keys) + 1 < width:
                row[-1]["colspan"] = width - len(keys)
            rows.append(row)
    return rows


def values3(cells, key):
    return [cell(printed(cells, f"t3.{key}.{c}")) for c in COLS3]


def table3(fmt, cells):
    rows = [
        [cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowspan=3, colspan=3, cls="h corner"),
         cell("申请人情况", colspan=7, cls="h")],
        [cell("自然人", rowspan=2, cls="h"), cell("法人或其他组织", colspan=5, cls="h"), cell("总计", rowspan=2, cls="h")],
        [cell(w, cls="h") for w in ["商业<br>企业", "科研<br>机构", "社会公益<br>组织", "法律服务<br>机构", "其他"]],
        [cell("一、本年新收政府信息公开申请数量", colspan=3)] + values3(cells, "new"),
        [cell("二、上年结转政府信息公开申请数量", colspan=3)] + values3(cells, "carried_over"),
    ]
    result = [
        [cell("（一）予以公开", colspan=2)] + values3(cells, "granted"),
        [cell("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", colspan=2)] + values3(cells, "partial"),
    ]
    for group, key, items in [("（三）不予公开", "denied", DENIED), ("（四）无法提供", "unavailable", UNAVAILABLE),
                              ("（五）不予处理", "not_processed", NOT_PROCESSED)]:
        for i, (label, sub) in enumerate(items):
            row = [cell(group, rowspan=len(items), cls="narrow")] if i == 0 else []
            result.append(row + [cell(label)] + values3(cells, f"{key}.{sub}"))
    if fmt == "f2019":
        result.append([cell("（六）其他处理", colspan=2)] + values3(cells, "other"))
    else:
        for i, (label, sub) in enumerate(OTHER_2021):
            row = [cell("（六）其他处理", rowspan=3, cls="narrow")] if i == 0 else []
            result.append(row + [cell(label)] + values3(cells, f"other.{sub}"))
    result.append([cell("（七）总计", colspan=2)] + values3(cells, "total"))
    result[0].insert(0, cell("三、本年度办理结果", rowspan=len(result), cls="vertical"))
    rows += result
    rows.append([cell("四、结转下年度继续办理", colspan=3)] + values3(cells, "carried_forward"))
    return rows


def table4(cells):
    rows = [
        [cell("行政复议", colspan=5, cls="h"), cell("行政诉讼", colspan=10, cls="h")],
        [cell(w, rowspan=2, cls="h") for w in T4_WORDS]
        + [cell("未经复议直接起诉", colspan=5, cls="h"), cell("复议后起诉", colspan=5, cls="h")],
        [cell(w, cls="h") for w in T4_WORDS * 2],
        [cell(printed(cells, f"t4.{g}.{c}")) for g in T4_GROUPS for c in T4_COLS],
    ]
    return rows


def sections(fmt, report, cells):
    year = report.get("year") or 2020
    agency = report.get("agency") or "某区人民政府"
    notice = "国办公开办函〔2021〕30号" if fmt == "f2021" else "国办公开办函〔2019〕60号"
    return {
        "title": f"{agency}{year}年政府信息公开工作年度报告",
        "parts": [
            ("p", f"本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》（{notice}）要求编制。"),
            ("h", "一、总体情况"),
            ("p", "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政府信息公开工作。"),
            ("p", "主动公开、依申请公开、政府信息管理和平台建设各项工作有序开展。"),
            ("h", "二、主动公开政府信息情况"),
            ("t", table2(fmt, cells)),
            ("h", "三、收到和处理政府信息公开申请情况"),
            ("t", table3(fmt, cells)),
            ("h", "四、政府信息公开行政复议、行政诉讼情况"),
            ("t", table4(cells)),
            ("h", "五、存在的主要问题及改进情况"),
            ("p", "政策解读形式仍需丰富。下一步将进一步规范公开内容，提升公开质量。"),
            ("h", "六、其他需要报告的事项"),
            ("p", "本机关无其他需要报告的事项。"),
        ],
    }


CSS = """
@page { size: A4; margin: 18mm 16mm 20mm 16mm;
  @bottom-center { content: "-" counter(page) "-"; font-size: 10pt; } }
body { font-family: "WenQuanYi Zen Hei"; font-size: 11pt; }
h1 { font-size: 16pt; text-align: center; }
h2 { font-size: 12pt; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; }
td { border: 1px solid #000; padding: 2pt; text-align: center; font-size: 9.5pt; vertical-align: middle; }
td p { margin: 0; }
td.vertical { width: 1.2em; }
td.narrow { width: 3.5em; }
td.corner { width: 9em; }
"""


def table_html(rows, head=0):
    """`head` > 0: the first `head` rows in <thead>, which Chromium repeats on every page."""
    out = ["<table>"]
    for i, row in enumerate(rows):
        if head and i in (0, head):
            out.append("<thead>" if i == 0 else "</thead>")
        out.append("<tr>")
        for c in row:
            attrs = f' class="{c["cls"]}"' if c["cls"] else ""
            if c["rowspan"] > 1:
                attrs += f' rowspan="{c["rowspan"]}"'
            if c["colspan"] > 1:
                attrs += f' colspan="{c["colspan"]}"'
            inner = c["text"].replace("<br>", "\x00")
            inner = html.escape(inner).replace("\x00", "<br>")
            out.append(f"<td{attrs}><p>{inner}</p></td>" if inner else f"<td{attrs}></td>")
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def article_html(doc, script="", thead=False):
    body = [f"<h1>{html.escape(doc['title'])}</h1>"]
    for kind, part in doc["parts"]:
        if kind == "p":
            body.append(f"<p>{html.escape(part)}</p>")
        elif kind == "h":
            body.append(f"<p><strong>{html.escape(part)}</strong></p>")
        else:
            head = 3 if thead and part[0][-1]["text"] == "申请人情况" else 0
            body.append(table_html(part, head))
    return (f"<!doctype html><html><head><meta charset=\"utf-8\"><style>{CSS}</style></head>"
            f"<body><article id=\"a\">{''.join(body)}</article>{script}</body></html>\n")


def plain(text):
    return text.replace("<br>", "")


def word_rows(rows):
    """A table's rows as Word copies them: one entry per cell, and an empty entry where a cell
    merged from the row above continues (vMerge), so every row keeps its grid positions."""
    active = {}  # grid column -> (rows left, colspan) of a cell merged downwards
    out = []
    for row in rows:
        cells = iter(row)
        line = []
        col = 0
        pending = list(row)
        while pending or any(c >= col for c in active):
            if col in active:
                left, span = active[col]
                line.append("")
                if left <= 1:
                    del active[col]
                else:
                    active[col] = (left - 1, span)
                col += span
                continue
            if not pending:
                break
            c = pending.pop(0)
            line.append(plain(c["text"]))
            if c["rowspan"] > 1:
                active[col] = (c["rowspan"] - 1, c["colspan"])
            col += c["colspan"]
        del cells
        out.append(line)
    return out


def word_text(doc):
    """Word's plain-text copy: paragraphs on their lines, a table row per line, cells by TAB."""
    lines = [doc["title"]]
    for kind, part in doc["parts"]:
        if kind == "t":
            for row in word_rows(part):
                lines.append("\t".join(row))
        else:
            lines.append(part)
    return "\n".join(lines) + "\n"


def crawler_text(doc):
    """textContent of the page: every cell and paragraph glued to the next."""
    out = [doc["title"]]
    for kind, part in doc["parts"]:
        if kind == "t":
            out.extend(plain(c["text"]) for row in part for c in row)
        else:
            out.append(part)
    return "".join(out) + "\n"


INNER_TEXT_SCRIPT = """<script>
const t = document.getElementById('a').innerText;
document.body.innerHTML = '';
const pre = document.createElement('pre'); pre.id = 'innertext'; pre.textContent = t;
document.body.appendChild(pre);
</script>"""


def chromium(args):
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-extensions", *args], capture_output=True, check=True, timeout=120)


def inner_text(doc, tmp):
    path = os.path.join(tmp, "inner.html")
    with open(path, "w", encoding="utf-8") as f:
        f.write(article_html(doc, INNER_TEXT_SCRIPT))
    dom = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                          "file://" + path], capture_output=True, text=True, check=True,
                         timeout=120).stdout
    m = re.search(r'<pre id="innertext">(.*?)</pre>', dom, re.S)
    return html.unescape(m.group(1)) + "\n"


def pdf_texts(doc, tmp, thead=False):
    page = os.path.join(tmp, "article.html")
    with open(page, "w", encoding="utf-8") as f:
        f.write(article_html(doc, thead=thead))
    pdf = os.path.join(tmp, "article.pdf")
    chromium([f"--print-to-pdf={pdf}", "--no-pdf-header-footer", "file://" + page])
    default = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
    layout = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True,
                            check=True).stdout
    return default, layout


def truth_tsv(report, cells):
    lines = [f"# format\t{report['format']}"]
    for path, c in cells.items():
        if c is None:
            lines.append(f"{path}\t-")
        else:
            v = c[1]
            lines.append(f"{path}\t{'/' if v is None else v}")
    return "\n".join(lines) + "\n"


# Pre-2019 reports (statistics table printed as label, unit and value cells): the committed
# TAB text is the Word form; the crawler form glues every cell to its label and loses the
# line breaks ("2. 政府网站公开政府信息数条78002"); the web and PDF forms come from the text
# published as an article (its TAB lines as tables).
OLD_REPORTS = [
    ("old-seed-003", "tests/fixtures/seeds/003_fda1f0f22a5f0f10.txt"),
]


def old_doc(text):
    """The pre-2019 text as a web article: each run of TAB lines a table (a line a row, a TAB a
    cell, every cell's text in <p>), every other line a paragraph."""
    lines = text.strip().split("\n")
    parts, rows = [], []
    for line in lines[1:]:
        if "\t" in line:
            rows.append([cell(c.strip()) for c in line.split("\t")])
            continue
        if rows:
            parts.append(("t", rows))
            rows = []
        if line.strip():
            parts.append(("p", line.strip()))
    if rows:
        parts.append(("t", rows))
    return {"title": lines[0].strip(), "parts": parts}


def old_variants(rid, source):
    report, cells = truth_of(source)
    with open(os.path.join(ROOT, source), encoding="utf-8") as f:
        text = f.read()
    folder = os.path.join(OUT, rid)
    os.makedirs(folder, exist_ok=True)
    doc = old_doc(text)
    files = {
        "truth.tsv": truth_tsv(report, cells),
        "article.html": article_html(doc),
        "word.txt": text,
        "crawler.txt": re.sub(r"[\t\r\n]+", "", text) + "\n",
    }
    with tempfile.TemporaryDirectory() as tmp:
        files["web.txt"] = inner_text(doc, tmp)
        files["pdf-default.txt"], files["pdf-layout.txt"] = pdf_texts(doc, tmp)
    for name, body in files.items():
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write(body)
    print(rid, report["format"], sum(c is not None for c in cells.values()), "/", len(cells))


# Web pages that leave table 三's empty applicant columns blank throughout: the same report
# with every all-zero column among 商业企业…其他 printed blank (its truth is then blank).
BLANK_COLUMNS = [
    ("pingtan-2022-blankcols", "tests/fixtures/corpus/f2021_2022_pingtan-syq.txt"),
    ("seed-002-blankcols", "tests/fixtures/seeds/002_3fca4d743e11907b.txt"),
]


def blank_zero_columns(cells):
    out = dict(cells)
    for col in COLS3[1:6]:
        column = [p for p in cells if p.startswith("t3.") and p.endswith("." + col)]
        if column and all(cells[p] is not None and cells[p][1] == 0 for p in column):
            for p in column:
                out[p] = None
    return out


def write_variants(rid, report, cells):
    fmt = report["format"]
    doc = sections(fmt, report, cells)
    folder = os.path.join(OUT, rid)
    os.makedirs(folder, exist_ok=True)
    files = {
        "truth.tsv": truth_tsv(report, cells),
        "article.html": article_html(doc),
        "word.txt": word_text(doc),
        "crawler.txt": crawler_text(doc),
    }
    with tempfile.TemporaryDirectory() as tmp:
        files["web.txt"] = inner_text(doc, tmp)
        files["pdf-default.txt"], files["pdf-layout.txt"] = pdf_texts(doc, tmp)
    for name, text in files.items():
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write(text)
    print(rid, fmt, sum(c is not None for c in cells.values()), "/", len(cells))


# The same, printed with 重复标题行: table 三's header rows repeat at the top of the page it runs
# onto. Only the PDF layout text (the other forms do not change).
def write_thead_variant(rid, report, cells):
    folder = os.path.join(OUT, rid)
    os.makedirs(folder, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        layout = pdf_texts(sections(report["format"], report, cells), tmp, thead=True)[1]
    for name, text in [("truth.tsv", truth_tsv(report, cells)), ("pdf-layout.txt", layout)]:
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write(text)
    print(rid, report["format"])


def main():
    only = set(sys.argv[1:])
    for rid, source in BLANK_COLUMNS:
        if not only or rid in only:
            report, cells = truth_of(source)
            write_variants(rid, report, blank_zero_columns(cells))
        thead = rid.replace("-blankcols", "-thead-blankcols")
        if not only or thead in only:
            report, cells = truth_of(source)
            write_thead_variant(thead, report, blank_zero_columns(cells))
    for rid, source in OLD_REPORTS:
        if not only or rid in only:
            old_variants(rid, source)
    for rid, source in REPORTS:
        if only and rid not in only:
            continue
        report, cells = truth_of(source)
        write_variants(rid, report, cells)


if __name__ == "__main__":
    main()
