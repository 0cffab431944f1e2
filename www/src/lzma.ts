// An LZMA decoder for the ".lzma" (LZMA-alone) format, after Igor Pavlov's public-domain reference
// decoder LzmaSpec.cpp. The page ships its wasm LZMA-compressed: about 20 % smaller than DEFLATE
// for wasm code, and the decoder costs about 2 KB. Range-coder state is kept in plain numbers in
// [0, 2^32): doubles hold those exactly, so no 32-bit sign tricks are needed. It runs once, on a
// cold engine, before the first check: written so V8's first tiers run it fast (see RangeDecoder).

const PROB_INIT = 1024; // half of 2^11: "bit is 0" and "bit is 1" equally likely
const MATCH_MIN_LEN = 2;
const END_MARKER = 0xffffffff;

export function lzmaDecode(input: Uint8Array): Uint8Array {
  const fail = (why: string): never => {
    throw new Error(`lzma: ${why}`);
  };
  if (input.length < 18) fail('input too short');
  let props = input[0];
  if (props >= 9 * 5 * 5) fail('bad properties');
  const lc = props % 9;
  props = (props / 9) | 0;
  const lp = props % 5;
  const pb = (props / 5) | 0;

  // Unpacked size: 64-bit little-endian, all ones = unknown (the stream then ends with a marker).
  let sizeKnown = false;
  for (let i = 5; i < 13; i++) if (input[i] !== 0xff) sizeKnown = true;
  let remaining = sizeKnown ? input[5] + input[6] * 2 ** 8 + input[7] * 2 ** 16 + input[8] * 2 ** 24 : Infinity;
  if (sizeKnown && (input[9] | input[10] | input[11] | input[12]) !== 0) fail('output over 4 GB');

  let out = new Uint8Array(sizeKnown ? remaining : input.length * 4);
  let outPos = 0;
  const ensure = (extra: number) => {
    if (outPos + extra <= out.length) return;
    const bigger = new Uint8Array(Math.max(out.length * 2, outPos + extra));
    bigger.set(out);
    out = bigger;
  };

  // The range decoder: its state lives in one object's fields, which V8 updates in place; as
  // closure variables every update of these (non-small-integer) numbers allocated a heap number,
  // which made the cold decode several times slower.
  if (input[13] !== 0) fail('corrupted stream start');
  const rc = new RangeDecoder(input, 14);
  if (rc.code === rc.range) fail('corrupted stream start');
  const probs = (n: number) => new Uint16Array(n).fill(PROB_INIT);

  // Models, laid out as in LzmaSpec.cpp: 12 states × 16 position states where indexed so.
  const literal = probs(0x300 << (lc + lp));
  const isMatch = probs(12 << 4);
  const isRep = probs(12);
  const isRepG0 = probs(12);
  const isRepG1 = probs(12);
  const isRepG2 = probs(12);
  const isRep0Long = probs(12 << 4);
  const posSlot = probs(4 << 6);
  const posSpecial = probs(1 + 128 - 14);
  const align = probs(16);
  // A length decoder: choice, choice2, low[16] (3 bits), mid[16] (3 bits), high (8 bits).
  const lenModel = () => probs(2 + 16 * 8 + 16 * 8 + 256);
  const matchLen = lenModel();
  const repLen = lenModel();
  const length = (m: Uint16Array, posState: number): number => {
    if (rc.bit(m, 0) === 0) return rc.tree(m, 2 + posState * 8, 3);
    if (rc.bit(m, 1) === 0) return 8 + rc.tree(m, 2 + 128 + posState * 8, 3);
    return 16 + rc.tree(m, 2 + 256, 8);
  };
  const distance = (len: number): number => {
    const slot = rc.tree(posSlot, Math.min(len, 3) << 6, 6);
    if (slot < 4) return slot;
    const direct = (slot >>> 1) - 1;
    let dist = (2 | (slot & 1)) * 2 ** direct;
    if (slot < 14) return dist + rc.reverseTree(posSpecial, dist - slot, direct);
    dist += rc.direct(direct - 4) * 16;
    return dist + rc.reverseTree(align, 0, 4);
  };

  const pbMask = (1 << pb) - 1;
  const lpMask = (1 << lp) - 1;
  let state = 0;
  let rep0 = 0;
  let rep1 = 0;
  let rep2 = 0;
  let rep3 = 0;
  for (;;) {
    if (remaining === 0) break;
    // A valid stream never makes the range decoder read past its end.
    if (rc.pos > input.length) fail('input ends early');
    const posState = outPos & pbMask;
    if (rc.bit(isMatch, (state << 4) + posState) === 0) {
      const prev = outPos > 0 ? out[outPos - 1] : 0;
      const base = 0x300 * (((outPos & lpMask) << lc) + (prev >>> (8 - lc)));
      const symbol = state >= 7 ? rc.matchedLiteral(literal, base, out[outPos - rep0 - 1]) : rc.tree(literal, base, 8);
      ensure(1);
      out[outPos++] = symbol;
      remaining--;
      state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
      continue;
    }
    let len: number;
    if (rc.bit(isRep, state) !== 0) {
      if (outPos === 0) fail('repeat before any output');
      if (rc.bit(isRepG0, state) === 0) {
        if (rc.bit(isRep0Long, (state << 4) + posState) === 0) {
          state = state < 7 ? 9 : 11;
          ensure(1);
          out[outPos] = out[outPos - rep0 - 1];
          outPos++;
          remaining--;
          continue;
        }
      } else {
        let dist: number;
        if (rc.bit(isRepG1, state) === 0) {
          dist = rep1;
        } else {
          if (rc.bit(isRepG2, state) === 0) {
            dist = rep2;
          } else {
            dist = rep3;
            rep3 = rep2;
          }
          rep2 = rep1;
        }
        rep1 = rep0;
        rep0 = dist;
      }
      len = length(repLen, posState);
      state = state < 7 ? 8 : 11;
    } else {
      rep3 = rep2;
      rep2 = rep1;
      rep1 = rep0;
      len = length(matchLen, posState);
      state = state < 7 ? 7 : 10;
      rep0 = distance(len);
      if (rep0 === END_MARKER) break;
      if (rep0 >= outPos) fail('distance before the start');
    }
    const count = len + MATCH_MIN_LEN;
    if (count > remaining) fail('match past the end');
    ensure(count);
    copyMatch(out, outPos, rep0 + 1, count);
    outPos += count;
    remaining -= count;
  }
  if (rc.pos > input.length || (sizeKnown && remaining !== 0)) fail('input ends early');
  return outPos === out.length ? out : out.subarray(0, outPos);
}

/** Byte by byte: a match may overlap the bytes it is producing (distance < length). A function of
 * its own so V8 optimizes this hot loop early instead of running it inside the cold main loop. */
function copyMatch(out: Uint8Array, at: number, distance: number, count: number): void {
  for (let i = 0; i < count; i++) out[at + i] = out[at + i - distance];
}

class RangeDecoder {
  range = END_MARKER;
  code = 0;
  constructor(private readonly input: Uint8Array, public pos: number) {
    // Reading past the end yields NaN in `code`; the main loop notices the overrun by `pos`.
    for (let i = 0; i < 4; i++) this.code = this.code * 256 + input[this.pos++];
  }

  bit(probs: Uint16Array, i: number): number {
    const p = probs[i];
    const bound = (this.range >>> 11) * p;
    let b = 0;
    if (this.code < bound) {
      this.range = bound;
      probs[i] = p + ((2048 - p) >>> 5);
    } else {
      this.range -= bound;
      this.code -= bound;
      probs[i] = p - (p >>> 5);
      b = 1;
    }
    if (this.range < 0x1000000) {
      this.range *= 256;
      this.code = this.code * 256 + this.input[this.pos++];
    }
    return b;
  }

  direct(count: number): number {
    let result = 0;
    for (; count > 0; count--) {
      this.range = this.range >>> 1;
      let b = 0;
      if (this.code >= this.range) {
        this.code -= this.range;
        b = 1;
      }
      result = result * 2 + b;
      if (this.range < 0x1000000) {
        this.range *= 256;
        this.code = this.code * 256 + this.input[this.pos++];
      }
    }
    return result;
  }
  /** A literal byte after a match: its bits are predicted by the byte at the match distance. */
  matchedLiteral(probs: Uint16Array, base: number, matchByte: number): number {
    let symbol = 1;
    while (symbol < 0x100) {
      const matchBit = (matchByte >>> 7) & 1;
      matchByte <<= 1;
      const b = this.bit(probs, base + ((1 + matchBit) << 8) + symbol);
      symbol = (symbol << 1) | b;
      if (matchBit !== b) break;
    }
    while (symbol < 0x100) symbol = (symbol << 1) | this.bit(probs, base + symbol);
    return symbol - 0x100;
  }

  /** A symbol of `bits` bits, most significant first, from a binary tree of probabilities. */
  tree(probs: Uint16Array, base: number, bits: number): number {
    let range = this.range;
    let code = this.code;
    let m = 1;
    for (let i = 0; i < bits; i++) {
      const p = probs[base + m];
      const bound = (range >>> 11) * p;
      if (code < bound) {
        range = bound;
        probs[base + m] = p + ((2048 - p) >>> 5);
        m = m * 2;
      } else {
        range -= bound;
        code -= bound;
        probs[base + m] = p - (p >>> 5);
        m = m * 2 + 1;
      }
      if (range < 0x1000000) {
        range *= 256;
        code = code * 256 + this.input[this.pos++];
      }
    }
    this.range = range;
    this.code = code;
    return m - (1 << bits);
  }

  /** The same, least significant bit first. */
  reverseTree(probs: Uint16Array, base: number, bits: number): number {
    let m = 1;
    let symbol = 0;
    for (let i = 0; i < bits; i++) {
      const b = this.bit(probs, base + m);
      m = m * 2 + b;
      symbol |= b << i;
    }
    return symbol;
  }
}

/** Decodes what the build embeds: LZMA bytes written as base64 (so they fit in a script). */
export function lzmaDecodeBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const packed = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) packed[i] = binary.charCodeAt(i);
  return lzmaDecode(packed);
}
