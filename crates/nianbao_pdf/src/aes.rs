//! AES-128/256 (FIPS-197) for encrypted PDFs: one block at a time, byte-oriented, tables built
//! at run time. A PDF needs a few hundred kilobytes decrypted at most, so speed matters little
//! and size much: this is about a tenth of what the RustCrypto `aes` crate added to the page's
//! documents module. Not constant-time — it decrypts files the user already holds, with a key
//! derived from an empty password; there is no secret to leak.

pub struct Aes {
    /// Round keys, 16 bytes each (11 for AES-128, 15 for AES-256).
    keys: Vec<[u8; 16]>,
    sbox: [u8; 256],
    inv: [u8; 256],
    /// SubBytes and MixColumns of one byte as a column word (2s, s, s, 3s), for encryption: the
    /// R6 key hash encrypts tens of thousands of blocks (30 ms byte by byte, per AES-256 file).
    te: [u32; 256],
}

fn xtime(b: u8) -> u8 {
    (b << 1) ^ if b & 0x80 != 0 { 0x1b } else { 0 }
}

impl Aes {
    /// A cipher for a 16- or 32-byte key; None for other lengths.
    pub fn new(key: &[u8]) -> Option<Aes> {
        let nk = match key.len() {
            16 => 4,
            32 => 8,
            _ => return None,
        };
        // The S-box: the multiplicative inverse in GF(2^8) (walked with generator 3), then the
        // affine map.
        let mut sbox = [0x63u8; 256];
        let (mut p, mut q) = (1u8, 1u8);
        loop {
            p ^= xtime(p);
            q ^= q << 1;
            q ^= q << 2;
            q ^= q << 4;
            if q & 0x80 != 0 {
                q ^= 0x09;
            }
            sbox[p as usize] = q
                ^ q.rotate_left(1)
                ^ q.rotate_left(2)
                ^ q.rotate_left(3)
                ^ q.rotate_left(4)
                ^ 0x63;
            if p == 1 {
                break;
            }
        }
        let mut inv = [0u8; 256];
        for (i, &s) in sbox.iter().enumerate() {
            inv[s as usize] = i as u8;
        }
        let rounds = nk + 6;
        let mut words: Vec<[u8; 4]> = key
            .chunks_exact(4)
            .map(|w| [w[0], w[1], w[2], w[3]])
            .collect();
        let mut rcon = 1u8;
        for i in nk..4 * (rounds + 1) {
            let mut t = words[i - 1];
            if i % nk == 0 {
                t = [
                    sbox[t[1] as usize] ^ rcon,
                    sbox[t[2] as usize],
                    sbox[t[3] as usize],
                    sbox[t[0] as usize],
                ];
                rcon = xtime(rcon);
            } else if nk > 6 && i % nk == 4 {
                t = t.map(|b| sbox[b as usize]);
            }
            let w = words[i - nk];
            words.push([w[0] ^ t[0], w[1] ^ t[1], w[2] ^ t[2], w[3] ^ t[3]]);
        }
        let keys = words
            .chunks_exact(4)
            .map(|c| {
                let mut k = [0u8; 16];
                for (j, w) in c.iter().enumerate() {
                    k[4 * j..4 * j + 4].copy_from_slice(w);
                }
                k
            })
            .collect();
        let te = sbox.map(|s| {
            let d = xtime(s) as u32;
            let s = s as u32;
            d << 24 | s << 16 | s << 8 | (d ^ s)
        });
        Some(Aes {
            keys,
            sbox,
            inv,
            te,
        })
    }

    fn add(block: &mut [u8; 16], key: &[u8; 16]) {
        for (b, k) in block.iter_mut().zip(key) {
            *b ^= k;
        }
    }

    /// SubBytes and ShiftRows (row r turns left by r), or their inverses.
    fn sub_shift(&self, block: &mut [u8; 16], inverse: bool) {
        let old = *block;
        for c in 0..4 {
            for r in 0..4 {
                let from = if inverse {
                    (c + 4 - r) % 4
                } else {
                    (c + r) % 4
                };
                let b = old[r + 4 * from] as usize;
                block[r + 4 * c] = if inverse { self.inv[b] } else { self.sbox[b] };
            }
        }
    }

    /// MixColumns: each column times (2 3 1 1), with xtime only (used by InvMixColumns).
    fn mix(block: &mut [u8; 16]) {
        for c in block.chunks_exact_mut(4) {
            let (a0, a1, a2, a3) = (c[0], c[1], c[2], c[3]);
            let t = a0 ^ a1 ^ a2 ^ a3;
            c[0] ^= t ^ xtime(a0 ^ a1);
            c[1] ^= t ^ xtime(a1 ^ a2);
            c[2] ^= t ^ xtime(a2 ^ a3);
            c[3] ^= t ^ xtime(a3 ^ a0);
        }
    }

    /// InvMixColumns as a premultiplication by (5 0 4 0) followed by MixColumns.
    fn unmix(block: &mut [u8; 16]) {
        for c in block.chunks_exact_mut(4) {
            let u = xtime(xtime(c[0] ^ c[2]));
            let v = xtime(xtime(c[1] ^ c[3]));
            c[0] ^= u;
            c[1] ^= v;
            c[2] ^= u;
            c[3] ^= v;
        }
        Self::mix(block);
    }

    /// One column of the block as a word, row 0 in the high byte.
    fn column(bytes: &[u8]) -> u32 {
        u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
    }

    /// Column c of the round key `round`.
    fn key(&self, round: usize, c: usize) -> u32 {
        Self::column(&self.keys[round][4 * c..])
    }

    /// Rounds on column words: ShiftRows picks row r from column c + r, and the table does
    /// SubBytes and MixColumns (rotated for rows 1-3).
    pub fn encrypt(&self, block: &mut [u8; 16]) {
        let last = self.keys.len() - 1;
        let mut s = [0u32; 4];
        for (c, w) in s.iter_mut().enumerate() {
            *w = Self::column(&block[4 * c..]) ^ self.key(0, c);
        }
        let byte = |w: u32, r: usize| (w >> (24 - 8 * r) & 0xff) as usize;
        for round in 1..last {
            let mut t = [0u32; 4];
            for (c, w) in t.iter_mut().enumerate() {
                *w = self.te[byte(s[c], 0)]
                    ^ self.te[byte(s[(c + 1) % 4], 1)].rotate_right(8)
                    ^ self.te[byte(s[(c + 2) % 4], 2)].rotate_right(16)
                    ^ self.te[byte(s[(c + 3) % 4], 3)].rotate_right(24)
                    ^ self.key(round, c);
            }
            s = t;
        }
        for c in 0..4 {
            let mut w = 0u32;
            for r in 0..4 {
                w |= (self.sbox[byte(s[(c + r) % 4], r)] as u32) << (24 - 8 * r);
            }
            block[4 * c..4 * c + 4].copy_from_slice(&(w ^ self.key(last, c)).to_be_bytes());
        }
    }

    pub fn decrypt(&self, block: &mut [u8; 16]) {
        let last = self.keys.len() - 1;
        Self::add(block, &self.keys[last]);
        for round in (0..last).rev() {
            self.sub_shift(block, true);
            Self::add(block, &self.keys[round]);
            if round != 0 {
                Self::unmix(block);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Aes;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    /// FIPS-197 appendix C.1 and C.3.
    #[test]
    fn fips_197_vectors() {
        for (key, want) in [
            (
                "000102030405060708090a0b0c0d0e0f",
                "69c4e0d86a7b0430d8cdb78070b4c55a",
            ),
            (
                "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
                "8ea2b7ca516745bfeafc49904b496089",
            ),
        ] {
            let aes = Aes::new(&hex(key)).unwrap();
            let plain: [u8; 16] = hex("00112233445566778899aabbccddeeff").try_into().unwrap();
            let mut block = plain;
            aes.encrypt(&mut block);
            assert_eq!(block.to_vec(), hex(want));
            aes.decrypt(&mut block);
            assert_eq!(block, plain);
        }
        assert!(Aes::new(&[0; 24]).is_none());
    }
}
