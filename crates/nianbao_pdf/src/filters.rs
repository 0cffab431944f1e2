//! Stream filters: Flate (with PNG/TIFF predictors), LZW, ASCIIHex, ASCII85, RunLength.
//! Output is capped (`MAX_OUT`) so a decompression bomb stops early.

use crate::object::{hexval, is_white, Dict, Obj};

/// Largest decoded stream we accept (bytes).
pub const MAX_OUT: usize = 64 << 20;

/// Decodes `data` through the stream's /Filter chain. Image filters (DCT, JPX, CCITT, JBIG2)
/// stop the chain: `Err(true)` marks an image stream, `Err(false)` a failure.
pub fn decode(dict: &Dict, data: &[u8]) -> Result<Vec<u8>, bool> {
    let filters: Vec<&[u8]> = match dict.get("Filter").or_else(|| dict.get("F")) {
        Some(Obj::Name(n)) => vec![n.as_slice()],
        Some(Obj::Array(a)) => a.iter().filter_map(|o| o.as_name()).collect(),
        _ => vec![],
    };
    let parms: Vec<Option<&Dict>> = match dict.get("DecodeParms").or_else(|| dict.get("DP")) {
        Some(Obj::Dict(d)) => vec![Some(d)],
        Some(Obj::Array(a)) => a.iter().map(|o| o.as_dict()).collect(),
        _ => vec![],
    };
    let mut cur = data.to_vec();
    for (i, f) in filters.iter().enumerate() {
        let p = parms.get(i).copied().flatten();
        cur = match *f {
            b"FlateDecode" | b"Fl" => predict(inflate(&cur).ok_or(false)?, p)?,
            b"LZWDecode" | b"LZW" => {
                let early = p
                    .and_then(|p| p.get("EarlyChange"))
                    .and_then(|o| o.as_i64())
                    .unwrap_or(1);
                predict(lzw(&cur, early != 0), p)?
            }
            b"ASCIIHexDecode" | b"AHx" => ascii_hex(&cur),
            b"ASCII85Decode" | b"A85" => ascii85(&cur),
            b"RunLengthDecode" | b"RL" => run_length(&cur),
            b"Crypt" => cur,
            _ => return Err(true),
        };
    }
    Ok(cur)
}

fn inflate(data: &[u8]) -> Option<Vec<u8>> {
    use miniz_oxide::inflate::{decompress_to_vec_with_limit, decompress_to_vec_zlib_with_limit};
    match decompress_to_vec_zlib_with_limit(data, MAX_OUT) {
        Ok(v) => Some(v),
        Err(e) => {
            // A truncated or damaged stream: keep what inflated, or try it as raw deflate.
            if !e.output.is_empty() {
                return Some(e.output);
            }
            match decompress_to_vec_with_limit(data, MAX_OUT) {
                Ok(v) => Some(v),
                Err(e) if !e.output.is_empty() => Some(e.output),
                Err(_) => data
                    .get(2..)
                    .and_then(|d| decompress_to_vec_with_limit(d, MAX_OUT).ok()),
            }
        }
    }
}

fn predict(data: Vec<u8>, p: Option<&Dict>) -> Result<Vec<u8>, bool> {
    let Some(p) = p else { return Ok(data) };
    let get = |k: &str, d: i64| p.get(k).and_then(|o| o.as_i64()).unwrap_or(d);
    let pred = get("Predictor", 1);
    if pred < 2 {
        return Ok(data);
    }
    let colors = get("Colors", 1).clamp(1, 32) as usize;
    let bpc = get("BitsPerComponent", 8).clamp(1, 16) as usize;
    let cols = get("Columns", 1).clamp(1, 1 << 16) as usize;
    let bpp = (colors * bpc).div_ceil(8).max(1);
    let row = (colors * bpc * cols).div_ceil(8);
    if pred == 2 {
        // TIFF predictor, 8-bit components only.
        let mut out = data;
        if bpc == 8 {
            for r in out.chunks_mut(row) {
                for i in bpp..r.len() {
                    r[i] = r[i].wrapping_add(r[i - bpp]);
                }
            }
        }
        return Ok(out);
    }
    let mut out = Vec::with_capacity(data.len());
    let mut prev = vec![0u8; row];
    for chunk in data.chunks(row + 1) {
        let (t, src) = (chunk[0], &chunk[1..]);
        let mut cur = vec![0u8; row];
        for i in 0..src.len() {
            let a = if i >= bpp { cur[i - bpp] } else { 0 };
            let b = prev[i];
            let c = if i >= bpp { prev[i - bpp] } else { 0 };
            let x = src[i];
            cur[i] = match t {
                1 => x.wrapping_add(a),
                2 => x.wrapping_add(b),
                3 => x.wrapping_add(((a as u16 + b as u16) / 2) as u8),
                4 => {
                    let pa = (b as i16 - c as i16).abs();
                    let pb = (a as i16 - c as i16).abs();
                    let pc = (a as i16 + b as i16 - 2 * c as i16).abs();
                    let pr = if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    };
                    x.wrapping_add(pr)
                }
                _ => x,
            };
        }
        out.extend_from_slice(&cur[..src.len()]);
        prev = cur;
    }
    Ok(out)
}

fn lzw(data: &[u8], early: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut table: Vec<Vec<u8>> = (0..=255u16).map(|b| vec![b as u8]).collect();
    table.push(vec![]);
    table.push(vec![]);
    let mut width = 9u32;
    let mut bits = 0u32;
    let mut acc = 0u32;
    let mut prev: Option<usize> = None;
    for &byte in data {
        acc = (acc << 8) | byte as u32;
        bits += 8;
        while bits >= width {
            let code = ((acc >> (bits - width)) & ((1 << width) - 1)) as usize;
            bits -= width;
            if code == 256 {
                table.truncate(258);
                width = 9;
                prev = None;
                continue;
            }
            if code == 257 {
                return out;
            }
            let entry = if code < table.len() {
                table[code].clone()
            } else if let Some(p) = prev {
                let mut e = table[p].clone();
                e.push(table[p][0]);
                e
            } else {
                return out;
            };
            if let Some(p) = prev {
                if table.len() < 4096 {
                    let mut n = table[p].clone();
                    n.push(entry[0]);
                    table.push(n);
                }
            }
            out.extend_from_slice(&entry);
            if out.len() > MAX_OUT {
                return out;
            }
            prev = Some(code);
            let next = table.len() + usize::from(early);
            width = if next > 2048 {
                12
            } else if next > 1024 {
                11
            } else if next > 512 {
                10
            } else {
                9
            };
        }
    }
    out
}

fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut hi = None;
    for &b in data {
        if b == b'>' {
            break;
        }
        let Some(v) = hexval(b) else { continue };
        match hi.take() {
            Some(h) => out.push(h << 4 | v),
            None => hi = Some(v),
        }
    }
    if let Some(h) = hi {
        out.push(h << 4);
    }
    out
}

fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut group = [0u8; 5];
    let mut n = 0;
    let body = data.strip_prefix(b"<~").unwrap_or(data);
    for &b in body {
        if b == b'~' {
            break;
        }
        if is_white(b) {
            continue;
        }
        if b == b'z' && n == 0 {
            out.extend_from_slice(&[0; 4]);
            continue;
        }
        if !(b'!'..=b'u').contains(&b) {
            continue;
        }
        group[n] = b - b'!';
        n += 1;
        if n == 5 {
            let v = group.iter().fold(0u64, |a, &d| a * 85 + d as u64) as u32;
            out.extend_from_slice(&v.to_be_bytes());
            n = 0;
        }
    }
    if n > 1 {
        for g in group.iter_mut().skip(n) {
            *g = 84;
        }
        let v = group.iter().fold(0u64, |a, &d| a * 85 + d as u64) as u32;
        out.extend_from_slice(&v.to_be_bytes()[..n - 1]);
    }
    out
}

fn run_length(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() && out.len() < MAX_OUT {
        let l = data[i] as usize;
        i += 1;
        if l < 128 {
            let end = (i + l + 1).min(data.len());
            out.extend_from_slice(&data[i..end]);
            i = end;
        } else if l > 128 {
            if let Some(&b) = data.get(i) {
                out.extend(std::iter::repeat_n(b, 257 - l));
            }
            i += 1;
        } else {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_filters() {
        assert_eq!(ascii_hex(b"48 65 6C6c6F>"), b"Hello");
        assert_eq!(ascii_hex(b"414>"), b"A@");
        assert_eq!(ascii85(b"<~87cURD]j7BEbo7~>"), b"Hello world");
        assert_eq!(ascii85(b"z~>"), [0, 0, 0, 0]);
    }

    #[test]
    fn lzw_spec_example() {
        // ISO 32000-1 §7.4.4.2: "-----A---B"
        let data = [0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01];
        assert_eq!(lzw(&data, true), b"-----A---B");
    }

    #[test]
    fn run_length_and_png_up_predictor() {
        assert_eq!(
            run_length(&[2, b'a', b'b', b'c', 254, b'x', 128]),
            b"abcxxx"
        );
        let mut parms = Dict::default();
        parms.0.push((b"Predictor".to_vec(), Obj::Int(12)));
        parms.0.push((b"Columns".to_vec(), Obj::Int(3)));
        // Two rows with the Up filter: the second adds the first.
        let data = vec![2, 1, 2, 3, 2, 1, 1, 1];
        assert_eq!(predict(data, Some(&parms)).unwrap(), vec![1, 2, 3, 2, 3, 4]);
    }

    #[test]
    fn image_filters_are_reported_as_images() {
        let mut d = Dict::default();
        d.0.push((b"Filter".to_vec(), Obj::Name(b"DCTDecode".to_vec())));
        assert_eq!(decode(&d, b"x"), Err(true));
    }
}
