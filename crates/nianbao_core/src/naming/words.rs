//! The words front ends show for the contract's English values — severities, formats, the
//! tables a cell path belongs to, how a finding's two amounts are named, and the name of every
//! cell of the official tables — held once here. The page reads them from the wasm module
//! ([`words_json`], and [`write_cell_names`] in the table layout); the CLI calls these
//! functions. `tests/front_end_words.rs` fails when a front end keeps a copy.

use super::Table;
use crate::codes::{Code, Severity};
use crate::json::JsonWriter;
use crate::report::Format;
use crate::vocab::national::{t2_rows, t3_rows, T3_COLUMNS, T4_COLUMNS, T4_GROUPS};

/// 错误, 警告, 提示.
pub fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Info => "提示",
    }
}

/// The table format as the page names it: "2019 年版格式（国办公开办函〔2019〕60号）".
pub fn format(format: Format) -> &'static str {
    match format {
        Format::F2019 => "2019 年版格式（国办公开办函〔2019〕60号）",
        Format::F2021 => "2021 年版格式（国办公开办函〔2021〕30号）",
        Format::Old => "2019 年以前的统计表格式",
        Format::Unknown => "未识别的格式",
    }
}

/// The table format in a line of the CLI's output: "格式 2019 年版（国办公开办函〔2019〕60号）".
pub fn format_brief(format: Format) -> &'static str {
    match format {
        Format::F2019 => "2019 年版（国办公开办函〔2019〕60号）",
        Format::F2021 => "2021 年版（国办公开办函〔2021〕30号）",
        Format::Old => "2019 年以前的统计表",
        Format::Unknown => "未能识别",
    }
}

/// The table format in a column of the batch summary: "2019 年版".
pub fn format_short(format: Format) -> &'static str {
    match format {
        Format::F2019 => "2019 年版",
        Format::F2021 => "2021 年版",
        Format::Old => "2019 年以前",
        Format::Unknown => "未识别",
    }
}

/// How a finding's `expected` and `actual` are named: "应为 … 实为 …", except where the rule
/// compares two printed amounts and cannot tell which one is wrong.
pub fn values(code: Code) -> (&'static str, &'static str) {
    match code {
        Code::ProseTable => ("统计表为", "正文为"),
        Code::ProseSum => ("分项之和为", "正文所述总数为"),
        Code::CrossYearCarry => ("上年报告为", "本年为"),
        _ => DEFAULT_VALUES,
    }
}

const DEFAULT_VALUES: (&str, &str) = ("应为", "实为");

/// Words the page joins with a row's printed label to name cells outside the official
/// tables: "统计表“受理数” 历年累计", "正文表 1“网络” 百分比".
const CELL_WORDS: [(&str, &str); 5] = [
    ("old", "统计表"),
    ("cumulative", "历年累计"),
    ("pct", "正文表"),
    ("count", "数量"),
    ("percent", "百分比"),
];

impl Table {
    /// The printed caption, the same in both national formats: "表二 主动公开政府信息情况".
    pub fn title(self) -> &'static str {
        match self {
            Table::T2 => "表二 主动公开政府信息情况",
            Table::T3 => "表三 收到和处理政府信息公开申请情况",
            Table::T4 => "表四 政府信息公开行政复议、行政诉讼情况",
        }
    }
}

/// The tables a path's first part names, with their titles: the national tables, then the
/// pre-2019 table (`old`) and the prose's breakdown tables (`pct`).
pub fn tables() -> [(&'static str, &'static str); 5] {
    [
        (Table::T2.key(), Table::T2.title()),
        (Table::T3.key(), Table::T3.title()),
        (Table::T4.key(), Table::T4.title()),
        ("old", "统计表"),
        ("pct", "正文中的百分比表"),
    ]
}

/// "（二）部分公开（区分处理的…）" → "（二）部分公开": the row's number and name without the note.
fn short_label(label: &str) -> &str {
    let mut end = 0;
    if let Some(after) = label.strip_prefix('（') {
        if let Some(close) = after.find('）') {
            end = '（'.len_utf8() + close + '）'.len_utf8();
        }
    }
    end += label[end..].find(['（', '(']).unwrap_or(label.len() - end);
    if end == 0 {
        label
    } else {
        &label[..end]
    }
}

/// Every cell of tables 三, 四 and 二 of a national format with the name the page shows:
/// "表三（三）不予公开 1.属于国家秘密 自然人", "表四行政复议 总计", "表二规章 本年制发件数".
pub fn cell_names(format: Format) -> Vec<(String, String)> {
    let mut names = Vec::new();
    if !format.is_national() {
        return names;
    }
    let mut group = "";
    for row in t3_rows(format) {
        if row.key.is_empty() {
            group = if row.level > 0 {
                short_label(row.label)
            } else {
                ""
            };
            continue;
        }
        if row.level < 2 {
            group = "";
        }
        let within = if row.level == 2 && !group.is_empty() {
            format!("{group} ")
        } else {
            String::new()
        };
        for column in &T3_COLUMNS {
            names.push((
                format!("t3.{}.{}", row.key, column.key),
                format!(
                    "{}{within}{} {}",
                    Table::T3.name(),
                    short_label(row.label),
                    column.label
                ),
            ));
        }
    }
    for group in &T4_GROUPS {
        for column in &T4_COLUMNS {
            names.push((
                format!("t4.{}.{}", group.key, column.key),
                format!("{}{} {}", Table::T4.name(), group.label, column.label),
            ));
        }
    }
    for row in t2_rows(format) {
        for (column, _) in row.columns {
            names.push((
                format!("t2.{}.{}", row.key, column.key),
                format!("{}{} {}", Table::T2.name(), row.label, column.label),
            ));
        }
    }
    names
}

/// `"names":{path: name}` of [`cell_names`], written into the table layout.
pub fn write_cell_names(w: &mut JsonWriter, format: Format) {
    w.key("names");
    w.begin_object();
    for (path, name) in cell_names(format) {
        w.key_escaped(&path);
        w.string(&name);
    }
    w.end_object();
}

/// `{"severities":{"error":"错误",…},"formats":{"f2019":…},"formats_short":{…},"tables":{"t2":…,"old":…,"pct":…},
/// "values":{"default":["应为","实为"],"prose-table":[…],…},"cells":{"old":"统计表",…}}`
pub fn words_json() -> String {
    let mut w = JsonWriter::default();
    w.begin_object();
    w.key("severities");
    w.begin_object();
    for s in [Severity::Error, Severity::Warning, Severity::Info] {
        w.key(s.as_str());
        w.string(severity(s));
    }
    w.end_object();
    w.key("formats");
    w.begin_object();
    for f in [Format::F2019, Format::F2021, Format::Old, Format::Unknown] {
        w.key(f.as_str());
        w.string(format(f));
    }
    w.end_object();
    w.key("formats_short");
    w.begin_object();
    for f in [Format::F2019, Format::F2021, Format::Old, Format::Unknown] {
        w.key(f.as_str());
        w.string(format_short(f));
    }
    w.end_object();
    w.key("tables");
    w.begin_object();
    for (key, title) in tables() {
        w.key(key);
        w.string(title);
    }
    w.end_object();
    w.key("values");
    w.begin_object();
    let pair = |w: &mut JsonWriter, (first, second): (&str, &str)| {
        w.begin_array();
        w.string(first);
        w.string(second);
        w.end_array();
    };
    w.key("default");
    pair(&mut w, DEFAULT_VALUES);
    for &code in Code::ALL {
        if values(code) != DEFAULT_VALUES {
            w.key(code.as_str());
            pair(&mut w, values(code));
        }
    }
    w.end_object();
    w.key("cells");
    w.begin_object();
    for (key, word) in CELL_WORDS {
        w.key(key);
        w.string(word);
    }
    w.end_object();
    w.end_object();
    w.finish()
}
