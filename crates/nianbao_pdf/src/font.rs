//! Fonts as far as text extraction needs them: how to split a string into codes, each code's
//! Unicode text (ToUnicode, predefined Unicode CMaps, simple encodings with Differences) and
//! its advance width.

use crate::doc::Doc;
use crate::map::U32Map;
use crate::object::{Dict, Lexer, Obj, Tok};

const MAX_MAP: usize = 200_000;

/// A codespace range: byte length, low and high bytes.
type CodeRange = (usize, Vec<u8>, Vec<u8>);

#[derive(Clone, Copy, PartialEq, Debug)]
enum Cmap {
    /// One byte per code (simple fonts).
    Simple,
    /// Two bytes, code = CID (Identity-H/V).
    Identity,
    /// Two bytes, code = UCS-2 (UniGB-UCS2-H …).
    Ucs2,
    /// UTF-16BE (UniGB-UTF16-H …).
    Utf16,
    /// Codespace ranges from an embedded CMap or a predefined multi-byte CMap.
    Ranges,
}

pub struct Font {
    pub name: String,
    kind: Cmap,
    codespace: Vec<CodeRange>,
    to_unicode: U32Map<String>,
    simple: Option<Vec<Option<char>>>,
    widths: U32Map<f64>,
    default_width: f64,
    /// Glyph space → text space for the width (1/1000, or a Type 3 FontMatrix).
    scale: f64,
    pub vertical: bool,
}

pub struct Code {
    pub code: u32,
    pub len: usize,
    pub text: Option<String>,
    /// Advance in text space units per unit font size.
    pub width: f64,
}

impl Font {
    pub fn load(doc: &Doc, d: &Dict) -> Font {
        let subtype = doc.dict_get(d, "Subtype");
        let name = match doc.dict_get(d, "BaseFont") {
            Obj::Name(n) => String::from_utf8_lossy(&n).into_owned(),
            _ => String::from("(无名字体)"),
        };
        let mut f = Font {
            name,
            kind: Cmap::Simple,
            codespace: vec![],
            to_unicode: U32Map::new(),
            simple: None,
            widths: U32Map::new(),
            default_width: 0.0,
            scale: 0.001,
            vertical: false,
        };
        if subtype.as_name() == Some(b"Type0") {
            f.default_width = 1000.0;
            match doc.dict_get(d, "Encoding") {
                Obj::Name(n) => {
                    let n = n.as_slice();
                    f.vertical = n.ends_with(b"-V");
                    f.kind = if n.starts_with(b"Identity") {
                        Cmap::Identity
                    } else if n.windows(4).any(|w| w == b"UCS2") {
                        Cmap::Ucs2
                    } else if n.windows(5).any(|w| w == b"UTF16") {
                        Cmap::Utf16
                    } else {
                        // GB-EUC, GBK-EUC, GBpc-EUC…: one byte below 0x81, else two.
                        f.codespace = vec![
                            (1, vec![0], vec![0x80]),
                            (2, vec![0x81, 0x40], vec![0xfe, 0xfe]),
                        ];
                        Cmap::Ranges
                    };
                }
                Obj::Stream(s) => {
                    if let Ok(data) = doc.stream_bytes(&s) {
                        let (cs, _) = parse_cmap(&data, false);
                        f.codespace = cs;
                    }
                    f.vertical = s.dict.get("WMode").and_then(|o| o.as_i64()) == Some(1);
                    f.kind = if f.codespace.is_empty() {
                        Cmap::Identity
                    } else {
                        Cmap::Ranges
                    };
                }
                _ => f.kind = Cmap::Identity,
            }
            if let Some(desc) = doc
                .dict_get(d, "DescendantFonts")
                .as_array()
                .and_then(|a| a.first())
            {
                if let Some(cid) = doc.resolve(desc).as_dict() {
                    if let Some(dw) = doc.dict_get(cid, "DW").as_f64() {
                        f.default_width = dw;
                    }
                    if let Obj::Array(w) = doc.dict_get(cid, "W") {
                        f.cid_widths(doc, &w);
                    }
                }
            }
        } else {
            let first = doc.dict_get(d, "FirstChar").as_i64().unwrap_or(0);
            if let Obj::Array(w) = doc.dict_get(d, "Widths") {
                for (i, o) in w.iter().enumerate().take(256) {
                    if let Some(v) = doc.resolve(o).as_f64() {
                        f.widths.insert(first.wrapping_add(i as i64) as u32, v);
                    }
                }
            }
            if subtype.as_name() == Some(b"Type3") {
                if let Obj::Array(m) = doc.dict_get(d, "FontMatrix") {
                    f.scale = m.first().and_then(|o| o.as_f64()).unwrap_or(0.001);
                }
            } else if f.widths.is_empty() {
                f.default_width = 500.0;
            }
            f.simple = Some(simple_encoding(doc, d));
        }
        if let Obj::Stream(s) = doc.dict_get(d, "ToUnicode") {
            if let Ok(data) = doc.stream_bytes(&s) {
                let (cs, map) = parse_cmap(&data, true);
                f.to_unicode = map;
                if f.kind == Cmap::Identity && f.codespace.is_empty() {
                    // Identity is two bytes whatever the ToUnicode codespace claims.
                    let _ = cs;
                }
            }
        }
        f
    }

    fn cid_widths(&mut self, doc: &Doc, w: &[Obj]) {
        let mut i = 0;
        while i < w.len() && self.widths.len() < MAX_MAP {
            let Some(c) = doc.resolve(&w[i]).as_i64() else {
                break;
            };
            match w.get(i + 1).map(|o| doc.resolve(o)) {
                Some(Obj::Array(a)) => {
                    for (k, o) in a.iter().enumerate() {
                        if let Some(v) = o.as_f64() {
                            self.widths.insert(c.wrapping_add(k as i64) as u32, v);
                        }
                    }
                    i += 2;
                }
                Some(o) => {
                    let hi = o.as_i64().unwrap_or(c);
                    let v = w
                        .get(i + 2)
                        .and_then(|o| doc.resolve(o).as_f64())
                        .unwrap_or(0.0);
                    for k in c..=hi.min(c.saturating_add(65_535)) {
                        self.widths.insert(k as u32, v);
                    }
                    i += 3;
                }
                None => break,
            }
        }
    }

    /// Splits a shown string into codes with their text and widths.
    pub fn codes(&self, s: &[u8]) -> Vec<Code> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < s.len() {
            let len = match self.kind {
                Cmap::Simple => 1,
                Cmap::Identity | Cmap::Ucs2 => 2,
                Cmap::Utf16 => {
                    if (0xd8..0xdc).contains(&s[i]) {
                        4
                    } else {
                        2
                    }
                }
                Cmap::Ranges => self.range_len(&s[i..]),
            }
            .min(s.len() - i);
            let code = s[i..i + len].iter().fold(0u32, |a, &b| a << 8 | b as u32);
            i += len;
            let text = self
                .to_unicode
                .get(&code)
                .cloned()
                .or_else(|| match self.kind {
                    Cmap::Simple => self
                        .simple
                        .as_ref()
                        .and_then(|t| t.get(code as usize).copied().flatten())
                        .map(String::from),
                    Cmap::Ucs2 => char::from_u32(code).map(String::from),
                    Cmap::Utf16 => {
                        let units = if len == 4 {
                            vec![(code >> 16) as u16, code as u16]
                        } else {
                            vec![code as u16]
                        };
                        String::from_utf16(&units).ok()
                    }
                    _ => None,
                });
            let w = self
                .widths
                .get(&code)
                .copied()
                .unwrap_or(self.default_width);
            out.push(Code {
                code,
                len,
                text,
                width: w * self.scale,
            });
        }
        out
    }

    fn range_len(&self, s: &[u8]) -> usize {
        for (n, lo, hi) in &self.codespace {
            if s.len() >= *n && (0..*n).all(|k| s[k] >= lo[k] && s[k] <= hi[k]) {
                return *n;
            }
        }
        self.codespace.iter().map(|c| c.0).min().unwrap_or(1)
    }
}

/// Parses a CMap: codespace ranges and (when `unicode`) the bfchar/bfrange text map.
fn parse_cmap(data: &[u8], unicode: bool) -> (Vec<CodeRange>, U32Map<String>) {
    let mut cs = Vec::new();
    let mut map = U32Map::new();
    let mut lx = Lexer::new(data, 0);
    let mut stack: Vec<Obj> = Vec::new();
    let mut mode = 0u8;
    let num = |b: &[u8]| b.iter().fold(0u32, |a, &x| a << 8 | x as u32);
    let utf16 = |b: &[u8]| -> String {
        let u: Vec<u16> = b
            .chunks(2)
            .map(|c| (c[0] as u16) << 8 | *c.get(1).unwrap_or(&0) as u16)
            .collect();
        String::from_utf16_lossy(&u)
    };
    let mut steps = 0u32;
    while let Some(t) = lx.token(0) {
        steps += 1;
        if steps > 2_000_000 {
            break;
        }
        match t {
            Tok::Obj(o) => stack.push(o),
            Tok::Keyword(k) => {
                match k.as_slice() {
                    b"begincodespacerange" => mode = 1,
                    b"beginbfchar" => mode = 2,
                    b"beginbfrange" => mode = 3,
                    b"endcodespacerange" => {
                        for p in stack.chunks(2) {
                            if let [Obj::Str(lo), Obj::Str(hi)] = p {
                                if lo.len() == hi.len() && !lo.is_empty() && lo.len() <= 4 {
                                    cs.push((lo.len(), lo.clone(), hi.clone()));
                                }
                            }
                        }
                        mode = 0;
                    }
                    b"endbfchar" if unicode && mode == 2 => {
                        for p in stack.chunks(2) {
                            if let [Obj::Str(src), dst] = p {
                                let t = match dst {
                                    Obj::Str(d) => utf16(d),
                                    Obj::Name(n) => {
                                        glyph_char(n).map(String::from).unwrap_or_default()
                                    }
                                    _ => continue,
                                };
                                if map.len() < MAX_MAP {
                                    map.insert(num(src), t);
                                }
                            }
                        }
                    }
                    b"endbfrange" if unicode && mode == 3 => {
                        for p in stack.chunks(3) {
                            let [Obj::Str(lo), Obj::Str(hi), dst] = p else {
                                continue;
                            };
                            let (lo, hi) = (num(lo), num(hi));
                            if hi < lo || hi - lo > 65_535 {
                                continue;
                            }
                            for (k, c) in (lo..=hi).enumerate() {
                                if map.len() >= MAX_MAP {
                                    break;
                                }
                                let t = match dst {
                                    Obj::Str(d) if !d.is_empty() => {
                                        let mut d = d.clone();
                                        // Increment the last byte pair by k.
                                        let n = d.len();
                                        let last = if n >= 2 {
                                            (d[n - 2] as u32) << 8 | d[n - 1] as u32
                                        } else {
                                            d[0] as u32
                                        };
                                        let v = last + k as u32;
                                        if n >= 2 {
                                            d[n - 2] = (v >> 8) as u8;
                                            d[n - 1] = v as u8;
                                            utf16(&d)
                                        } else {
                                            char::from_u32(v).map(String::from).unwrap_or_default()
                                        }
                                    }
                                    Obj::Array(a) => match a.get(k) {
                                        Some(Obj::Str(d)) => utf16(d),
                                        _ => continue,
                                    },
                                    _ => continue,
                                };
                                map.insert(c, t);
                            }
                        }
                    }
                    _ => {}
                }
                if k.starts_with(b"end") || k.starts_with(b"begin") {
                    stack.clear();
                }
            }
            _ => {}
        }
    }
    (cs, map)
}

/// The 256-entry code → char table of a simple font: base encoding, then Differences.
fn simple_encoding(doc: &Doc, d: &Dict) -> Vec<Option<char>> {
    let mut t: Vec<Option<char>> = (0..256u32).map(|c| win_ansi(c as u8)).collect();
    let enc = doc.dict_get(d, "Encoding");
    let base = match &enc {
        Obj::Name(n) => Some(n.clone()),
        Obj::Dict(e) => e
            .get("BaseEncoding")
            .and_then(|o| o.as_name())
            .map(|n| n.to_vec()),
        _ => None,
    };
    if base.as_deref() == Some(b"StandardEncoding") {
        t[0x27] = Some('\u{2019}');
        t[0x60] = Some('\u{2018}');
    }
    if let Obj::Dict(e) = &enc {
        if let Some(Obj::Array(diff)) = e.get("Differences").map(|o| doc.resolve(o)) {
            let mut code = 0usize;
            for o in diff {
                match o {
                    Obj::Int(c) => code = c.clamp(0, 255) as usize,
                    Obj::Name(n) => {
                        if code < 256 {
                            t[code] = glyph_char(&n);
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }
    }
    t
}

fn win_ansi(c: u8) -> Option<char> {
    const HIGH: [u16; 32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
        0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
        0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ];
    match c {
        0x20..=0x7e => Some(c as char),
        0x80..=0x9f => char::from_u32(HIGH[(c - 0x80) as usize] as u32).filter(|&ch| ch != '\0'),
        0xa0..=0xff => Some(c as char),
        _ => None,
    }
}

/// A glyph name's character: uniXXXX / uXXXX, single letters and digits' names, common
/// punctuation. Unknown names give no text (never a guess).
fn glyph_char(n: &[u8]) -> Option<char> {
    let s = std::str::from_utf8(n).ok()?;
    let s = s.split('.').next().unwrap_or(s);
    if s.len() == 1 {
        return s.chars().next();
    }
    if let Some(h) = s.strip_prefix("uni").or_else(|| s.strip_prefix('u')) {
        if (4..=6).contains(&h.len()) {
            if let Ok(v) = u32::from_str_radix(&h[..h.len().min(6)], 16) {
                return char::from_u32(v);
            }
        }
    }
    const NAMES: &[(&str, char)] = &[
        ("space", ' '),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("period", '.'),
        ("comma", ','),
        ("hyphen", '-'),
        ("minus", '-'),
        ("slash", '/'),
        ("colon", ':'),
        ("semicolon", ';'),
        ("percent", '%'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("plus", '+'),
        ("equal", '='),
        ("underscore", '_'),
        ("quotesingle", '\''),
        ("quotedbl", '"'),
        ("bracketleft", '['),
        ("bracketright", ']'),
        ("at", '@'),
        ("numbersign", '#'),
        ("ampersand", '&'),
        ("asterisk", '*'),
        ("question", '?'),
        ("exclam", '!'),
        ("endash", '\u{2013}'),
        ("emdash", '\u{2014}'),
        ("quoteleft", '\u{2018}'),
        ("quoteright", '\u{2019}'),
        ("quotedblleft", '\u{201c}'),
        ("quotedblright", '\u{201d}'),
        ("bullet", '\u{2022}'),
        ("ellipsis", '\u{2026}'),
        ("nbspace", ' '),
        ("less", '<'),
        ("greater", '>'),
        ("dollar", '$'),
        ("yen", '\u{a5}'),
        ("periodcentered", '\u{b7}'),
    ];
    NAMES.iter().find(|(k, _)| *k == s).map(|(_, c)| *c)
}
