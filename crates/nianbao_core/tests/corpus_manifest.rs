//! The table values that `tests/fixtures/corpus/MANIFEST.tsv` notes give, asserted per file;
//! where the notes call cells glued-ambiguous or missing, the result must carry a diagnostic
//! and leave those cells unread — never a wrong number.

mod common;

use nianbao_core::{Checked, Code, Value};

fn check(name: &str) -> Checked {
    nianbao_core::check(&common::read(&format!("corpus/{name}")))
}

fn count(c: &Checked, path: &str) -> Option<i64> {
    c.report
        .cells
        .get(path)
        .and_then(|cell| cell.value.as_count())
}

const T3_COLUMNS: [&str; 7] = [
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_services",
    "other_org",
    "total",
];

/// Asserts table 三 rows given as (row, seven values); every row not listed must be all 0.
fn t3_exact(c: &Checked, rows: &[(&str, [i64; 7])]) {
    let listed: Vec<&str> = rows.iter().map(|(r, _)| *r).collect();
    for (path, cell) in c.report.cells.iter() {
        let Some(rest) = path.strip_prefix("t3.") else {
            continue;
        };
        let (row, column) = rest.rsplit_once('.').unwrap();
        let want = match rows.iter().find(|(r, _)| *r == row) {
            Some((_, values)) => values[T3_COLUMNS.iter().position(|c| *c == column).unwrap()],
            None => 0,
        };
        assert_eq!(
            cell.and_then(|c| c.value.as_count()),
            Some(want),
            "{path} (listed rows: {listed:?})"
        );
    }
}

fn t4_exact(c: &Checked, groups: [[i64; 5]; 3]) {
    for (g, group) in ["review", "litigation_direct", "litigation_after_review"]
        .iter()
        .enumerate()
    {
        for (k, column) in ["upheld", "corrected", "other", "pending", "total"]
            .iter()
            .enumerate()
        {
            assert_eq!(
                count(c, &format!("t4.{group}.{column}")),
                Some(groups[g][k]),
                "t4.{group}.{column}"
            );
        }
    }
}

fn has(c: &Checked, code: Code, cell: &str) -> bool {
    c.diagnostics
        .iter()
        .any(|d| d.code == code && d.cells.iter().any(|p| p == cell))
}

fn unread_with(c: &Checked, code: Code, paths: &[&str]) {
    for path in paths {
        assert!(
            c.report.cells.contains(path),
            "{path} is a cell of the format"
        );
        assert!(
            c.report.cells.get(path).is_none(),
            "{path} must stay unread"
        );
        assert!(
            has(c, code, path),
            "{path} must be named by a {} diagnostic",
            code.as_str()
        );
    }
}

fn money(c: &Checked, path: &str) -> String {
    match c.report.cells.get(path).map(|x| &x.value) {
        Some(Value::Money(d)) => d.to_string(),
        other => panic!("{path}: {other:?}"),
    }
}

#[test]
fn pingtan_2019_glued_tables() {
    let c = check("f2019_2019_pingtan-syq.txt");
    t3_exact(
        &c,
        &[
            ("new", [23, 0, 0, 0, 0, 0, 23]),
            ("granted", [7, 0, 0, 0, 0, 0, 7]),
            ("partial", [1, 0, 0, 0, 0, 0, 1]),
            ("unavailable.not_held", [7, 0, 0, 0, 0, 0, 7]),
            ("unavailable.unclear", [5, 0, 0, 0, 0, 0, 5]),
            ("not_processed.duplicate", [3, 0, 0, 0, 0, 0, 3]),
            ("total", [23, 0, 0, 0, 0, 0, 23]),
        ],
    );
    t4_exact(&c, [[0; 5]; 3]);
    assert_eq!(count(&c, "t2.rules.made"), Some(0));
    // Glued table 二 rows that split more than one way stay unread, with a diagnostic.
    unread_with(
        &c,
        Code::GluedAmbiguous,
        &[
            "t2.normative_docs.made",
            "t2.licensing.previous",
            "t2.other_services.decisions",
            "t2.penalty.change",
            "t2.enforcement.previous",
            "t2.fees.previous",
            "t2.procurement.projects",
            "t2.procurement.amount",
        ],
    );
}

#[test]
fn shanghai_2019_blank_cells_stay_blank() {
    let c = check("f2019_2019_shanghai-bgt.txt");
    let rows: [(&str, [Option<i64>; 7]); 4] = [
        (
            "new",
            [Some(821), Some(35), None, None, Some(2), Some(1), Some(859)],
        ),
        (
            "carried_over",
            [Some(18), None, None, None, None, None, Some(18)],
        ),
        (
            "total",
            [Some(767), Some(35), None, None, Some(2), Some(1), Some(805)],
        ),
        (
            "carried_forward",
            [Some(72), None, None, None, None, None, Some(72)],
        ),
    ];
    for (row, values) in rows {
        for (column, want) in T3_COLUMNS.iter().zip(values) {
            assert_eq!(
                count(&c, &format!("t3.{row}.{column}")),
                want,
                "t3.{row}.{column}"
            );
        }
    }
    assert_eq!(count(&c, "t3.granted.natural_person"), Some(258));
    assert_eq!(
        count(&c, "t3.unavailable.not_held.natural_person"),
        Some(252)
    );
    assert_eq!(count(&c, "t3.not_processed.duplicate.commercial"), Some(4));
    // The 总计 cell is blank in all 19 result rows: missing, and reported.
    for row in [
        "granted",
        "partial",
        "denied.state_secret",
        "other",
        "not_processed.petition",
    ] {
        let path = format!("t3.{row}.total");
        assert!(c.report.cells.get(&path).is_none(), "{path}");
        assert!(has(&c, Code::CellsBlank, &path), "{path} reported blank");
    }
    assert_eq!(
        [
            count(&c, "t4.review.upheld"),
            count(&c, "t4.review.pending"),
            count(&c, "t4.review.total")
        ],
        [Some(5), Some(2), Some(7)]
    );
    assert_eq!(count(&c, "t4.litigation_direct.upheld"), Some(8));
    assert_eq!(count(&c, "t4.litigation_direct.total"), Some(9));
    assert!(c
        .report
        .cells
        .get("t4.litigation_after_review.total")
        .is_none());
    assert_eq!(count(&c, "t2.rules.total"), Some(524));
    assert_eq!(count(&c, "t2.normative_docs.total"), Some(368));
    assert_eq!(money(&c, "t2.procurement.amount"), "251000");
}

#[test]
fn truncated_web_excerpts_report_what_is_missing() {
    let c = check("f2019_2020_wuhai-gxj.txt");
    assert_eq!(c.report.year, Some(2020));
    assert_eq!(count(&c, "t2.other_services.change"), Some(2));
    assert_eq!(count(&c, "t2.other_services.decisions"), Some(114));
    assert_eq!(count(&c, "t2.penalty.previous"), Some(25));
    assert_eq!(count(&c, "t2.penalty.change"), Some(-1));
    assert!(c.diagnostics.iter().any(|d| d.code == Code::Truncated));
    unread_with(&c, Code::TableMissing, &["t3.new.total", "t4.review.total"]);
    assert!(c.report.cells.get("t2.fees.previous").is_none());
    assert!(c.report.cells.get("t2.procurement.amount").is_none());

    let c = check("f2019_2020_wulanchabu-qyjjhzj.txt");
    assert_eq!(c.report.format.as_str(), "f2019");
    for path in [
        "t2.rules.made",
        "t2.licensing.decisions",
        "t2.procurement.projects",
        "t2.procurement.amount",
    ] {
        assert!(c.report.cells.get(path).is_some(), "{path} read");
    }
    assert!(c.diagnostics.iter().any(|d| d.code == Code::Truncated));
    unread_with(&c, Code::TableMissing, &["t4.review.total"]);
    assert!(c.report.cells.get("t3.new.total").is_none());

    let c = check("f2021_2023_wuhai-gzw.txt");
    assert_eq!(c.report.format.as_str(), "f2021");
    assert_eq!(c.report.year, Some(2023));
    assert_eq!(count(&c, "t2.normative_docs.in_force"), Some(0));
    assert_eq!(count(&c, "t2.licensing.decisions"), Some(0));
    assert!(has(&c, Code::RowMissing, "t2.penalty.decisions"));
    assert!(has(&c, Code::RowMissing, "t2.fees.amount"));
}

#[test]
fn labels_without_numbers_are_not_zeros() {
    let c = check("f2019_2022_jiaxian-xizhen.txt");
    assert_eq!(
        c.report.format.as_str(),
        "f2019",
        "a 2022 report printed in the 2019 format"
    );
    assert_eq!(c.report.cells.read_count(), 0);
    assert!(has(&c, Code::NoNumbers, "t2.rules.made"));
    assert!(has(&c, Code::NoNumbers, "t3.new.natural_person"));
}

#[test]
fn tables_absent_from_the_text() {
    let c = check("f2021_2022_hunnan-gzj.txt");
    assert_eq!(c.report.cells.read_count(), 0);
    assert!(c.diagnostics.iter().any(|d| d.code == Code::FormatUnknown));
}

#[test]
fn xixian_2022_cites_2019_but_prints_2021_tables() {
    let c = check("f2021_2022_xixian-taipingzhen.txt");
    assert_eq!(c.report.format.as_str(), "f2021");
    for row in [
        "new",
        "carried_over",
        "granted",
        "partial",
        "denied.state_secret",
        "denied.other_law",
        "denied.security",
    ] {
        for column in T3_COLUMNS {
            assert_eq!(
                count(&c, &format!("t3.{row}.{column}")),
                Some(0),
                "t3.{row}.{column}"
            );
        }
    }
    assert!(has(&c, Code::RowMissing, "t3.total.total"));
    assert!(c.diagnostics.iter().any(|d| d.code == Code::Truncated));
}

#[test]
fn pingtan_2021() {
    let c = check("f2021_2021_pingtan-syq.txt");
    t3_exact(
        &c,
        &[
            ("new", [64, 0, 0, 2, 0, 4, 70]),
            ("granted", [27, 0, 0, 2, 0, 1, 30]),
            ("partial", [5, 0, 0, 0, 0, 0, 5]),
            ("denied.internal", [1, 0, 0, 0, 0, 0, 1]),
            ("denied.enforcement_file", [6, 0, 0, 0, 0, 0, 6]),
            ("denied.inquiry", [1, 0, 0, 0, 0, 0, 1]),
            ("unavailable.not_held", [22, 0, 0, 0, 0, 3, 25]),
            ("other.other", [1, 0, 0, 0, 0, 0, 1]),
            ("total", [63, 0, 0, 2, 0, 4, 69]),
            ("carried_forward", [1, 0, 0, 0, 0, 0, 1]),
        ],
    );
    t4_exact(&c, [[1, 0, 2, 0, 3], [12, 0, 0, 0, 12], [0; 5]]);
    assert_eq!(count(&c, "t2.licensing.decisions"), Some(2293));
    assert_eq!(count(&c, "t2.penalty.decisions"), Some(1282));
    assert_eq!(count(&c, "t2.enforcement.decisions"), Some(42));
    assert_eq!(money(&c, "t2.fees.amount"), "242523110.82"); // 24252.311082 万元
    unread_with(
        &c,
        Code::GluedAmbiguous,
        &["t2.normative_docs.issued", "t2.normative_docs.in_force"],
    );
}

#[test]
fn pingtan_2022() {
    let c = check("f2021_2022_pingtan-syq.txt");
    t3_exact(
        &c,
        &[
            ("new", [71, 3, 0, 0, 0, 0, 74]),
            ("carried_over", [1, 0, 0, 0, 0, 0, 1]),
            ("granted", [21, 0, 0, 0, 0, 0, 21]),
            ("partial", [8, 1, 0, 0, 0, 0, 9]),
            ("denied.internal", [1, 0, 0, 0, 0, 0, 1]),
            ("denied.process", [2, 0, 0, 0, 0, 0, 2]),
            ("denied.enforcement_file", [1, 0, 0, 0, 0, 0, 1]),
            ("unavailable.not_held", [37, 0, 0, 0, 0, 0, 37]),
            ("other.no_correction", [2, 0, 0, 0, 0, 0, 2]),
            ("other.other", [0, 2, 0, 0, 0, 0, 2]),
            ("total", [72, 3, 0, 0, 0, 0, 75]),
        ],
    );
    t4_exact(&c, [[0, 1, 1, 0, 2], [1, 0, 0, 0, 1], [0; 5]]);
    assert_eq!(count(&c, "t2.licensing.decisions"), Some(10690));
    assert_eq!(money(&c, "t2.fees.amount"), "91163600");
    unread_with(&c, Code::GluedAmbiguous, &["t2.normative_docs.repealed"]);
}

#[test]
fn pingtan_2024() {
    let c = check("f2021_2024_pingtan-syq.txt");
    t3_exact(
        &c,
        &[
            ("new", [217, 1, 0, 0, 0, 0, 218]),
            ("granted", [71, 0, 0, 0, 0, 0, 71]),
            ("partial", [29, 0, 0, 0, 0, 0, 29]),
            ("denied.state_secret", [4, 0, 0, 0, 0, 0, 4]),
            ("denied.third_party", [3, 0, 0, 0, 0, 0, 3]),
            ("denied.internal", [32, 0, 0, 0, 0, 0, 32]),
            ("unavailable.not_held", [75, 0, 0, 0, 0, 0, 75]),
            ("not_processed.duplicate", [1, 0, 0, 0, 0, 0, 1]),
            ("other.no_correction", [1, 0, 0, 0, 0, 0, 1]),
            ("other.other", [1, 1, 0, 0, 0, 0, 2]),
            ("total", [217, 1, 0, 0, 0, 0, 218]),
        ],
    );
    t4_exact(&c, [[2, 1, 3, 1, 7], [0; 5], [13, 2, 4, 0, 19]]);
    assert_eq!(count(&c, "t2.licensing.decisions"), Some(4529));
    assert_eq!(money(&c, "t2.fees.amount"), "186510600");
    unread_with(&c, Code::GluedAmbiguous, &["t2.normative_docs.issued"]);
}

#[test]
fn pingtan_2025() {
    let c = check("f2021_2025_pingtan-syq.txt");
    t3_exact(
        &c,
        &[
            ("new", [151, 3, 0, 0, 0, 0, 154]),
            ("granted", [33, 0, 0, 0, 0, 0, 33]),
            ("partial", [38, 0, 0, 0, 0, 0, 38]),
            ("denied.internal", [3, 0, 0, 0, 0, 0, 3]),
            ("denied.process", [2, 0, 0, 0, 0, 0, 2]),
            ("denied.enforcement_file", [3, 0, 0, 0, 0, 0, 3]),
            ("denied.inquiry", [3, 0, 0, 0, 0, 0, 3]),
            ("unavailable.not_held", [49, 1, 0, 0, 0, 0, 50]),
            ("unavailable.needs_creation", [3, 0, 0, 0, 0, 0, 3]),
            ("not_processed.petition", [2, 0, 0, 0, 0, 0, 2]),
            ("other.no_correction", [8, 0, 0, 0, 0, 0, 8]),
            ("other.unpaid_fee", [2, 0, 0, 0, 0, 0, 2]),
            ("other.other", [1, 0, 0, 0, 0, 0, 1]),
            ("total", [147, 1, 0, 0, 0, 0, 148]),
            ("carried_forward", [4, 2, 0, 0, 0, 0, 6]),
        ],
    );
    t4_exact(&c, [[25, 3, 8, 0, 36], [3, 3, 0, 0, 6], [3, 0, 0, 0, 3]]);
    assert_eq!(money(&c, "t2.fees.amount"), "41662416.19");
    unread_with(&c, Code::GluedAmbiguous, &["t2.normative_docs.issued"]);
}

/// (label fragment, year value, cumulative) of a Fujian table, or `None` values when the
/// notes say the glued digits do not split uniquely from the table alone.
fn old_rows(c: &Checked, rows: &[(&str, Option<(i64, i64)>)]) {
    for (label, want) in rows {
        let (path, _) = c
            .report
            .cells
            .iter()
            .filter(|(p, _)| !p.ends_with(".cumulative"))
            .find(|(_, cell)| {
                cell.and_then(|x| x.old.as_ref())
                    .is_some_and(|o| o.label.contains(label))
            })
            .or_else(|| {
                // An unread row keeps its label only in the diagnostic.
                c.diagnostics
                    .iter()
                    .find(|d| d.code == Code::GluedAmbiguous && d.message.contains(label))
                    .map(|d| (d.cells[0].as_ref(), None))
            })
            .unwrap_or_else(|| panic!("row {label} not found"));
        let got = (count(c, path), count(c, &format!("{path}.cumulative")));
        match want {
            Some((year, total)) => assert_eq!(got, (Some(*year), Some(*total)), "{label}"),
            None => {
                assert_eq!(got, (None, None), "{label} must stay unread");
                assert!(has(c, Code::GluedAmbiguous, path), "{label} ambiguous");
            }
        }
    }
}

#[test]
fn old_fujian_tables() {
    let c = check("old_2011_pingtan-syq.txt");
    old_rows(
        &c,
        &[
            ("主动公开信息数", Some((425, 1516))),
            ("网站公开", Some((418, 1509))),
            ("政府公报公开", Some((7, 7))),
            ("行政申诉数", Some((0, 0))),
        ],
    );
    let c = check("old_2011_pingtan-xian.txt");
    old_rows(
        &c,
        &[
            ("主动公开信息数", Some((425, 1516))),
            ("网站公开", Some((418, 1509))),
            ("政府公报公开", Some((7, 7))),
        ],
    );
    let c = check("old_2012_pingtan-xian.txt");
    old_rows(
        &c,
        &[
            ("主动公开信息数", None),
            ("网站公开", None),
            ("政府公报公开", Some((0, 7))),
            ("受理依申请公开信息总数", Some((21, 21))),
            ("当面申请数", Some((18, 18))),
            ("电子邮件申请数", Some((3, 3))),
            ("对申请的答复数", Some((21, 21))),
            ("同意公开答复数", Some((17, 17))),
            ("同意部分公开答复数", Some((2, 2))),
            ("否决公开答复数", Some((2, 2))),
        ],
    );
    let c = check("old_2013_pingtan-xian.txt");
    old_rows(
        &c,
        &[
            ("主动公开信息数", None),
            ("网站公开", None),
            ("受理依申请公开信息总数", Some((7, 28))),
            ("当面申请数", Some((0, 18))),
            ("电子邮件申请数", Some((3, 6))),
            ("网上申请数", Some((4, 4))),
            ("对申请的答复数", Some((3, 24))),
            ("同意公开答复数", Some((2, 19))),
            ("同意部分公开答复数", Some((1, 3))),
            ("否决公开答复数", Some((0, 2))),
        ],
    );
    let c = check("old_2014_pingtan-syq.txt");
    old_rows(
        &c,
        &[
            ("主动公开文件数", Some((2543, 78967))),
            ("政府网站公开数", Some((2543, 78967))),
            ("受理依申请公开信息总数", Some((1, 1))),
            ("信函、传真申请数", Some((1, 1))),
            ("同意公开答复数", Some((1, 1))),
        ],
    );
    let fee = c
        .report
        .cells
        .iter()
        .find(|(_, cell)| {
            cell.and_then(|x| x.old.as_ref())
                .is_some_and(|o| o.label.contains("收费减免金额"))
        })
        .map(|(p, _)| p.to_string())
        .unwrap();
    assert_eq!(money(&c, &fee), "0");
    assert_eq!(
        c.report.cells.get(&fee).unwrap().old.as_ref().unwrap().unit,
        Some("元")
    );
    let c = check("old_2015_pingtan-syq.txt");
    old_rows(
        &c,
        &[
            ("主动公开文件数", None),
            ("政府网站公开数", None),
            ("受理依申请公开信息总数", Some((0, 1))),
        ],
    );
    let c = check("old_2017_pingtan-syq.txt");
    old_rows(
        &c,
        &[
            ("主动公开文件数", None),
            ("政府网站公开数", None),
            ("对申请的答复总数", Some((0, 0))),
        ],
    );
    let c = check("old_2018_pingtan-syq.txt");
    old_rows(
        &c,
        &[
            ("主动公开文件数", None),
            ("政府网站公开数", None),
            ("其他类型答复数", Some((0, 0))),
        ],
    );
}
