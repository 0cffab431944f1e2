//! Word's automatic list numbering (word/numbering.xml): headings such as “一、总体情况” or
//! labels such as “1.属于国家秘密” may be numbers Word draws rather than text the file holds.
//! The text view writes them, so the report reads as the user sees it. Bullets are left out.

use crate::markup::{attr, Token, Tokens};

#[derive(Clone, Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// The numbering definitions and the running counters.
#[derive(Default)]
pub struct Numbering {
    /// abstractNumId → its levels (0..9).
    abstracts: Vec<(String, Vec<Level>)>,
    /// numId → abstractNumId.
    nums: Vec<(String, String)>,
    /// Per abstract list: the counter of each level.
    counters: Vec<(String, [u32; 9])>,
}

impl Numbering {
    pub fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut abstract_id: Option<String> = None;
        let mut levels: Vec<Level> = Vec::new();
        let mut level: Option<usize> = None;
        let mut num_id: Option<String> = None;
        for t in Tokens::new(xml, false) {
            match t {
                Token::Start(name, attrs, self_closing) => match name {
                    "w:abstractNum" => {
                        abstract_id = attr(attrs, "w:abstractNumId");
                        levels = vec![
                            Level {
                                start: 1,
                                ..Level::default()
                            };
                            9
                        ];
                    }
                    "w:lvl" if abstract_id.is_some() => {
                        level = attr(attrs, "w:ilvl")
                            .and_then(|v| v.parse().ok())
                            .filter(|&l: &usize| l < 9);
                    }
                    "w:start" | "w:numFmt" | "w:lvlText" => {
                        if let (Some(l), Some(v)) = (level, attr(attrs, "w:val")) {
                            match name {
                                "w:start" => levels[l].start = v.parse().unwrap_or(1),
                                "w:numFmt" => levels[l].format = v,
                                _ => levels[l].text = v,
                            }
                        }
                    }
                    "w:num" => num_id = attr(attrs, "w:numId"),
                    "w:abstractNumId" if !self_closing || num_id.is_some() => {
                        if let (Some(id), Some(a)) = (num_id.take(), attr(attrs, "w:val")) {
                            n.nums.push((id, a));
                        }
                    }
                    _ => {}
                },
                Token::End(name) => match name {
                    "w:lvl" => level = None,
                    "w:abstractNum" => {
                        if let Some(id) = abstract_id.take() {
                            n.abstracts.push((id, std::mem::take(&mut levels)));
                        }
                    }
                    _ => {}
                },
                Token::Text(_) => {}
            }
            if n.abstracts.len() > 10_000 || n.nums.len() > 10_000 {
                break;
            }
        }
        n
    }

    /// The number text of the next paragraph of list `num_id` at level `ilvl` (“一、”, “1.”,
    /// “（二）”), advancing the counters; empty for bullets and unknown lists.
    pub fn next(&mut self, num_id: &str, ilvl: usize) -> String {
        let Some((_, abstract_id)) = self.nums.iter().find(|(id, _)| id == num_id) else {
            return String::new();
        };
        let Some((_, levels)) = self.abstracts.iter().find(|(id, _)| id == abstract_id) else {
            return String::new();
        };
        let ilvl = ilvl.min(8);
        let at = match self.counters.iter().position(|(id, _)| id == abstract_id) {
            Some(at) => at,
            None => {
                self.counters.push((abstract_id.clone(), [0; 9]));
                self.counters.len() - 1
            }
        };
        let counters = &mut self.counters[at].1;
        for (l, c) in counters.iter_mut().enumerate() {
            if l == ilvl {
                *c = if *c == 0 {
                    levels[l].start
                } else {
                    c.saturating_add(1)
                };
            } else if l > ilvl {
                *c = 0;
            } else if *c == 0 {
                *c = levels[l].start;
            }
        }
        let level = &levels[ilvl];
        if level.format == "bullet" || level.format == "none" {
            return String::new();
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let l = (d as usize).saturating_sub(1).min(8);
                    format_number(counters[l], &levels[l].format, &mut out);
                    continue;
                }
            }
            out.push(c);
        }
        out
    }
}

fn format_number(n: u32, format: &str, out: &mut String) {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "ideographTraditional"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => chinese(n, out),
        "lowerLetter" | "upperLetter" => {
            let base = if format == "lowerLetter" { b'a' } else { b'A' };
            let k = n.saturating_sub(1) % 26;
            let times = n.saturating_sub(1) / 26 + 1;
            for _ in 0..times.min(10) {
                out.push((base + k as u8) as char);
            }
        }
        "lowerRoman" | "upperRoman" => {
            let mut n = n.min(3999);
            let mut s = String::new();
            for (v, r) in [
                (1000, "m"),
                (900, "cm"),
                (500, "d"),
                (400, "cd"),
                (100, "c"),
                (90, "xc"),
                (50, "l"),
                (40, "xl"),
                (10, "x"),
                (9, "ix"),
                (5, "v"),
                (4, "iv"),
                (1, "i"),
            ] {
                while n >= v {
                    s.push_str(r);
                    n -= v;
                }
            }
            if format == "upperRoman" {
                s.make_ascii_uppercase();
            }
            out.push_str(&s);
        }
        _ => out.push_str(&n.to_string()),
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (up to 9999).
fn chinese(n: u32, out: &mut String) {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if n == 0 {
        out.push('零');
        return;
    }
    if n >= 10_000 {
        out.push_str(&n.to_string());
        return;
    }
    let parts = [
        (n / 1000, '千'),
        (n / 100 % 10, '百'),
        (n / 10 % 10, '十'),
        (n % 10, ' '),
    ];
    let mut started = false;
    let mut zero = false;
    for (i, &(d, unit)) in parts.iter().enumerate() {
        if d == 0 {
            zero = started;
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        // 十二, not 一十二, when ten leads.
        if !(i == 2 && d == 1 && !started) {
            out.push(DIGITS[d as usize]);
        }
        if unit != ' ' {
            out.push(unit);
        }
        started = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counting() {
        let s = |n| {
            let mut o = String::new();
            chinese(n, &mut o);
            o
        };
        assert_eq!(s(1), "一");
        assert_eq!(s(10), "十");
        assert_eq!(s(12), "十二");
        assert_eq!(s(20), "二十");
        assert_eq!(s(105), "一百零五");
        assert_eq!(s(110), "一百一十");
    }
}
