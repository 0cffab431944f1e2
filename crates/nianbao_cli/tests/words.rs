//! What `nianbao check` prints for people is Chinese: over every fixture (texts, .docx, .html,
//! .pdf, and the real originals when present) no line but the report's own quoted line holds a
//! lowercase English word — a path key ("issued", "old.1"), "undefined", "null" — an unpaired
//! （）“”《》, a quote opened inside a quote or a doubled full stop. File names and the rule code in brackets
//! (`警告[cells-blank]`) are identifiers, not words.

use std::path::Path;
use std::process::Command;

/// Names users know: file kinds, products, PDF terms the readers must name to be useful.
const ALLOWED: &[&str] = &[
    "Word",
    "WPS",
    "PDF",
    "OCR",
    "SimSun",
    "ToUnicode",
    "nianbao",
];

/// The lowercase English words in `line` outside `skip` (the file names it may quote).
fn english_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in line.chars().chain(['\u{3000}']) {
        if c.is_ascii_alphanumeric() || c == '_' || (c == '.' && !word.is_empty()) {
            word.push(c);
            continue;
        }
        let w = word.trim_end_matches('.');
        let english = w.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && w.chars().any(|c| c.is_ascii_lowercase());
        if english && !ALLOWED.contains(&w) {
            words.push(w.to_string());
        }
        word.clear();
    }
    words
}

/// An unpaired bracket or quote, or a quote opened or closed right inside another
/// ("统计表““其中”…”", "“（三）3.危及“三安全一稳定””": the inner one should be ‘’).
fn unpaired(line: &str) -> Option<&'static str> {
    if line.contains("““") {
        return Some("““");
    }
    if line.contains("””") {
        return Some("””");
    }
    // "之和为 至少 337" reads backwards: "之和至少为 337".
    if line.contains("为 至少") {
        return Some("为 至少");
    }
    // Two full stops in a row, or one on each side of a closing bracket: a note's own "。" kept.
    if line.contains("。。") || line.contains("。）。") {
        return Some("。");
    }
    [("（", "）"), ("“", "”"), ("《", "》")]
        .into_iter()
        .find(|(open, close)| line.matches(open).count() != line.matches(close).count())
        .map(|(open, _)| open)
}

/// `line` without the file names it names and the rule code after the severity.
fn said(line: &str, names: &[String]) -> String {
    let mut line = line.to_string();
    for name in names {
        line = line.replace(name.as_str(), "");
    }
    match (line.find('['), line.find(']')) {
        (Some(open), Some(close))
            if open < close
                && line[open + 1..close]
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') =>
        {
            line.replace_range(open..=close, "");
            line
        }
        _ => line,
    }
}

fn files(dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path.to_string_lossy().into_owned());
        }
    }
}

#[test]
fn the_words_test_sees_keys_and_brackets() {
    assert_eq!(
        english_words("表二“规章”一行有 3 个单元格为空（issued、in_force）"),
        ["issued", "in_force"]
    );
    assert_eq!(
        english_words("统计表“old.1”为 undefined"),
        ["old.1", "undefined"]
    );
    assert!(english_words("读到 PDF 的文字；Word 表格，共 3 页。").is_empty());
    assert_eq!(unpaired("表二“规章（本年"), Some("（"));
    assert_eq!(unpaired("统计表““其中”各项之和”"), Some("““"));
    assert_eq!(unpaired("表三“（三）3.危及“三安全一稳定””一行"), Some("””"));
    assert_eq!(unpaired("各行之和为 至少 337。"), Some("为 至少"));
    assert_eq!(
        unpaired("按其中的表格读取（删除的文字不计）。）。"),
        Some("。")
    );
    let names = ["a/b_c.txt".to_string()];
    assert_eq!(
        said("a/b_c.txt:3:1: 警告[cells-blank] 表二", &names),
        ":3:1: 警告 表二"
    );
}

#[test]
fn every_fixture_is_told_in_chinese() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let originals = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/originals");
    let mut dirs = vec![root.to_string_lossy().into_owned()];
    if originals.is_dir() {
        dirs.push(originals.to_string_lossy().into_owned());
    } else {
        eprintln!(
            "{} is absent: the real originals are not checked",
            originals.display()
        );
    }
    let mut names = Vec::new();
    for dir in &dirs {
        files(Path::new(dir), &mut names);
    }
    // Longest first, so a name is never left half-removed by a shorter one it contains.
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("check")
        .args(&dirs)
        .output()
        .expect("runs");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        text.matches("个错误，").count() > 150,
        "every report summed up"
    );
    let mut found = Vec::new();
    for line in text.lines() {
        // The report's own line under a finding (`12 | …`) and its marker line are the user's text.
        if line
            .trim_start()
            .split_once('|')
            .is_some_and(|(gutter, _)| gutter.trim().bytes().all(|b| b.is_ascii_digit()))
        {
            continue;
        }
        let line_said = said(line, &names);
        let words = english_words(&line_said);
        if !words.is_empty() {
            found.push(format!("{words:?}: {line}"));
        }
        if let Some(open) = unpaired(&line_said) {
            found.push(format!("unpaired {open}: {line}"));
        }
    }
    found.dedup();
    assert!(found.is_empty(), "{}", found.join("\n"));
}
