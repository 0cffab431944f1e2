//! Every generated .docx and HTML fixture (tests/fixtures/docs, made by make.py from the text
//! fixtures) reads cell-exact against its text fixture, with the same findings.

mod common;

use common::{compare, manifest, root};

#[test]
fn every_document_fixture_reads_cell_exact_with_the_same_findings() {
    let list = manifest();
    assert!(
        list.len() >= 14,
        "MANIFEST.tsv lists {} reports",
        list.len()
    );
    // Every seed and corpus text with national tables and a cell read has its documents: seed
    // 000 (part of table 三 printed inside section 五) and the texts cut short inside a table.
    for stem in [
        "seeds_000_7a90e1b32b8dd451",
        "corpus_f2019_2020_wuhai-gxj",
        "corpus_f2019_2020_wulanchabu-qyjjhzj",
        "corpus_f2021_2022_xixian-taipingzhen",
        "corpus_f2021_2023_wuhai-gzw",
    ] {
        assert!(
            list.iter().any(|(s, _)| s == stem),
            "MANIFEST.tsv lacks {stem}"
        );
    }
    let mut problems = Vec::new();
    let mut read = 0;
    for (stem, text_fixture) in &list {
        let text = std::fs::read_to_string(root().join(text_fixture)).unwrap();
        let truth = nianbao_core::check(&text);
        assert!(
            truth.report.cells.read_count() > 0,
            "{text_fixture} reads no cell"
        );
        for file in [
            format!("{stem}.docx"),
            format!("{stem}.word.html"),
            format!("{stem}.wps.html"),
            format!("{stem}.portal.html"),
        ] {
            let bytes = std::fs::read(root().join("docs").join(&file)).unwrap();
            let doc = nianbao_doc::read_document(&bytes, &file)
                .unwrap_or_else(|e| panic!("{file}: {}", e.message_zh()));
            problems.extend(compare(&file, &truth, &doc.document));
            read += 1;
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert_eq!(read, list.len() * 4);
}

/// A Word table's last row left blank (the template's 行政事业性收费, 四、结转下年度继续办理) is a
/// row of blank cells — not a row that takes the next table's numbers.
#[test]
fn a_blank_last_row_of_a_table_stays_blank() {
    let bytes = std::fs::read(root().join("docs/corpus_f2021_2024_pingtan-syq.docx")).unwrap();
    let view = nianbao_doc::read_document(&bytes, "a.docx")
        .unwrap()
        .document
        .text;
    let truth = nianbao_core::check(&view);
    let blanked: String = view
        .lines()
        .map(|line| {
            let first = line.split('\t').next().unwrap_or("");
            if first == "行政事业性收费" || first == "四、结转下年度继续办理" {
                let cells = line.matches('\t').count();
                format!("{first}{}\n", "\t".repeat(cells))
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    assert_ne!(blanked, view);
    let got = nianbao_core::check(&blanked);
    for (path, cell) in got.report.cells.iter() {
        if path == "t2.fees.amount" || path.starts_with("t3.carried_forward.") {
            assert!(cell.is_none(), "{path} is blank");
        } else {
            let want = truth.report.cells.get(path).map(|c| &c.value);
            assert_eq!(cell.map(|c| &c.value), want, "{path}");
        }
    }
    let codes: Vec<&str> = got.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(!codes.contains(&"row-long"), "{codes:?}");
    assert_eq!(
        codes.iter().filter(|c| **c == "cells-blank").count(),
        3,
        "{codes:?}"
    );
}
