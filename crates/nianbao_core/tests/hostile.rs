//! Hostile and damaged input (issue 14): glued digit runs built to blow up the split search,
//! and rows with a number left out, which must never be re-cut into values never printed.
//! Inputs are built from the seeds in the test; assertions are on work done and outcome,
//! never on time.

mod common;

use nianbao_core::parse::glued::{self, Glued, MAX_NODES};
use nianbao_core::text::scan::{scan, TokenKind};
use nianbao_core::{check, Checked, Code};

fn seed(prefix: &str) -> String {
    let dir = common::fixtures().join("seeds");
    let path = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap();
    std::fs::read_to_string(path).unwrap()
}

fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "recipe anchor {from:?}");
    text.replacen(from, to, 1)
}

fn glued_of(text: &str) -> Glued {
    let s = scan(text);
    let numbers: Vec<usize> = (0..s.tokens.len())
        .filter(|&i| matches!(s.tokens[i].kind(), TokenKind::Number))
        .collect();
    Glued::from_tokens(&s, text, &numbers).unwrap()
}

fn unread(c: &Checked, paths: &[&str]) -> bool {
    paths.iter().all(|p| c.report.cells.get(p).is_none())
}

fn finding<'a>(c: &'a Checked, code: Code, cell: &str) -> Option<&'a nianbao_core::Diagnostic> {
    c.diagnostics
        .iter()
        .find(|d| d.code == code && d.cells.iter().any(|p| p.as_ref() == cell))
}

const T4: [&str; 15] = [
    "t4.review.upheld",
    "t4.review.corrected",
    "t4.review.other",
    "t4.review.pending",
    "t4.review.total",
    "t4.litigation_direct.upheld",
    "t4.litigation_direct.corrected",
    "t4.litigation_direct.other",
    "t4.litigation_direct.pending",
    "t4.litigation_direct.total",
    "t4.litigation_after_review.upheld",
    "t4.litigation_after_review.corrected",
    "t4.litigation_after_review.other",
    "t4.litigation_after_review.pending",
    "t4.litigation_after_review.total",
];

// ---- item 1: the glued search is bounded by work done ----

#[test]
fn ones_then_zeros_have_no_split_and_cost_no_search() {
    // "1"*20 + "0"*30 for fifteen cells: every 0 past the eight a cell can end with must be a
    // cell of its own, so no split exists; the search must see that without walking.
    let run = format!("{}{}", "1".repeat(20), "0".repeat(30));
    let g = glued_of(&run);
    let search = glued::search(&g, 15, 9, 20_000);
    assert_eq!(search.splits, Some(Vec::new()));
    assert_eq!(search.nodes, 0);
}

#[test]
fn a_run_with_too_many_splits_stops_at_the_node_bound() {
    // 63 digits without a zero, fifteen cells of up to nine digits: astronomically many splits.
    let g = glued_of(&"123456789".repeat(7));
    let search = glued::search(&g, 15, 9, usize::MAX);
    assert_eq!(search.splits, None, "stopped, not answered");
    assert!(search.nodes <= MAX_NODES + 1, "{} nodes", search.nodes);
}

#[test]
fn work_grows_with_the_splits_found_not_with_dead_ends() {
    // Digits with exactly one split (7 digits, 7 cells) preceded by zeros that force cells:
    // every node visited lies on the way to the split.
    for zeros in [10, 20, 40, 80] {
        let text = format!("{}{}", "0".repeat(zeros), "1234567");
        let g = glued_of(&text);
        let search = glued::search(&g, zeros + 7, 9, 20_000);
        assert_eq!(search.splits.as_ref().map(Vec::len), Some(1));
        assert!(
            search.nodes <= 2 * (zeros + 7) + 1,
            "{zeros} zeros: {} nodes",
            search.nodes
        );
    }
}

#[test]
fn seed_table_four_as_one_long_run_is_left_unread() {
    let text = seed("002");
    let t4 = "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0";
    for run in [
        format!("{}{}", "1".repeat(20), "0".repeat(30)),
        "123456789".repeat(7),
    ] {
        let c = check(&replace_once(&text, t4, &run));
        assert!(unread(&c, &T4), "{run}: table 四 must stay unread");
        assert!(
            c.diagnostics
                .iter()
                .any(|d| d.cells.iter().any(|p| p.as_ref() == T4[0])
                    && d.message.contains("行政复议")),
            "{run}: a finding names the row"
        );
    }
    // The bound is said in the finding.
    let c = check(&replace_once(&text, t4, &"123456789".repeat(7)));
    let d = finding(&c, Code::GluedAmbiguous, T4[0]).expect("glued-ambiguous finding");
    assert!(d.message.contains("工作量上限"), "{}", d.message);
}

#[test]
fn previous_report_goes_through_the_same_bound() {
    let text = seed("002");
    let previous = replace_once(
        &text,
        "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0",
        &"123456789".repeat(7),
    );
    let c = nianbao_core::check_with_previous(&text, Some(&previous));
    assert!(
        c.report.cells.get(T4[0]).is_some(),
        "this year's table reads"
    );
}

// ---- item 7: no invented numbers ----

#[test]
fn a_deleted_sign_does_not_recut_the_row() {
    // Seed 000 "行政强制 32 +1 6" with the +1 deleted: "32 6" must not become 3 | 2 | 6.
    let text = replace_once(&seed("000"), "行政强制 32 +1 6", "行政强制 32 6");
    let c = check(&text);
    let paths = [
        "t2.enforcement.previous",
        "t2.enforcement.change",
        "t2.enforcement.decisions",
    ];
    assert!(unread(&c, &paths), "row stays unread");
    let d = finding(&c, Code::RowShort, paths[0]).expect("row-short finding");
    assert!(d.message.contains("行政强制"), "{}", d.message);
}

#[test]
fn a_deleted_amount_does_not_split_the_count() {
    // Seed 002 "政府集中采购 10 6,239,795.00元" with the amount deleted: not 1 and 0 元.
    let text = replace_once(
        &seed("002"),
        "政府集中采购 10 6,239,795.00元",
        "政府集中采购 10",
    );
    let c = check(&text);
    let paths = ["t2.procurement.projects", "t2.procurement.amount"];
    assert!(unread(&c, &paths), "row stays unread");
    let d = finding(&c, Code::RowShort, paths[0]).expect("row-short finding");
    assert!(d.message.contains("政府集中采购"), "{}", d.message);
}

fn old_row<'a>(c: &'a Checked, label: &str) -> Option<(&'a str, Option<&'a nianbao_core::Cell>)> {
    c.report.cells.iter().find(|(_, cell)| {
        cell.and_then(|x| x.old.as_ref())
            .is_some_and(|o| o.label.contains(label))
    })
}

#[test]
fn old_table_row_with_a_deleted_value_is_short_not_split() {
    // 2011 Pingtan table "网站公开 条 418 1509" with 418 deleted: not 1 and 509.
    let text = common::read("corpus/old_2011_pingtan-syq.txt");
    let text = replace_once(&text, "网站公开 条 418 1509", "网站公开 条  1509");
    let c = check(&text);
    assert!(old_row(&c, "网站公开").is_none(), "no cell reads 网站公开");
    let d = c
        .diagnostics
        .iter()
        .find(|d| d.code == Code::RowShort && d.message.contains("网站公开"))
        .expect("row-short finding naming the row");
    assert!(d.message.contains("缺失"), "{}", d.message);
    // Nothing anywhere reads 509 or 1 for it.
    for (_, cell) in c.report.cells.iter() {
        if let Some(cell) = cell {
            assert_ne!(&text[cell.span.range()], "509");
        }
    }
}

#[test]
fn a_split_in_a_glued_table_says_so() {
    // The 2011 county table prints every number glued: its splits are kept, and said.
    let c = check(&common::read("corpus/old_2011_pingtan-xian.txt"));
    let d = c
        .diagnostics
        .iter()
        .find(|d| d.code == Code::GluedSplit)
        .expect("a glued-split finding");
    assert!(d.message.contains("粘连"), "{}", d.message);
    assert!(
        d.notes.iter().any(|n| n.contains("4251516 → 425 1516")),
        "{:?}",
        d.notes
    );
}

#[test]
fn old_table_blank_value_keeps_its_row() {
    // Seed 003 "1. 政府公报公开政府信息数 条 43" with the 43 left blank: the row stays a row
    // (unread, said), and does not become a heading or part of the next row's label.
    let text = replace_once(
        &seed("003"),
        "1. 政府公报公开政府信息数\t条\t43",
        "1. 政府公报公开政府信息数\t条\t",
    );
    let c = check(&text);
    let next = old_row(&c, "政府网站公开政府信息数").expect("next row");
    let info = next.1.unwrap().old.as_ref().unwrap();
    assert!(
        !info.label.contains("政府公报"),
        "label swallowed: {}",
        info.label
    );
    assert!(
        c.report
            .unread_rows
            .iter()
            .any(|(_, o)| o.label.contains("政府公报公开")),
        "the blank row is an unread row"
    );
    assert!(
        c.diagnostics
            .iter()
            .any(|d| d.code == Code::CellsBlank && d.message.contains("政府公报公开")),
        "a finding names the blank row"
    );
}

// ---- item 9: counts beyond 2^53 ----

#[test]
fn counts_beyond_two_to_the_53_are_strings_in_json() {
    let text = replace_once(
        &seed("002"),
        "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0",
        "0 0 0 0 0 0 0 0 0 0 0 0 0 0 9007199254740993",
    );
    let c = check(&text);
    let json = nianbao_core::to_json(&c, &text, nianbao_core::PositionEncoding::Utf16);
    let key = "\"t4.litigation_after_review.total\":{\"value\":";
    let at = json.find(key).expect("cell in JSON") + key.len();
    assert!(
        json[at..].starts_with("\"9007199254740993\""),
        "{}",
        &json[at..at + 40]
    );
    // Safe counts stay numbers.
    let key = "\"t4.review.upheld\":{\"value\":";
    let at = json.find(key).unwrap() + key.len();
    assert!(json[at..].starts_with("0,"));
}
