//! Numbers stated in the prose compared with the table cells they describe, and totals
//! stated in the prose compared with the items the prose lists.

use crate::diagnostic::Diagnostic;
use crate::report::Report;
use crate::rules::rule_doc;

rule_doc! {
    DOC: ProseTable,
    formula: "正文所述件数 = 统计表中对应的单元格",
    explanation: "TODO",
    example: "TODO",
}

rule_doc! {
    DOC_SUM: ProseSum,
    formula: "正文所述总数 = 正文列举的各分项之和",
    explanation: "TODO",
    example: "TODO",
}

pub fn check(_text: &str, _report: &Report) -> Vec<Diagnostic> {
    Vec::new()
}
