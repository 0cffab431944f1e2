//! The findings `tests/fixtures/seeds/EXPECTED.md` requires of the rules, seed by seed: the
//! balance errors of seed 000 and its repair, the prose warning 11 vs 15, and no error on the
//! clean seeds (rounding notes on 003 are info; 004's 行政复议 balance cannot be assessed).

mod common;

use nianbao_core::{Checked, Code, Diagnostic, Severity};

fn check(name: &str) -> Checked {
    nianbao_core::check(&common::read(&format!("seeds/{name}")))
}

fn with(c: &Checked, code: Code) -> Vec<&Diagnostic> {
    c.diagnostics.iter().filter(|d| d.code == code).collect()
}

fn errors(c: &Checked) -> Vec<&Diagnostic> {
    c.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

#[test]
fn seed_000_errors_are_r1_and_r3_in_columns_natural_person_and_total() {
    let c = check("000_7a90e1b32b8dd451.txt");
    let errors = errors(&c);
    assert_eq!(errors.len(), 4, "{errors:#?}");
    for (code, column) in [
        (Code::T3Identity, "natural_person"),
        (Code::T3Identity, "total"),
        (Code::T3ResultTotal, "natural_person"),
        (Code::T3ResultTotal, "total"),
    ] {
        let total = format!("t3.total.{column}");
        let d = errors
            .iter()
            .find(|d| d.code == code && d.cells.iter().any(|p| p == &total))
            .unwrap_or_else(|| panic!("{code:?} {column}"));
        assert_eq!(
            (d.expected.as_deref(), d.actual.as_deref()),
            (Some("1"), Some("0"))
        );
        // The likely culprit first, and the primary location on it.
        assert_eq!(d.cells[0], total);
        assert_eq!(d.span, c.report.cells.get(&total).unwrap().span);
        assert_eq!(
            d.help.as_deref().unwrap_or(""),
            "建议：（七）总计 自然人 0 → 1，总计 0 → 1（改这 2 格，所有不平衡的关系就都能成立）。"
        );
    }
    let r1 = errors
        .iter()
        .find(|d| d.code == Code::T3Identity && d.cells[0] == "t3.total.natural_person")
        .unwrap();
    assert_eq!(
        r1.notes[0],
        "一 + 二 = 1 + 0 = 1，但（七）总计 + 四 = 0 + 0 = 0"
    );
}

#[test]
fn seed_000_first_repair_is_the_total_row() {
    let c = check("000_7a90e1b32b8dd451.txt");
    let first: Vec<(&str, &str)> = c.repairs[0]
        .changes
        .iter()
        .map(|(p, v)| (p.as_ref(), v.as_str()))
        .collect();
    assert_eq!(
        first,
        [("t3.total.natural_person", "1"), ("t3.total.total", "1")]
    );
}

#[test]
fn seed_000_prose_warning_11_vs_15_and_nothing_else() {
    let c = check("000_7a90e1b32b8dd451.txt");
    let prose = with(&c, Code::ProseTable);
    assert_eq!(prose.len(), 1, "{prose:#?}");
    let d = prose[0];
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.cells[0], "t2.normative_docs.published");
    assert_eq!(
        (d.expected.as_deref(), d.actual.as_deref()),
        (Some("15"), Some("11"))
    );
    let text = common::read("seeds/000_7a90e1b32b8dd451.txt");
    assert_eq!(
        &text[d.labels[0].span.range()],
        "我市全年累计公布行政规范性文件11件"
    );
    // "予以公开1件（…予以部分公开）" is consistent; "办结1件" supports the repair instead of
    // being a second finding.
    assert!(c
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::T3ResultTotal && d.cells[0] == "t3.total.total")
        .all(|d| d.notes.iter().any(|n| n.contains("依法按时办结1件"))));
    assert_eq!(c.diagnostics.len(), 5, "{:#?}", c.diagnostics);
}

#[test]
fn seed_001_has_only_the_short_row_and_what_it_leaves_unchecked() {
    let c = check("001_86ddcbf017a77836.txt");
    assert!(errors(&c).is_empty());
    let warnings: Vec<Code> = c
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.code)
        .collect();
    assert_eq!(warnings, [Code::RowShort]);
    // The prose "全年共制发规范性文件 9 条，公开 9 条" agrees with table 二.
    assert!(with(&c, Code::ProseTable).is_empty());
    for d in c
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Info)
    {
        assert_eq!(d.code, Code::RelationUnassessable);
        assert!(d
            .cells
            .iter()
            .all(|p| p.starts_with("t3.not_processed.petition.")));
    }
}

#[test]
fn seed_002_is_clean() {
    let c = check("002_3fca4d743e11907b.txt");
    assert!(c.diagnostics.is_empty(), "{:#?}", c.diagnostics);
    assert!(c.repairs.is_empty());
}

#[test]
fn seed_003_is_clean_apart_from_rounding_and_the_2016_fee_sentence() {
    let c = check("003_fda1f0f22a5f0f10.txt");
    assert!(errors(&c).is_empty(), "{:#?}", errors(&c));
    assert!(c.diagnostics.iter().all(|d| d.severity == Severity::Info));
    let rounding: Vec<(&str, &str)> = with(&c, Code::PercentRounding)
        .iter()
        .map(|d| (d.actual.as_deref().unwrap(), d.expected.as_deref().unwrap()))
        .collect();
    assert_eq!(rounding, [("81.48%", "81.49%"), ("15.37%", "15.38%")]);
    let year = with(&c, Code::ProseYear);
    assert_eq!(year.len(), 1);
    assert_eq!(year[0].actual.as_deref(), Some("2016"));
}

#[test]
fn seed_004_says_the_review_balance_cannot_be_assessed() {
    let c = check("004_be236ec721ff3d1c.txt");
    assert!(errors(&c).is_empty());
    let gaps = with(&c, Code::RelationUnassessable);
    assert_eq!(gaps.len(), 1);
    assert!(gaps[0].message.contains("行政复议"));
    let mut cells: Vec<&str> = gaps[0].cells.iter().map(|p| p.as_ref()).collect();
    cells.sort_unstable();
    assert_eq!(
        cells,
        [
            "t4.review.corrected",
            "t4.review.other",
            "t4.review.pending",
            "t4.review.total",
            "t4.review.upheld"
        ]
    );
}
