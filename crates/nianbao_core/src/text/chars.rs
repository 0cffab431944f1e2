//! The one character normalization of the crate: full-width forms to ASCII, every kind of
//! space to a plain space, dash and bracket variants to one form, invisible characters
//! dropped. The tokenizer (`text/scan.rs`), the glued-digit reader (`parse/glued.rs`) and the
//! prose stream (`prose/text.rs`) all read characters through it, so a digit, a space or a
//! dash means the same to each; what each then does with Markdown `*` or line breaks is its
//! own. Works on one `char` so spans stay in the original text.

/// What one input character means after normalization.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Norm {
    /// Drop it (zero-width space, BOM, soft hyphen…).
    Skip,
    Space,
    Char(char),
}

/// Normalizes one character. TAB and line breaks are structure (cell separator, line end) and
/// come back as themselves; every other whitespace character is a space.
#[inline]
pub fn normalize(c: char) -> Norm {
    if is_cjk(c) || c.is_ascii_graphic() {
        return Norm::Char(c);
    }
    normalize_other(c)
}

/// The rest of [`normalize`]: one copy in the page's wasm, however many readers call it (the
/// common characters never get here).
#[inline(never)]
fn normalize_other(c: char) -> Norm {
    match c {
        '\t' | '\n' | '\r' => Norm::Char(c),
        ' ' => Norm::Space,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => Norm::Skip,
        '\u{FF01}'..='\u{FF5E}' => {
            // Full-width ASCII variants sit at a fixed distance from ASCII.
            Norm::Char(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c))
        }
        '\u{2212}' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{FE63}' => Norm::Char('-'),
        // The horizontal bar and the small em dash stand for the em dash.
        '\u{2015}' | '\u{FE58}' => Norm::Char('\u{2014}'),
        '\u{FE59}' | '\u{FF5F}' => Norm::Char('('),
        '\u{FE5A}' | '\u{FF60}' => Norm::Char(')'),
        // Unicode's other White_Space characters, listed (the page's wasm has no table for
        // them): VT, FF, NEL, NBSP, ogham, the typographic spaces, line and paragraph
        // separators, narrow NBSP, math space, ideographic space.
        '\u{0B}'
        | '\u{0C}'
        | '\u{85}'
        | '\u{A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}' => Norm::Space,
        _ => Norm::Char(c),
    }
}

/// Whitespace after normalization: a space of any kind, TAB or a line break.
#[inline]
pub fn is_space(c: char) -> bool {
    match normalize(c) {
        Norm::Space => true,
        Norm::Char(c) => matches!(c, '\t' | '\n' | '\r'),
        Norm::Skip => false,
    }
}

/// The value of a digit, ASCII or full-width.
#[inline]
pub fn digit(c: char) -> Option<u8> {
    match normalize(c) {
        Norm::Char(d) if d.is_ascii_digit() => Some(d as u8 - b'0'),
        _ => None,
    }
}

/// A dash, after normalization: where a number would stand it means "none" ("—", "--"), around
/// a page number it is a footer ("- 9 -").
#[inline]
pub fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2014}' | '\u{2013}' | '\u{2500}')
}

/// CJK ideographs (the characters labels are made of).
#[inline]
pub fn is_cjk(c: char) -> bool {
    // Every character goes through here several times; the unified block, where nearly all
    // of a report's ideographs are, is tested first in one comparison.
    let u = c as u32;
    u.wrapping_sub(0x4E00) < 0x5200
        || u.wrapping_sub(0x3400) < 0x19C0
        || u.wrapping_sub(0xF900) < 0x0200
}

/// Characters kept in a label's canonical form: ideographs, ASCII letters and digits.
/// Punctuation and spaces vary between copies of the same label and are dropped.
#[inline]
pub fn is_label_char(c: char) -> bool {
    is_cjk(c) || c.is_ascii_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_forms_become_ascii() {
        assert_eq!(normalize('１'), Norm::Char('1'));
        assert_eq!(normalize('（'), Norm::Char('('));
        assert_eq!(normalize('，'), Norm::Char(','));
        assert_eq!(normalize('Ａ'), Norm::Char('A'));
        assert_eq!(normalize('\u{3000}'), Norm::Space);
        assert_eq!(normalize('\u{a0}'), Norm::Space);
        assert_eq!(normalize('\u{200b}'), Norm::Skip);
        assert_eq!(normalize('\u{feff}'), Norm::Skip);
        assert_eq!(normalize('表'), Norm::Char('表'));
        assert_eq!(normalize('\u{2028}'), Norm::Space);
        assert_eq!(normalize('\u{c}'), Norm::Space);
        assert_eq!(normalize('\t'), Norm::Char('\t'));
        assert_eq!(normalize('―'), Norm::Char('—'));
        assert_eq!(normalize('－'), Norm::Char('-'));
        assert_eq!(digit('７'), Some(7));
        assert!(is_space('\u{3000}') && is_space('\n') && !is_space('\u{200b}'));
        // Exactly Unicode's whitespace.
        for c in (0..0x3100).filter_map(char::from_u32) {
            assert_eq!(is_space(c), c.is_whitespace(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn cjk_blocks_end_exactly_where_unicode_ends_them() {
        for (first, last) in [(0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF)] {
            let at = |u: u32| is_cjk(char::from_u32(u).unwrap());
            assert!(at(first) && at(last) && at((first + last) / 2));
            assert!(!at(first - 1) && !at(last + 1));
        }
        assert!(!is_cjk('a') && !is_cjk('，') && !is_cjk('\u{20000}'));
    }

    /// What the tokenizer, the glued-digit reader and the prose stream make of one text.
    fn readings(text: &str) -> (Vec<i64>, Vec<Vec<u8>>, String) {
        use crate::parse::glued::Glued;
        use crate::prose::text::Stream;
        use crate::text::scan::{scan, TokenKind};
        let scan = scan(text);
        let numbers: Vec<usize> = (0..scan.tokens.len())
            .filter(|&i| scan.tokens[i].kind() == TokenKind::Number)
            .collect();
        let values = numbers
            .iter()
            .filter_map(|&i| scan.number(&scan.tokens[i])?.as_count())
            .collect();
        let glued = Glued::from_tokens(&scan, text, &numbers).unwrap_or_default();
        let digits = glued
            .groups
            .iter()
            .map(|g| g.iter().map(|d| d.value).collect())
            .collect();
        let stream = Stream::new(text, None);
        (values, digits, stream.string(0, stream.chars.len()))
    }

    /// One rule set for all three: a full-width digit is its digit, any kind of space separates
    /// two numbers (and the prose drops it), an invisible character joins them.
    #[test]
    fn the_tokenizer_the_glued_reader_and_the_prose_agree() {
        for (ascii, wide) in ('0'..='9').zip('０'..='９') {
            let d = ascii as i64 - '0' as i64;
            for c in [ascii, wide] {
                let (values, digits, prose) = readings(&format!("共{c}件"));
                assert_eq!(values, [d], "{c}");
                assert_eq!(digits, [vec![d as u8]], "{c}");
                assert_eq!(prose, format!("共{ascii}件"), "{c}");
            }
        }
        let spaces = [
            ' ', '\u{a0}', '\u{3000}', '\u{2002}', '\u{2009}', '\u{202f}', '\u{205f}', '\u{c}',
            '\u{2028}', '\u{1680}', '\u{85}',
        ];
        for space in spaces {
            let (values, digits, prose) = readings(&format!("共７{space}８件"));
            assert_eq!(values, [7, 8], "U+{:04X}", space as u32);
            assert_eq!(digits, [vec![7], vec![8]], "U+{:04X}", space as u32);
            assert_eq!(prose, "共78件", "U+{:04X}", space as u32);
            assert!(is_space(space));
        }
        for invisible in ['\u{200b}', '\u{200d}', '\u{2060}', '\u{feff}', '\u{ad}'] {
            let (values, digits, prose) = readings(&format!("共７{invisible}８件"));
            assert_eq!(values, [78], "U+{:04X}", invisible as u32);
            assert_eq!(digits, [vec![7, 8]], "U+{:04X}", invisible as u32);
            assert_eq!(prose, "共78件", "U+{:04X}", invisible as u32);
        }
        // Dashes: a placeholder for the tokenizer in every form, one character in the prose.
        for dash in ['—', '―', '–', '－', '\u{2212}', '─'] {
            let scan = crate::text::scan::scan(&format!("合计\t{dash}\t1"));
            let kinds: Vec<_> = scan.tokens.iter().map(|t| t.kind()).collect();
            use crate::text::scan::TokenKind::*;
            assert_eq!(kinds, [Text, Placeholder, Number, LineEnd], "{dash}");
            let Norm::Char(c) = normalize(dash) else {
                panic!("{dash}")
            };
            assert!(is_dash(c), "{dash}");
        }
    }
}
