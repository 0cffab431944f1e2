//! Substring search for the words the checks look for in the whole text ("办函", "统计", "年",
//! "、"). The wasm build tests eight starting positions at once for the word's first and last
//! byte, so a branch is taken only where both match; `str::find` instead restarts a byte
//! search at every copy of one byte, and in Chinese text a word's last byte (a UTF-8
//! continuation byte) is everywhere, each restart a branch the CPU cannot predict on a report
//! it has not seen. The native build (the CLI's batches) uses memchr's SIMD search, which
//! safe Rust cannot write: it does the same test 16 or 32 bytes at a time.

use crate::swar::{splat, word_at, zero_bytes};

/// Byte offset of the first `needle` in `haystack` at or after `from`. Both are `str` bytes in
/// practice, so a match is always a character boundary. An empty needle is never found.
pub fn find_from(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let m = needle.len();
    let (&first, &last) = (needle.first()?, needle.last()?);
    let (first8, last8) = (splat(first), splat(last));
    let mut at = from;
    // Eight starts at a time while both eight-byte reads stay inside the haystack.
    while at + m + 7 <= haystack.len() {
        let starts = word_at(haystack, at);
        let ends = word_at(haystack, at + m - 1);
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

/// Every non-overlapping `needle` in `text`, as byte offsets (none for an empty needle).
#[cfg(target_arch = "wasm32")]
pub fn find_all<'a>(text: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    find_all_words(text, needle)
}

/// Every non-overlapping `needle` in `text`, as byte offsets (none for an empty needle).
#[cfg(not(target_arch = "wasm32"))]
pub fn find_all<'a>(text: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let needle = needle.as_bytes();
    memchr::memmem::find_iter(text.as_bytes(), needle).filter(move |_| !needle.is_empty())
}

/// [`find_all`] by [`find_from`]: the wasm build's search (and, natively, its tests').
#[cfg_attr(not(any(target_arch = "wasm32", test)), allow(dead_code))]
fn find_all_words<'a>(text: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = find_from(text.as_bytes(), needle.as_bytes(), from)?;
        from = at + needle.len();
        Some(at)
    })
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
                    let expected = std_all(&padded, needle);
                    let found: Vec<usize> = find_all(&padded, needle).collect();
                    assert_eq!(found, expected, "{needle} in {padded}");
                    let by_words: Vec<usize> = find_all_words(&padded, needle).collect();
                    assert_eq!(by_words, expected, "{needle} in {padded}, word at a time");
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
                let expected = std_all(&text, needle);
                assert_eq!(find_all(&text, needle).collect::<Vec<_>>(), expected);
                assert_eq!(find_all_words(&text, needle).collect::<Vec<_>>(), expected);
            }
            assert_eq!(find_from(text.as_bytes(), b"", 0), None);
            assert_eq!(
                find_from(text.as_bytes(), "年".as_bytes(), text.len()),
                None
            );
        }
    }
}
