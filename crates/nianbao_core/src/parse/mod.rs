//! Reading a report: metadata, sections, format detection and the tables.

pub mod cells;
pub mod codes;
pub mod format;
pub mod glued;
pub mod layout;
pub mod meta;
pub mod national;
pub mod old;
pub mod percent;
pub mod rows;
pub mod sections;

use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::naming::CellId;
use crate::report::{Cell, CellMap, CellPath, Format, OldRowInfo, Report, Section, Span};
use crate::text::scan::{self, Scan};
use rows::Chunk;

/// The best reading of the text plus everything noticed on the way.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    pub report: Report,
    pub diagnostics: Vec<Diagnostic>,
}

/// Shared state of one parse: the text, its tokens and label chunks, and the diagnostics so far.
pub struct Ctx<'a> {
    pub text: &'a str,
    pub scan: Scan,
    pub chunks: Vec<Chunk>,
    pub sections: Vec<Section>,
    pub diagnostics: Vec<Diagnostic>,
    /// Pre-2019 rows left unread, with what their label says (see `Report::unread_rows`).
    pub unread_rows: Vec<(u32, OldRowInfo)>,
    /// See `Report::old_table`.
    pub old_table: Option<Span>,
}

pub fn parse(text: &str) -> Parsed {
    parse_scanned(text, scan::scan(text))
}

/// Reads a document: its table rows' tokens come from their cells.
pub fn parse_document(document: &crate::document::Document) -> Parsed {
    parse_scanned(&document.text, scan::scan_document(document))
}

fn parse_scanned(text: &str, scan: Scan) -> Parsed {
    let chunks = rows::chunks(&scan);
    let sections = sections::find(text, &scan);
    let mut ctx = Ctx {
        text,
        scan,
        chunks,
        sections,
        diagnostics: Vec::new(),
        unread_rows: Vec::new(),
        old_table: None,
    };
    let meta = meta::read(text);
    let year = meta.years.title.or(meta.years.period).map(|(year, _)| year);
    let format = match format::detect(&ctx.scan.canon) {
        // A report for 2018 or before that prints no table is still a pre-2019 report: both
        // national formats began with the 2019 reports.
        Format::Unknown if year.is_some_and(|y| y <= 2018) => Format::Old,
        detected => detected,
    };
    let mut pct_captions = Vec::new();
    let read = match format {
        Format::F2019 | Format::F2021 => typed(national::read(&mut ctx, format)),
        Format::Old => {
            let rows = old::read(&mut ctx);
            let (pct_cells, captions) = percent::read(&mut ctx);
            // The tokens and label chunks are done with unless a glued row is cut from its
            // tokens: given back before the old table's cells are made (a long pre-2019
            // table's are megabytes).
            if !rows.as_ref().is_some_and(old::Read::needs_tokens) {
                ctx.scan = Scan::default();
                ctx.chunks = Vec::new();
            }
            let mut cells = old::cells(&mut ctx, rows, pct_cells.len());
            cells.extend(typed(pct_cells));
            pct_captions = captions;
            cells
        }
        Format::Unknown => {
            no_tables(&mut ctx);
            Vec::new()
        }
    };
    let cells = CellMap::from_entries(read);
    if format.is_national() {
        truncation(&mut ctx);
    }
    Parsed {
        report: Report {
            title: meta.title,
            agency: meta.agency,
            year,
            years: meta.years,
            format,
            sections: ctx.sections,
            cells,
            unread_rows: ctx.unread_rows,
            old_table: ctx.old_table,
            pct_captions,
        },
        diagnostics: ctx.diagnostics,
    }
}

/// The cells of a reader that names them by contract path, keyed by [`CellId`] for the map.
/// National paths are the vocabulary's `'static` keys; old and percentage ids borrow nothing.
fn typed(read: Vec<(CellPath, Option<Cell>)>) -> Vec<(CellId<'static>, Option<Cell>)> {
    read.into_iter()
        .filter_map(|(path, cell)| {
            let id = match path {
                CellPath::Borrowed(path) => CellId::parse(path),
                CellPath::Owned(path) => CellId::parse(&path).and_then(CellId::into_static),
            };
            debug_assert!(
                id.is_some(),
                "a reader made a cell that has no contract path"
            );
            Some((id?, cell))
        })
        .collect()
}

/// No table labels at all: say so, naming the tables a national-format report should have.
fn no_tables(ctx: &mut Ctx) {
    let national_skeleton = ctx.sections.iter().any(|s| (2..=4).contains(&s.number));
    let at = ctx
        .sections
        .iter()
        .find(|s| s.number == 2)
        .map_or(Span::empty_at(0), |s| s.span);
    let message = if national_skeleton {
        "没有找到任何统计表：表二（主动公开）、表三（依申请公开）、表四（行政复议、行政诉讼）都缺失，无法核对勾稽关系；原文中的表格可能是图片。"
    } else {
        "没有找到统计表，无法识别报告格式，也无法核对勾稽关系。"
    };
    ctx.diagnostics.push(
        Diagnostic::new(Code::FormatUnknown, at, message)
            .with_help("请把统计表的内容以文字粘贴进来（从 Word/PDF 复制表格即可）。"),
    );
}

/// A text that stops inside the tables (web excerpts keep only the first part of a page).
fn truncation(ctx: &mut Ctx) {
    let has_late_sections = ctx.sections.iter().any(|s| s.number >= 5);
    let last_section = ctx.sections.last().map_or(0, |s| s.number);
    if has_late_sections || last_section < 2 {
        return;
    }
    let end = ctx.text.trim_end().len();
    let tail_start = ctx.text[..end]
        .char_indices()
        .rev()
        .nth(11)
        .map_or(0, |(i, _)| i);
    ctx.diagnostics.push(
        Diagnostic::new(
            Code::Truncated,
            Span::new(tail_start, end),
            "文本在表格中途结束，后面的表格和“五、存在的主要问题及改进情况”“六、其他需要报告的事项”都没有出现；可能只复制了报告的一部分。",
        )
        .with_help("请粘贴报告全文。"),
    );
}
