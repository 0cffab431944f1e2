//! Every table value listed in `tests/fixtures/seeds/EXPECTED.md`, asserted cell by cell
//! (money compared as exact decimal strings in 元), plus the parse findings it requires.

mod common;

use nianbao_core::{Checked, Code, Value};

fn check(name: &str) -> (String, Checked) {
    let text = common::read(&format!("seeds/{name}"));
    let checked = nianbao_core::check(&text);
    (text, checked)
}

fn count(checked: &Checked, path: &str) -> i64 {
    match checked.report.cells.get(path) {
        Some(cell) => match cell.value {
            Value::Count(n) => n,
            ref other => panic!("{path}: not a count: {other:?}"),
        },
        None => panic!("{path}: missing"),
    }
}

fn money(checked: &Checked, path: &str) -> String {
    match checked.report.cells.get(path).map(|c| &c.value) {
        Some(Value::Money(d)) => d.to_string(),
        other => panic!("{path}: not money: {other:?}"),
    }
}

/// Asserts a whole table-三 row: seven values in column order.
fn t3_row(checked: &Checked, row: &str, values: [i64; 7]) {
    let columns = [
        "natural_person",
        "commercial",
        "research",
        "social_welfare",
        "legal_services",
        "other_org",
        "total",
    ];
    for (column, want) in columns.iter().zip(values) {
        assert_eq!(
            count(checked, &format!("t3.{row}.{column}")),
            want,
            "t3.{row}.{column}"
        );
    }
}

fn t3_rows_2019() -> Vec<&'static str> {
    vec![
        "new",
        "carried_over",
        "granted",
        "partial",
        "denied.state_secret",
        "denied.other_law",
        "denied.security",
        "denied.third_party",
        "denied.internal",
        "denied.process",
        "denied.enforcement_file",
        "denied.inquiry",
        "unavailable.not_held",
        "unavailable.needs_creation",
        "unavailable.unclear",
        "not_processed.petition",
        "not_processed.duplicate",
        "not_processed.publication",
        "not_processed.excessive",
        "not_processed.confirmation",
        "other",
        "total",
        "carried_forward",
    ]
}

fn t4_all(checked: &Checked, groups: &[&str], value: i64) {
    for group in groups {
        for column in ["upheld", "corrected", "other", "pending", "total"] {
            assert_eq!(
                count(checked, &format!("t4.{group}.{column}")),
                value,
                "t4.{group}.{column}"
            );
        }
    }
}

/// Asserts table 二 of the 2019 format: rows of (path prefix, values).
fn t2(checked: &Checked, rows: &[(&str, &[i64])]) {
    for (row, values) in rows {
        let columns: &[&str] = match *row {
            "rules" | "normative_docs" => &["made", "published", "total"],
            "fees" => &["previous", "change"],
            _ => &["previous", "change", "decisions"],
        };
        for (column, want) in columns.iter().zip(values.iter()) {
            assert_eq!(
                count(checked, &format!("t2.{row}.{column}")),
                *want,
                "t2.{row}.{column}"
            );
        }
    }
}

#[test]
fn seed_000_tieli_2020() {
    let (_, c) = check("000_7a90e1b32b8dd451.txt");
    assert_eq!(c.report.format.as_str(), "f2019");
    assert_eq!(c.report.year, Some(2020));
    t2(
        &c,
        &[
            ("rules", &[0, 0, 0]),
            ("normative_docs", &[15, 15, 15]),
            ("licensing", &[845, -28, 35782]),
            ("other_services", &[253, 111, 50409]),
            ("penalty", &[1200, -36, 551]),
            ("enforcement", &[32, 1, 6]),
            ("fees", &[16, 0]),
        ],
    );
    assert_eq!(count(&c, "t2.procurement.projects"), 468);
    assert_eq!(money(&c, "t2.procurement.amount"), "230830000");
    for row in t3_rows_2019() {
        let values = match row {
            "new" | "partial" => [1, 0, 0, 0, 0, 0, 1],
            _ => [0; 7],
        };
        t3_row(&c, row, values);
    }
    t4_all(
        &c,
        &["review", "litigation_direct", "litigation_after_review"],
        0,
    );
    // The rows printed after table 四 (page-order interleave) are located on their own lines.
    let total = c.report.cells.get("t3.total.natural_person").unwrap();
    assert!(total.line > c.report.cells.get("t4.review.upheld").unwrap().line);
}

#[test]
fn seed_001_hulin_2020_short_row() {
    let (_, c) = check("001_86ddcbf017a77836.txt");
    t2(
        &c,
        &[
            ("rules", &[0, 0, 0]),
            ("normative_docs", &[9, 9, 45]),
            ("licensing", &[154, 71, 4567]),
            ("other_services", &[0, 5, 0]),
            ("penalty", &[987, 20, 862]),
            ("enforcement", &[10, 0, 0]),
            ("fees", &[5, 0]),
        ],
    );
    assert_eq!(count(&c, "t2.procurement.projects"), 208);
    assert_eq!(money(&c, "t2.procurement.amount"), "39290800");
    for row in t3_rows_2019() {
        if row == "not_processed.petition" {
            continue;
        }
        t3_row(&c, row, [0; 7]);
    }
    // The short row is reported and left missing, never completed.
    for column in ["natural_person", "commercial", "total"] {
        let path = format!("t3.not_processed.petition.{column}");
        assert!(c.report.cells.contains(&path));
        assert!(
            c.report.cells.get(&path).is_none(),
            "{path} should be missing"
        );
    }
    let short: Vec<_> = c
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::RowShort)
        .collect();
    assert_eq!(short.len(), 1);
    assert!(short[0].message.contains("信访举报投诉类申请"));
    assert!(short[0].message.contains("6 个数字"));
    assert!(short[0]
        .cells
        .iter()
        .any(|p| p == "t3.not_processed.petition.natural_person"));
    t4_all(
        &c,
        &["review", "litigation_direct", "litigation_after_review"],
        0,
    );
}

#[test]
fn seed_002_jinlin_2020() {
    let (_, c) = check("002_3fca4d743e11907b.txt");
    t2(
        &c,
        &[
            ("rules", &[0, 0, 0]),
            ("normative_docs", &[0, 0, 0]),
            ("licensing", &[451, -256, 620]),
            ("other_services", &[29, 18, 0]),
            ("penalty", &[842, -51, 23]),
            ("enforcement", &[30, -21, 0]),
            ("fees", &[12, -8]),
        ],
    );
    assert_eq!(count(&c, "t2.procurement.projects"), 10);
    assert_eq!(money(&c, "t2.procurement.amount"), "6239795");
    for row in t3_rows_2019() {
        let values = match row {
            "new" | "denied.other_law" | "total" => [1, 0, 0, 0, 0, 0, 1],
            _ => [0; 7],
        };
        t3_row(&c, row, values);
    }
    t4_all(
        &c,
        &["review", "litigation_direct", "litigation_after_review"],
        0,
    );
    assert_eq!(c.report.cells.read_count(), c.report.cells.len());
}

#[test]
fn seed_003_yichun_2017_statistics_table() {
    let (_, c) = check("003_fda1f0f22a5f0f10.txt");
    assert_eq!(c.report.format.as_str(), "old");
    let find = |label: &str| -> (String, i64) {
        let (path, cell) = c
            .report
            .cells
            .iter()
            .find(|(p, cell)| {
                p.starts_with("old.")
                    && cell
                        .and_then(|x| x.old.as_ref())
                        .is_some_and(|o| o.label.contains(label))
            })
            .unwrap_or_else(|| panic!("no row labelled {label}"));
        (path.to_string(), cell.unwrap().value.as_count().unwrap())
    };
    let parent_of = |path: &str| {
        c.report
            .cells
            .get(path)
            .and_then(|cell| cell.old.as_ref())
            .and_then(|o| o.parent.map(|n| format!("old.{n}")))
    };
    // The relations EXPECTED.md lists, each from the values read.
    let (channels, total) = find("通过不同渠道和方式公开政府信息");
    assert_eq!(total, 94604);
    let parts = [
        "政府公报公开",
        "政府网站公开",
        "政务微博公开",
        "政务微信公开",
        "其他方式公开",
    ];
    let values: Vec<i64> = parts.iter().map(|p| find(p).1).collect();
    assert_eq!(values, [43, 78002, 1765, 6122, 8672]);
    for p in parts {
        assert_eq!(parent_of(&find(p).0).as_deref(), Some(channels.as_str()));
    }
    assert_eq!(find("通过不同渠道和方式回应解读").1, 379);
    assert_eq!(find("主要负责同志参加新闻发布会").1, 6);
    assert_eq!(find("收到申请数").1, 26);
    assert_eq!(find("当面申请数").1, 3);
    assert_eq!(find("网络申请数").1, 15);
    assert_eq!(find("不同意公开答复数").1, 7);
    assert_eq!(find("涉及商业秘密").1, 1);
    assert_eq!(find("行政复议数量").1, 4);
    assert_eq!(find("行政诉讼数量").1, 1);
    assert_eq!(find("从事政府信息公开工作人员数").1, 82);
    assert_eq!(find("兼职人员数").1, 80);
    // 其中 rows are parts of the row above, not of its parent.
    let (meetings, _) = find("参加或举办新闻发布会总次数");
    assert_eq!(
        parent_of(&find("主要负责同志参加新闻发布会").0).as_deref(),
        Some(meetings.as_str())
    );
    // The percentage tables: 表1 has five categories; 81.48% is kept as printed.
    assert_eq!(count(&c, "pct.1.2"), 43206);
    match &c.report.cells.get("pct.1.2.percent").unwrap().value {
        Value::Decimal(d) => assert_eq!(d.to_string(), "81.48"),
        other => panic!("{other:?}"),
    }
    // Each table's caption is printed below it ("表 1 2017 年…"), and messages quote it.
    let captions: Vec<&str> = c
        .report
        .pct_captions
        .iter()
        .map(|caption| caption.as_deref().unwrap_or("-"))
        .collect();
    assert_eq!(captions.len(), 7, "{captions:?}");
    assert_eq!(captions[0], "表 1 2017 年市政府及其部门主动公开情况");
    assert!(
        captions
            .iter()
            .zip(1..)
            .all(|(c, n)| c.starts_with(&format!("表 {n} "))),
        "{captions:?}"
    );
}

#[test]
fn seed_004_jingpohu_2020_blank_review_cells() {
    let (_, c) = check("004_be236ec721ff3d1c.txt");
    for row in ["rules", "normative_docs"] {
        t2(&c, &[(row, &[0, 0, 0])]);
    }
    t2(
        &c,
        &[
            ("licensing", &[0, 0, 0]),
            ("other_services", &[0, 0, 0]),
            ("penalty", &[0, 0, 0]),
            ("enforcement", &[0, 0, 0]),
            ("fees", &[1, 0]),
        ],
    );
    assert_eq!(count(&c, "t2.procurement.projects"), 5);
    assert_eq!(money(&c, "t2.procurement.amount"), "4004588.7");
    for row in t3_rows_2019() {
        t3_row(&c, row, [0; 7]);
    }
    t4_all(&c, &["litigation_direct", "litigation_after_review"], 0);
    for column in ["upheld", "corrected", "other", "pending", "total"] {
        let path = format!("t4.review.{column}");
        assert!(c.report.cells.contains(&path));
        assert!(
            c.report.cells.get(&path).is_none(),
            "{path} must stay missing, not 0"
        );
    }
    let blank: Vec<_> = c
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::CellsBlank)
        .collect();
    assert_eq!(blank.len(), 1);
    assert_eq!(blank[0].cells.len(), 5);
    assert!(blank[0].cells.iter().all(|p| p.starts_with("t4.review.")));
}
