//! An LZMA decoder for the ".lzma" (LZMA-alone) format, after Igor Pavlov's public-domain
//! reference decoder LzmaSpec.cpp, built as a wasm module of its own for the page.
//!
//! The page ships the checker's wasm (and its example texts) LZMA-compressed, about a fifth
//! smaller than DEFLATE. Decoding 380 KB in JavaScript took 40–55 ms on a cold engine, most of
//! the time to the first result; compiled wasm runs from its first call at near-native speed.
//! The module is about a kilobyte, small enough for a synchronous compile on every kernel.
//!
//! Only what the build writes is accepted: a known unpacked size, and `lc + lp ≤ 4` (the encoder
//! uses lc = 4, lp = 0), so the models fit in fixed arrays on the stack and nothing is allocated.
#![cfg_attr(target_arch = "wasm32", no_std)]

mod range;

use range::RangeDecoder;

/// Why a stream was refused; `decode` in the wasm returns these negated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Error {
    /// Shorter than the 13-byte header and the 5 bytes that start the range decoder.
    TooShort = 1,
    /// Properties out of range, or `lc + lp > 4`.
    Properties = 2,
    /// Unpacked size unknown or smaller than the output buffer.
    Size = 3,
    /// The stream contradicts itself (a bad start, a distance before the start, a match past the end).
    Corrupt = 4,
    /// The stream ended before the output was complete.
    Truncated = 5,
}

const PROB_INIT: u16 = 1024; // half of 2^11: "bit is 0" and "bit is 1" equally likely
const MATCH_MIN_LEN: usize = 2;
const LITERAL_CODERS: usize = 16; // 2^(lc + lp) for lc + lp ≤ 4
const STATES: usize = 12;
const POS_STATES: usize = 16;
const END_MARKER: usize = u32::MAX as usize;

/// The unpacked size the header states, if it states one that fits in `usize`.
pub fn unpacked_size(input: &[u8]) -> Option<usize> {
    let header = input.get(5..13)?;
    let mut size: u64 = 0;
    for (i, &b) in header.iter().enumerate() {
        size |= u64::from(b) << (8 * i);
    }
    if size == u64::MAX {
        return None;
    }
    usize::try_from(size).ok()
}

/// A probability from a model. Every index the format can produce is inside its model, so the
/// error never happens on a valid stream; returning it (rather than indexing) keeps panics, and
/// with them Rust's formatting code, out of the module.
fn prob(model: &mut [u16], i: usize) -> Result<&mut u16, Error> {
    model.get_mut(i).ok_or(Error::Corrupt)
}

/// A length decoder: choice bits, then 3 bits per position state (low, mid) or 8 bits (high).
struct Lengths {
    choice: [u16; 2],
    low: [[u16; 8]; POS_STATES],
    mid: [[u16; 8]; POS_STATES],
    high: [u16; 256],
}

impl Lengths {
    fn new() -> Self {
        Lengths {
            choice: [PROB_INIT; 2],
            low: [[PROB_INIT; 8]; POS_STATES],
            mid: [[PROB_INIT; 8]; POS_STATES],
            high: [PROB_INIT; 256],
        }
    }

    fn decode(&mut self, rc: &mut RangeDecoder, pos_state: usize) -> usize {
        let pos_state = pos_state % POS_STATES;
        if rc.bit(&mut self.choice[0]) == 0 {
            return rc.tree(&mut self.low[pos_state]);
        }
        if rc.bit(&mut self.choice[1]) == 0 {
            return 8 + rc.tree(&mut self.mid[pos_state]);
        }
        16 + rc.tree(&mut self.high)
    }
}

/// A literal coder: the plain tree, and the trees used after a match while the literal's bits
/// agree with the byte at the match distance (one per value of that byte's current bit).
type Literal = [[u16; 0x100]; 3];

/// Decodes `input` into `out`: the whole stream when `out` has the unpacked size the header
/// states, or only its first `out.len()` bytes when `out` is shorter (the page decodes the
/// checker's part of its stream first, and the documents module after it only when needed).
pub fn decode(input: &[u8], out: &mut [u8]) -> Result<(), Error> {
    let props = usize::from(*input.first().ok_or(Error::TooShort)?);
    if input.len() < 18 {
        return Err(Error::TooShort);
    }
    if props >= 9 * 5 * 5 {
        return Err(Error::Properties);
    }
    let (lc, lp, pb) = (props % 9, (props / 9) % 5, props / 45);
    if lc + lp > 4 {
        return Err(Error::Properties);
    }
    let prefix = match unpacked_size(input) {
        Some(size) if size >= out.len() => size > out.len(),
        _ => return Err(Error::Size),
    };
    let mut rc =
        RangeDecoder::new(input.get(13..).ok_or(Error::TooShort)?).ok_or(Error::Corrupt)?;

    let mut literal: [Literal; LITERAL_CODERS] = [[[PROB_INIT; 0x100]; 3]; LITERAL_CODERS];
    let mut is_match = [PROB_INIT; STATES * POS_STATES];
    let mut is_rep = [PROB_INIT; STATES];
    let mut is_rep_g0 = [PROB_INIT; STATES];
    let mut is_rep_g1 = [PROB_INIT; STATES];
    let mut is_rep_g2 = [PROB_INIT; STATES];
    let mut is_rep0_long = [PROB_INIT; STATES * POS_STATES];
    let mut pos_slot = [[PROB_INIT; 64]; 4];
    let mut pos_special = [PROB_INIT; 1 + 128 - 14];
    let mut align = [PROB_INIT; 16];
    let mut match_len = Lengths::new();
    let mut rep_len = Lengths::new();

    let pb_mask = (1 << pb) - 1;
    let lp_mask = (1 << lp) - 1;
    let mut state = 0usize;
    // The last four distances (each one less than the distance back).
    let mut reps = [0usize; 4];
    let mut at = 0usize;
    while at < out.len() {
        let pos_state = at & pb_mask;
        if rc.bit(prob(&mut is_match, state * POS_STATES + pos_state)?) == 0 {
            let prev = match at.checked_sub(1) {
                Some(i) => usize::from(out.get(i).copied().unwrap_or(0)),
                None => 0,
            };
            let coder =
                &mut literal[(((at & lp_mask) << lc) + (prev >> (8 - lc))) % LITERAL_CODERS];
            let byte = if state >= 7 {
                rc.matched_literal(coder, byte_back(out, at, reps[0])?)
            } else {
                rc.tree(&mut coder[0]) as u8
            };
            *out.get_mut(at).ok_or(Error::Corrupt)? = byte;
            at += 1;
            state = if state < 4 {
                0
            } else if state < 10 {
                state - 3
            } else {
                state - 6
            };
            continue;
        }
        let len = if rc.bit(prob(&mut is_rep, state)?) != 0 {
            if rc.bit(prob(&mut is_rep_g0, state)?) == 0 {
                if rc.bit(prob(&mut is_rep0_long, state * POS_STATES + pos_state)?) == 0 {
                    // A "short rep": one byte from the last distance.
                    state = if state < 7 { 9 } else { 11 };
                    let byte = byte_back(out, at, reps[0])?;
                    *out.get_mut(at).ok_or(Error::Corrupt)? = byte;
                    at += 1;
                    continue;
                }
            } else if rc.bit(prob(&mut is_rep_g1, state)?) == 0 {
                reps.swap(0, 1);
            } else if rc.bit(prob(&mut is_rep_g2, state)?) == 0 {
                reps = [reps[2], reps[0], reps[1], reps[3]];
            } else {
                reps = [reps[3], reps[0], reps[1], reps[2]];
            }
            state = if state < 7 { 8 } else { 11 };
            rep_len.decode(&mut rc, pos_state)
        } else {
            let len = match_len.decode(&mut rc, pos_state);
            state = if state < 7 { 7 } else { 10 };
            let distance = decode_distance(
                &mut rc,
                &mut pos_slot[len.min(3)],
                &mut pos_special,
                &mut align,
            )?;
            if distance == END_MARKER {
                break;
            }
            reps = [distance, reps[0], reps[1], reps[2]];
            len
        };
        let from = at.checked_sub(reps[0] + 1).ok_or(Error::Corrupt)?;
        let mut end = at + len + MATCH_MIN_LEN;
        if end > out.len() {
            if !prefix {
                return Err(Error::Corrupt);
            }
            end = out.len();
        }
        // Byte by byte: a match may overlap the bytes it is producing (distance < length).
        for (to, from) in (at..end).zip(from..) {
            let byte = out.get(from).copied().ok_or(Error::Corrupt)?;
            *out.get_mut(to).ok_or(Error::Corrupt)? = byte;
        }
        at = end;
    }
    if at != out.len() || (!prefix && rc.overran()) {
        return Err(Error::Truncated);
    }
    Ok(())
}

/// The byte `rep + 1` bytes before `at`.
fn byte_back(out: &[u8], at: usize, rep: usize) -> Result<u8, Error> {
    let i = at.checked_sub(rep + 1).ok_or(Error::Corrupt)?;
    out.get(i).copied().ok_or(Error::Corrupt)
}

/// A match distance (minus one): a 6-bit slot, then for slots ≥ 4 the low bits, through
/// `pos_special` below slot 14 and as direct bits plus 4 aligned bits above.
fn decode_distance(
    rc: &mut RangeDecoder,
    slots: &mut [u16; 64],
    pos_special: &mut [u16],
    align: &mut [u16; 16],
) -> Result<usize, Error> {
    let slot = rc.tree(slots);
    if slot < 4 {
        return Ok(slot);
    }
    let direct = (slot >> 1) - 1;
    let base = (2 | (slot & 1)) << direct;
    if slot < 14 {
        let model = pos_special.get_mut(base - slot..).ok_or(Error::Corrupt)?;
        return Ok(base + rc.reverse_tree(model, direct)?);
    }
    Ok(base + (rc.direct(direct - 4) << 4) + rc.reverse_tree(align, 4)?)
}

/// The wasm export: decodes `input_len` bytes at `input` into the `out_len` bytes at `out`, both
/// in this module's memory (the caller grows it and copies the input in). Returns 0, or a
/// negated [`Error`].
///
/// # Safety
/// `input..input + input_len` and `out..out + out_len` must be disjoint ranges of this module's
/// memory that nothing else uses: the only caller (www/src/lzma.ts) places them above
/// `__heap_base`, where this allocator-free module keeps nothing.
#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)]
#[no_mangle]
pub unsafe extern "C" fn unlzma(
    input: *const u8,
    input_len: usize,
    out: *mut u8,
    out_len: usize,
) -> i32 {
    // SAFETY: see the function's contract above.
    let (input, out) = unsafe {
        (
            core::slice::from_raw_parts(input, input_len),
            core::slice::from_raw_parts_mut(out, out_len),
        )
    };
    match decode(input, out) {
        Ok(()) => 0,
        Err(e) => -(e as i32),
    }
}

#[cfg(target_arch = "wasm32")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &[u8] = "nianbao 年报校验 nianbao 年报校验 nianbao 年报校验 — a short text that repeats: abcabcabcabcabcabc".as_bytes();

    /// `xz --format=lzma -9` of TEXT, with the header's unpacked size (xz writes "unknown" and an
    /// end marker) set to TEXT's length, as the build's encoder writes it.
    fn packed() -> Vec<u8> {
        let mut stream = vec![
            93, 0, 0, 0, 4, 255, 255, 255, 255, 255, 255, 255, 255, 0, 55, 26, 72, 71, 243, 63, 44,
            115, 187, 73, 89, 46, 187, 0, 12, 86, 82, 241, 237, 120, 60, 239, 31, 92, 191, 109,
            158, 142, 166, 191, 220, 53, 172, 77, 51, 103, 150, 102, 218, 172, 142, 141, 28, 89,
            127, 0, 232, 108, 170, 197, 58, 252, 33, 109, 148, 222, 87, 121, 253, 83, 31, 243, 255,
            255, 242, 198, 148, 0,
        ];
        stream[5..13].copy_from_slice(&(TEXT.len() as u64).to_le_bytes());
        stream
    }

    #[test]
    fn decodes_a_stream_from_xz() {
        let mut out = vec![0; TEXT.len()];
        assert_eq!(decode(&packed(), &mut out), Ok(()));
        assert_eq!(out, TEXT);
    }

    #[test]
    fn decodes_every_prefix() {
        for n in 0..=TEXT.len() {
            let mut out = vec![0; n];
            assert_eq!(decode(&packed(), &mut out), Ok(()), "prefix of {n} bytes");
            assert_eq!(out, &TEXT[..n]);
        }
    }

    #[test]
    fn refuses_what_the_build_never_writes() {
        let mut out = vec![0; TEXT.len()];
        let mut unknown_size = packed();
        unknown_size[5..13].fill(0xff);
        assert_eq!(decode(&unknown_size, &mut out), Err(Error::Size));
        let mut longer = vec![0; TEXT.len() + 1];
        assert_eq!(decode(&packed(), &mut longer), Err(Error::Size));
        let mut wide_literals = packed();
        wide_literals[0] = 8; // lc = 8
        assert_eq!(decode(&wide_literals, &mut out), Err(Error::Properties));
        assert_eq!(decode(&packed()[..12], &mut out), Err(Error::TooShort));
    }

    #[test]
    fn a_cut_stream_is_refused() {
        let stream = packed();
        let mut out = vec![0; TEXT.len()];
        // The last bytes hold xz's end marker, which a known size makes unnecessary to read.
        for cut in 18..stream.len() - 8 {
            assert!(decode(&stream[..cut], &mut out).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn damaged_streams_never_panic() {
        let stream = packed();
        let mut out = vec![0; TEXT.len()];
        for at in 0..stream.len() {
            for flip in [1u8, 0x80, 0xff] {
                let mut damaged = stream.clone();
                damaged[at] ^= flip;
                let _ = decode(&damaged, &mut out);
            }
        }
    }
}
