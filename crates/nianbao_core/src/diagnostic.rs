//! Diagnostics are plain data: a code, a severity, one zh-CN sentence, the cells involved and
//! where in the text the problem is. Rendering belongs to the front ends.

use crate::codes::Code;
pub use crate::codes::Severity;
use crate::report::{CellPath, Span};

/// A secondary location, e.g. the prose sentence a table cell disagrees with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// One self-contained zh-CN sentence.
    pub message: String,
    /// Every cell involved, most relevant first.
    pub cells: Vec<CellPath>,
    pub expected: Option<String>,
    pub actual: Option<String>,
    /// Primary location in the original text.
    pub span: Span,
    pub labels: Vec<Label>,
    /// Arithmetic and other details ("1 + 0 = 1，但（七）总计 + 四 = 0 + 0 = 0").
    pub notes: Vec<String>,
    /// What to change, when we can tell.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.default_severity(),
            message: message.into(),
            cells: Vec::new(),
            expected: None,
            actual: None,
            span,
            labels: Vec::new(),
            notes: Vec::new(),
            help: None,
        }
    }

    pub fn with_severity(mut self, severity: Severity) -> Diagnostic {
        self.severity = severity;
        self
    }

    pub fn with_cells<I, P>(mut self, cells: I) -> Diagnostic
    where
        I: IntoIterator<Item = P>,
        P: Into<CellPath>,
    {
        self.cells.extend(cells.into_iter().map(Into::into));
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_values(
        mut self,
        expected: impl Into<String>,
        actual: impl Into<String>,
    ) -> Diagnostic {
        self.expected = Some(expected.into());
        self.actual = Some(actual.into());
        self
    }
}

/// Deterministic order for output and snapshots: primary offset, then code, then message.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    crate::order::sort_by(diagnostics, |a, b| {
        (a.span.start, a.code, &a.message).cmp(&(b.span.start, b.code, &b.message))
    });
}
