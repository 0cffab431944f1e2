//! Every word a user reads is Chinese: no diagnostic message, label, note or help says a cell
//! path's English key (`issued`, `natural_person`, …) where the table prints a heading. Checked
//! over every committed report text: the seeds, the corpus and every pasted-text variant.

mod common;

use common::{all_reports, fixtures};

/// A lowercase ASCII word of three letters or more: a path key, never Chinese prose (the
/// messages write "PDF" and "Word" in capitals; units are Chinese: 元, 万元, 件).
fn english_words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.len() >= 3 && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
        .collect()
}

fn variant_texts() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut reports: Vec<_> = std::fs::read_dir(fixtures().join("variants"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    reports.sort();
    for dir in reports {
        let mut forms: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        forms.sort();
        for path in forms {
            let name = path.strip_prefix(fixtures()).unwrap().display().to_string();
            out.push((name, std::fs::read_to_string(&path).unwrap()));
        }
    }
    out
}

#[test]
fn no_message_shows_a_path_key() {
    let texts: Vec<_> = all_reports().into_iter().chain(variant_texts()).collect();
    assert!(texts.len() > 80, "{} texts", texts.len());
    let mut found = Vec::new();
    for (name, text) in &texts {
        let checked = nianbao_core::check(text);
        for d in &checked.diagnostics {
            let said = [&d.message]
                .into_iter()
                .chain(d.help.as_ref())
                .chain(&d.notes)
                .chain(d.labels.iter().map(|l| &l.message));
            for words in said.map(|s| english_words(s)).filter(|w| !w.is_empty()) {
                found.push(format!("{name} [{}]: {words:?}", d.code.as_str()));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_words_test_sees_keys() {
    assert_eq!(
        english_words("表二“规章”一行有 3 个单元格为空（issued、in_force）"),
        ["issued", "in_force"]
    );
    assert!(english_words("读到 PDF 的文字；Word 表格").is_empty());
}
