//! Human-readable output: `file:line:column: 严重程度[code] message`, the source line with the
//! cell marked underneath, then the arithmetic notes and the suggested change.

use nianbao_core::{Checked, Diagnostic, Severity, Span};

/// Characters of context shown on each side of a marked span in a long line.
const CONTEXT: usize = 24;

pub fn render(name: &str, source: &str, checked: &Checked) -> String {
    let report = &checked.report;
    let mut out = String::new();
    out.push_str(&format!(
        "{name}: {}（格式 {}，读到 {}/{} 个单元格）\n",
        report.title.as_deref().unwrap_or("（未识别标题）"),
        format_name(report.format.as_str()),
        report.cells.read_count(),
        report.cells.len()
    ));
    for d in &checked.diagnostics {
        render_diagnostic(&mut out, name, source, d);
    }
    let count = |s: Severity| {
        checked
            .diagnostics
            .iter()
            .filter(|d| d.severity == s)
            .count()
    };
    out.push_str(&format!(
        "{name}: 共 {} 个错误，{} 个警告，{} 条提示\n\n",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    ));
    out
}

fn format_name(format: &str) -> &'static str {
    match format {
        "f2019" => "2019 年版（国办公开办函〔2019〕60号）",
        "f2021" => "2021 年版（国办公开办函〔2021〕30号）",
        "old" => "2019 年以前的统计表",
        _ => "未能识别",
    }
}

fn severity_label(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Info => "提示",
    }
}

fn render_diagnostic(out: &mut String, name: &str, source: &str, d: &Diagnostic) {
    let (line, column) = line_column(source, d.span.start as usize);
    out.push_str(&format!(
        "{name}:{line}:{column}: {}[{}] {}\n",
        severity_label(d.severity),
        d.code.as_str(),
        d.message
    ));
    let gutter = line.to_string().len();
    if let Some((shown, marker)) = excerpt(source, d.span) {
        out.push_str(&format!("{:gutter$} |\n", ""));
        out.push_str(&format!("{line:>gutter$} | {shown}\n"));
        out.push_str(&format!("{:gutter$} | {marker}\n", ""));
    }
    for label in &d.labels {
        let (l, c) = line_column(source, label.span.start as usize);
        out.push_str(&format!(
            "{:gutter$} = 另见 {l}:{c}：{}\n",
            "", label.message
        ));
    }
    for note in &d.notes {
        out.push_str(&format!("{:gutter$} = 说明：{note}\n", ""));
    }
    if let Some(help) = &d.help {
        out.push_str(&format!(
            "{:gutter$} = 建议：{}\n",
            "",
            help.trim_start_matches("建议：")
        ));
    }
}

/// 1-based line and character column of a byte offset.
fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = &source[..offset];
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + before.matches('\r').count()
        - before.matches("\r\n").count()
        + 1;
    (line, source[line_start..offset].chars().count() + 1)
}

/// Terminal columns a character takes: ideographs and full-width forms take two.
fn width(c: char) -> usize {
    let wide = matches!(c,
        '\u{1100}'..='\u{115F}' | '\u{2E80}'..='\u{A4CF}' | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}' | '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}' | '\u{1F300}'..='\u{1FAFF}' | '\u{20000}'..='\u{3FFFD}');
    if wide {
        2
    } else if c.is_control() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{FEFF}') {
        0
    } else {
        1
    }
}

/// The line holding `span` (shortened around it when long) and a marker line of `^` under it.
fn excerpt(source: &str, span: Span) -> Option<(String, String)> {
    let start = (span.start as usize).min(source.len());
    let line_start = source[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line_end = source[start..]
        .find(['\n', '\r'])
        .map_or(source.len(), |i| start + i);
    let end = (span.end as usize).clamp(start, line_end);
    let line = &source[line_start..line_end];
    if line.trim().is_empty() {
        return None;
    }
    let chars: Vec<(usize, char)> = line
        .char_indices()
        .map(|(i, c)| (line_start + i, c))
        .collect();
    let first = chars
        .iter()
        .position(|(i, _)| *i >= start)
        .unwrap_or(chars.len());
    let last = chars
        .iter()
        .position(|(i, _)| *i >= end)
        .unwrap_or(chars.len());
    let from = first.saturating_sub(CONTEXT);
    let to = (last + CONTEXT).min(chars.len());
    let mut shown = String::new();
    let mut marker = String::new();
    if from > 0 {
        shown.push('…');
        marker.push(' ');
    }
    for (k, &(_, c)) in chars[from..to].iter().enumerate() {
        let index = from + k;
        let c = if c == '\t' { ' ' } else { c };
        shown.push(c);
        let mark = if index >= first && (index < last || (first == last && index == first)) {
            '^'
        } else {
            ' '
        };
        for _ in 0..width(c) {
            marker.push(mark);
        }
    }
    if first == last && first == chars.len() {
        marker.push('^');
    }
    if to < chars.len() {
        shown.push('…');
    }
    Some((shown, marker.trim_end().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_the_cell_under_wide_characters() {
        let source = "标题\n（七）总计 0 0 0\n";
        let at = source.find("0 0 0").unwrap() + 2;
        let (shown, marker) = excerpt(source, Span::new(at, at + 1)).unwrap();
        assert_eq!(shown, "（七）总计 0 0 0");
        // （七）总计 is 5 wide characters = 10 columns, then " 0 " = 3 columns.
        assert_eq!(marker, format!("{}^", " ".repeat(13)));
        assert_eq!(line_column(source, at), (2, 9));
    }

    #[test]
    fn long_lines_are_shortened_around_the_span() {
        let source = format!("{}7000007{}", "字".repeat(100), "字".repeat(100));
        let at = 300;
        let (shown, marker) = excerpt(&source, Span::new(at, at + 7)).unwrap();
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert!(shown.contains("7000007"));
        assert!(marker.ends_with("^^^^^^^"));
    }
}
