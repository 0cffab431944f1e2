//! Report metadata: the title, the agency that wrote it and the report (statistics) year,
//! with the places each year is stated kept apart for the consistency rule.

use crate::report::{Span, YearEvidence};
use crate::text::chars::{normalize, Norm};
use crate::text::find::find_all;

pub struct Meta {
    pub title: Option<String>,
    pub title_span: Option<Span>,
    pub agency: Option<String>,
    pub years: YearEvidence,
}

/// How far into the text a title may start (bytes): past page chrome, not into the body.
const TITLE_SEARCH: usize = 1200;

pub fn read(text: &str) -> Meta {
    let found = find_title(text);
    let title = found.as_ref().map(|(t, _)| t.clone());
    let title_span = found.as_ref().map(|(_, s)| *s);
    let title_year = found
        .as_ref()
        .and_then(|(t, span)| first_year(t).map(|(y, _)| (y, *span)));
    let agency = title.as_deref().and_then(agency_of);
    Meta {
        title,
        title_span,
        agency,
        years: YearEvidence {
            title: title_year,
            period: period_year(text),
        },
    }
}

const TITLE_ENDINGS: [&str; 2] = ["年度报告", "年报"];

/// The title: a short line (or, in text with no line breaks, a space-delimited segment) that
/// ends with 年度报告 and is about 政府信息公开.
fn find_title(text: &str) -> Option<(String, Span)> {
    // "年度报告" anywhere near the top beats the looser "年报" (a breadcrumb "…年报" is chrome).
    TITLE_ENDINGS
        .iter()
        .find_map(|ending| find_title_ending(text, ending))
}

fn find_title_ending(text: &str, ending: &str) -> Option<(String, Span)> {
    let limit = floor_char_boundary(text, TITLE_SEARCH.min(text.len()));
    let mut previous_line: Option<(usize, &str)> = None;
    let mut offset = 0;
    for raw_line in text[..limit].split_inclusive(['\n', '\r']) {
        let line_start = offset;
        offset += raw_line.len();
        let line = raw_line.trim_end_matches(['\n', '\r']);
        for (segment_start, segment) in segments(line) {
            // Compacting only drops and normalizes characters: without a 政 in the raw text
            // there is none in the compact one (most lines near the top are not titles).
            if !segment.contains('政') {
                continue;
            }
            let squeezed = compact(segment);
            if !squeezed.contains("政府信息公开") && !squeezed.contains("政务公开") {
                continue;
            }
            let Some(end) = squeezed.find(ending).map(|i| i + ending.len()) else {
                continue;
            };
            let mut title = squeezed[..end].to_string();
            if let Some(i) = title.rfind("现公布") {
                title = title[i + "现公布".len()..].to_string();
            }
            let chrome = [
                "当前位置",
                "首页",
                "根据",
                "本报告",
                "本年度报告",
                "《",
                "<",
                "〈",
            ];
            let about_disclosure = title.contains("政府信息公开") || title.contains("政务公开");
            if !about_disclosure
                || chrome.iter().any(|c| title.contains(c))
                || title.chars().count() > 60
            {
                continue;
            }
            // "乌海市工业和信息化局\n政府信息公开工作年度报告": the agency is on the line before.
            if title.starts_with("政府信息公开") {
                if let Some((prev_start, prev)) = previous_line {
                    let prev_compact = compact(prev);
                    if !prev_compact.is_empty()
                        && prev_compact.chars().count() <= 30
                        && !prev_compact.contains('。')
                    {
                        let span =
                            Span::new(prev_start, line_start + segment_start + segment.len());
                        return Some((format!("{prev_compact}{title}"), span));
                    }
                }
            }
            let span = Span::new(
                line_start + segment_start,
                line_start + segment_start + segment.len(),
            );
            return Some((title, span));
        }
        if !line.trim().is_empty() {
            previous_line = Some((line_start, line));
        }
    }
    None
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A line split at runs of two or more spaces (crawler text joins page parts that way), or the
/// whole line when it is short.
fn segments(line: &str) -> Vec<(usize, &str)> {
    if line.chars().count() <= 80 {
        return vec![(0, line)];
    }
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in line.char_indices() {
        if matches!(normalize(c), Norm::Space) || c == '\t' {
            if i > start {
                out.push((start, &line[start..i]));
            }
            start = i + c.len_utf8();
        }
    }
    if start < line.len() {
        out.push((start, &line[start..]));
    }
    out
}

/// Text without spaces, invisible characters and Markdown bold markers; full-width digits
/// made ASCII so years read.
fn compact(s: &str) -> String {
    s.replace("**", "")
        .chars()
        .filter_map(|c| match normalize(c) {
            Norm::Char(n) if n.is_ascii_digit() => Some(n),
            Norm::Char(_) => Some(c),
            _ => None,
        })
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .trim_matches(['#', '*'])
        .to_string()
}

/// The first "2020年" in a string (digits may be full-width or spaced: "2020 年").
fn first_year(s: &str) -> Option<(u16, usize)> {
    let chars: Vec<(usize, char)> = s
        .char_indices()
        .filter_map(|(i, c)| match normalize(c) {
            Norm::Char(n) => Some((i, n)),
            Norm::Space => Some((i, ' ')),
            Norm::Skip => None,
        })
        .collect();
    for w in 0..chars.len() {
        if w > 0 && chars[w - 1].1.is_ascii_digit() {
            continue;
        }
        let Some(digits) = chars
            .get(w..w + 4)
            .filter(|four| four.iter().all(|(_, c)| c.is_ascii_digit()))
        else {
            continue;
        };
        let mut k = w + 4;
        while k < chars.len() && chars[k].1 == ' ' {
            k += 1;
        }
        if k < chars.len() && chars[k].1 == '年' {
            let year = digits
                .iter()
                .fold(0u16, |y, &(_, d)| y * 10 + (d as u16 - u16::from(b'0')));
            if (2000..=2100).contains(&year) {
                return Some((year, chars[w].0));
            }
        }
    }
    None
}

/// The agency: the title without the year and the words "政府信息公开工作年度报告".
fn agency_of(title: &str) -> Option<String> {
    let stem_end = title.find("政府信息公开").unwrap_or(title.len());
    let stem = &title[..stem_end];
    let agency = match first_year(stem) {
        Some((_, at)) if at == 0 => {
            // "2020年金林区…": the agency follows the year.
            let after = &stem[at..];
            let cut = after.find('年').map_or(0, |i| i + '年'.len_utf8());
            after[cut..].trim_start_matches('度').to_string()
        }
        Some((_, at)) => stem[..at].to_string(),
        None => stem.to_string(),
    };
    let agency = agency
        .trim_matches(|c: char| c.is_whitespace() || c == '度')
        .to_string();
    (!agency.is_empty()).then_some(agency)
}

/// The year of the statistics period ("统计期限为2020年1月1日至12月31日").
fn period_year(text: &str) -> Option<(u16, Span)> {
    // Every marker holds "统计": one search for it instead of one per marker.
    let hits: Vec<usize> = find_all(text, "统计").collect();
    for marker in ["统计期限", "统计时限", "统计时间", "统计时段", "数据统计期"]
    {
        let lead = marker.find("统计").unwrap_or(0);
        let starts = hits
            .iter()
            .filter_map(|&hit| hit.checked_sub(lead))
            // Bytes, not `str`: `at` is a character boundary only when the marker is there.
            .filter(|&at| text.as_bytes()[at..].starts_with(marker.as_bytes()));
        for at in starts {
            let window_end = floor_char_boundary(text, (at + 90).min(text.len()));
            let window = &text[at..window_end];
            if let Some((year, offset)) = first_year(window) {
                let start = at + offset;
                return Some((year, Span::new(start, start + 4)));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title_and_agency(text: &str) -> (Option<String>, Option<String>) {
        let m = read(text);
        (m.title, m.agency)
    }

    #[test]
    fn titles_and_agencies() {
        assert_eq!(
            title_and_agency(" 铁力市2020年政府信息公开工作年度报告\n\n本报告依据"),
            (
                Some("铁力市2020年政府信息公开工作年度报告".into()),
                Some("铁力市".into())
            )
        );
        assert_eq!(
            title_and_agency(" 2020 年金林区政府信息公开工作年度报告\n").1,
            Some("金林区".into())
        );
        assert_eq!(
            title_and_agency("\n\n镜管委 2020 年政府信息公开 工作年度报告\n").0,
            Some("镜管委2020年政府信息公开工作年度报告".into())
        );
        assert_eq!(
            title_and_agency("乌海市工业和信息化局\n政府信息公开工作年度报告\n为切实做好"),
            (
                Some("乌海市工业和信息化局政府信息公开工作年度报告".into()),
                Some("乌海市工业和信息化局".into())
            )
        );
        assert_eq!(
            title_and_agency("2019年上海市人民政府办公厅政府信息公开工作年度报告\n").1,
            Some("上海市人民政府办公厅".into())
        );
    }

    #[test]
    fn period_markers_are_found_in_order_of_preference() {
        let period = |text: &str| read(text).years.period.map(|y| y.0);
        assert_eq!(period("标题\nx统计时段：2019年全年"), Some(2019));
        // "统计" two bytes into the text: three bytes before it is no character boundary.
        assert_eq!(period("甲a统计年报，数据统计期2018年"), Some(2018));
        // An earlier-listed marker wins even when it comes later in the text.
        assert_eq!(period("统计时间2017年。统计期限为2016年"), Some(2016));
        assert_eq!(period("没有统计口径"), None);
    }

    #[test]
    fn period_year_is_read_apart_from_the_title() {
        let m = read("2017年伊春市政府信息公开工作年度报告\n本报告中使用数据统计期限为2016年1月1日至12月31日。");
        assert_eq!(m.years.title.map(|y| y.0), Some(2017));
        assert_eq!(m.years.period.map(|y| y.0), Some(2016));
    }
}
