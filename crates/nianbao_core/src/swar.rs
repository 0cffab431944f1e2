//! Eight bytes at a time in one `u64` ("SIMD within a register"): the byte tests shared by the
//! whole-text search, the JSON escaper and the contract's position counts.

/// A byte repeated in all eight lanes.
pub const fn splat(byte: u8) -> u64 {
    u64::from_le_bytes([byte; 8])
}

/// The eight bytes from `at` (which must leave eight), first byte lowest.
pub fn word_at(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(word)
}

/// The high bit of every byte of `x` that is zero, and no other bit (exact: no carry crosses
/// from one byte into the next, so the bits can be counted or located, not just tested).
pub fn zero_bytes(x: u64) -> u64 {
    const LOW7: u64 = splat(0x7F);
    !(((x & LOW7).wrapping_add(LOW7)) | x) & !LOW7
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn words_read_first_byte_lowest() {
        assert_eq!(word_at(b"xabcdefgh", 1), u64::from_le_bytes(*b"abcdefgh"));
        assert_eq!(splat(0x22), 0x2222_2222_2222_2222);
    }
}
