//! A finding's fingerprint: what a reviewer's "已核实，不改" mark is attached to. It names the
//! finding by what it says, not where it is, so the mark survives re-checks and edits elsewhere
//! in the text (lines moving, other cells changing), and dies when the finding's own values
//! change: the rule's code, every cell involved with its value as read, the two amounts the rule
//! compared, and the message with text line numbers taken out. Computed here once, so the page,
//! the embed API and the CLI agree (`docs/data-contract.md`).

use crate::diagnostic::Diagnostic;
use crate::report::{fnv1a, Report, Value, FNV_OFFSET};

/// Sixteen lowercase hex digits (64-bit FNV-1a).
pub fn fingerprint(diagnostic: &Diagnostic, report: &Report) -> String {
    let mut h = fnv1a(FNV_OFFSET, diagnostic.code.as_str().as_bytes());
    // Cells are summed as separate hashes: their order in the finding does not matter.
    let mut cells = 0u64;
    for path in &diagnostic.cells {
        let mut c = fnv1a(FNV_OFFSET, path.as_bytes());
        c = fnv1a(c, b"=");
        c = match report.cells.entry(path) {
            None => fnv1a(c, b"?"),
            Some(None) => fnv1a(c, b"blank"),
            Some(Some(cell)) => match &cell.value {
                Value::Placeholder => fnv1a(c, b"placeholder"),
                value => fnv1a(c, value.display().as_bytes()),
            },
        };
        cells = cells.wrapping_add(c);
    }
    h = fnv1a(h, &cells.to_le_bytes());
    for amount in [&diagnostic.expected, &diagnostic.actual] {
        h = fnv1a(h, &[0]);
        if let Some(amount) = amount {
            h = fnv1a(h, amount.as_bytes());
        }
    }
    h = fnv1a(h, &[0]);
    h = hash_without_line_numbers(h, &diagnostic.message);
    format!("{h:016x}")
}

/// Hashes `message` with every "第 12 行" read as "第行": a line number says where, not what.
fn hash_without_line_numbers(mut h: u64, message: &str) -> u64 {
    let bytes = message.as_bytes();
    let di = "第".as_bytes();
    let hang = "行".as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(di) {
            let mut j = i + di.len();
            while j < bytes.len() && bytes[j] == b' ' {
                j += 1;
            }
            let digits = j;
            while j < bytes.len() && bytes[j].is_ascii_digit() {
                j += 1;
            }
            let had_digits = j > digits;
            while j < bytes.len() && bytes[j] == b' ' {
                j += 1;
            }
            if had_digits && bytes[j..].starts_with(hang) {
                h = fnv1a(h, "第行".as_bytes());
                i = j + hang.len();
                continue;
            }
        }
        h = fnv1a(h, &bytes[i..i + 1]);
        i += 1;
    }
    h
}

/// The fingerprint of every diagnostic, in order.
pub fn fingerprints(checked: &crate::Checked) -> Vec<String> {
    checked
        .diagnostics
        .iter()
        .map(|d| fingerprint(d, &checked.report))
        .collect()
}

/// Findings a reviewer marked "已核实，不改": fingerprint → note. Read from the one-line-per-mark
/// format the page exports and `nianbao check --accept` reads: `fingerprint<TAB>note`; blank
/// lines and lines starting with `#` are skipped, a line without a TAB is a mark without a note.
/// Sorted by fingerprint (a batch may carry thousands of marks: a lookup is a binary search).
#[derive(Clone, Debug, Default)]
pub struct Accepted {
    marks: Vec<(String, String)>,
}

impl Accepted {
    pub fn parse(text: &str) -> Accepted {
        let mut marks = Vec::new();
        for line in text.lines() {
            let line = line.trim_start_matches('\u{feff}');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (fp, note) = line.split_once('\t').unwrap_or((line, ""));
            let fp = fp.trim().to_ascii_lowercase();
            if !fp.is_empty() {
                marks.push((fp, note.trim().to_string()));
            }
        }
        // Stable: of two marks on one fingerprint, the later line wins (the lookup takes the last).
        crate::order::sort_by(&mut marks, |a, b| a.0.cmp(&b.0));
        Accepted { marks }
    }

    pub fn is_empty(&self) -> bool {
        self.marks.is_empty()
    }

    pub fn len(&self) -> usize {
        self.marks.len()
    }

    /// The note of the mark on `fingerprint`, if it is marked.
    pub fn note(&self, fingerprint: &str) -> Option<&str> {
        let end = self
            .marks
            .partition_point(|(fp, _)| fp.as_str() <= fingerprint);
        match end.checked_sub(1).map(|i| &self.marks[i]) {
            Some((fp, note)) if fp == fingerprint => Some(note.as_str()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_numbers_do_not_count() {
        let a = hash_without_line_numbers(FNV_OFFSET, "见第 12 行的数字");
        let b = hash_without_line_numbers(FNV_OFFSET, "见第3行的数字");
        assert_eq!(a, b);
        let c = hash_without_line_numbers(FNV_OFFSET, "见第三行的数字");
        assert_ne!(a, c);
        assert_ne!(
            hash_without_line_numbers(FNV_OFFSET, "数字 1"),
            hash_without_line_numbers(FNV_OFFSET, "数字 2")
        );
    }

    #[test]
    fn accepted_marks_parse_leniently() {
        let marks = Accepted::parse(
            "\u{feff}# 已核实\n0123456789ABCDEF\t正文另有说明\n\nfedcba9876543210\n  \n",
        );
        assert_eq!(marks.len(), 2);
        assert_eq!(marks.note("0123456789abcdef"), Some("正文另有说明"));
        assert_eq!(marks.note("fedcba9876543210"), Some(""));
        assert_eq!(marks.note("0000000000000000"), None);
        assert_eq!(marks.note("ffffffffffffffff"), None);
        let twice =
            Accepted::parse("aaaaaaaaaaaaaaaa\t旧\nbbbbbbbbbbbbbbbb\naaaaaaaaaaaaaaaa\t新\n");
        assert_eq!(
            twice.note("aaaaaaaaaaaaaaaa"),
            Some("新"),
            "the later line wins"
        );
        assert_eq!(twice.note("bbbbbbbbbbbbbbbb"), Some(""));
    }
}
