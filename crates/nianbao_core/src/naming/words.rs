//! The words front ends show for the contract's English values — severities, formats and the
//! tables a cell path belongs to — held once here and exported as one table
//! ([`words_json`]). `www/src/labels.ts` keeps the page's copy for its first paint, checked
//! against this one by `tests/front_end_words.rs`.

use super::Table;
use crate::codes::Severity;
use crate::json::JsonWriter;
use crate::report::Format;

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

/// `{"severities":{"error":"错误",…},"formats":{"f2019":…},"tables":{"t2":…,"old":…,"pct":…}}`
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
    w.key("tables");
    w.begin_object();
    for (key, title) in tables() {
        w.key(key);
        w.string(title);
    }
    w.end_object();
    w.end_object();
    w.finish()
}
