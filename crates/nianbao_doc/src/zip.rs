//! A small, bounded reader of zip archives: the central directory, then one entry by name,
//! stored or DEFLATE. Every length is checked against the buffer; nothing panics.

use crate::ReadError;

/// At most this many central-directory entries are looked at.
const MAX_ENTRIES: usize = 10_000;
/// An entry may inflate to at most this many bytes.
pub const MAX_UNCOMPRESSED: usize = 64 << 20;
/// Real XML deflates about 5–20×; a bomb is far beyond.
const MAX_RATIO: usize = 200;

fn u16_at(b: &[u8], at: usize) -> Option<usize> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([s[0], s[1]]) as usize)
}

fn u32_at(b: &[u8], at: usize) -> Option<usize> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]) as usize)
}

/// One central-directory entry.
#[derive(Clone, Debug)]
pub struct Entry<'a> {
    pub name: &'a [u8],
    method: usize,
    compressed: usize,
    uncompressed: usize,
    local_offset: usize,
}

/// The entries of the archive's central directory.
pub fn entries(bytes: &[u8]) -> Result<Vec<Entry<'_>>, ReadError> {
    let damaged = || ReadError::Damaged;
    // The end-of-central-directory record sits in the last 22 + 65535 bytes.
    let low = bytes.len().saturating_sub(22 + 65_535);
    let mut eocd = None;
    let mut i = bytes.len().saturating_sub(22);
    loop {
        if bytes.get(i..i + 4) == Some(b"PK\x05\x06") {
            eocd = Some(i);
            break;
        }
        if i <= low {
            break;
        }
        i -= 1;
    }
    let eocd = eocd.ok_or_else(damaged)?;
    let count = u16_at(bytes, eocd + 10).ok_or_else(damaged)?;
    let mut at = u32_at(bytes, eocd + 16).ok_or_else(damaged)?;
    let mut out = Vec::new();
    for _ in 0..count.min(MAX_ENTRIES) {
        if bytes.get(at..at + 4) != Some(b"PK\x01\x02") {
            return Err(damaged());
        }
        let method = u16_at(bytes, at + 10).ok_or_else(damaged)?;
        let compressed = u32_at(bytes, at + 20).ok_or_else(damaged)?;
        let uncompressed = u32_at(bytes, at + 24).ok_or_else(damaged)?;
        let name_len = u16_at(bytes, at + 28).ok_or_else(damaged)?;
        let extra_len = u16_at(bytes, at + 30).ok_or_else(damaged)?;
        let comment_len = u16_at(bytes, at + 32).ok_or_else(damaged)?;
        let local_offset = u32_at(bytes, at + 42).ok_or_else(damaged)?;
        let name = bytes.get(at + 46..at + 46 + name_len).ok_or_else(damaged)?;
        out.push(Entry {
            name,
            method,
            compressed,
            uncompressed,
            local_offset,
        });
        at += 46 + name_len + extra_len + comment_len;
    }
    Ok(out)
}

/// The entry's bytes, inflated; bounded in size and ratio.
pub fn extract(bytes: &[u8], entry: &Entry<'_>) -> Result<Vec<u8>, ReadError> {
    let damaged = || ReadError::Damaged;
    let at = entry.local_offset;
    if bytes.get(at..at + 4) != Some(b"PK\x03\x04") {
        return Err(damaged());
    }
    let name_len = u16_at(bytes, at + 26).ok_or_else(damaged)?;
    let extra_len = u16_at(bytes, at + 28).ok_or_else(damaged)?;
    let start = at + 30 + name_len + extra_len;
    // Sizes come from the central directory: a local header written with a data descriptor
    // holds zeros there.
    let end = start.checked_add(entry.compressed).ok_or_else(damaged)?;
    let data = bytes.get(start..end).ok_or_else(damaged)?;
    if entry.uncompressed > MAX_UNCOMPRESSED {
        return Err(ReadError::TooLarge);
    }
    match entry.method {
        0 => Ok(data.to_vec()),
        8 => {
            let limit = MAX_UNCOMPRESSED
                .min(data.len().saturating_mul(MAX_RATIO).max(1 << 20))
                .min(entry.uncompressed.max(1));
            miniz_oxide::inflate::decompress_to_vec_with_limit(data, limit).map_err(|e| {
                if matches!(e.status, miniz_oxide::inflate::TINFLStatus::HasMoreOutput) {
                    ReadError::TooLarge
                } else {
                    ReadError::Damaged
                }
            })
        }
        _ => Err(ReadError::Damaged),
    }
}

/// Whether the archive holds an entry of this name.
pub fn find<'e, 'a>(entries: &'e [Entry<'a>], name: &str) -> Option<&'e Entry<'a>> {
    entries.iter().find(|e| e.name == name.as_bytes())
}
