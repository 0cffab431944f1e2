//! The range decoder: LZMA's binary arithmetic decoder with adaptive 11-bit probabilities.

use crate::Error;

pub struct RangeDecoder<'a> {
    input: &'a [u8],
    pos: usize,
    range: u32,
    code: u32,
}

impl<'a> RangeDecoder<'a> {
    /// Starts on the bytes after the header; `None` for a stream that cannot be LZMA.
    pub fn new(input: &'a [u8]) -> Option<Self> {
        if input.first() != Some(&0) {
            return None;
        }
        let mut rc = RangeDecoder {
            input,
            pos: 1,
            range: u32::MAX,
            code: 0,
        };
        for _ in 0..4 {
            rc.code = (rc.code << 8) | u32::from(rc.next_byte());
        }
        (rc.code != rc.range).then_some(rc)
    }

    /// Past the end it reads zeros; `overran` tells, and the caller refuses the output then.
    fn next_byte(&mut self) -> u8 {
        let b = self.input.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }

    pub fn overran(&self) -> bool {
        self.pos > self.input.len()
    }

    fn normalize(&mut self) {
        if self.range < 1 << 24 {
            self.range <<= 8;
            self.code = (self.code << 8) | u32::from(self.next_byte());
        }
    }

    /// One bit under probability `p` (of a 0), which adapts to the bit decoded.
    pub fn bit(&mut self, p: &mut u16) -> usize {
        let bound = (self.range >> 11) * u32::from(*p);
        let bit = if self.code < bound {
            self.range = bound;
            *p += (2048 - *p) >> 5;
            0
        } else {
            self.range -= bound;
            self.code -= bound;
            *p -= *p >> 5;
            1
        };
        self.normalize();
        bit
    }

    /// `count` bits with fixed, even probabilities.
    pub fn direct(&mut self, count: usize) -> usize {
        let mut result = 0;
        for _ in 0..count {
            self.range >>= 1;
            let bit = usize::from(self.code >= self.range);
            if bit == 1 {
                self.code -= self.range;
            }
            result = (result << 1) | bit;
            self.normalize();
        }
        result
    }

    /// A symbol of log2(N) bits, most significant first, from a binary tree of N probabilities.
    pub fn tree<const N: usize>(&mut self, probs: &mut [u16; N]) -> usize {
        let mut m = 1;
        while m < N {
            m = (m << 1) | self.bit(&mut probs[m]);
        }
        m - N
    }

    /// A symbol of `bits` bits, least significant first (models past the slice's end are an error).
    pub fn reverse_tree(&mut self, probs: &mut [u16], bits: usize) -> Result<usize, Error> {
        let mut m = 1;
        let mut symbol = 0;
        for i in 0..bits {
            let bit = self.bit(probs.get_mut(m).ok_or(Error::Corrupt)?);
            m = (m << 1) | bit;
            symbol |= bit << i;
        }
        Ok(symbol)
    }

    /// A literal after a match: its bits are predicted by the byte at the match distance until
    /// the first bit that differs, then decoded with the plain tree.
    pub fn matched_literal(&mut self, coder: &mut [[u16; 0x100]; 3], mut match_byte: u8) -> u8 {
        let mut symbol = 1;
        while symbol < 0x100 {
            let match_bit = usize::from(match_byte >> 7);
            match_byte <<= 1;
            let [_, after_0, after_1] = coder;
            let tree = if match_bit == 0 { after_0 } else { after_1 };
            // `symbol < 0x100` here; the mask says so to the compiler (no bounds-check panic).
            let bit = self.bit(&mut tree[symbol & 0xff]);
            symbol = (symbol << 1) | bit;
            if match_bit != bit {
                break;
            }
        }
        while symbol < 0x100 {
            symbol = (symbol << 1) | self.bit(&mut coder[0][symbol & 0xff]);
        }
        (symbol - 0x100) as u8
    }
}
