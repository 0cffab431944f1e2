//! The rule catalogue: every rule code is documented (formula, explanation, example) in its
//! rule's file, `docs/rules.md` is generated from the registry and those docs, and the page's
//! catalogue JSON carries the same text. Regenerate the file with
//! `NIANBAO_BLESS=1 cargo test -p nianbao_core --test rules_catalogue`.

mod common;

use nianbao_core::catalogue::{catalogue_json, entries, markdown};
use nianbao_core::Code;

/// Codes of the checks (everything after the parse findings in the registry).
fn rule_codes() -> Vec<Code> {
    let first = Code::ALL
        .iter()
        .position(|&c| c == Code::T3Identity)
        .expect("rule section of the registry");
    Code::ALL[first..].to_vec()
}

#[test]
fn every_rule_code_is_documented() {
    let entries = entries();
    for code in rule_codes() {
        let e = entries.iter().find(|e| e.code == code).unwrap();
        for (what, text) in [
            ("formula", e.formula),
            ("explanation", e.explanation),
            ("example", e.example),
        ] {
            assert!(
                !text.trim().is_empty() && !text.contains("TODO"),
                "{}: {what} missing",
                code.as_str()
            );
        }
    }
}

#[test]
fn the_official_sentence_is_quoted_for_r1() {
    let e = entries()
        .into_iter()
        .find(|e| e.code == Code::T3Identity)
        .unwrap();
    assert!(e
        .explanation
        .contains("本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和"));
}

#[test]
fn the_page_gets_the_same_text() {
    let json = catalogue_json();
    for e in entries() {
        assert!(json.contains(&format!("\"code\":\"{}\"", e.code.as_str())));
        if !e.explanation.is_empty() {
            assert!(json.contains(e.formula), "{}", e.code.as_str());
        }
    }
}

#[test]
fn docs_rules_md_is_current() {
    common::assert_current("../../docs/rules.md", &markdown(), "rules_catalogue");
}
