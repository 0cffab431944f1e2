//! Substring search for the words the checks look for in the whole text ("办函", "统计", "年",
//! "、"). Eight starting positions are tested at once for the word's first and last byte, so a
//! branch is taken only where both match; `str::find` instead restarts a byte search at every
//! copy of one byte, and in Chinese text a word's last byte (a UTF-8 continuation byte) is
//! everywhere, each restart a branch the CPU cannot predict on a report it has not seen.

/// Byte offset of the first `needle` in `haystack` at or after `from`. Both are `str` bytes in
/// practice, so a match is always a character boundary.
pub fn find_from(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let m = needle.len();
    let (&first, &last) = (needle.first()?, needle.last()?);
    let (first8, last8) = (
        u64::from_le_bytes([first; 8]),
        u64::from_le_bytes([last; 8]),
    );
    let mut at = from;
    // Eight starts at a time while both eight-byte reads stay inside the haystack.
    while at + m + 7 <= haystack.len() {
        let starts = read8(haystack, at);
        let ends = read8(haystack, at + m - 1);
        let mut hits = zero_bytes(starts ^ first8) & zero_bytes(ends ^ last8);
        while hits != 0 {
            let start = at + (hits.trailing_zeros() / 8) as usize;
            if haystack[start..start + m] == *needle {
                return Some(start);
            }
            hits &= hits - 1;
        }
        at += 8;
    }
    (at..(haystack.len() + 1).saturating_sub(m))
        .find(|&start| haystack[start..start + m] == *needle)
}

/// Every non-overlapping `needle` in `text`, as byte offsets.
pub fn find_all<'a>(text: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = find_from(text.as_bytes(), needle.as_bytes(), from)?;
        from = at + needle.len().max(1);
        Some(at)
    })
}

fn read8(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(word)
}

/// The high bit of every byte of `x` that is zero, and no other bit (exact: no carry crosses
/// from one byte into the next).
fn zero_bytes(x: u64) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    !(((x & LOW7).wrapping_add(LOW7)) | x) & !LOW7
}

#[cfg(test)]
mod tests {
    use super::*;

    fn std_all(text: &str, needle: &str) -> Vec<usize> {
        text.match_indices(needle).map(|(i, _)| i).collect()
    }

    #[test]
    fn finds_what_str_finds_at_every_alignment() {
        let texts = [
            "依据国办公开办函〔2019〕60号，2020年、2021年统计期限为2020年1月1日至12月31日。一、总体情况",
            "",
            "年",
            "ab年",
            "、、、、、、、、、、、、、、、、、",
            "\u{3001}\u{3000}\u{3081}\u{8101}、",
        ];
        for text in texts {
            for pad in 0..9 {
                let padded = format!("{}{text}{}", "x".repeat(pad), "y".repeat(8 - pad));
                for needle in [
                    "办函",
                    "年",
                    "、",
                    "统计",
                    "2020",
                    "x",
                    "。一",
                    "不在其中",
                    "号，2",
                ] {
                    assert_eq!(
                        find_all(&padded, needle).collect::<Vec<_>>(),
                        std_all(&padded, needle),
                        "{needle} in {padded}"
                    );
                }
            }
        }
    }

    #[test]
    fn agrees_with_str_on_every_fixture_word() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/seeds");
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for needle in [
                "办函",
                "年",
                "、",
                "统计",
                "均",
                "信息公开",
                "件",
                "\n",
                "0",
            ] {
                assert_eq!(
                    find_all(&text, needle).collect::<Vec<_>>(),
                    std_all(&text, needle)
                );
            }
            assert_eq!(find_from(text.as_bytes(), b"", 0), None);
            assert_eq!(
                find_from(text.as_bytes(), "年".as_bytes(), text.len()),
                None
            );
        }
    }

    #[test]
    fn zero_bytes_marks_exactly_the_zero_bytes() {
        for word in [
            0u64,
            u64::MAX,
            0x0100_0000_0000_0080,
            0x8000_0000_0000_0001,
            0x00FF_0001_8000_7F00,
        ] {
            let expected = (0..8).fold(0u64, |acc, k| {
                if (word >> (8 * k)) & 0xFF == 0 {
                    acc | 0x80 << (8 * k)
                } else {
                    acc
                }
            });
            assert_eq!(zero_bytes(word), expected, "{word:#018x}");
        }
    }
}
