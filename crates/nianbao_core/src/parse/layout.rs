//! Columns by position in text that keeps the page's layout (`pdftotext -layout`): a row
//! with fewer numbers than cells (blank cells leave nothing in the text) is placed by where
//! its numbers stand under the table's header — only on the header's own page, only when the
//! header's words stack into exactly the table's column labels, and only when one placement
//! alone fits; otherwise the row stays unread as before.
//!
//! Positions are character columns: pdftotext pads with spaces counting every character as
//! one column, so a column's header words and its numbers share character columns on one page
//! (not across pages: each page is laid out on its own scale).

use crate::text::scan::Scan;

/// Where a table's columns stand on the header's page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Columns {
    /// Per column, left to right, the character columns its header words cover.
    bands: Vec<(usize, usize)>,
    /// Byte range of the header's page (between form feeds): rows elsewhere are not placed.
    page: (usize, usize),
}

/// Character column of byte `at` on its line (form feeds do not count: pdftotext starts a
/// page's first line with one).
fn column_of(text: &str, at: usize) -> usize {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..at]
        .chars()
        .filter(|&c| c != '\x0c')
        .count()
}

/// The columns of a header printed on the lines `from..to` (byte offsets), whose column
/// labels are `labels` left to right. Words made only of the labels' characters are stacked
/// by overlapping character columns; the stacks, read top to bottom, must spell the labels in
/// order, one stack each (so 申请人情况, the corner note and the group headings are ignored,
/// and a header the layout garbled gives nothing).
pub fn header_columns(text: &str, from: usize, to: usize, labels: &[&str]) -> Option<Columns> {
    let (from, to) = (from.min(text.len()), to.min(text.len()));
    let from = text[..from].rfind('\n').map_or(0, |i| i + 1);
    let header = text.get(from..to)?;
    // Only text laid out with spaces: a TAB means cells, not positions.
    if header.contains('\t') || header.contains('\x0c') {
        return None;
    }
    let alphabet: Vec<char> = labels.iter().flat_map(|l| l.chars()).collect();
    // (line, first column, end column, text) of each header word.
    let mut words: Vec<(usize, usize, usize, &str)> = Vec::new();
    for (line, text_line) in header.split('\n').enumerate() {
        let mut start: Option<(usize, usize)> = None;
        let chars = text_line.char_indices().chain([(text_line.len(), ' ')]);
        for (col, (i, c)) in chars.enumerate() {
            let space = c.is_whitespace();
            match (start, space) {
                (None, false) => start = Some((i, col)),
                (Some((b, first)), true) => {
                    let word = &text_line[b..i];
                    if word.chars().all(|c| alphabet.contains(&c)) {
                        words.push((line, first, col, word));
                    }
                    start = None;
                }
                _ => {}
            }
        }
        if words.len() > 4 * alphabet.len() {
            return None;
        }
    }
    // Stacks: words whose character columns overlap, transitively.
    let mut stacks: Vec<(usize, usize, Vec<usize>)> = Vec::new();
    for (w, &(_, first, end, _)) in words.iter().enumerate() {
        let mut joined = (first, end, vec![w]);
        let mut k = 0;
        while k < stacks.len() {
            let (a, b, _) = &stacks[k];
            if *a < joined.1 && joined.0 < *b {
                let (a, b, mut ws) = stacks.swap_remove(k);
                joined.0 = joined.0.min(a);
                joined.1 = joined.1.max(b);
                joined.2.append(&mut ws);
                k = 0;
            } else {
                k += 1;
            }
        }
        stacks.push(joined);
    }
    if stacks.len() != labels.len() {
        return None;
    }
    crate::order::sort_by_key(&mut stacks, |s| s.0);
    for ((_, _, ws), label) in stacks.iter_mut().zip(labels) {
        crate::order::sort_by_key(ws, |&w| (words[w].0, words[w].1));
        let spelled: String = ws.iter().map(|&w| words[w].3).collect();
        if spelled != *label {
            return None;
        }
    }
    let page_start = text[..from].rfind('\x0c').map_or(0, |i| i + 1);
    let page_end = text[to..].find('\x0c').map_or(text.len(), |i| to + i);
    Some(Columns {
        bands: stacks.iter().map(|s| (s.0, s.1)).collect(),
        page: (page_start, page_end),
    })
}

impl Columns {
    /// The column of each value token (`values`, left to right on one line), when exactly
    /// one placement fits: each number's character columns either overlap one or more
    /// columns' header words (it is one of those) or lie in the gap between two neighbouring
    /// columns (one of those two), and the columns increase left to right.
    pub fn place(&self, text: &str, scan: &Scan, values: &[usize]) -> Option<Vec<usize>> {
        let candidates: Vec<Vec<usize>> = self
            .positions(text, scan, values)?
            .into_iter()
            .map(|(first, end)| self.candidates(first, end))
            .collect();
        // Increasing placements, counted up to two (widths are at most 15 columns).
        let mut found: Option<Vec<usize>> = None;
        let mut count = 0;
        let mut chosen = Vec::with_capacity(values.len());
        self.search(&candidates, &mut chosen, &mut found, &mut count);
        (count == 1).then_some(found).flatten()
    }

    /// Whether the values stand on one line of the header's page, laid out with spaces.
    pub fn on_page_line(&self, text: &str, scan: &Scan, values: &[usize]) -> bool {
        self.positions(text, scan, values).is_some()
    }

    /// Character columns of each value, when all stand on one line of the header's page.
    fn positions(&self, text: &str, scan: &Scan, values: &[usize]) -> Option<Vec<(usize, usize)>> {
        let first = scan.tokens.get(*values.first()?)?;
        let line = scan.line_of_token(first);
        let mut out = Vec::with_capacity(values.len());
        for &v in values {
            let token = scan.tokens.get(v)?;
            let (start, end) = (token.span.start as usize, token.span.end as usize);
            if scan.line_of_token(token) != line || start < self.page.0 || end > self.page.1 {
                return None;
            }
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            if text[line_start..start].contains('\t') {
                return None;
            }
            let first = column_of(text, start);
            out.push((first, first + text[start..end].chars().count()));
        }
        Some(out)
    }

    fn candidates(&self, first: usize, end: usize) -> Vec<usize> {
        let overlapping: Vec<usize> = (0..self.bands.len())
            .filter(|&c| self.bands[c].0 < end && first < self.bands[c].1)
            .collect();
        if !overlapping.is_empty() {
            return overlapping;
        }
        // In a gap: the column on either side of it.
        let right = self.bands.partition_point(|b| b.1 <= first);
        let mut gap = Vec::with_capacity(2);
        if right > 0 {
            gap.push(right - 1);
        }
        if right < self.bands.len() {
            gap.push(right);
        }
        gap
    }

    fn search(
        &self,
        candidates: &[Vec<usize>],
        chosen: &mut Vec<usize>,
        found: &mut Option<Vec<usize>>,
        count: &mut usize,
    ) {
        if *count > 1 {
            return;
        }
        let Some(options) = candidates.get(chosen.len()) else {
            *count += 1;
            *found = Some(chosen.clone());
            return;
        };
        for &c in options {
            if chosen.last().is_some_and(|&p| c <= p) {
                continue;
            }
            chosen.push(c);
            self.search(candidates, chosen, found, count);
            chosen.pop();
        }
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
    fn a_garbled_header_gives_no_columns() {
        let header = HEADER.replace("组织 机构", "组织机构");
        assert_eq!(header_columns(&header, 0, header.len(), &T3), None);
        let tabs = "自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n";
        assert_eq!(header_columns(tabs, 0, tabs.len(), &T3), None);
    }
}
