//! Human-readable output: `file:line:column: 严重程度[code] message`, the source line with the
//! cell marked underneath, then the arithmetic notes and the suggested change. The words for
//! formats and severities are the core's (`nianbao_core::naming::words`).

use nianbao_core::text::floor_boundary;
use nianbao_core::{Accepted, Checked, Diagnostic, Severity, Span};

/// Characters of context shown on each side of a marked span in a long line.
const CONTEXT: usize = 24;

pub fn render(name: &str, source: &str, checked: &Checked, accepted: &Accepted) -> String {
    let report = &checked.report;
    let mut out = String::new();
    out.push_str(&format!(
        "{name}: {}（格式 {}，读到 {}/{} 个单元格）\n",
        report.title.as_deref().unwrap_or("（未识别标题）"),
        nianbao_core::naming::words::format_brief(report.format),
        report.cells.read_count(),
        report.cells.len()
    ));
    let index = LineIndex::new(source);
    let mut marked = 0;
    for d in &checked.diagnostics {
        render_diagnostic(&mut out, name, &index, d);
        // Marks from `--accept`: said under the finding, which stays listed.
        if accepted.is_empty() {
            continue;
        }
        if let Some(note) = accepted.note(&nianbao_core::fingerprint(d, report)) {
            marked += 1;
            let note = if note.is_empty() {
                "（无备注）"
            } else {
                note
            };
            out.push_str(&format!("  = 已核实，不改：{note}\n"));
        }
    }
    let count = |s: Severity| {
        checked
            .diagnostics
            .iter()
            .filter(|d| d.severity == s)
            .count()
    };
    let marked = if marked > 0 {
        format!("（已核实 {marked} 项）")
    } else {
        String::new()
    };
    out.push_str(&format!(
        "{name}: 共 {} 个错误，{} 个警告，{} 条提示{marked}\n\n",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    ));
    out
}

fn severity_label(severity: Severity) -> &'static str {
    nianbao_core::naming::words::severity(severity)
}

fn render_diagnostic(out: &mut String, name: &str, index: &LineIndex, d: &Diagnostic) {
    let (line, column) = index.line_column(d.span.start as usize);
    out.push_str(&format!(
        "{name}:{line}:{column}: {}[{}] {}\n",
        severity_label(d.severity),
        d.code.as_str(),
        d.message
    ));
    let gutter = line.to_string().len();
    if let Some((shown, marker)) = index.excerpt(d.span) {
        out.push_str(&format!("{:gutter$} |\n", ""));
        out.push_str(&format!("{line:>gutter$} | {shown}\n"));
        out.push_str(&format!("{:gutter$} | {marker}\n", ""));
    }
    for label in &d.labels {
        let (l, c) = index.line_column(label.span.start as usize);
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

/// The core's line index ([`nianbao_core::text::LineIndex`]: line starts and character
/// checkpoints, built once per file) with the text it indexes, for excerpts: each finding's
/// line, column and excerpt cost a binary search and a short walk, not a rescan of the file
/// (a 14 MB text with thousands of findings, or one 7 MB line, took 16–33 s before).
///
/// One difference is kept from the CLI's earlier index: an offset on the "\n" of a "\r\n" is
/// shown as the start of the next line (column 1), where the core and the JSON count it on the
/// line the "\r" ends.
struct LineIndex<'a> {
    source: &'a str,
    index: nianbao_core::text::LineIndex,
}

impl<'a> LineIndex<'a> {
    fn new(source: &'a str) -> LineIndex<'a> {
        LineIndex {
            source,
            index: nianbao_core::text::LineIndex::new(source),
        }
    }

    /// Whether `offset` is the "\n" of a "\r\n".
    fn inside_crlf(&self, offset: usize) -> bool {
        let bytes = self.source.as_bytes();
        offset > 0 && bytes[offset - 1] == b'\r' && bytes.get(offset) == Some(&b'\n')
    }

    /// Start offset and 1-based number of the line holding `offset`.
    fn line_of(&self, offset: usize) -> (usize, usize) {
        let line = self.index.line_of(offset as u32);
        if self.inside_crlf(offset) {
            return (offset, line as usize + 1);
        }
        (self.index.line_start(line) as usize, line as usize)
    }

    /// Where the line starting at `line_start` ends (its break, or the end of the text).
    fn line_end(&self, line_start: usize) -> usize {
        if self.inside_crlf(line_start) {
            return line_start;
        }
        self.index
            .line_end(self.source, self.index.line_of(line_start as u32))
    }

    /// 1-based line and character column of a byte offset.
    fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = floor_boundary(self.source, offset.min(self.source.len()));
        if self.inside_crlf(offset) {
            return (self.index.line_of(offset as u32) as usize + 1, 1);
        }
        let (line, column) = self.index.line_column(self.source, offset);
        (line as usize, column as usize)
    }

    /// The line holding `span` (shortened around it when long) and a marker line of `^`
    /// under it. Only the characters shown are walked.
    fn excerpt(&self, span: Span) -> Option<(String, String)> {
        let source = self.source;
        let start = floor_boundary(source, (span.start as usize).min(source.len()));
        let (line_start, _) = self.line_of(start);
        let line_end = self.line_end(line_start).max(start);
        let end = floor_boundary(source, (span.end as usize).clamp(start, line_end));
        let line = &source[line_start..line_end];
        // Up to CONTEXT characters before the span and after it.
        let before: Vec<char> = source[line_start..start]
            .chars()
            .rev()
            .take(CONTEXT)
            .collect();
        let cut_before =
            source[line_start..start].len() > before.iter().map(|c| c.len_utf8()).sum::<usize>();
        let marked = &source[start..end];
        let after: Vec<char> = source[end..line_end].chars().take(CONTEXT).collect();
        let cut_after =
            source[end..line_end].len() > after.iter().map(|c| c.len_utf8()).sum::<usize>();
        let window_blank =
            before.iter().chain(&after).all(|c| c.is_whitespace()) && marked.trim().is_empty();
        if window_blank && line.trim().is_empty() {
            return None;
        }
        let mut shown = String::new();
        let mut marker = String::new();
        if cut_before {
            shown.push('…');
            marker.push(' ');
        }
        let put = |c: char, mark: char, shown: &mut String, marker: &mut String| {
            let c = if c == '\t' { ' ' } else { c };
            shown.push(c);
            for _ in 0..width(c) {
                marker.push(mark);
            }
        };
        for &c in before.iter().rev() {
            put(c, ' ', &mut shown, &mut marker);
        }
        let empty_span = marked.is_empty();
        for c in marked.chars() {
            put(c, '^', &mut shown, &mut marker);
        }
        for (k, &c) in after.iter().enumerate() {
            // An empty span marks the character it sits on.
            let mark = if empty_span && k == 0 { '^' } else { ' ' };
            put(c, mark, &mut shown, &mut marker);
        }
        if empty_span && after.is_empty() {
            marker.push('^');
        }
        if cut_after {
            shown.push('…');
        }
        Some((shown, marker.trim_end().to_string()))
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_the_cell_under_wide_characters() {
        let source = "标题\n（七）总计 0 0 0\n";
        let at = source.find("0 0 0").unwrap() + 2;
        let index = LineIndex::new(source);
        let (shown, marker) = index.excerpt(Span::new(at, at + 1)).unwrap();
        assert_eq!(shown, "（七）总计 0 0 0");
        // （七）总计 is 5 wide characters = 10 columns, then " 0 " = 3 columns.
        assert_eq!(marker, format!("{}^", " ".repeat(13)));
        assert_eq!(index.line_column(at), (2, 9));
    }

    #[test]
    fn long_lines_are_shortened_around_the_span() {
        let source = format!("{}7000007{}", "字".repeat(100), "字".repeat(100));
        let at = 300;
        let (shown, marker) = LineIndex::new(&source)
            .excerpt(Span::new(at, at + 7))
            .unwrap();
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert!(shown.contains("7000007"));
        assert!(marker.ends_with("^^^^^^^"));
    }

    /// The index answers as a rescan from the start would, at every offset.
    #[test]
    fn line_index_matches_a_rescan() {
        fn rescan(source: &str, offset: usize) -> (usize, usize) {
            let before = &source[..offset];
            let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
            let line = before.matches('\n').count() + before.matches('\r').count()
                - before.matches("\r\n").count()
                + 1;
            (line, source[line_start..offset].chars().count() + 1)
        }
        let piece = "表三\r\n（七）总计 0\t1\r2\n\n字a";
        let source = piece.repeat(200);
        let index = LineIndex::new(&source);
        for (offset, _) in source.char_indices().chain([(source.len(), ' ')]) {
            assert_eq!(
                index.line_column(offset),
                rescan(&source, offset),
                "{offset}"
            );
        }
        // Blank lines have no excerpt; an empty span at a line end is marked after it.
        let at = source.find("\n\n").unwrap() + 1;
        assert_eq!(index.excerpt(Span::new(at, at)), None);
        let (shown, marker) = index.excerpt(Span::new(6, 6)).unwrap();
        assert_eq!(shown, "表三");
        assert_eq!(marker, "    ^");
    }
}
