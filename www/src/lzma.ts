// An LZMA decoder for the ".lzma" (LZMA-alone) format, after Igor Pavlov's public-domain reference
// decoder LzmaSpec.cpp. The page ships its wasm LZMA-compressed: about 20 % smaller than DEFLATE
// for wasm code, and the decoder costs about 2 KB. Range-coder state is kept in plain numbers in
// [0, 2^32): doubles hold those exactly, so no 32-bit sign tricks are needed.

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

  // The range decoder.
  let inPos = 13;
  if (input[inPos++] !== 0) fail('corrupted stream start');
  let range = END_MARKER;
  let code = 0;
  for (let i = 0; i < 4; i++) code = code * 256 + input[inPos++];
  if (code === range) fail('corrupted stream start');
  // Reading past the end yields NaN in `code`; the main loop notices the overrun.
  const normalize = () => {
    if (range < 0x1000000) {
      range *= 256;
      code = code * 256 + input[inPos++];
    }
  };
  const bit = (probs: Uint16Array, i: number): number => {
    const p = probs[i];
    const bound = (range >>> 11) * p;
    let b: number;
    if (code < bound) {
      range = bound;
      probs[i] = p + ((2048 - p) >>> 5);
      b = 0;
    } else {
      range -= bound;
      code -= bound;
      probs[i] = p - (p >>> 5);
      b = 1;
    }
    if (range < 0x1000000) {
      range *= 256;
      code = code * 256 + input[inPos++];
    }
    return b;
  };
  const directBits = (count: number): number => {
    let result = 0;
    for (; count > 0; count--) {
      range = range >>> 1;
      let b = 0;
      if (code >= range) {
        code -= range;
        b = 1;
      }
      result = result * 2 + b;
      normalize();
    }
    return result;
  };
  const tree = (probs: Uint16Array, base: number, bits: number): number => {
    let m = 1;
    for (let i = 0; i < bits; i++) m = m * 2 + bit(probs, base + m);
    return m - (1 << bits);
  };
  const reverseTree = (probs: Uint16Array, base: number, bits: number): number => {
    let m = 1;
    let symbol = 0;
    for (let i = 0; i < bits; i++) {
      const b = bit(probs, base + m);
      m = m * 2 + b;
      symbol |= b << i;
    }
    return symbol;
  };
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
    if (bit(m, 0) === 0) return tree(m, 2 + posState * 8, 3);
    if (bit(m, 1) === 0) return 8 + tree(m, 2 + 128 + posState * 8, 3);
    return 16 + tree(m, 2 + 256, 8);
  };
  const distance = (len: number): number => {
    const slot = tree(posSlot, Math.min(len, 3) << 6, 6);
    if (slot < 4) return slot;
    const direct = (slot >>> 1) - 1;
    let dist = (2 | (slot & 1)) * 2 ** direct;
    if (slot < 14) return dist + reverseTree(posSpecial, dist - slot, direct);
    dist += directBits(direct - 4) * 16;
    return dist + reverseTree(align, 0, 4);
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
    if (inPos > input.length) fail('input ends early');
    const posState = outPos & pbMask;
    if (bit(isMatch, (state << 4) + posState) === 0) {
      const prev = outPos > 0 ? out[outPos - 1] : 0;
      const base = 0x300 * (((outPos & lpMask) << lc) + (prev >>> (8 - lc)));
      let symbol = 1;
      if (state >= 7) {
        let matchByte = out[outPos - rep0 - 1];
        while (symbol < 0x100) {
          const matchBit = (matchByte >>> 7) & 1;
          matchByte <<= 1;
          const b = bit(literal, base + ((1 + matchBit) << 8) + symbol);
          symbol = (symbol << 1) | b;
          if (matchBit !== b) break;
        }
      }
      while (symbol < 0x100) symbol = (symbol << 1) | bit(literal, base + symbol);
      ensure(1);
      out[outPos++] = symbol - 0x100;
      remaining--;
      state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
      continue;
    }
    let len: number;
    if (bit(isRep, state) !== 0) {
      if (outPos === 0) fail('repeat before any output');
      if (bit(isRepG0, state) === 0) {
        if (bit(isRep0Long, (state << 4) + posState) === 0) {
          state = state < 7 ? 9 : 11;
          ensure(1);
          out[outPos] = out[outPos - rep0 - 1];
          outPos++;
          remaining--;
          continue;
        }
      } else {
        let dist: number;
        if (bit(isRepG1, state) === 0) {
          dist = rep1;
        } else {
          if (bit(isRepG2, state) === 0) {
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
    // Byte by byte: a match may overlap the bytes it is producing (distance < length).
    for (let i = 0, from = outPos - rep0 - 1; i < count; i++) out[outPos++] = out[from++];
    remaining -= count;
  }
  if (inPos > input.length || (sizeKnown && remaining !== 0)) fail('input ends early');
  return outPos === out.length ? out : out.subarray(0, outPos);
}

/** Decodes what the build embeds: LZMA bytes written as base64 (so they fit in a script). */
export function lzmaDecodeBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const packed = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) packed[i] = binary.charCodeAt(i);
  return lzmaDecode(packed);
}
