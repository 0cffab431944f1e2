//! The standard security handler with an empty user password: RC4 40–128 (R2–R4), AES-128
//! (V4 AESV2) and AES-256 (V5, R5/R6). RC4 and MD5 are written here (a few dozen lines);
//! AES and SHA-2 come from RustCrypto.

use crate::aes::Aes;
use crate::object::{Dict, Obj};
use crate::PdfError;

const PAD: [u8; 32] = [
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
    0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
];

#[derive(Clone, Copy, PartialEq)]
enum Method {
    None,
    Rc4,
    Aes128,
    Aes256,
}

pub struct Crypt {
    key: Vec<u8>,
    stm: Method,
    str_: Method,
}

impl Crypt {
    pub fn new(enc: &Dict, id0: &[u8]) -> Result<Crypt, PdfError> {
        let int = |k: &str, d: i64| enc.get(k).and_then(|o| o.as_i64()).unwrap_or(d);
        let bytes = |k: &str| match enc.get(k) {
            Some(Obj::Str(s)) => s.clone(),
            _ => vec![],
        };
        if enc.get("Filter").and_then(|o| o.as_name()) != Some(b"Standard") {
            return Err(PdfError::Encrypted("非标准加密方式".into()));
        }
        let v = int("V", 0);
        let r = int("R", 2);
        let (o, u) = (bytes("O"), bytes("U"));
        let method_of = |name: Option<&[u8]>| -> Method {
            let Some(name) = name else {
                return Method::None;
            };
            if name == b"Identity" {
                return Method::None;
            }
            let cfm = enc
                .get("CF")
                .and_then(|c| c.as_dict())
                .and_then(|c| c.get(std::str::from_utf8(name).unwrap_or("")))
                .and_then(|d| d.as_dict())
                .and_then(|d| d.get("CFM"))
                .and_then(|o| o.as_name());
            match cfm {
                Some(b"AESV2") => Method::Aes128,
                Some(b"AESV3") => Method::Aes256,
                Some(b"None") => Method::None,
                _ => Method::Rc4,
            }
        };
        let (stm, str_) = if v >= 4 {
            (
                method_of(Some(
                    enc.get("StmF")
                        .and_then(|o| o.as_name())
                        .unwrap_or(b"Identity"),
                )),
                method_of(Some(
                    enc.get("StrF")
                        .and_then(|o| o.as_name())
                        .unwrap_or(b"Identity"),
                )),
            )
        } else {
            (Method::Rc4, Method::Rc4)
        };
        if v >= 5 {
            let ue = bytes("UE");
            if u.len() < 48 || ue.len() < 32 {
                return Err(PdfError::Damaged);
            }
            let check = if r >= 6 {
                hash_r6(b"", &u[32..40], b"")
            } else {
                sha256(&[&u[32..40]])
            };
            if check[..] != u[..32] {
                return Err(PdfError::Password);
            }
            let ik = if r >= 6 {
                hash_r6(b"", &u[40..48], b"")
            } else {
                sha256(&[&u[40..48]])
            };
            let key = aes256_cbc_decrypt_nopad(&ik, &[0; 16], &ue[..32]);
            return Ok(Crypt { key, stm, str_ });
        }
        let n = if r == 2 {
            5
        } else {
            (int("Length", 40) / 8).clamp(5, 16) as usize
        };
        let p = int("P", 0) as i32;
        let mut parts: Vec<&[u8]> = vec![&PAD, &o[..o.len().min(32)]];
        let pb = p.to_le_bytes();
        parts.push(&pb);
        parts.push(id0);
        let no_meta = matches!(enc.get("EncryptMetadata"), Some(Obj::Bool(false)));
        if r >= 4 && no_meta {
            parts.push(&[0xff; 4]);
        }
        let mut key = md5(&parts).to_vec();
        if r >= 3 {
            for _ in 0..50 {
                key = md5(&[&key[..n]]).to_vec();
            }
        }
        key.truncate(n);
        let ok = if r == 2 {
            rc4(&key, &PAD)[..] == u[..u.len().min(32)]
        } else {
            let mut x = rc4(&key, &md5(&[&PAD, id0]));
            for i in 1..=19u8 {
                let k: Vec<u8> = key.iter().map(|b| b ^ i).collect();
                x = rc4(&k, &x);
            }
            u.len() >= 16 && x[..16] == u[..16]
        };
        if !ok {
            return Err(PdfError::Password);
        }
        Ok(Crypt { key, stm, str_ })
    }

    pub fn decrypt(&self, num: u32, gen: u16, data: &[u8], stream: bool) -> Vec<u8> {
        let m = if stream { self.stm } else { self.str_ };
        let key = match m {
            Method::None => return data.to_vec(),
            Method::Aes256 => self.key.clone(),
            _ => {
                let n = num.to_le_bytes();
                let g = gen.to_le_bytes();
                let salt: &[u8] = if m == Method::Aes128 { b"sAlT" } else { b"" };
                let k = md5(&[&self.key, &n[..3], &g, salt]);
                k[..(self.key.len() + 5).min(16)].to_vec()
            }
        };
        match m {
            Method::Rc4 => rc4(&key, data),
            _ => aes_cbc_decrypt(&key, data),
        }
    }
}

fn rc4(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut s: [u8; 256] = std::array::from_fn(|i| i as u8);
    let mut j = 0u8;
    if key.is_empty() {
        return data.to_vec();
    }
    for i in 0..256 {
        j = j.wrapping_add(s[i]).wrapping_add(key[i % key.len()]);
        s.swap(i, j as usize);
    }
    let (mut i, mut j) = (0u8, 0u8);
    data.iter()
        .map(|&b| {
            i = i.wrapping_add(1);
            j = j.wrapping_add(s[i as usize]);
            s.swap(i as usize, j as usize);
            b ^ s[s[i as usize].wrapping_add(s[j as usize]) as usize]
        })
        .collect()
}

/// MD5 (RFC 1321) of the concatenated parts.
fn md5(parts: &[&[u8]]) -> [u8; 16] {
    const S: [u32; 64] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5,
        9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10,
        15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ];
    // floor(|sin(i + 1)| * 2^32), written out: computing it pulls libm's sin into the wasm.
    const K: [u32; 64] = [
        0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613,
        0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193,
        0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d,
        0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed,
        0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122,
        0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
        0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244,
        0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
        0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb,
        0xeb86d391,
    ];
    let mut msg: Vec<u8> = parts.concat();
    let bits = (msg.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bits.to_le_bytes());
    let mut h = [0x67452301u32, 0xefcdab89, 0x98badcfe, 0x10325476];
    for chunk in msg.chunks(64) {
        let m: [u32; 16] = std::array::from_fn(|i| {
            u32::from_le_bytes([
                chunk[4 * i],
                chunk[4 * i + 1],
                chunk[4 * i + 2],
                chunk[4 * i + 3],
            ])
        });
        let [mut a, mut b, mut c, mut d] = h;
        for i in 0..64 {
            let (f, g) = match i / 16 {
                0 => ((b & c) | (!b & d), i),
                1 => ((d & b) | (!d & c), (5 * i + 1) % 16),
                2 => (b ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (b | !d), (7 * i) % 16),
            };
            let t = d;
            d = c;
            c = b;
            b = b.wrapping_add(
                a.wrapping_add(f)
                    .wrapping_add(K[i])
                    .wrapping_add(m[g])
                    .rotate_left(S[i]),
            );
            a = t;
        }
        h[0] = h[0].wrapping_add(a);
        h[1] = h[1].wrapping_add(b);
        h[2] = h[2].wrapping_add(c);
        h[3] = h[3].wrapping_add(d);
    }
    let mut out = [0u8; 16];
    for i in 0..4 {
        out[4 * i..4 * i + 4].copy_from_slice(&h[i].to_le_bytes());
    }
    out
}

fn sha256(parts: &[&[u8]]) -> Vec<u8> {
    crate::sha2::sha256(&parts.concat())
}

/// ISO 32000-2 algorithm 2.B.
fn hash_r6(pw: &[u8], salt: &[u8], udata: &[u8]) -> Vec<u8> {
    let mut k = sha256(&[pw, salt, udata]);
    let mut i = 0u32;
    loop {
        let mut k1 = Vec::new();
        for _ in 0..64 {
            k1.extend_from_slice(pw);
            k1.extend_from_slice(&k);
            k1.extend_from_slice(udata);
        }
        let e = aes128_cbc_encrypt_nopad(&k[..16], &k[16..32], &k1);
        let m = e[..16].iter().map(|&b| b as u32).sum::<u32>() % 3;
        k = match m {
            0 => sha256(&[&e]),
            1 => crate::sha2::sha512(&e, true),
            _ => crate::sha2::sha512(&e, false),
        };
        i += 1;
        if i >= 64 && (*e.last().unwrap_or(&0) as u32) + 32 <= i {
            break;
        }
        if i > 2000 {
            break;
        }
    }
    k.truncate(32);
    k
}

fn aes128_cbc_encrypt_nopad(key: &[u8], iv: &[u8], data: &[u8]) -> Vec<u8> {
    let Some(c) = Aes::new(key) else {
        return vec![];
    };
    let mut prev: [u8; 16] = iv.try_into().unwrap_or([0; 16]);
    let mut out = Vec::with_capacity(data.len());
    for block in data.chunks_exact(16) {
        for i in 0..16 {
            prev[i] ^= block[i];
        }
        c.encrypt(&mut prev);
        out.extend_from_slice(&prev);
    }
    out
}

/// AES-CBC without padding (key 16 or 32 bytes; another length gives nothing).
fn cbc_decrypt_nopad(key: &[u8], iv: &[u8], data: &[u8]) -> Vec<u8> {
    let Some(c) = Aes::new(key) else {
        return vec![];
    };
    let mut prev: [u8; 16] = iv.try_into().unwrap_or([0; 16]);
    let mut out = Vec::with_capacity(data.len());
    for block in data.chunks_exact(16) {
        let mut b = [0u8; 16];
        b.copy_from_slice(block);
        c.decrypt(&mut b);
        for i in 0..16 {
            out.push(b[i] ^ prev[i]);
        }
        prev.copy_from_slice(block);
    }
    out
}

fn aes256_cbc_decrypt_nopad(key: &[u8], iv: &[u8], data: &[u8]) -> Vec<u8> {
    cbc_decrypt_nopad(key, iv, data)
}

/// AES-CBC with the IV in the first block and PKCS#7 padding (key 16 or 32 bytes).
fn aes_cbc_decrypt(key: &[u8], data: &[u8]) -> Vec<u8> {
    if data.len() < 32 {
        return vec![];
    }
    let (iv, body) = data.split_at(16);
    let mut out = cbc_decrypt_nopad(key, iv, body);
    if let Some(&p) = out.last() {
        if (1..=16).contains(&p) && out.len() >= p as usize {
            out.truncate(out.len() - p as usize);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn md5_vectors() {
        let hex = |b: [u8; 16]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
        assert_eq!(hex(super::md5(&[b""])), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(
            hex(super::md5(&[b"abc"])),
            "900150983cd24fb0d6963f7d28e17f72"
        );
    }
}
