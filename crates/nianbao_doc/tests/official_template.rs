//! The real blank 2021 template offices receive (../shared/corpus/originals, never committed),
//! filled at test time with the cells of every 2021 text fixture, reads cell-exact with the
//! text's findings. Skipped, saying so, when the originals are absent (a stranger's clone).

mod common;

use common::{manifest, root, values};

/// Puts `value` as a run at the end of the cell's last paragraph.
fn fill_cell(tc: &str, value: &str) -> String {
    let at = tc.rfind("</w:p>").unwrap_or(tc.len());
    format!("{}<w:r><w:t>{value}</w:t></w:r>{}", &tc[..at], &tc[at..])
}

/// The value cells of the template in reading order: the last `n` cells of the rows that
/// hold values (table 二: 3 or 1 per row; table 三: 7; table 四: 15).
fn fill(xml: &str, mut values: impl Iterator<Item = String>) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(tr) = rest.find("<w:tr ").or_else(|| rest.find("<w:tr>")) {
        let end = rest[tr..]
            .find("</w:tr>")
            .map_or(rest.len(), |e| tr + e + 7);
        out.push_str(&rest[..tr]);
        let row = &rest[tr..end];
        let cells: Vec<(usize, usize)> = row
            .match_indices("<w:tc>")
            .map(|(s, _)| (s, row[s..].find("</w:tc>").map_or(row.len(), |e| s + e + 7)))
            .collect();
        let text: String = row
            .split("<w:t")
            .skip(1)
            .filter_map(|t| {
                t.split_once('>')
                    .map(|(_, x)| x.split('<').next().unwrap_or(""))
            })
            .collect();
        // Rows with value cells: a label row of table 二/三 (its label is not a header word)
        // or the one value row of table 四 (no text at all).
        let header = [
            "信息内容",
            "第二十条",
            "申请人情况",
            "自然人",
            "商业企业",
            "行政复议",
            "结果维持",
        ]
        .iter()
        .any(|h| text.contains(h));
        let n = if header {
            0
        } else if cells.len() == 15 && text.trim_matches(['\u{3000}', ' ']).is_empty() {
            15
        } else if cells.len() >= 8 {
            7
        } else if cells.len() == 4 {
            3
        } else if cells.len() == 2 {
            1
        } else {
            0
        };
        let mut row_out = String::new();
        let mut at = 0;
        for (i, &(s, e)) in cells.iter().enumerate() {
            row_out.push_str(&row[at..s]);
            let tc = &row[s..e];
            if i + n >= cells.len() {
                row_out.push_str(&fill_cell(tc, &values.next().unwrap_or_default()));
            } else {
                row_out.push_str(tc);
            }
            at = e;
        }
        row_out.push_str(&row[at..]);
        out.push_str(&row_out);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn the_official_template_filled_with_each_2021_report_reads_exact() {
    let template = root().join("../../../shared/corpus/originals/template_f2021_official.docx");
    let Ok(bytes) = std::fs::read(&template) else {
        eprintln!(
            "skipped: {} is absent (the originals are not part of the repository)",
            template.display()
        );
        return;
    };
    let xml = nianbao_doc::docx_document_xml(&bytes).expect("the template's document.xml");
    let mut checked = 0;
    let mut problems = Vec::new();
    for (_, text_fixture) in manifest() {
        let text = std::fs::read_to_string(root().join(&text_fixture)).unwrap();
        let truth = nianbao_core::check(&text);
        if truth.report.format.as_str() != "f2021" {
            continue;
        }
        // Each value as the text printed it (a money cell in the text's own unit, 万元).
        let printed: Vec<String> = truth
            .report
            .cells
            .iter()
            .map(|(_, c)| c.map_or(String::new(), |c| text[c.span.range()].to_string()))
            .collect();
        let vals = printed.into_iter();
        let filled = fill(&xml, vals);
        let view = nianbao_doc::read_document_xml(&filled);
        // The template has no prose: only the cells are compared.
        let got = nianbao_core::check(&view);
        for ((p, w), (_, h)) in values(&truth).iter().zip(values(&got).iter()) {
            if w != h {
                problems.push(format!("{text_fixture}: {p}: {h:?} != {w:?}"));
            }
        }
        checked += 1;
    }
    assert!(checked >= 4, "only {checked} 2021 reports");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
