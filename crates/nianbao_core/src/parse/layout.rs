//! Columns by position in text that keeps the page layout (`pdftotext -layout`): a row
//! with fewer numbers than cells (blank cells leave nothing in the text) is placed by where
//! its numbers stand under the table's header — only on a page that has the header (the
//! header's own page, and following pages that repeat it at their top, as a table printed with
//! 重复标题行 does), only when the header's words stack into exactly the table's column labels,
//! and only when one placement alone fits; otherwise the row stays unread as before.
//!
//! Positions are character columns: pdftotext pads with spaces counting every character as
//! one column, so a column's header words and its numbers share character columns on one page
//! (not across pages: poppler gives each text block the column after the blocks to its left on
//! the same page, so a page's columns depend on everything printed on it; without its own
//! header a page's rows cannot be placed — with no header on the page, the same text can come
//! from numbers in different columns, see tests/fixtures/variants/README.md).

use crate::text::scan::Scan;

/// Where a table's columns stand on each page that has its header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Columns {
    /// Per page, the character columns each column's header words cover, left to right (as
    /// many per page as the table has columns).
    bands: Vec<Span>,
    /// Per page, its byte range (between form feeds): rows elsewhere are not placed.
    pages: Vec<Span>,
}

/// A span: bytes of a page, character columns of a column's header words or of a number.
type Span = (usize, usize);

/// Character column of byte `at` on its line (form feeds do not count: pdftotext starts a
/// page's first line with one). Counted on bytes, without decoding: a character is one byte
/// that does not continue another.
fn column_of(text: &str, at: usize) -> usize {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    chars_in(&text.as_bytes()[line_start..at])
}

fn chars_in(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .filter(|&&b| b & 0xC0 != 0x80 && b != 0x0c)
        .count()
}

/// Most header words looked at (a header is a few dozen).
const MAX_WORDS: usize = 160;

/// The columns of a header printed on the lines `from..to` (byte offsets), whose column
/// labels are `labels` left to right. Words that are part of a label are stacked by
/// overlapping character columns; the stacks, read top to bottom, must spell the labels in
/// order, one stack each (so 申请人情况, the corner note and the group headings are ignored,
/// and a header the layout garbled gives nothing). Adds the header's page to `columns` and
/// gives the page's end.
fn add_header(
    columns: &mut Columns,
    text: &str,
    from: usize,
    to: usize,
    labels: &[&str],
) -> Option<usize> {
    let (from, to) = (from.min(text.len()), to.min(text.len()));
    // A page's first line starts after its form feed.
    let page_start = text[..from].rfind('\x0c').map_or(0, |i| i + 1);
    let from = text[..from]
        .rfind('\n')
        .map_or(0, |i| i + 1)
        .max(page_start);
    let header = text.get(from..to)?;
    // Only text laid out with spaces: a TAB means cells, not positions.
    if header.contains(['\t', '\x0c']) {
        return None;
    }
    // (first column, end column, text) of each header word, line by line.
    let mut words: Vec<(usize, usize, &str)> = Vec::new();
    let bytes = header.as_bytes();
    let (mut col, mut start) = (0, None);
    for i in 0..=bytes.len() {
        let b = bytes.get(i).copied().unwrap_or(b'\n');
        if b != b' ' && b != b'\n' {
            start = start.or(Some((i, col)));
            col += usize::from(b & 0xC0 != 0x80);
            continue;
        }
        if let Some((s, first)) = start.take() {
            let word = &bytes[s..i];
            if labels
                .iter()
                .any(|l| l.as_bytes().windows(word.len()).any(|w| w == word))
            {
                words.push((first, col, header.get(s..i)?));
            }
            if words.len() > MAX_WORDS {
                return None;
            }
        }
        col = if b == b'\n' { 0 } else { col + 1 };
    }
    // Stacks: words whose character columns overlap, transitively (a stack id per word).
    let mut stack: Vec<usize> = (0..words.len()).collect();
    for i in 0..words.len() {
        for j in 0..i {
            let overlap = words[i].0 < words[j].1 && words[j].0 < words[i].1;
            let (old, new) = (stack[i], stack[j]);
            if overlap && old != new {
                for s in stack.iter_mut().filter(|s| **s == old) {
                    *s = new;
                }
            }
        }
    }
    // Left to right, each stack read top to bottom must spell the next label.
    let mut bands = Vec::with_capacity(labels.len());
    let mut done = 0;
    for label in labels {
        let next = (0..words.len())
            .filter(|&w| words[w].0 >= done)
            .min_by_key(|&w| words[w].0)?;
        let mut band = (usize::MAX, 0);
        let mut rest = *label;
        for w in (0..words.len()).filter(|&w| stack[w] == stack[next]) {
            band = (band.0.min(words[w].0), band.1.max(words[w].1));
            rest = rest.strip_prefix(words[w].2)?;
        }
        if !rest.is_empty() {
            return None;
        }
        done = band.1;
        bands.push(band);
    }
    if words.iter().any(|w| w.0 >= done) {
        return None;
    }
    let page_end = text[to..].find('\x0c').map_or(text.len(), |i| to + i);
    columns.bands.append(&mut bands);
    columns.pages.push((page_start, page_end));
    Some(page_end)
}

#[cfg(test)]
fn header_columns(text: &str, from: usize, to: usize, labels: &[&str]) -> Option<Columns> {
    let mut columns = Columns {
        bands: Vec::new(),
        pages: Vec::new(),
    };
    add_header(&mut columns, text, from, to, labels)?;
    Some(columns)
}

/// The columns of a table whose header starts at byte `from` and ends at the line of the
/// first number after it, and of each following page that starts with the same header again
/// (up to the first page that does not).
pub fn table_columns(text: &str, scan: &Scan, from: usize, labels: &[&str]) -> Option<Columns> {
    let mut columns = Columns {
        bands: Vec::new(),
        pages: Vec::new(),
    };
    let mut from = from;
    loop {
        let first = scan
            .tokens
            .partition_point(|t| (t.span().start as usize) < from);
        let Some(value) = scan.tokens[first..].iter().find(|t| t.is_value()) else {
            break;
        };
        let at = value.span().start as usize;
        let to = text[..at].rfind('\n').map_or(0, |i| i + 1);
        // Past this page's form feed: each round moves on a page.
        match add_header(&mut columns, text, from, to, labels) {
            Some(end) => from = end + 1,
            None => break,
        }
    }
    (!columns.pages.is_empty()).then_some(columns)
}

impl Columns {
    /// The column of each value token (`values`, left to right on one line), when exactly
    /// one placement fits: each number's character columns either overlap one or more
    /// columns' header words (it is one of those) or lie in the gap between two neighbouring
    /// columns (one of those two), and the columns increase left to right.
    pub fn place(&self, text: &str, scan: &Scan, values: &[usize]) -> Option<Vec<usize>> {
        let (bands, at) = self.positions(text, scan, values)?;
        let ranges: Vec<(usize, usize)> = at
            .into_iter()
            .map(|(first, end)| candidates(bands, first, end))
            .collect();
        // Each number's columns are a range; the placements increasing left to right are
        // one exactly when the leftmost and the rightmost of them agree.
        let mut left = Vec::with_capacity(ranges.len());
        for &(lo, hi) in &ranges {
            let c = left.last().map_or(lo, |&p: &usize| lo.max(p + 1));
            if c > hi {
                return None;
            }
            left.push(c);
        }
        let mut next = usize::MAX;
        for (i, &(_, hi)) in ranges.iter().enumerate().rev() {
            next = hi.min(next.wrapping_sub(1));
            if next != left[i] {
                return None;
            }
        }
        Some(left)
    }

    /// Whether a full row (a number in every column) stands under its own columns; a row
    /// off the header's pages or spread over lines proves nothing and agrees.
    pub fn agrees(&self, text: &str, scan: &Scan, values: &[usize]) -> bool {
        self.positions(text, scan, values)
            .is_none_or(|(bands, at)| {
                at.iter().enumerate().all(|(i, &(first, end))| {
                    let (lo, hi) = candidates(bands, first, end);
                    lo <= i && i <= hi
                })
            })
    }

    /// The header's columns on the values' page and the character columns of each value,
    /// when all stand on one line of a page with the header.
    fn positions(&self, text: &str, scan: &Scan, values: &[usize]) -> Option<(&[Span], Vec<Span>)> {
        let first = scan.tokens.get(*values.first()?)?;
        let line = scan.line_of_token(first);
        let at = first.span().start as usize;
        let page = self.pages.iter().position(|p| p.0 <= at && at < p.1)?;
        let (from, to) = &self.pages[page];
        let n = self.bands.len() / self.pages.len();
        let bands = &self.bands[page * n..][..n];
        let mut out = Vec::with_capacity(values.len());
        for &v in values {
            let token = scan.tokens.get(v)?;
            let (start, end) = (token.span().start as usize, token.span().end as usize);
            if scan.line_of_token(token) != line || start < *from || end > *to {
                return None;
            }
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            if text[line_start..start].contains('\t') {
                return None;
            }
            let first = column_of(text, start);
            out.push((first, first + chars_in(&text.as_bytes()[start..end])));
        }
        Some((bands, out))
    }
}

/// The columns a number can be in: those whose header words it overlaps, else the two either
/// side of the gap it stands in (first and last column, inclusive).
fn candidates(bands: &[Span], first: usize, end: usize) -> Span {
    let lo = bands.partition_point(|b| b.1 <= first);
    let hi = bands.partition_point(|b| b.0 < end);
    if lo < hi {
        (lo, hi - 1)
    } else {
        (lo.saturating_sub(1), lo.min(bands.len().saturating_sub(1)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::scan::scan;

    const T3: [&str; 7] = [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ];

    // pdftotext -layout of a table 三 whose blank columns print nothing (平潭 2022).
    const HEADER: &str = "                                                      申请人情况
                                                     法人或其他组织
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之                 商   科
               和）                自然                    社会公 法律服     总
                                  人              业   研         其   计
                                                        益   务
                                                 企   机         他
                                                        组织 机构
                                                 业   构
";

    fn values(s: &crate::text::scan::Scan) -> Vec<usize> {
        (0..s.tokens.len())
            .filter(|&i| s.tokens[i].is_value())
            .collect()
    }

    #[test]
    fn header_words_stack_into_the_column_labels() {
        let columns = header_columns(HEADER, 0, HEADER.len(), &T3).expect("columns");
        assert_eq!(columns.bands.len(), 7);
        assert_eq!(columns.bands[0], (33, 35));
        assert_eq!(columns.bands[6], (67, 68));
    }

    #[test]
    fn short_rows_are_placed_only_when_one_placement_fits() {
        let row = "          一、本年新收政府信息公开申请数量                  71   3                 74\n";
        let text = format!("{HEADER}{row}");
        let columns = header_columns(&text, 0, HEADER.len(), &T3).expect("columns");
        let s = scan(&text);
        let got = columns.place(&text, &s, &values(&s));
        assert_eq!(got, Some(vec![0, 1, 6]));
        // A lone number in the gap between 自然人 and 商业企业: either column fits.
        let row = "          一、本年新收政府信息公开申请数量                  71\n";
        let text = format!("{HEADER}{row}");
        let s = scan(&text);
        assert_eq!(columns.place(&text, &s, &values(&s)), None);
        // On another page the header's positions say nothing.
        let row = "\x0c          一、本年新收政府信息公开申请数量                  71   3                 74\n";
        let text = format!("{HEADER}{row}");
        let columns = header_columns(&text, 0, HEADER.len(), &T3).expect("columns");
        let s = scan(&text);
        assert_eq!(columns.place(&text, &s, &values(&s)), None);
    }

    #[test]
    fn a_page_that_repeats_the_header_is_placed_by_its_own() {
        let row = "          一、本年新收政府信息公开申请数量                  71   3                 74\n";
        // Page 2 repeats the header on its own scale (ten columns further right); page 3
        // does not repeat it.
        let shifted: String = format!("{HEADER}{row}")
            .lines()
            .map(|l| format!("          {l}\n"))
            .collect();
        let text = format!("{HEADER}{row}\x0c{shifted}\x0c{row}");
        let s = scan(&text);
        let columns = table_columns(&text, &s, 0, &T3).expect("columns");
        assert_eq!(columns.pages.len(), 2);
        let placed: Vec<_> = values(&s)
            .chunks(3)
            .map(|row| columns.place(&text, &s, row))
            .collect();
        assert_eq!(placed, [Some(vec![0, 1, 6]), Some(vec![0, 1, 6]), None]);
        // Page 1's header alone would not place page 2's row.
        let first = header_columns(&text, 0, HEADER.len(), &T3).expect("columns");
        assert_eq!(first.place(&text, &s, &values(&s)[3..6]), None);
    }

    #[test]
    fn a_garbled_header_gives_no_columns() {
        let header = HEADER.replace("组织 机构", "组织机构");
        assert_eq!(header_columns(&header, 0, header.len(), &T3), None);
        let tabs = "自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n";
        assert_eq!(header_columns(tabs, 0, tabs.len(), &T3), None);
    }
}
