//! The prose as a stream of normalized characters with their byte spans: whitespace and line
//! breaks dropped (hard-wrapped PDF text joins up again), characters normalized by
//! `text::chars` (full-width forms ASCII, every kind of space a space),
//! Markdown `*` removed. Sentences and clauses are ranges of the stream; numbers carry the
//! unit printed after them.

use crate::report::Span;
use crate::text::chars::{is_cjk, is_space, normalize, Norm};

/// One character of the prose. 8 bytes: the stream holds one per character of the report, so
/// its size is most of the checker's memory on a big paste. Where the original character ends
/// and whether whitespace came before it are read back from the text when asked.
#[derive(Clone, Copy, Debug)]
pub struct Ch {
    pub c: char,
    pub start: u32,
}

/// The normalized prose.
pub struct Stream<'a> {
    text: &'a str,
    pub chars: Vec<Ch>,
    sentences: Vec<(usize, usize)>,
}

impl<'a> Stream<'a> {
    /// The prose of `text` outside `table`, a pre-2019 statistics table (a table row is no
    /// prose, and a table repeated by the thousand must not cost 8 bytes a character here).
    pub fn new(text: &'a str, table: Option<Span>) -> Stream<'a> {
        let (skip_from, skip_to) = table.map_or((0, 0), |t| (t.start as usize, t.end as usize));
        // Enough for every character kept: growing the vector instead would hold the old and the
        // new buffer at once, and wasm memory never shrinks back. ASCII whitespace is never kept,
        // so it gets no room: a paste that is half spaces ("1 1 1 …") has half the stream.
        let outside = [text.get(..skip_from), text.get(skip_to..)];
        let kept_at_most: usize = outside
            .iter()
            .flatten()
            .map(|part| {
                part.bytes()
                    .filter(|&b| !b.is_ascii_whitespace() && b & 0xC0 != 0x80)
                    .count()
            })
            .sum();
        let mut chars = Vec::with_capacity(kept_at_most);
        let mut sentences = Vec::new();
        let mut sentence_start = 0;
        for (i, raw) in text.char_indices() {
            if (skip_from..skip_to).contains(&i) {
                continue;
            }
            let c = if is_cjk(raw) || raw.is_ascii_graphic() && raw != '*' {
                // Ideographs and ASCII are already normal: most characters stop here.
                raw
            } else {
                // Spaces, line breaks, invisible characters and Markdown `*` are dropped.
                match normalize(raw) {
                    Norm::Char(c) if c != '*' && !is_space(c) => c,
                    _ => continue,
                }
            };
            if is_sentence_end(c) {
                if chars.len() > sentence_start {
                    sentences.push((sentence_start, chars.len()));
                }
                sentence_start = chars.len() + 1;
            }
            chars.push(Ch { c, start: i as u32 });
        }
        if chars.len() > sentence_start {
            sentences.push((sentence_start, chars.len()));
        }
        Stream {
            text,
            chars,
            sentences,
        }
    }

    pub fn string(&self, from: usize, to: usize) -> String {
        let mut out = String::new();
        self.string_into(from, to, &mut out);
        out
    }

    /// [`Stream::string`] into a buffer that is reused (cleared first).
    pub fn string_into(&self, from: usize, to: usize, out: &mut String) {
        let chars = &self.chars[from..to];
        out.clear();
        // Prose is mostly ideographs, three bytes each: one allocation instead of regrowing.
        out.reserve(chars.len() * 3);
        out.extend(chars.iter().map(|c| c.c));
    }

    /// Whether `word` is printed at `at`, ending within `to` (compared in place, no `String`).
    pub fn word_at(&self, at: usize, to: usize, word: &str) -> bool {
        let mut chars = self.chars[at.min(to)..to.min(self.chars.len())].iter();
        word.chars().all(|w| chars.next().is_some_and(|c| c.c == w))
    }

    pub fn span(&self, from: usize, to: usize) -> Span {
        if from >= to || to > self.chars.len() {
            let at = self.chars.get(from).map_or(0, |c| c.start);
            return Span::new(at as usize, at as usize);
        }
        Span::new(
            self.chars[from].start as usize,
            self.end(&self.chars[to - 1]) as usize,
        )
    }

    /// Where the original of a character ends.
    pub fn end(&self, ch: &Ch) -> u32 {
        let original = self
            .text
            .get(ch.start as usize..)
            .and_then(|s| s.chars().next());
        ch.start + original.map_or(0, |c| c.len_utf8() as u32)
    }

    /// Whether whitespace stood between character `i` and the one before it.
    fn spaced_before(&self, i: usize) -> bool {
        let (Some(before), Some(ch)) =
            (i.checked_sub(1).map(|b| &self.chars[b]), self.chars.get(i))
        else {
            return false;
        };
        let gap = self.text.get(self.end(before) as usize..ch.start as usize);
        gap.unwrap_or("").chars().any(is_space)
    }

    /// Sentence ranges, split at 。；！？ (and their ASCII forms): the ranges between them.
    pub fn sentences(&self) -> &[(usize, usize)] {
        &self.sentences
    }
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | ';' | '!' | '?')
}

/// Ranges of `chars[from..to]` between delimiter characters (delimiters excluded, empty
/// ranges dropped).
pub fn split(
    chars: &[Ch],
    from: usize,
    to: usize,
    is_delimiter: impl Fn(char) -> bool,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = from;
    for (i, ch) in chars.iter().enumerate().take(to).skip(from) {
        if is_delimiter(ch.c) {
            if i > start {
                out.push((start, i));
            }
            start = i + 1;
        }
    }
    if to > start {
        out.push((start, to));
    }
    out
}

/// Clause delimiters: commas, 、, colons and brackets.
pub fn is_clause_delimiter(c: char) -> bool {
    matches!(
        c,
        ',' | '、' | ':' | '(' | ')' | '“' | '”' | '"' | '《' | '》'
    )
}

/// A whole number printed in the prose, with the unit character after it.
#[derive(Clone, Copy, Debug)]
pub struct Num {
    pub value: i64,
    /// Stream range of the digits.
    pub from: usize,
    pub to: usize,
    /// The unit right after (件, 条, 起, 宗), if any.
    pub unit: Option<char>,
}

pub const UNITS: [char; 4] = ['件', '条', '起', '宗'];

/// Whole numbers in `chars[from..to]`: ASCII digit runs (after normalization) with optional
/// thousands separators; decimals and numbers glued to letters are skipped.
pub fn numbers(stream: &Stream, from: usize, to: usize) -> Vec<Num> {
    let chars = &stream.chars[..];
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        if !chars[i].c.is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        // Read as the digits go: at most 12 count, so the value cannot overflow.
        let (mut value, mut digits) = (0i64, 0usize);
        while i < to && chars[i].c.is_ascii_digit() && (i == start || !stream.spaced_before(i)) {
            if digits < 12 {
                value = value * 10 + (chars[i].c as i64 - '0' as i64);
            }
            digits += 1;
            i += 1;
            // "1,234": a comma followed by exactly three digits.
            if i + 3 < to
                && chars[i].c == ','
                && chars[i + 1..=i + 3].iter().all(|c| c.c.is_ascii_digit())
                && !(i + 4 < to && chars[i + 4].c.is_ascii_digit())
            {
                i += 1;
            }
        }
        let end = i;
        let after = chars.get(end).map(|c| c.c);
        let before = start.checked_sub(1).map(|b| chars[b].c);
        let decimal =
            after == Some('.') && chars.get(end + 1).is_some_and(|c| c.c.is_ascii_digit());
        let fraction = before == Some('.');
        let glued = before.is_some_and(|c| c.is_ascii_alphabetic() || c == '-' || c == '/')
            || after.is_some_and(|c| c.is_ascii_alphabetic() || c == '%' || c == '-' || c == '/');
        if decimal {
            // Skip the fraction too.
            i = end + 1;
            while i < to && chars[i].c.is_ascii_digit() {
                i += 1;
            }
            continue;
        }
        if fraction || glued || digits > 12 {
            continue;
        }
        let unit = after.filter(|c| UNITS.contains(c)).filter(|_| end < to);
        out.push(Num {
            value,
            from: start,
            to: end,
            unit,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prose_character_stays_eight_bytes_and_keeps_its_span() {
        assert_eq!(std::mem::size_of::<Ch>(), 8);
        let stream = Stream::new("收到 申请１２件𠀀。", None);
        let last = stream.chars.last().unwrap();
        assert_eq!((last.c, last.start, stream.end(last)), ('。', 26, 29));
        let wide = stream.chars.iter().find(|c| c.c == '𠀀').unwrap();
        assert_eq!(stream.end(wide) - wide.start, 4);
        assert_eq!(stream.span(0, stream.chars.len()).end, 29);
    }

    #[test]
    fn a_table_is_left_out_of_the_prose() {
        let text = "全年受理3件。统计指标 单位 数量\n受理件数 件 3\n以上。";
        let table = Span::new(
            text.find("受理件数").unwrap(),
            text.find("3\n以上").unwrap() + 1,
        );
        let s = Stream::new(text, Some(table));
        assert_eq!(
            s.string(0, s.chars.len()),
            "全年受理3件。统计指标单位数量以上。"
        );
        assert!(s
            .chars
            .iter()
            .all(|c| !table.range().contains(&(c.start as usize))));
        assert!(s.chars.capacity() >= s.chars.len());
    }

    #[test]
    fn wrapped_text_joins_and_spans_stay_in_the_original() {
        let text = "依法按时办结1件，其中予以公开1件（因部分申请内\n\n容不属于）";
        let s = Stream::new(text, None);
        let all = s.string(0, s.chars.len());
        assert!(all.contains("申请内容不属于"));
        let nums = numbers(&s, 0, s.chars.len());
        assert_eq!(nums.len(), 2);
        assert_eq!(&text[s.span(nums[0].from, nums[0].to).range()], "1");
        assert_eq!(nums[0].unit, Some('件'));
    }

    #[test]
    fn separated_digits_decimals_and_percentages_are_not_counts() {
        let s = Stream::new("规范性文件 15 15 15，占33.9%，增长2.26%，共1,234件", None);
        let nums: Vec<i64> = numbers(&s, 0, s.chars.len())
            .iter()
            .map(|n| n.value)
            .collect();
        assert_eq!(nums, [15, 15, 15, 1234]);
    }

    #[test]
    fn sentences_and_clauses() {
        let s = Stream::new("甲1件，乙2件；丙。丁（戊）", None);
        let sentences = s.sentences();
        assert_eq!(sentences.len(), 3);
        let clauses = split(
            &s.chars,
            sentences[0].0,
            sentences[0].1,
            is_clause_delimiter,
        );
        assert_eq!(clauses.len(), 2);
    }
}
