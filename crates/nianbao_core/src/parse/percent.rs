//! Small breakdown tables printed in the body of older reports (seed 003, 表1–表7): a row of
//! categories, a "数量" row and a "百分比" row. Read as `pct.<t>.<i>` (the count, with the
//! category as its label) and `pct.<t>.<i>.percent` (the percentage as printed, without "%").
//!
//! Crawler text glues such a table into one run ("…其他方式数量434320684331155814百分比0.08%
//! 81.48%…"): the percentages stay apart (each ends in %), the counts do not. The counts are
//! split so that every printed percentage is its count's share of their sum — only when exactly
//! one split does so, and a note says the split was chosen that way; otherwise the table's
//! cells stay unread and a warning names them.

use crate::codes::Code;
use crate::decimal::Decimal;
use crate::diagnostic::Diagnostic;
use crate::join::Joined;
use crate::naming::CellId;
use crate::report::{Cell, CellPath, OldRowInfo, Span, Value};
use crate::text::scan::{Token, TokenKind, Unit};

use super::Ctx;

/// The tokens of each line that has any but blanks. An iterator, not a vector: asked of every
/// line of the report, and a table repeated by the thousand has a hundred thousand lines.
fn lines(tokens: &[Token]) -> impl Iterator<Item = &[Token]> {
    tokens
        .split(|t| t.kind() == TokenKind::LineEnd)
        .filter(|l| l.iter().any(|t| t.kind() != TokenKind::Blank))
}

fn label_of(ctx: &Ctx, token: &Token) -> String {
    ctx.text[token.span().range()]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Whether a line starts with `word` (spaces ignored). Asked of every line of the report, so it
/// compares characters in place instead of building the label.
fn is_label(ctx: &Ctx, line: &[Token], word: &str) -> bool {
    line.first().is_some_and(|t| {
        t.is_text()
            && ctx.text[t.span().range()]
                .chars()
                .filter(|c| !c.is_whitespace())
                .eq(word.chars())
    })
}

/// "表 1 2017 年…" / "表１：…": a caption, as printed (trimmed), when `line` is one.
fn caption(ctx: &Ctx, line: &[Token]) -> Option<String> {
    let start = line.first()?.span().start;
    let end = line.last()?.span().end;
    caption_text(ctx.text.get(start as usize..end as usize)?)
}

fn caption_text(text: &str) -> Option<String> {
    let text = text.trim();
    let rest = text.strip_prefix('表')?.trim_start();
    let digits = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .count();
    (digits > 0 && text.chars().count() <= 60).then(|| text.to_string())
}

/// The text of 1-based line `line`.
fn line_text<'a>(ctx: &Ctx<'a>, line: u32) -> &'a str {
    let Some(range) = ctx.scan.line_range(ctx.text, line) else {
        return "";
    };
    ctx.text.get(range).unwrap_or("")
}

/// Cells read, by path.
type Cells = Vec<(CellPath, Option<Cell>)>;

/// The cells of every breakdown table, and each table's caption: the line after its
/// percentages (where seed 003 prints it) or else the line before its header.
pub fn read(ctx: &mut Ctx) -> (Cells, Vec<Option<String>>) {
    let (mut out, mut captions, used) = read_lines(ctx);
    // Tables whose cells come one a line (a web page's innerText, PDF reading order) and glued
    // tables (crawler text) are numbered after the line-based ones: a text is mostly one form,
    // and the order of tables in a mixed text does not matter to any rule.
    let (stream, stream_captions) = read_stream(ctx, &used, captions.len());
    out.extend(stream);
    captions.extend(stream_captions);
    let first = captions.len();
    let (glued, glued_captions, diagnostics) = read_glued(ctx, first);
    out.extend(glued);
    captions.extend(glued_captions);
    ctx.diagnostics.extend(diagnostics);
    (out, captions)
}

/// Tables printed a row a line; also the lines of their "数量" rows.
fn read_lines(ctx: &Ctx) -> (Cells, Vec<Option<String>>, Vec<u32>) {
    let mut out = Vec::new();
    let mut captions = Vec::new();
    let mut used = Vec::new();
    let mut table = 0;
    // Five lines at a time, the middle one read as a "数量" row: before it the header and a
    // caption, after it the percentages and a caption. Two `None`s after the last line let
    // every line be the middle one.
    let mut window: [Option<&[Token]>; 5] = [None; 5];
    for line in lines(&ctx.scan.tokens).map(Some).chain([None, None]) {
        window.rotate_left(1);
        window[4] = line;
        let [before, Some(header), Some(counts), Some(percents), after] = window else {
            continue;
        };
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
        used.push(ctx.scan.line_of_token(&counts[0]));
        let after = after.and_then(|l| caption(ctx, l));
        let before = before.and_then(|l| caption(ctx, l));
        captions.push(after.or(before));
        for (k, ((category, count), percent)) in categories
            .iter()
            .zip(&count_tokens)
            .zip(&percent_tokens)
            .enumerate()
        {
            push_item(
                ctx,
                &mut out,
                table,
                k + 1,
                label_of(ctx, category),
                count,
                percent,
            );
        }
    }
    (out, captions, used)
}

/// One category's count and percentage cells.
fn push_item(
    ctx: &Ctx,
    out: &mut Cells,
    table: usize,
    n: usize,
    category: String,
    count: &Token,
    percent: &Token,
) {
    let count_cell = ctx.scan.number(count).and_then(|num| {
        Some(Cell {
            value: Value::Count(num.as_count()?),
            span: count.span(),
            line: ctx.scan.line_of_token(count),
            old: Some(Box::new(OldRowInfo {
                label: category,
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
            span: percent.span(),
            line: ctx.scan.line_of_token(percent),
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

/// Tables whose cells each stand on a line of their own (innerText of a web page, PDF reading
/// order): the categories, "数量", the counts, "百分比", the percentages. Each category is
/// one piece of text and there are as many of them as counts and percentages, else the table
/// is not read (a category split by a number or a line break would shift every label).
fn read_stream(ctx: &Ctx, used: &[u32], first: usize) -> (Cells, Vec<Option<String>>) {
    let tokens = &ctx.scan.tokens;
    let stripped = |t: &Token| -> String {
        ctx.text[t.span().range()]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    let filler = |t: &Token| matches!(t.kind(), TokenKind::Blank | TokenKind::LineEnd);
    // The values from token `k` on, across blank cells and line ends, at most `most`; and the
    // index of the first token after them that is not filler.
    let values = |mut k: usize, most: usize| -> (Vec<usize>, usize) {
        let mut found = Vec::new();
        while let Some(t) = tokens.get(k) {
            if filler(t) {
                k += 1;
            } else if t.is_value() && found.len() < most {
                found.push(k);
                k += 1;
            } else {
                break;
            }
        }
        (found, k)
    };
    let mut out = Vec::new();
    let mut captions = Vec::new();
    let mut table = first;
    for (i, word) in tokens.iter().enumerate() {
        if !word.is_text()
            || used.contains(&ctx.scan.line_of_token(word))
            || stripped(word) != "数量"
        {
            continue;
        }
        let (counts, next) = values(i + 1, MAX_PARTS + 1);
        let n = counts.len();
        if !(2..=MAX_PARTS).contains(&n) {
            continue;
        }
        if !tokens
            .get(next)
            .is_some_and(|t| t.is_text() && stripped(t) == "百分比")
        {
            continue;
        }
        let (percents, after) = values(next + 1, n);
        let all_percent = percents.iter().all(|&k| {
            ctx.scan
                .number(&tokens[k])
                .is_some_and(|num| num.unit == Unit::Percent)
        });
        if percents.len() != n || !all_percent || tokens.get(after).is_some_and(Token::is_value) {
            continue;
        }
        // Before "数量": the row's heading and the n categories, each a short piece of text
        // alone on its line, and before them something else (prose, a caption with numbers).
        // Only then do the labels line up with the counts; one missing would shift them all.
        let alone = |j: usize| {
            let before = tokens[..j]
                .iter()
                .rev()
                .find(|t| t.kind() != TokenKind::Blank);
            let after = tokens[j + 1..]
                .iter()
                .find(|t| t.kind() != TokenKind::Blank);
            before.is_none_or(|t| t.kind() == TokenKind::LineEnd)
                && after.is_none_or(|t| t.kind() == TokenKind::LineEnd)
        };
        let mut labels = Vec::new();
        let mut j = i;
        while j > 0 && labels.len() <= n + 1 {
            j -= 1;
            let t = &tokens[j];
            if filler(t) {
                continue;
            }
            let label = stripped(t);
            let short = t.is_text()
                && label.chars().count() <= 24
                && !label.contains(['。', '，', '；'])
                && alone(j);
            if !short {
                break;
            }
            labels.push(j);
        }
        // Without them the values are still certain (the k-th count goes with the k-th
        // percentage); only the categories are not named ("第 k 项").
        let mut categories: Vec<String> = if labels.len() == n + 1 {
            labels[..n]
                .iter()
                .map(|&j| label_of(ctx, &tokens[j]))
                .collect()
        } else {
            (1..=n).map(|k| format!("第{k}项")).collect()
        };
        if labels.len() == n + 1 {
            categories.reverse();
        }
        table += 1;
        let after_line = tokens.get(after).map(|t| ctx.scan.line_of_token(t));
        let before_line = labels
            .last()
            .and_then(|&j| ctx.scan.line_of_token(&tokens[j]).checked_sub(1));
        let caption = after_line
            .and_then(|l| caption_text(line_text(ctx, l)))
            .or_else(|| before_line.and_then(|l| caption_text(line_text(ctx, l))));
        captions.push(caption);
        for (k, ((category, &count), &percent)) in categories
            .into_iter()
            .zip(&counts)
            .zip(&percents)
            .enumerate()
        {
            push_item(
                ctx,
                &mut out,
                table,
                k + 1,
                category,
                &tokens[count],
                &tokens[percent],
            );
        }
    }
    (out, captions)
}

/// Most splits of one glued run of counts tried before calling it hopeless.
const MAX_SPLITS: usize = 20_000;
/// Most digits one count may have.
const MAX_COUNT_DIGITS: usize = 9;
/// Most categories of one glued table (the split recurses once per category).
const MAX_PARTS: usize = 24;

/// A glued table: "…数量" + one run of digits + "百分比" + two or more percentages.
struct GluedTable {
    /// The digits of the counts, and where they are printed.
    digits: Vec<u8>,
    digits_span: Span,
    digits_line: u32,
    /// (value, printed decimals, token) of each percentage.
    percents: Vec<(Decimal, u32, Token)>,
    /// "表 1 …" printed right after the percentages.
    caption: Option<String>,
}

fn glued_tables(ctx: &Ctx) -> Vec<GluedTable> {
    let tokens = &ctx.scan.tokens;
    let stripped = |t: &Token| -> String {
        ctx.text[t.span().range()]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    let mut out = Vec::new();
    for i in 0..tokens.len().saturating_sub(3) {
        let (head, counts, word) = (&tokens[i], &tokens[i + 1], &tokens[i + 2]);
        if !head.is_text() || !stripped(head).ends_with("数量") || !word.is_text() {
            continue;
        }
        if stripped(word) != "百分比"
            || ctx.scan.line_of_token(head) != ctx.scan.line_of_token(counts)
            || ctx.scan.line_of_token(counts) != ctx.scan.line_of_token(word)
        {
            continue;
        }
        if !ctx.scan.number(counts).is_some_and(|n| n.plain) {
            continue;
        }
        // Full-width digits are plain too (normalized by the scanner).
        let digits: Vec<u8> = ctx.text[counts.span().range()]
            .chars()
            .filter_map(|c| match c {
                '０'..='９' => Some(c as u32 - '０' as u32),
                _ => c.to_digit(10),
            })
            .map(|d| d as u8)
            .collect();
        let mut percents = Vec::new();
        let mut k = i + 3;
        while let Some(t) = tokens.get(k) {
            match t.kind() {
                TokenKind::Blank => {}
                TokenKind::Number => {
                    let Some(n) = ctx.scan.number(t).filter(|n| n.unit == Unit::Percent) else {
                        break;
                    };
                    let Some(value) = n.value else { break };
                    let printed = &ctx.text[t.span().range()];
                    let decimals = printed.split_once(['.', '．']).map_or(0, |(_, after)| {
                        after.chars().take_while(|c| c.is_ascii_digit()).count() as u32
                    });
                    percents.push((value, decimals, *t));
                }
                _ => break,
            }
            k += 1;
        }
        let parts = percents.len();
        if !(2..=MAX_PARTS).contains(&parts)
            || !(parts..=parts * MAX_COUNT_DIGITS).contains(&digits.len())
        {
            continue;
        }
        let caption = tokens.get(k).filter(|t| t.is_text()).and_then(|t| {
            let text = ctx.text[t.span().start as usize..]
                .lines()
                .next()
                .unwrap_or("");
            let text = text.split(" 图").next().unwrap_or(text).trim();
            let rest = text.strip_prefix('表')?.trim_start();
            (rest.starts_with(|c: char| c.is_ascii_digit()) && text.chars().count() <= 60)
                .then(|| text.to_string())
        });
        out.push(GluedTable {
            digits,
            digits_span: counts.span(),
            digits_line: ctx.scan.line_of_token(counts),
            percents,
            caption,
        });
    }
    out
}

/// Whether counts fit printed percentages: each within 0.015 percentage points of its share
/// (the rounding adjustment the percentage rule accepts; a wider gap is an error there).
fn fits(counts: &[i64], percents: &[(Decimal, u32, Token)]) -> bool {
    let total: i64 = counts.iter().sum();
    if total <= 0 {
        return false;
    }
    counts
        .iter()
        .zip(percents)
        .all(|(&count, (value, decimals, _))| {
            let Some(printed) = value.shift(*decimals).and_then(|d| d.as_integer()) else {
                return false;
            };
            let scale = 10i128.pow(*decimals);
            let gap =
                (i128::from(printed) * i128::from(total) - 100 * i128::from(count) * scale).abs();
            gap * 1000 <= 15 * i128::from(total) * scale
        })
}

/// The splits of `digits` into `parts` counts (no leading zeros) that fit the percentages;
/// `None` when there are more splits than [`MAX_SPLITS`] to try.
fn fitting_splits(digits: &[u8], percents: &[(Decimal, u32, Token)]) -> Option<Vec<Vec<i64>>> {
    fn walk(
        digits: &[u8],
        left: usize,
        current: &mut Vec<i64>,
        percents: &[(Decimal, u32, Token)],
        work: &mut usize,
        out: &mut Vec<Vec<i64>>,
    ) -> bool {
        if left == 0 {
            *work += 1;
            if digits.is_empty() && fits(current, percents) {
                out.push(current.clone());
            }
            return *work <= MAX_SPLITS;
        }
        let most = MAX_COUNT_DIGITS.min(digits.len().saturating_sub(left - 1));
        for len in 1..=most {
            if len > 1 && digits[0] == 0 {
                break;
            }
            let value = digits[..len]
                .iter()
                .fold(0i64, |a, &d| a * 10 + i64::from(d));
            current.push(value);
            let go_on = walk(&digits[len..], left - 1, current, percents, work, out);
            current.pop();
            if !go_on {
                return false;
            }
        }
        true
    }
    let mut out = Vec::new();
    let mut work = 0;
    walk(
        digits,
        percents.len(),
        &mut Vec::new(),
        percents,
        &mut work,
        &mut out,
    )
    .then_some(out)
}

/// Reads the glued tables, numbered from `first + 1`.
fn read_glued(ctx: &Ctx, first: usize) -> (Cells, Vec<Option<String>>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut captions = Vec::new();
    let mut diagnostics = Vec::new();
    for (k, table) in glued_tables(ctx).into_iter().enumerate() {
        let t = first + k + 1;
        let name = match &table.caption {
            Some(c) => format!("数量/百分比表“{c}”"),
            None => format!("第 {t} 张数量/百分比表"),
        };
        captions.push(table.caption.clone());
        let n = table.percents.len();
        let id = |row: usize, percent| CellId::Percent {
            table: t as u32,
            row: row as u32,
            percent,
        };
        let paths: Vec<String> = (1..=n)
            .flat_map(|i| [id(i, false).to_string(), id(i, true).to_string()])
            .collect();
        let printed = ctx.text[table.digits_span.range()].to_string();
        let splits = fitting_splits(&table.digits, &table.percents);
        let counts = match splits.as_deref() {
            Some([only]) => {
                diagnostics.push(
                    Diagnostic::new(
                        Code::GluedSplit,
                        table.digits_span,
                        format!(
                            "{name}的数量“{printed}”粘连在一起；只有拆成 {} 才使每个百分比都等于该项数量占合计的比例，据此拆分。",
                            only.iter().map(i64::to_string).collect::<Vec<_>>().joined(" ")
                        ),
                    )
                    .with_cells(paths.iter().cloned()),
                );
                Some(only.clone())
            }
            _ => {
                let why = match &splits {
                    None => "拆法过多，超出了检查的工作量上限".to_string(),
                    Some(s) if s.is_empty() => "没有一种拆法能与印出的百分比相符".to_string(),
                    Some(s) => format!("有 {} 种拆法都与印出的百分比相符", s.len()),
                };
                diagnostics.push(
                    Diagnostic::new(
                        Code::GluedAmbiguous,
                        table.digits_span,
                        format!(
                            "{name}的数量“{printed}”粘连在一起，{why}，无法确定各项数量；第 1–{n} 项的数量记为缺失。"
                        ),
                    )
                    .with_cells((1..=n).map(|i| id(i, false).to_string()))
                    .with_help("请在原报告中用空格或制表符分开各项数量。"),
                );
                None
            }
        };
        for (i, (value, _, token)) in table.percents.iter().enumerate() {
            let count_cell = counts.as_ref().map(|c| Cell {
                value: Value::Count(c[i]),
                span: table.digits_span,
                line: table.digits_line,
                old: Some(Box::new(OldRowInfo {
                    label: format!("第{}项", i + 1),
                    parent: None,
                    unit: None,
                })),
            });
            out.push((id(i + 1, false).into(), count_cell));
            out.push((
                id(i + 1, true).into(),
                Some(Cell {
                    value: Value::Decimal(*value),
                    span: token.span(),
                    line: ctx.scan.line_of_token(token),
                    old: None,
                }),
            ));
        }
    }
    (out, captions, diagnostics)
}

#[cfg(test)]
mod tests {
    use crate::report::Value;

    fn count(checked: &crate::Checked, path: &str) -> Option<i64> {
        checked
            .report
            .cells
            .get(path)
            .and_then(|c| c.value.as_count())
    }

    #[test]
    fn glued_counts_are_split_by_their_percentages() {
        // Crawler text of seed 003's 表 3: 3, 15, 8 of 26.
        let text = "2017年某市政府信息公开工作年度报告 收到方式当面申请网络申请信函申请数量3158百分比11.54%57.69%30.77%表 3 2017 年全市收到依申请公开方式 图 3";
        let checked = crate::check(text);
        assert_eq!(count(&checked, "pct.1.1"), Some(3));
        assert_eq!(count(&checked, "pct.1.2"), Some(15));
        assert_eq!(count(&checked, "pct.1.3"), Some(8));
        let percent = checked
            .report
            .cells
            .get("pct.1.2.percent")
            .map(|c| &c.value);
        assert!(matches!(percent, Some(Value::Decimal(d)) if d.to_string() == "57.69"));
        let note = checked
            .diagnostics
            .iter()
            .find(|d| d.code.as_str() == "glued-split");
        assert!(note.is_some_and(|d| d.message.contains("3 15 8")));
    }

    #[test]
    fn glued_counts_no_split_fits_stay_unread_with_a_warning() {
        // 31 + 58 or 315 + 8: neither is 50% / 50%.
        let text = "2017年某市政府信息公开工作年度报告 收到方式当面申请网络申请数量3158百分比50%50%表 3 方式";
        let checked = crate::check(text);
        assert_eq!(count(&checked, "pct.1.1"), None);
        let warning = checked
            .diagnostics
            .iter()
            .find(|d| d.code.as_str() == "glued-ambiguous")
            .expect("a warning");
        assert!(warning.cells.iter().any(|c| c.as_ref() == "pct.1.2"));
    }

    #[test]
    fn a_run_with_too_many_splits_stops_at_the_work_bound() {
        let text = format!(
            "2017年某市政府信息公开工作年度报告 方式甲乙丙数量{}百分比{}表 1 方式",
            "1".repeat(100),
            "8.33%".repeat(12)
        );
        let checked = crate::check(&text);
        assert_eq!(count(&checked, "pct.1.1"), None);
        let warning = checked
            .diagnostics
            .iter()
            .find(|d| d.code.as_str() == "glued-ambiguous")
            .expect("a warning");
        assert!(warning.message.contains("拆法过多"), "{}", warning.message);
    }

    #[test]
    fn cells_one_a_line_are_read_as_a_table() {
        // innerText of a web page / PDF reading order: every cell on a line of its own.
        let text = "2017年某市政府信息公开工作年度报告\n全市收到申请 26 件（见表 3）。\n收到方式\n\n当面申请\n\n网络申请\n\n信函申请\n\n数量\n\n3\n\n15\n\n8\n\n百分比\n\n11.54%\n\n57.69%\n\n30.77%\n\n表 3 2017 年全市收到依申请公开方式\n";
        let checked = crate::check(text);
        assert_eq!(count(&checked, "pct.1.2"), Some(15));
        let label = checked
            .report
            .cells
            .get("pct.1.2")
            .and_then(|c| c.old.as_ref());
        assert_eq!(label.map(|o| o.label.as_str()), Some("网络申请"));
        assert_eq!(
            checked.report.pct_captions,
            vec![Some("表 3 2017 年全市收到依申请公开方式".to_string())]
        );
        // One category too few: the labels would shift, so the categories are not named; the
        // k-th count still goes with the k-th percentage.
        let short = crate::check(&text.replace("当面申请\n\n", ""));
        assert_eq!(count(&short, "pct.1.2"), Some(15));
        let label = short
            .report
            .cells
            .get("pct.1.2")
            .and_then(|c| c.old.as_ref());
        assert_eq!(label.map(|o| o.label.as_str()), Some("第2项"));
    }
}
