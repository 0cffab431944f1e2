//! nianbao_core reads the text of a 政府信息公开工作年度报告 into the result contract and checks
//! every balance rule. Text → tokens → sections and typed tables → rules → diagnostics and
//! repairs. No I/O, no wasm, no printing; never panics and never fails on user text.

pub mod catalogue;
pub mod codes;
pub mod contract;
pub mod cross_year;
pub mod decimal;
pub mod diagnostic;
pub mod document;
pub mod findings;
pub mod fingerprint;
mod join;
mod json;
pub mod naming;
pub mod notice;
mod order;
pub mod parse;
pub mod prose;
pub mod relations;
pub mod repair;
pub mod report;
pub mod rules;
mod swar;
#[cfg(test)]
pub(crate) mod testing;
pub mod text;
pub mod vocab;

pub use codes::Code;
pub use contract::{
    to_json, to_json_accepted, to_json_accepted_pieces, to_json_pieces, PositionEncoding,
};
pub use decimal::Decimal;
pub use diagnostic::{Diagnostic, Severity};
pub use fingerprint::{fingerprint, Accepted};
pub use report::{Cell, CellMap, CellPath, Format, Report, Section, Span, Value};

/// The version printed by the CLI and the page.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The smallest change to a set of cells that makes every violated equality hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repair {
    /// Cell path → the value it needs, as the contract prints values.
    pub changes: Vec<(CellPath, String)>,
}

/// The result of checking one report.
#[derive(Clone, Debug, Default)]
pub struct Checked {
    pub report: Report,
    /// Sorted by primary offset, then code.
    pub diagnostics: Vec<Diagnostic>,
    /// Best first.
    pub repairs: Vec<Repair>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Reads and checks one report.
pub fn check(text: &str) -> Checked {
    check_with_previous(text, None)
}

/// What is checked: plain text (its rows reconstructed by the tokenizer) or a document (its
/// table rows read from their cells; see [`document`]).
#[derive(Clone, Copy, Debug)]
pub enum Input<'a> {
    Text(&'a str),
    Document(&'a document::Document),
}

impl<'a> Input<'a> {
    /// The text the result's spans point into: the text itself, or the document's text view.
    pub fn text(self) -> &'a str {
        match self {
            Input::Text(text) => text,
            Input::Document(document) => &document.text,
        }
    }

    fn parse(self) -> parse::Parsed {
        match self {
            Input::Text(text) => parse::parse(text),
            Input::Document(document) => parse::parse_document(document),
        }
    }
}

/// Reads and checks one report, with last year's report for the cross-year checks.
pub fn check_with_previous(text: &str, previous: Option<&str>) -> Checked {
    // Not through `check_input`: the page's checker then carries no document reading.
    let previous = previous.map(|p| move || parse::parse(p));
    let previous = previous.as_ref().map(|f| f as &dyn Fn() -> parse::Parsed);
    check_parsed(text, parse::parse(text), previous)
}

/// Reads and checks a document (`.docx`, HTML, PDF): its table rows are read from its cells.
pub fn check_document(document: &document::Document) -> Checked {
    check_input(Input::Document(document), None)
}

/// Reads and checks one report (text or document), with last year's for the cross-year checks.
pub fn check_input(input: Input, previous: Option<Input>) -> Checked {
    let previous = previous.map(|p| move || p.parse());
    let previous = previous.as_ref().map(|f| f as &dyn Fn() -> parse::Parsed);
    check_parsed(input.text(), input.parse(), previous)
}

/// Checks a report read from `text`; `previous` reads last year's (after this year's
/// findings, so both are not held at once).
///
/// Order: parse → table and structure rules → read the prose → repairs (ordered with the
/// prose's numbers as evidence) → prose against the tables (knowing the first repair) →
/// cross-year → [`findings::assemble`], the one step that builds what the user reads.
fn check_parsed(
    text: &str,
    parsed: parse::Parsed,
    previous: Option<&dyn Fn() -> parse::Parsed>,
) -> Checked {
    let report = &parsed.report;
    let mut findings = findings::Findings {
        parse: parsed.diagnostics,
        ..findings::Findings::default()
    };
    let instances = relations::instance::instances(report);
    findings.rules = rules::check(text, report, &instances);
    let prose = prose::read(text, report);
    let repairs = repair::search(report, &instances, &prose::evidence(&prose));
    let support = prose::check(text, report, &prose, repairs.first(), &mut findings.prose);
    prose::sums::check(&prose.stream, &mut findings.prose);
    if let Some(previous) = previous {
        let last = previous().report;
        findings.cross_year = cross_year::check(report, &last);
    }
    let advice = repair::advice(report, &repairs);
    let diagnostics = findings::assemble(report, findings, advice.as_ref(), &support);
    Checked {
        report: parsed.report,
        diagnostics,
        repairs,
    }
}
