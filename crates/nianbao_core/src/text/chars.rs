//! Per-character normalization of copy-pasted text: full-width forms to ASCII, odd spaces to
//! a plain space, invisible characters dropped. Works on one `char` so spans stay in the
//! original text.

/// What one input character means after normalization.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Norm {
    /// Drop it (zero-width space, BOM, soft hyphen…).
    Skip,
    Space,
    Char(char),
}

/// Normalizes one character.
#[inline]
pub fn normalize(c: char) -> Norm {
    if is_cjk(c) || c.is_ascii_graphic() {
        return Norm::Char(c);
    }
    match c {
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => Norm::Skip,
        ' ' | '\u{00A0}' | '\u{3000}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => {
            Norm::Space
        }
        '\u{FF01}'..='\u{FF5E}' => {
            // Full-width ASCII variants sit at a fixed distance from ASCII.
            Norm::Char(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c))
        }
        '\u{2212}' | '\u{2010}' | '\u{2011}' => Norm::Char('-'),
        '\u{FE59}' | '\u{FF5F}' => Norm::Char('('),
        '\u{FE5A}' | '\u{FF60}' => Norm::Char(')'),
        _ => Norm::Char(c),
    }
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
}
