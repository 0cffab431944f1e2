//! The same report copied in messier ways reads the same: CRLF or CR line ends, a BOM,
//! full-width digits and spaces, zero-width characters, Markdown bold, TAB- or `|`-separated
//! cells. And small synthetic tables for forms the fixtures do not show (placeholders,
//! "1、" numbering, half-width parentheses).

mod common;

use nianbao_core::{check, Value};

/// Cell values only (spans move when the text changes).
fn values(text: &str) -> Vec<(String, Option<Value>)> {
    check(text)
        .report
        .cells
        .iter()
        .map(|(p, c)| (p.to_string(), c.map(|c| c.value.clone())))
        .collect()
}

fn seeds() -> Vec<String> {
    [
        "seeds/000_7a90e1b32b8dd451.txt",
        "seeds/001_86ddcbf017a77836.txt",
        "seeds/002_3fca4d743e11907b.txt",
        "seeds/004_be236ec721ff3d1c.txt",
    ]
    .iter()
    .map(|n| common::read(n))
    .collect()
}

fn same_after(transform: impl Fn(&str) -> String, what: &str) {
    for seed in seeds() {
        let original = values(&seed);
        let changed = values(&transform(&seed));
        assert!(original.iter().filter(|(_, v)| v.is_some()).count() > 150);
        assert_eq!(original, changed, "{what} changed what was read");
    }
}

#[test]
fn line_ends_and_bom() {
    same_after(|t| t.replace('\n', "\r\n"), "CRLF");
    same_after(|t| t.replace('\n', "\r"), "CR");
    same_after(|t| format!("\u{feff}{t}"), "BOM");
}

#[test]
fn full_width_digits_and_spaces() {
    let wide = |t: &str| -> String {
        t.chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap(),
                ' ' => '\u{3000}',
                _ => c,
            })
            .collect()
    };
    same_after(wide, "full-width digits and spaces");
}

#[test]
fn invisible_characters_and_markdown_bold() {
    same_after(
        |t| {
            t.chars()
                .flat_map(|c| {
                    if ('\u{4e00}'..='\u{9fff}').contains(&c) {
                        vec![c, '\u{200b}']
                    } else {
                        vec![c]
                    }
                })
                .collect()
        },
        "zero-width spaces after every ideograph",
    );
    same_after(
        |t| {
            t.replace("规范性文件", "**规范性文件**")
                .replace("行政许可", "**行政许可**")
        },
        "bold",
    );
}

#[test]
fn separators_of_every_kind() {
    // Space-separated rows as TAB- and `|`-separated rows.
    let seed = common::read("seeds/000_7a90e1b32b8dd451.txt");
    let base = values(&seed);
    let as_tabs = seed
        .lines()
        .map(|l| {
            if l.ends_with(" 0") || l.ends_with(" 1") {
                l.replace(' ', "\t")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(values(&as_tabs), base, "TAB-separated");
    let as_pipes = seed
        .lines()
        .map(|l| {
            if l.ends_with(" 0") || l.ends_with(" 1") {
                format!("| {} |", l.replace(' ', " | "))
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(values(&as_pipes), base, "|-separated");
}

const TABLE_TWO: &str = "二、主动公开政府信息情况
第二十条第(一)项
信息内容 本年新制作数量 本年新公开数量 对外公开总数量
规章 / / /
规范性文件 — 无 0
第二十条第(五)项
信息内容 上一年项目数量 本年增/减 处理决定数量
行政许可 1,200 减 5 16368(件)
其他对外管理服务事项 0 增 3 0
第二十条第(九)项
信息内容 采购项目数量 采购总金额
政府集中采购 3 211.509万
";

#[test]
fn placeholders_signs_and_units_in_table_two() {
    let c = check(TABLE_TWO);
    let get = |p: &str| c.report.cells.get(p).map(|c| c.value.clone());
    assert_eq!(get("t2.rules.made"), Some(Value::Placeholder));
    assert_eq!(get("t2.normative_docs.made"), Some(Value::Placeholder));
    assert_eq!(get("t2.normative_docs.published"), Some(Value::Placeholder));
    assert_eq!(get("t2.normative_docs.total"), Some(Value::Count(0)));
    assert_eq!(get("t2.licensing.previous"), Some(Value::Count(1200)));
    assert_eq!(get("t2.licensing.change"), Some(Value::Count(-5)));
    assert_eq!(get("t2.licensing.decisions"), Some(Value::Count(16368)));
    assert_eq!(get("t2.other_services.change"), Some(Value::Count(3)));
    assert_eq!(get("t2.procurement.projects"), Some(Value::Count(3)));
    match get("t2.procurement.amount") {
        Some(Value::Money(d)) => assert_eq!(d.to_string(), "2115090"),
        other => panic!("{other:?}"),
    }
    // Rows the text does not print are missing, not zero.
    assert!(c.report.cells.contains("t2.penalty.previous"));
    assert!(c.report.cells.get("t2.penalty.previous").is_none());
}

#[test]
fn numbering_with_dun_comma_and_half_width_parentheses() {
    let text = "三、收到和处理政府信息公开申请情况
(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)
一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3
二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0
(一)予以公开 2 0 0 0 0 0 2
(三)不予公开
1、属于国家秘密 1 0 0 0 0 0 1
(七)总计 3 0 0 0 0 0 3
四、结转下年度继续办理 0 0 0 0 0 0 0
";
    let c = check(text);
    let get = |p: &str| c.report.cells.get(p).and_then(|c| c.value.as_count());
    assert_eq!(get("t3.new.total"), Some(3));
    assert_eq!(get("t3.granted.natural_person"), Some(2));
    assert_eq!(get("t3.denied.state_secret.natural_person"), Some(1));
    assert_eq!(get("t3.total.total"), Some(3));
    assert_eq!(get("t3.carried_forward.total"), Some(0));
    assert!(
        get("t3.partial.total").is_none(),
        "an absent row is missing"
    );
}
