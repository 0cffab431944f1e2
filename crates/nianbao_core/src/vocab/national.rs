//! Row and column labels of tables 二, 三 and 四 in the 2019 and 2021 national formats, with
//! the keys used to find each row in messy text. Labels are quoted from
//! `docs/format-spec.md` §1.2–§2.3 (国办公开办函〔2019〕60号 and 〔2021〕30号 attachments as
//! reposted, checked against real reports).
//!
//! A *key* is a fragment of the label in canonical form (ideographs, ASCII letters and digits
//! only; see `text::chars::is_label_char`) that identifies the row even when the label is
//! split over lines, numbered differently or cut short.

use crate::naming::{CellId, Table};
use crate::report::Format;

/// A data column of a table.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub key: &'static str,
    pub label: &'static str,
}

/// What kind of number a cell holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellKind {
    /// Non-negative count.
    Count,
    /// Signed count (2019 本年增/减).
    SignedCount,
    /// Money; the unit comes from the cell, else from `default_unit_wan`.
    Money { default_unit_wan: bool },
}

/// A row that carries numbers, or a group heading that does not.
#[derive(Clone, Copy, Debug)]
pub struct Row {
    /// Path segment (`denied.state_secret`); empty for a group heading.
    pub key: &'static str,
    /// Official label.
    pub label: &'static str,
    /// Short label for messages ("（三）1.属于国家秘密").
    pub short: &'static str,
    /// Canonical fragments, any of which identifies the row.
    pub keys: &'static [&'static str],
    /// 0 top level, 1 under 三, 2 under （三）/（四）/（五）/（六）.
    pub level: u8,
}

impl Row {
    pub fn is_group(&self) -> bool {
        self.key.is_empty()
    }
}

macro_rules! row {
    ($key:literal, $label:literal, $short:literal, [$($k:literal),*], $level:literal) => {
        Row { key: $key, label: $label, short: $short, keys: &[$($k),*], level: $level }
    };
}

macro_rules! group {
    ($label:literal, $level:literal) => {
        Row {
            key: "",
            label: $label,
            short: $label,
            keys: &[],
            level: $level,
        }
    };
}

// ── Table 三 ──────────────────────────────────────────────────────────────────────────────

/// The seven data columns, in printed order (format-spec §1.3).
pub const T3_COLUMNS: [Column; 7] = [
    Column {
        key: "natural_person",
        label: "自然人",
    },
    Column {
        key: "commercial",
        label: "商业企业",
    },
    Column {
        key: "research",
        label: "科研机构",
    },
    Column {
        key: "social_welfare",
        label: "社会公益组织",
    },
    Column {
        key: "legal_services",
        label: "法律服务机构",
    },
    Column {
        key: "other_org",
        label: "其他",
    },
    Column {
        key: "total",
        label: "总计",
    },
];

const T3_HEAD: [Row; 14] = [
    row!(
        "new",
        "一、本年新收政府信息公开申请数量",
        "一、本年新收",
        ["本年新收"],
        0
    ),
    row!(
        "carried_over",
        "二、上年结转政府信息公开申请数量",
        "二、上年结转",
        ["上年结转"],
        0
    ),
    group!("三、本年度办理结果", 0),
    row!(
        "granted",
        "（一）予以公开",
        "（一）予以公开",
        ["予以公开"],
        1
    ),
    row!(
        "partial",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "（二）部分公开",
        ["部分公开"],
        1
    ),
    group!("（三）不予公开", 1),
    row!(
        "denied.state_secret",
        "1.属于国家秘密",
        "（三）1.属于国家秘密",
        ["国家秘密"],
        2
    ),
    row!(
        "denied.other_law",
        "2.其他法律行政法规禁止公开",
        "（三）2.其他法律行政法规禁止公开",
        ["其他法律行政法规", "法规禁止公开"],
        2
    ),
    row!(
        "denied.security",
        "3.危及“三安全一稳定”",
        "（三）3.危及“三安全一稳定”",
        ["三安全一稳定", "危及三安"],
        2
    ),
    row!(
        "denied.third_party",
        "4.保护第三方合法权益",
        "（三）4.保护第三方合法权益",
        ["第三方合法权益"],
        2
    ),
    row!(
        "denied.internal",
        "5.属于三类内部事务信息",
        "（三）5.属于三类内部事务信息",
        ["三类内部事务"],
        2
    ),
    row!(
        "denied.process",
        "6.属于四类过程性信息",
        "（三）6.属于四类过程性信息",
        ["四类过程性"],
        2
    ),
    row!(
        "denied.enforcement_file",
        "7.属于行政执法案卷",
        "（三）7.属于行政执法案卷",
        ["行政执法案卷"],
        2
    ),
    row!(
        "denied.inquiry",
        "8.属于行政查询事项",
        "（三）8.属于行政查询事项",
        ["行政查询事项"],
        2
    ),
];

const T3_MIDDLE: [Row; 10] = [
    group!("（四）无法提供", 1),
    row!(
        "unavailable.not_held",
        "1.本机关不掌握相关政府信息",
        "（四）1.本机关不掌握相关政府信息",
        ["不掌握相关"],
        2
    ),
    row!(
        "unavailable.needs_creation",
        "2.没有现成信息需要另行制作",
        "（四）2.没有现成信息需要另行制作",
        ["没有现成信息"],
        2
    ),
    row!(
        "unavailable.unclear",
        "3.补正后申请内容仍不明确",
        "（四）3.补正后申请内容仍不明确",
        ["补正后申请内容"],
        2
    ),
    group!("（五）不予处理", 1),
    row!(
        "not_processed.petition",
        "1.信访举报投诉类申请",
        "（五）1.信访举报投诉类申请",
        ["信访举报投诉"],
        2
    ),
    row!(
        "not_processed.duplicate",
        "2.重复申请",
        "（五）2.重复申请",
        ["重复申请"],
        2
    ),
    row!(
        "not_processed.publication",
        "3.要求提供公开出版物",
        "（五）3.要求提供公开出版物",
        ["公开出版物"],
        2
    ),
    row!(
        "not_processed.excessive",
        "4.无正当理由大量反复申请",
        "（五）4.无正当理由大量反复申请",
        ["大量反复申请", "无正当理由大量"],
        2
    ),
    row!(
        "not_processed.confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
        "（五）5.要求行政机关确认或重新出具已获取信息",
        ["确认或重新出具", "要求行政机关确认"],
        2
    ),
];

const T3_TAIL: [Row; 2] = [
    row!("total", "（七）总计", "（七）总计", ["七总计"], 1),
    row!(
        "carried_forward",
        "四、结转下年度继续办理",
        "四、结转下年度继续办理",
        ["结转下年度"],
        0
    ),
];

const T3_OTHER_2019: [Row; 1] = [row!(
    "other",
    "（六）其他处理",
    "（六）其他处理",
    ["六其他处理"],
    1
)];

const T3_OTHER_2021: [Row; 4] = [
    group!("（六）其他处理", 1),
    row!(
        "other.no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "（六）1.逾期不补正",
        // "无正当理由逾期" too: a wrapped cell splits "不补\n正" and leads the line with "1、申请人".
        ["逾期不补正", "无正当理由逾期"],
        2
    ),
    row!(
        "other.unpaid_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "（六）2.逾期未缴纳费用",
        ["收费通知", "缴纳费用"],
        2
    ),
    row!("other.other", "3.其他", "（六）3.其他", ["3其他"], 2),
];

/// Every row of table 三 (group headings included) in printed order.
pub fn t3_rows(format: Format) -> impl Iterator<Item = &'static Row> {
    let other: &'static [Row] = match format {
        Format::F2021 => &T3_OTHER_2021,
        _ => &T3_OTHER_2019,
    };
    T3_HEAD
        .iter()
        .chain(T3_MIDDLE.iter())
        .chain(other.iter())
        .chain(T3_TAIL.iter())
}

/// Rows of table 三 that carry numbers.
pub fn t3_data_rows(format: Format) -> impl Iterator<Item = &'static Row> {
    t3_rows(format).filter(|r| !r.is_group())
}

/// Keys of the result rows whose sum is （七）总计 (rule R3): every data row between
/// 三、本年度办理结果 and （七）总计.
pub fn t3_result_rows(format: Format) -> impl Iterator<Item = &'static Row> {
    t3_data_rows(format)
        .filter(|r| !matches!(r.key, "new" | "carried_over" | "total" | "carried_forward"))
}

// ── Table 四 ──────────────────────────────────────────────────────────────────────────────

pub const T4_GROUPS: [Column; 3] = [
    Column {
        key: "review",
        label: "行政复议",
    },
    Column {
        key: "litigation_direct",
        label: "行政诉讼（未经复议直接起诉）",
    },
    Column {
        key: "litigation_after_review",
        label: "行政诉讼（复议后起诉）",
    },
];

pub const T4_COLUMNS: [Column; 5] = [
    Column {
        key: "upheld",
        label: "结果维持",
    },
    Column {
        key: "corrected",
        label: "结果纠正",
    },
    Column {
        key: "other",
        label: "其他结果",
    },
    Column {
        key: "pending",
        label: "尚未审结",
    },
    Column {
        key: "total",
        label: "总计",
    },
];

// ── Table 二 ──────────────────────────────────────────────────────────────────────────────

/// A row of table 二 with its own columns (each sub-table has different ones).
#[derive(Clone, Copy, Debug)]
pub struct T2Row {
    pub key: &'static str,
    pub label: &'static str,
    /// The sub-table heading it sits under ("第二十条第（一）项").
    pub item: &'static str,
    pub keys: &'static [&'static str],
    pub columns: &'static [(Column, CellKind)],
}

const RULES_2019: [(Column, CellKind); 3] = [
    (
        Column {
            key: "made",
            label: "本年新制作数量",
        },
        CellKind::Count,
    ),
    (
        Column {
            key: "published",
            label: "本年新公开数量",
        },
        CellKind::Count,
    ),
    (
        Column {
            key: "total",
            label: "对外公开总数量",
        },
        CellKind::Count,
    ),
];

const ITEMS_2019: [(Column, CellKind); 3] = [
    (
        Column {
            key: "previous",
            label: "上一年项目数量",
        },
        CellKind::Count,
    ),
    (
        Column {
            key: "change",
            label: "本年增/减",
        },
        CellKind::SignedCount,
    ),
    (
        Column {
            key: "decisions",
            label: "处理决定数量",
        },
        CellKind::Count,
    ),
];

const FEES_2019: [(Column, CellKind); 2] = [
    (
        Column {
            key: "previous",
            label: "上一年项目数量",
        },
        CellKind::Count,
    ),
    (
        Column {
            key: "change",
            label: "本年增/减",
        },
        CellKind::SignedCount,
    ),
];

const PROCUREMENT_2019: [(Column, CellKind); 2] = [
    (
        Column {
            key: "projects",
            label: "采购项目数量",
        },
        CellKind::Count,
    ),
    (
        Column {
            key: "amount",
            label: "采购总金额",
        },
        CellKind::Money {
            default_unit_wan: false,
        },
    ),
];

const RULES_2021: [(Column, CellKind); 3] = [
    (
        Column {
            key: "issued",
            label: "本年制发件数",
        },
        CellKind::Count,
    ),
    (
        Column {
            key: "repealed",
            label: "本年废止件数",
        },
        CellKind::Count,
    ),
    (
        Column {
            key: "in_force",
            label: "现行有效件数",
        },
        CellKind::Count,
    ),
];

const DECISIONS_2021: [(Column, CellKind); 1] = [(
    Column {
        key: "decisions",
        label: "本年处理决定数量",
    },
    CellKind::Count,
)];

const FEES_2021: [(Column, CellKind); 1] = [(
    Column {
        key: "amount",
        label: "本年收费金额（单位：万元）",
    },
    CellKind::Money {
        default_unit_wan: true,
    },
)];

pub const T2_ROWS_2019: [T2Row; 8] = [
    T2Row {
        key: "rules",
        label: "规章",
        item: "第二十条第（一）项",
        keys: &["规章"],
        columns: &RULES_2019,
    },
    T2Row {
        key: "normative_docs",
        label: "规范性文件",
        item: "第二十条第（一）项",
        keys: &["规范性文件"],
        columns: &RULES_2019,
    },
    T2Row {
        key: "licensing",
        label: "行政许可",
        item: "第二十条第（五）项",
        keys: &["行政许可"],
        columns: &ITEMS_2019,
    },
    T2Row {
        key: "other_services",
        label: "其他对外管理服务事项",
        item: "第二十条第（五）项",
        keys: &["其他对外管理服务"],
        columns: &ITEMS_2019,
    },
    T2Row {
        key: "penalty",
        label: "行政处罚",
        item: "第二十条第（六）项",
        keys: &["行政处罚"],
        columns: &ITEMS_2019,
    },
    T2Row {
        key: "enforcement",
        label: "行政强制",
        item: "第二十条第（六）项",
        keys: &["行政强制"],
        columns: &ITEMS_2019,
    },
    T2Row {
        key: "fees",
        label: "行政事业性收费",
        item: "第二十条第（八）项",
        keys: &["行政事业性"],
        columns: &FEES_2019,
    },
    T2Row {
        key: "procurement",
        label: "政府集中采购",
        item: "第二十条第（九）项",
        keys: &["政府集中采购"],
        columns: &PROCUREMENT_2019,
    },
];

pub const T2_ROWS_2021: [T2Row; 6] = [
    T2Row {
        key: "rules",
        label: "规章",
        item: "第二十条第（一）项",
        keys: &["规章"],
        columns: &RULES_2021,
    },
    T2Row {
        key: "normative_docs",
        label: "行政规范性文件",
        item: "第二十条第（一）项",
        keys: &["规范性文件", "行政规范性"],
        columns: &RULES_2021,
    },
    T2Row {
        key: "licensing",
        label: "行政许可",
        item: "第二十条第（五）项",
        keys: &["行政许可"],
        columns: &DECISIONS_2021,
    },
    T2Row {
        key: "penalty",
        label: "行政处罚",
        item: "第二十条第（六）项",
        keys: &["行政处罚"],
        columns: &DECISIONS_2021,
    },
    T2Row {
        key: "enforcement",
        label: "行政强制",
        item: "第二十条第（六）项",
        keys: &["行政强制"],
        columns: &DECISIONS_2021,
    },
    T2Row {
        key: "fees",
        label: "行政事业性收费",
        item: "第二十条第（八）项",
        keys: &["行政事业性"],
        columns: &FEES_2021,
    },
];

pub fn t2_rows(format: Format) -> &'static [T2Row] {
    match format {
        Format::F2021 => &T2_ROWS_2021,
        Format::F2019 => &T2_ROWS_2019,
        _ => &[],
    }
}

/// The printed heading of a table 二 column, found from the row's key and its number of
/// columns (a row key can be in both formats, with different columns: 行政许可 has three in
/// 2019 and one in 2021).
pub fn t2_column_label(row: &str, width: usize, column: &str) -> Option<&'static str> {
    T2_ROWS_2019
        .iter()
        .chain(&T2_ROWS_2021)
        .filter(|r| r.key == row && r.columns.len() == width)
        .flat_map(|r| r.columns)
        .find(|(c, _)| c.key == column)
        .map(|(c, _)| c.label)
}

/// Every cell path of tables 二, 三 and 四 for one format, built once per process so that a
/// check allocates no path strings.
pub struct PathTable {
    /// Per row of `t2_rows(format)`, per column.
    pub t2: Vec<Vec<&'static str>>,
    /// Per row of `t3_data_rows(format)`, per column of `T3_COLUMNS`.
    pub t3: Vec<Vec<&'static str>>,
    /// Groups × columns of table 四, in contract order.
    pub t4: Vec<&'static str>,
}

pub fn path_table(format: Format) -> &'static PathTable {
    static F2019: std::sync::OnceLock<PathTable> = std::sync::OnceLock::new();
    static F2021: std::sync::OnceLock<PathTable> = std::sync::OnceLock::new();
    let cell = if format == Format::F2021 {
        &F2021
    } else {
        &F2019
    };
    cell.get_or_init(|| {
        let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
        let format = if format == Format::F2021 {
            Format::F2021
        } else {
            Format::F2019
        };
        PathTable {
            t2: t2_rows(format)
                .iter()
                .map(|r| {
                    r.columns
                        .iter()
                        .map(|(c, _)| leak(t2_path(r.key, c.key)))
                        .collect()
                })
                .collect(),
            t3: t3_data_rows(format)
                .map(|r| {
                    T3_COLUMNS
                        .iter()
                        .map(|c| leak(t3_path(r.key, c.key)))
                        .collect()
                })
                .collect(),
            t4: T4_GROUPS
                .iter()
                .flat_map(|g| T4_COLUMNS.iter().map(move |c| (g, c)))
                .map(|(g, c)| leak(t4_path(g.key, c.key)))
                .collect(),
        }
    })
}

/// The contract path of a table 三 cell.
pub fn t3_path(row: &str, column: &str) -> String {
    CellId::t3(row, column).to_string()
}

pub fn t4_path(group: &str, column: &str) -> String {
    CellId::t4(group, column).to_string()
}

pub fn t2_path(row: &str, column: &str) -> String {
    CellId::t2(row, column).to_string()
}

/// Human label of any national cell path, for messages: "表三（七）总计·自然人".
pub fn describe_path(format: Format, path: &str) -> Option<String> {
    let CellId::National {
        table,
        row: row_key,
        column: column_key,
    } = CellId::parse(path)?
    else {
        return None;
    };
    match table {
        Table::T3 => {
            let row = t3_data_rows(format).find(|r| r.key == row_key)?;
            let column = T3_COLUMNS.iter().find(|c| c.key == column_key)?;
            Some(format!("表三{}·{}", row.short, column.label))
        }
        Table::T4 => {
            let group = T4_GROUPS.iter().find(|g| g.key == row_key)?;
            let column = T4_COLUMNS.iter().find(|c| c.key == column_key)?;
            Some(format!("表四{}·{}", group.label, column.label))
        }
        Table::T2 => {
            let row = t2_rows(format).iter().find(|r| r.key == row_key)?;
            let (column, _) = row.columns.iter().find(|(c, _)| c.key == column_key)?;
            Some(format!("表二{}·{}", row.label, column.label))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_three_has_the_official_row_counts() {
        assert_eq!(t3_data_rows(Format::F2019).count(), 23);
        assert_eq!(t3_data_rows(Format::F2021).count(), 25);
        assert_eq!(t3_result_rows(Format::F2019).count(), 19);
        assert_eq!(t3_result_rows(Format::F2021).count(), 21);
    }

    #[test]
    fn paths_are_described_in_chinese() {
        assert_eq!(
            describe_path(Format::F2019, "t3.total.natural_person").unwrap(),
            "表三（七）总计·自然人"
        );
        assert_eq!(
            describe_path(Format::F2021, "t4.review.total").unwrap(),
            "表四行政复议·总计"
        );
        assert_eq!(
            describe_path(Format::F2019, "t2.procurement.amount").unwrap(),
            "表二政府集中采购·采购总金额"
        );
    }

    #[test]
    fn every_key_is_canonical() {
        let check = |k: &str| assert!(k.chars().all(crate::text::chars::is_label_char), "{k}");
        for format in [Format::F2019, Format::F2021] {
            t3_rows(format)
                .flat_map(|r| r.keys.iter())
                .for_each(|k| check(k));
            t2_rows(format)
                .iter()
                .flat_map(|r| r.keys.iter())
                .for_each(|k| check(k));
        }
    }
}
