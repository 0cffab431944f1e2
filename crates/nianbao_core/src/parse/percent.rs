//! Small breakdown tables printed in the body of older reports (seed 003, 表1–表7): a row of
//! categories, a "数量" row and a "百分比" row. Read as `pct.<t>.<i>` (the count, with the
//! category as its label) and `pct.<t>.<i>.percent` (the percentage as printed, without "%").

use crate::decimal::Decimal;
use crate::naming::CellId;
use crate::report::{Cell, CellPath, OldRowInfo, Span, Value};
use crate::text::scan::{Token, TokenKind, Unit};

use super::Ctx;

/// The tokens of one line.
fn lines(tokens: &[Token]) -> Vec<&[Token]> {
    tokens
        .split(|t| t.kind == TokenKind::LineEnd)
        .filter(|l| l.iter().any(|t| t.kind != TokenKind::Blank))
        .collect()
}

fn label_of(ctx: &Ctx, token: &Token) -> String {
    ctx.text[token.span.range()]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Whether a line starts with `word` (spaces ignored). Asked of every line of the report, so it
/// compares characters in place instead of building the label.
fn is_label(ctx: &Ctx, line: &[Token], word: &str) -> bool {
    line.first().is_some_and(|t| {
        t.is_text()
            && ctx.text[t.span.range()]
                .chars()
                .filter(|c| !c.is_whitespace())
                .eq(word.chars())
    })
}

/// "表 1 2017 年…" / "表１：…": a caption, as printed (trimmed), when `line` is one.
fn caption(ctx: &Ctx, line: &[Token]) -> Option<String> {
    let start = line.first()?.span.start;
    let end = line.last()?.span.end;
    let text = ctx.text.get(start as usize..end as usize)?.trim();
    let rest = text.strip_prefix('表')?.trim_start();
    let digits = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .count();
    (digits > 0 && text.chars().count() <= 60).then(|| text.to_string())
}

/// Cells read, by path.
type Cells = Vec<(CellPath, Option<Cell>)>;

/// The cells of every breakdown table, and each table's caption: the line after its
/// percentages (where seed 003 prints it) or else the line before its header.
pub fn read(ctx: &Ctx) -> (Cells, Vec<Option<String>>) {
    let lines = lines(&ctx.scan.tokens);
    let mut out = Vec::new();
    let mut captions = Vec::new();
    let mut table = 0;
    for i in 1..lines.len().saturating_sub(1) {
        let (header, counts, percents) = (lines[i - 1], lines[i], lines[i + 1]);
        if !is_label(ctx, counts, "数量") || !is_label(ctx, percents, "百分比") {
            continue;
        }
        let categories: Vec<&Token> = header.iter().skip(1).filter(|t| t.is_text()).collect();
        let count_tokens: Vec<&Token> = counts[1..].iter().filter(|t| t.is_value()).collect();
        let percent_tokens: Vec<&Token> = percents[1..].iter().filter(|t| t.is_value()).collect();
        if count_tokens.len() < 2
            || count_tokens.len() != percent_tokens.len()
            || categories.len() != count_tokens.len()
        {
            continue;
        }
        table += 1;
        let after = lines.get(i + 2).and_then(|l| caption(ctx, l));
        let before = i.checked_sub(2).and_then(|b| caption(ctx, lines[b]));
        captions.push(after.or(before));
        for (k, ((category, count), percent)) in categories
            .iter()
            .zip(&count_tokens)
            .zip(&percent_tokens)
            .enumerate()
        {
            let n = k + 1;
            let count_cell = ctx.scan.number(count).and_then(|num| {
                Some(Cell {
                    value: Value::Count(num.as_count()?),
                    span: count.span,
                    line: count.line,
                    old: Some(Box::new(OldRowInfo {
                        label: label_of(ctx, category),
                        parent: None,
                        unit: None,
                    })),
                })
            });
            let percent_cell = ctx
                .scan
                .number(percent)
                .filter(|num| num.unit == Unit::Percent)
                .and_then(|num| num.value)
                .map(|value: Decimal| Cell {
                    value: Value::Decimal(value),
                    span: Span {
                        start: percent.span.start,
                        end: percent.span.end,
                    },
                    line: percent.line,
                    old: None,
                });
            let (table, row) = (table as u32, n as u32);
            let id = |percent| CellId::Percent {
                table,
                row,
                percent,
            };
            out.push((id(false).into(), count_cell));
            out.push((id(true).into(), percent_cell));
        }
    }
    (out, captions)
}
