//! The report's numbered parts (一、总体情况 … 六、其他需要报告的事项), found by their numeral
//! and a keyword of the official title, in increasing order — so a table row such as
//! "四、结转下年度继续办理" is never taken for part 四.

use crate::report::{Section, Span};
use crate::text::chars::{is_label_char, normalize, Norm};
use crate::text::find::find_all;
use crate::text::scan::Scan;

/// Keywords of each part's title (format-spec: report skeleton; old reports use 概述 and
/// freer titles).
const KEYWORDS: [&[&str]; 6] = [
    &["总体情况", "概述", "基本情况"],
    &["主动公开", "政府信息公开情况"],
    &["收到和处理", "依申请", "申请公开"],
    &["行政复议", "行政诉讼", "复议诉讼", "工作思路", "收费"],
    &["存在的主要问题", "主要问题", "改进情况", "问题及改进"],
    &["其他需要报告", "其他事项", "需要说明"],
];

const NUMERALS: [char; 6] = ['一', '二', '三', '四', '五', '六'];

/// Canonical characters of the heading text right after a marker, across a few tokens.
const TITLE_WINDOW: usize = 28;

pub fn find(text: &str, scan: &Scan) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    let mut last = 0u8;
    for (marker_at, numeral) in markers(text) {
        let number = numeral as u8 + 1;
        if number <= last {
            continue;
        }
        let after = marker_at + '、'.len_utf8() + NUMERALS[numeral].len_utf8();
        let window = canonical_window(text, after, TITLE_WINDOW);
        let has_keyword = KEYWORDS[numeral].iter().any(|k| window.contains(k));
        if !has_keyword {
            continue;
        }
        let title = title_text(text, marker_at, after, &window, KEYWORDS[numeral]);
        let line = scan.line_of(marker_at as u32);
        let span = Span::new(marker_at, after + title_len_bytes(text, after, &title));
        sections.push(Section {
            number,
            title,
            span,
            line,
        });
        last = number;
    }
    sections
}

/// Positions of "一、" … "六、" (the numeral's byte offset, numeral index).
fn markers(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    find_all(text, "、").filter_map(move |at| {
        let before = text[..at].chars().next_back()?;
        let numeral = NUMERALS.iter().position(|&n| n == before)?;
        let marker_at = at - before.len_utf8();
        // The numeral must not be part of a longer number word ("十一、", "第二、").
        let prior = text[..marker_at].chars().next_back();
        if prior.is_some_and(|p| matches!(p, '十' | '第' | '之' | '、') || NUMERALS.contains(&p))
        {
            return None;
        }
        Some((marker_at, numeral))
    })
}

fn canonical_window(text: &str, from: usize, limit: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    for (i, c) in text[from..].char_indices() {
        if c == '\n' && count > 0 {
            break;
        }
        // Numbers end a heading ("…继续办理1000001四、…"), except a year ("2018 年工作思路").
        if let Norm::Char(d) = normalize(c) {
            if d.is_ascii_digit() {
                let rest = &text[from + i..];
                let year_like = rest
                    .chars()
                    .skip_while(|c| matches!(normalize(*c), Norm::Char(d) if d.is_ascii_digit()))
                    .find(|c| !c.is_whitespace())
                    == Some('年');
                if !year_like {
                    break;
                }
            }
        }
        if let Norm::Char(c) = normalize(c) {
            if is_label_char(c) {
                out.push(c);
                count += 1;
                if count >= limit {
                    break;
                }
            }
        }
    }
    out
}

/// The title as printed when the heading has a line to itself, else the keyword phrase.
fn title_text(
    text: &str,
    marker_at: usize,
    from: usize,
    window: &str,
    keywords: &[&str],
) -> String {
    // Both walks stop early: a text pasted as one long line (common for web copies) must not
    // be read whole once per heading.
    let alone_at_start = text[..marker_at]
        .chars()
        .rev()
        .take_while(|&c| c != '\n' && c != '\r')
        .all(|c| c.is_whitespace() || c == '*' || matches!(normalize(c), Norm::Space | Norm::Skip));
    if alone_at_start {
        // Only a short line is a title; 33 kept characters are enough to know it is not.
        let line: String = text[from..]
            .chars()
            .take_while(|&c| c != '\n' && c != '\r')
            .filter(|c| !c.is_whitespace() && normalize(*c) != Norm::Space)
            .take(33)
            .collect();
        if line.chars().count() <= 32 {
            return line.trim_end_matches(['。', '.', '：', ':']).to_string();
        }
    }
    // Glued text: from the first keyword, cut after the "情况"/"事项" that ends the title.
    let Some((at, keyword)) = keywords
        .iter()
        .filter_map(|k| window.find(k).map(|i| (i, *k)))
        .min()
    else {
        return String::new();
    };
    let rest = &window[at..];
    let end = ["情况", "事项"]
        .iter()
        .filter_map(|e| rest.find(e).map(|i| i + e.len()))
        .filter(|&i| i <= 30 * 3)
        .min()
        .unwrap_or(keyword.len());
    window[..at + end].to_string()
}

fn title_len_bytes(text: &str, from: usize, title: &str) -> usize {
    // Walk the original until the title's label characters are consumed.
    let wanted: Vec<char> = title.chars().filter(|c| is_label_char(*c)).collect();
    let mut matched = 0;
    for (i, c) in text[from..].char_indices() {
        if matched == wanted.len() {
            return i;
        }
        if let Norm::Char(n) = normalize(c) {
            if is_label_char(n) && wanted.get(matched) == Some(&n) {
                matched += 1;
            }
        }
    }
    text.len() - from
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::scan::scan;

    fn numbers_and_titles(text: &str) -> Vec<(u8, String)> {
        find(text, &scan(text))
            .into_iter()
            .map(|s| (s.number, s.title))
            .collect()
    }

    #[test]
    fn table_rows_are_not_sections() {
        let text = "一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n\
                    一、本年新收 1\n四、结转下年度继续办理 0\n四、政府信息公开行政复议、行政诉讼情况\n\
                    五、存在的主要问题及改进情况\n六、其他需要报告的事项\n";
        let found = numbers_and_titles(text);
        assert_eq!(found.len(), 6);
        assert_eq!(
            found[3],
            (4, "政府信息公开行政复议、行政诉讼情况".to_string())
        );
    }

    #[test]
    fn glued_headings_get_a_short_title() {
        let text = "前言。一、总体情况2019年，在省政府办公厅。二、主动公开政府信息情况 第二十条";
        let found = numbers_and_titles(text);
        assert_eq!(found[0], (1, "总体情况".to_string()));
        assert_eq!(found[1], (2, "主动公开政府信息情况".to_string()));
    }
}
