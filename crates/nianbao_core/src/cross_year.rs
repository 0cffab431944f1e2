//! Checks against last year's report of the same agency.

use crate::rules::rule_doc;

rule_doc! {
    DOC_CARRY: CrossYearCarry,
    formula: "TODO",
    explanation: "TODO",
    example: "TODO",
}
rule_doc! {
    DOC_ITEMS: CrossYearItems,
    formula: "TODO",
    explanation: "TODO",
    example: "TODO",
}
rule_doc! {
    DOC_CUMULATIVE: CrossYearCumulative,
    formula: "TODO",
    explanation: "TODO",
    example: "TODO",
}
rule_doc! {
    DOC_MISMATCH: CrossYearMismatch,
    formula: "TODO",
    explanation: "TODO",
    example: "TODO",
}
