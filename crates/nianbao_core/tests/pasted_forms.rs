//! Pasted forms of issue 18 that are not whole reports with truth (those are in
//! variants_accuracy.rs): a pre-2019 report without any table, and PDF reading-order rows whose
//! numbers cannot be tied to their labels.

use nianbao_core::Format;

#[test]
fn a_pre_2019_report_without_tables_is_still_pre_2019() {
    let text = "平潭综合实验区2015年度政府信息公开工作年度报告\n\
                一、概述\n2015年，我区不断深化公开内容，完善工作机制。\n\
                二、主动公开政府信息情况\n全年主动公开政府信息一千余条。\n";
    let checked = nianbao_core::check(text);
    assert_eq!(checked.report.format, Format::Old);
    assert_eq!(checked.report.cells.read_count(), 0);
}

#[test]
fn a_later_report_without_tables_stays_unknown() {
    let text = "某区2022年政府信息公开工作年度报告\n一、总体情况\n全年工作有序开展。\n";
    assert_eq!(nianbao_core::check(text).report.format, Format::Unknown);
}

/// Table 三 as pdftotext's reading order prints it: three labels, then the numbers of all
/// three rows. With one row total broken the order cannot be confirmed, so the rows are left
/// unread and named — never shifted.
fn reading_order(partial_total: &str) -> String {
    let mut t = String::from(
        "2020年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n\
         申请人情况\n自然人\n商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n总计\n\
         一、本年新收政府信息公开申请数量\n5\n0\n0\n0\n0\n0\n5\n\
         二、上年结转政府信息公开申请数量\n0\n0\n0\n0\n0\n0\n0\n\
         三、本年度办理结果\n（一）予以公开\n（二）部分公开（区分处理的，只计这一情形，不计其他情形）\n\
         （三）不予公开\n1.属于国家秘密\n",
    );
    for row in [
        ["2", "0", "0", "0", "0", "0", "2"],
        ["1", "0", "0", "0", "0", "0", partial_total],
        ["0"; 7],
    ] {
        for v in row {
            t.push_str(v);
            t.push('\n');
        }
    }
    t
}

#[test]
fn labels_printed_apart_from_numbers_read_in_order_when_every_total_holds() {
    let checked = nianbao_core::check(&reading_order("1"));
    let cells = &checked.report.cells;
    let get = |p: &str| cells.get(p).map(|c| c.value.display());
    assert_eq!(get("t3.granted.natural_person").as_deref(), Some("2"));
    assert_eq!(get("t3.partial.total").as_deref(), Some("1"));
    assert_eq!(get("t3.denied.state_secret.total").as_deref(), Some("0"));
    assert!(checked
        .diagnostics
        .iter()
        .any(|d| d.code.as_str() == "rows-by-order"));
}

#[test]
fn labels_printed_apart_from_numbers_stay_unread_when_a_total_fails() {
    let checked = nianbao_core::check(&reading_order("3"));
    let cells = &checked.report.cells;
    for p in [
        "t3.granted.natural_person",
        "t3.partial.total",
        "t3.denied.state_secret.total",
    ] {
        assert!(cells.get(p).is_none(), "{p} must stay unread");
    }
    let d = checked
        .diagnostics
        .iter()
        .find(|d| d.code.as_str() == "rows-uncertain")
        .expect("rows-uncertain names the rows");
    assert!(d.message.contains("予以公开"), "{}", d.message);
}

#[test]
fn huge_numbers_printed_apart_from_labels_do_not_overflow() {
    let big = "9223372036854775807";
    // Two numbers near i64::MAX in one row: their sum must not overflow.
    let text =
        reading_order("1").replacen("国家秘密\n2\n0\n", &format!("国家秘密\n{big}\n{big}\n"), 1);
    assert!(text.contains(big));
    let checked = nianbao_core::check(&text);
    assert!(checked
        .report
        .cells
        .get("t3.granted.natural_person")
        .is_none());
}

/// The same three rows with their numbers printed column by column.
fn column_by_column(rows: [[&str; 7]; 3]) -> String {
    let head = reading_order("1");
    let cut = head.find("国家秘密\n").unwrap() + "国家秘密\n".len();
    let mut t = head[..cut].to_string();
    for c in 0..7 {
        for row in &rows {
            t.push_str(row[c]);
            t.push('\n');
        }
    }
    t
}

#[test]
fn numbers_printed_column_by_column_read_when_only_that_order_balances() {
    let text = column_by_column([
        ["2", "1", "0", "0", "0", "0", "3"],
        ["1", "0", "0", "0", "0", "0", "1"],
        ["4", "0", "0", "0", "0", "0", "4"],
    ]);
    let checked = nianbao_core::check(&text);
    let get = |p: &str| checked.report.cells.get(p).map(|c| c.value.display());
    assert_eq!(get("t3.granted.commercial").as_deref(), Some("1"));
    assert_eq!(get("t3.granted.total").as_deref(), Some("3"));
    assert_eq!(
        get("t3.denied.state_secret.natural_person").as_deref(),
        Some("4")
    );
    let note = checked
        .diagnostics
        .iter()
        .find(|d| d.code.as_str() == "rows-by-order")
        .expect("the reading is explained");
    assert!(note.message.contains("逐列"), "{}", note.message);
}

#[test]
fn labels_printed_out_of_row_order_leave_their_rows_unread() {
    // （二） printed before （一）: whether the numbers follow the labels or the table's rows
    // is unknown, so neither is guessed.
    let text = reading_order("1").replacen(
        "（一）予以公开\n（二）部分公开（区分处理的，只计这一情形，不计其他情形）\n",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\n（一）予以公开\n",
        1,
    );
    assert!(
        text.starts_with("2020")
            && text.contains("（二）部分公开（区分处理的，只计这一情形，不计其他情形）\n（一）")
    );
    let checked = nianbao_core::check(&text);
    for p in ["t3.granted.natural_person", "t3.partial.total"] {
        assert!(
            checked.report.cells.get(p).is_none(),
            "{p} must stay unread"
        );
    }
    assert!(checked
        .diagnostics
        .iter()
        .any(|d| d.code.as_str() == "rows-uncertain"));
}
