//! Turning value tokens into cells of a given kind, and reading rows whose values are
//! complete, short, long, blank or glued — shared by every table reader.

use crate::codes::Code;
use crate::decimal::Decimal;
use crate::diagnostic::Diagnostic;
use crate::join::Joined;
use crate::parse::glued::{self, Glued, Resolution, Split};
use crate::parse::rows::{Collected, RawValue};
use crate::parse::Ctx;
use crate::relations::{GridRef, Relation};
use crate::report::{Cell, Span, Value};
use crate::text::scan::{TokenKind, Unit};
use crate::vocab::national::CellKind;

/// Most digits one count cell may take when splitting glued digits.
const MAX_COUNT_DIGITS: usize = 9;
/// Most ways to split one glued row before calling it hopeless.
const MAX_SPLITS: usize = 20_000;

/// How a row's values were read.
#[derive(Clone, Debug)]
pub enum RowCells {
    /// One entry per cell; `None` is a blank cell. Also where the first blank cell is.
    Read(Vec<Option<Cell>>, Option<Span>),
    /// Glued digits with their candidate splits (resolved per table). Boxed: a row is rarely
    /// glued, and a table repeated by the thousand holds a `RowCells` per row (issue 14).
    Glued {
        glued: Box<Glued>,
        splits: Vec<Split>,
        last_number: usize,
    },
    /// Fewer or more numbers than cells; the numbers read.
    Mismatch { got: Vec<usize>, span: Span },
    /// A label with no numbers after it.
    NoNumbers,
}

impl Ctx<'_> {
    /// Converts a number or placeholder token into a cell of the given kind.
    pub fn cell_from_token(
        &mut self,
        token_index: usize,
        kind: CellKind,
        path: &str,
    ) -> Option<Cell> {
        let token = self.scan.tokens[token_index];
        let line = self.scan.line_of_token(&token);
        match token.kind() {
            TokenKind::Placeholder => Some(Cell {
                value: Value::Placeholder,
                span: token.span(),
                line,
                old: None,
            }),
            TokenKind::Number => {
                let number = self.scan.number(&token)?;
                let value = self.value_of(number.value, number.unit, kind, token.span(), path)?;
                Some(Cell {
                    value,
                    span: token.span(),
                    line,
                    old: None,
                })
            }
            _ => None,
        }
    }

    /// The cell value of a printed number, or a diagnostic and `None` when it cannot be one.
    pub fn value_of(
        &mut self,
        value: Option<Decimal>,
        unit: Unit,
        kind: CellKind,
        span: Span,
        path: &str,
    ) -> Option<Value> {
        let Some(value) = value else {
            self.cell_note(
                Code::NumberUnreadable,
                span,
                path,
                "位数过多，无法作为数字读取，该单元格记为缺失",
            );
            return None;
        };
        match kind {
            CellKind::Count | CellKind::SignedCount => match (value.as_integer(), unit) {
                (Some(n), Unit::None | Unit::Items) => Some(Value::Count(n)),
                _ => {
                    self.cell_note(
                        Code::NumberUnreadable,
                        span,
                        path,
                        "不是整数件数，这一格应为整数",
                    );
                    Some(Value::Decimal(value))
                }
            },
            CellKind::Money { default_unit_wan } => {
                let wan = match unit {
                    Unit::Wan => true,
                    Unit::Yuan => false,
                    Unit::None => {
                        if !default_unit_wan && !value.is_zero() {
                            self.cell_note(Code::MoneyUnit, span, path, "没有注明单位，按“元”读取");
                        }
                        default_unit_wan
                    }
                    Unit::Percent | Unit::Items => {
                        self.cell_note(
                            Code::NumberUnreadable,
                            span,
                            path,
                            "不是金额，这一格应为金额",
                        );
                        return None;
                    }
                };
                let yuan = if wan { value.shift(4) } else { Some(value) };
                yuan.map(Value::Money)
            }
        }
    }

    /// A finding about one printed number: "“3929.0.8”<what>。"
    fn cell_note(&mut self, code: Code, span: Span, path: &str, what: &str) {
        let printed = &self.text[span.range()];
        self.diagnostics.push(
            Diagnostic::new(code, span, format!("“{printed}”{what}。"))
                .with_cells([path.to_string()]),
        );
    }

    /// Classifies the values collected after a row label.
    pub fn row_cells<P: AsRef<str>>(
        &mut self,
        collected: &Collected,
        kinds: &[CellKind],
        paths: &[P],
    ) -> RowCells {
        let cells = kinds.len();
        let values = &collected.values;
        let count = collected.value_count(&self.scan);
        if count == 0 && values.len() != cells {
            return RowCells::NoNumbers;
        }
        let has_blank = values
            .iter()
            .any(|v| self.scan.tokens[v.token].kind() == TokenKind::Blank);
        if values.len() == cells {
            let read = values
                .iter()
                .zip(kinds.iter().zip(paths))
                .map(|(v, (kind, path))| self.cell_from_token(v.token, *kind, path.as_ref()))
                .collect();
            let first_blank = values
                .iter()
                .map(|v| self.scan.tokens[v.token])
                .find(|t| t.kind() == TokenKind::Blank)
                .map(|t| t.span());
            return RowCells::Read(read, first_blank);
        }
        let span = values_span(self, values);
        let got: Vec<usize> = values
            .iter()
            .map(|v| v.token)
            .filter(|&t| self.scan.tokens[t].is_value())
            .collect();
        // Thousands separators make a number whole: "106,239,795.00元" is not split into cells
        // (10 | 6,239,795.00 and 106,239,795.00 both read well).
        let separated = values
            .iter()
            .any(|v| self.text[self.scan.tokens[v.token].span().range()].contains([',', '，']));
        if count < cells && !has_blank && !separated {
            let numbers = glued::number_tokens(&self.scan, values);
            if numbers.len() == count {
                if let Some(glued) = Glued::from_tokens(&self.scan, self.text, &numbers) {
                    if glued.digit_count() >= cells {
                        let max_digits = if matches!(kinds.last(), Some(CellKind::Money { .. })) {
                            glued.digit_count()
                        } else {
                            MAX_COUNT_DIGITS
                        };
                        let last_number = *numbers.last().unwrap_or(&0);
                        match glued::splits(&glued, cells, max_digits, MAX_SPLITS) {
                            Some(splits) if !splits.is_empty() => {
                                return RowCells::Glued {
                                    glued: Box::new(glued),
                                    splits,
                                    last_number,
                                };
                            }
                            // Stopped by the work bound: glued with no candidate, left unread.
                            None => {
                                return RowCells::Glued {
                                    glued: Box::new(glued),
                                    splits: Vec::new(),
                                    last_number,
                                }
                            }
                            Some(_) => {}
                        }
                    }
                }
            }
        }
        RowCells::Mismatch { got, span }
    }

    /// The cells of one split of glued digits.
    pub fn cells_from_split<P: AsRef<str>>(
        &mut self,
        glued: &Glued,
        split: &Split,
        last_number: usize,
        kinds: &[CellKind],
        paths: &[P],
    ) -> Vec<Option<Cell>> {
        let values = split.values(glued);
        let last_token = self.scan.tokens[last_number];
        let last_value = self.scan.number(&last_token);
        (0..kinds.len())
            .map(|i| {
                let span = split.span(glued, i);
                let line = self.scan.line_of(span.start);
                let is_last = i + 1 == kinds.len();
                let (value, unit) = match (is_last, last_value) {
                    (true, Some(number)) if glued.tail_end.is_some() => {
                        // The last cell keeps the fraction and unit printed after the digits.
                        let whole: i128 = glued.groups[glued.groups.len() - 1]
                            .iter()
                            .fold(0i128, |a, d| {
                                a.saturating_mul(10).saturating_add(d.value as i128)
                            });
                        let fraction = number
                            .value
                            .and_then(|v| v.checked_sub(Decimal::new(whole, 0)?));
                        let value =
                            fraction.and_then(|f| f.checked_add(Decimal::from_int(values[i])));
                        (value, number.unit)
                    }
                    _ => (Some(Decimal::from_int(values[i])), Unit::None),
                };
                let value = self.value_of(value, unit, kinds[i], span, paths[i].as_ref())?;
                Some(Cell {
                    value,
                    span,
                    line,
                    old: None,
                })
            })
            .collect()
    }
}

fn values_span(ctx: &Ctx, values: &[RawValue]) -> Span {
    values
        .iter()
        .map(|v| ctx.scan.tokens[v.token].span())
        .reduce(Span::cover)
        .unwrap_or_default()
}

/// A table's rows as read, before glued rows are settled.
pub struct TableRows {
    pub rows: Vec<Option<RowCells>>,
}

impl TableRows {
    /// Integer value of a read cell, for relation solving.
    fn fixed(&self, (r, c): GridRef) -> Option<i64> {
        match self.rows.get(r)? {
            Some(RowCells::Read(cells, _)) => cells.get(c)?.as_ref()?.value.as_count(),
            _ => None,
        }
    }

    /// Settles glued rows with the table's relations. Returns, per glued row index, the
    /// resolution and the candidate values (for messages). In a table that separates its
    /// numbers, a row exactly one number short whose numbers could be cells as printed keeps a
    /// split only when an equality of the table confirms it; otherwise it becomes a short row — a split is never a guess at a deleted
    /// number. Rows whose search was stopped have no candidates and stay ambiguous.
    pub fn resolve_glued(&mut self, relations: &[Relation]) -> Vec<(usize, Resolution)> {
        let glued_rows: Vec<(usize, Vec<Vec<i64>>)> = self
            .rows
            .iter()
            .enumerate()
            .filter_map(|(r, row)| match row {
                Some(RowCells::Glued { glued, splits, .. }) if !splits.is_empty() => {
                    Some((r, splits.iter().map(|s| s.values(glued)).collect()))
                }
                _ => None,
            })
            .collect();
        if glued_rows.is_empty() {
            return Vec::new();
        }
        let resolutions = glued::resolve(|g| self.fixed(g), &glued_rows, relations);
        let confirmed = glued::confirmed(|g| self.fixed(g), &glued_rows, relations, &resolutions);
        // Does the table print separators between numbers? Then a row with too few numbers
        // is more likely a row with one left out than a row glued together.
        let separated_table = self.rows.iter().any(|row| match row {
            Some(RowCells::Read(cells, _)) => cells.iter().flatten().count() >= 2,
            _ => false,
        });
        let mut out = Vec::with_capacity(glued_rows.len());
        for (((r, _), resolution), confirmed) in glued_rows.iter().zip(resolutions).zip(confirmed) {
            let settled = !matches!(resolution, Resolution::Ambiguous);
            if let Some(RowCells::Glued { glued, splits, .. }) = &self.rows[*r] {
                let separated = separated_table || glued.groups.len() > 1;
                // Exactly one number short: the reading "one was left out" is as good as a split.
                let one_short =
                    splits.first().map(|s| s.cells.len()) == Some(glued.groups.len() + 1);
                if settled && !confirmed && separated && one_short && glued.reads_as_printed() {
                    self.rows[*r] = Some(RowCells::Mismatch {
                        got: glued.tokens.clone(),
                        span: glued.span(),
                    });
                    continue;
                }
            }
            out.push((*r, resolution));
        }
        out
    }
}

/// How glued row `row` was settled (rows not in the list were not glued).
pub fn resolution_of(resolutions: &[(usize, Resolution)], row: usize) -> Resolution {
    resolutions
        .iter()
        .find(|(r, _)| *r == row)
        .map_or(Resolution::Ambiguous, |(_, res)| *res)
}

/// Kinds of the value cells of a pre-2019 row: money when its unit is 元 or 万元.
pub fn old_row_kinds(unit: Option<&str>, columns: usize) -> Vec<CellKind> {
    let kind = match unit {
        Some("元") => CellKind::Money {
            default_unit_wan: false,
        },
        Some("万元") => CellKind::Money {
            default_unit_wan: true,
        },
        _ => CellKind::Count,
    };
    vec![kind; columns]
}

/// "8|98|989、89|8|989" — a few candidate readings for a message.
pub fn describe_splits(glued: &Glued, splits: &[Split], max: usize) -> String {
    let shown: Vec<String> = splits
        .iter()
        .take(max)
        .map(|s| {
            s.values(glued)
                .iter()
                .map(|v| v.to_string())
                .collect::<Vec<_>>()
                .joined("|")
        })
        .collect();
    let mut out = shown.joined("、");
    if splits.len() > max {
        out.push_str(" 等");
    }
    out
}
