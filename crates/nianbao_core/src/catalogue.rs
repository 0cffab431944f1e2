//! The rule catalogue as data for the page and `docs/rules.md`: every code with its severity,
//! summary and, for balance rules, the explanation, formula and example from the rule's own
//! documentation.

use crate::codes::{Code, RuleDoc};
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

/// Every check's documentation (table and structure rules, prose and cross-year checks), in
/// registry order of their codes.
pub fn docs() -> Vec<RuleDoc> {
    let mut all: Vec<RuleDoc> = crate::rules::RULES
        .iter()
        .flat_map(|rule| rule.docs.iter().copied())
        .chain(crate::prose::DOCS.iter().copied())
        .chain(crate::cross_year::DOCS.iter().copied())
        .collect();
    crate::order::sort_by_key(&mut all, |d| d.code);
    all
}

/// Documentation for every code in registry order: the check's own documentation
/// ([`RuleDoc`], written once in the check's file) where there is one.
pub fn entries() -> Vec<Entry> {
    let docs = docs();
    Code::ALL
        .iter()
        .map(|&code| match docs.iter().find(|d| d.code == code) {
            Some(doc) => Entry {
                code,
                explanation: doc.explanation,
                formula: doc.formula,
                example: doc.example,
            },
            None => Entry {
                code,
                explanation: "",
                formula: "",
                example: "",
            },
        })
        .collect()
}

fn severity_words(code: Code) -> &'static str {
    crate::naming::words::severity(code.default_severity())
}

/// The catalogue as Markdown: `docs/rules.md` is this text, kept current by a test.
pub fn markdown() -> String {
    let entries = entries();
    let mut out = String::new();
    out.push_str("# 规则目录\n\n");
    out.push_str(
        "<!-- 由各规则文件中的代码声明与说明（登记表 crates/nianbao_core/src/rules/mod.rs）自动生成，请勿手改。\n",
    );
    out.push_str(
        "     重新生成：NIANBAO_BLESS=1 cargo test -p nianbao_core --test rules_catalogue -->\n\n",
    );
    out.push_str("每条检查结果都带有一个代码。级别：**错误**表示数字之间必然有矛盾；**警告**表示很可能有问题、需要核对；**提示**表示值得注意但不一定有错。\n\n");
    out.push_str("## 读取文本时的发现\n\n| 代码 | 级别 | 含义 |\n|---|---|---|\n");
    for e in entries.iter().filter(|e| e.formula.is_empty()) {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            e.code.as_str(),
            severity_words(e.code),
            e.code.summary()
        ));
    }
    out.push_str("\n## 核对规则\n");
    for e in entries.iter().filter(|e| !e.formula.is_empty()) {
        out.push_str(&format!(
            "\n### `{}` · {}\n\n{}\n\n- 公式：{}\n- 说明：{}\n- 例：{}\n",
            e.code.as_str(),
            severity_words(e.code),
            e.code.summary(),
            e.formula,
            e.explanation,
            e.example
        ));
    }
    out
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
