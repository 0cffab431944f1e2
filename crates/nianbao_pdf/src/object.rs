//! PDF objects and the tokenizer that reads them from bytes. Bounded: nesting depth and
//! collection sizes are capped so hostile input cannot recurse or allocate without end.

use std::rc::Rc;

const MAX_DEPTH: u32 = 64;

#[derive(Clone, Debug, PartialEq)]
pub enum Obj {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Obj>),
    Dict(Dict),
    Ref(u32, u16),
    Stream(Rc<Stream>),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dict(pub Vec<(Vec<u8>, Obj)>);

#[derive(Debug, PartialEq)]
pub struct Stream {
    pub dict: Dict,
    /// Raw (still filtered, already decrypted) bytes.
    pub data: Vec<u8>,
}

impl Dict {
    pub fn get(&self, key: &str) -> Option<&Obj> {
        self.0
            .iter()
            .find(|(k, _)| k.as_slice() == key.as_bytes())
            .map(|(_, v)| v)
    }
}

impl Obj {
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Obj::Int(i) => Some(*i as f64),
            Obj::Real(r) => Some(*r),
            _ => None,
        }
    }
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Obj::Int(i) => Some(*i),
            Obj::Real(r) => Some(*r as i64),
            _ => None,
        }
    }
    pub fn as_name(&self) -> Option<&[u8]> {
        match self {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }
    pub fn as_dict(&self) -> Option<&Dict> {
        match self {
            Obj::Dict(d) => Some(d),
            Obj::Stream(s) => Some(&s.dict),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&[Obj]> {
        match self {
            Obj::Array(a) => Some(a),
            _ => None,
        }
    }
}

pub fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | 0)
}

pub fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// A token of a content stream or object: an object, or an operator/keyword.
#[derive(Debug)]
pub enum Tok {
    Obj(Obj),
    Keyword(Vec<u8>),
    ArrayEnd,
    DictEnd,
}

pub struct Lexer<'a> {
    pub buf: &'a [u8],
    pub pos: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(buf: &'a [u8], pos: usize) -> Self {
        Lexer { buf, pos }
    }

    pub fn skip_ws(&mut self) {
        while self.pos < self.buf.len() {
            let b = self.buf[self.pos];
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self.pos < self.buf.len() && !matches!(self.buf[self.pos], b'\n' | b'\r') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn peek(&self) -> Option<u8> {
        self.buf.get(self.pos).copied()
    }

    /// Reads one token; `None` at the end.
    pub fn token(&mut self, depth: u32) -> Option<Tok> {
        self.skip_ws();
        let b = self.peek()?;
        match b {
            b'/' => {
                self.pos += 1;
                Some(Tok::Obj(Obj::Name(self.name())))
            }
            b'(' => {
                self.pos += 1;
                Some(Tok::Obj(Obj::Str(self.literal())))
            }
            b'<' => {
                if self.buf.get(self.pos + 1) == Some(&b'<') {
                    self.pos += 2;
                    Some(Tok::Obj(Obj::Dict(self.dict(depth + 1))))
                } else {
                    self.pos += 1;
                    Some(Tok::Obj(Obj::Str(self.hex())))
                }
            }
            b'>' => {
                self.pos += 1;
                if self.peek() == Some(b'>') {
                    self.pos += 1;
                }
                Some(Tok::DictEnd)
            }
            b'[' => {
                self.pos += 1;
                Some(Tok::Obj(Obj::Array(self.array(depth + 1))))
            }
            b']' => {
                self.pos += 1;
                Some(Tok::ArrayEnd)
            }
            b'{' | b'}' | b')' => {
                self.pos += 1;
                Some(Tok::Keyword(vec![b]))
            }
            b'+' | b'-' | b'.' | b'0'..=b'9' => Some(Tok::Obj(self.number())),
            _ => {
                let start = self.pos;
                while self.pos < self.buf.len()
                    && !is_white(self.buf[self.pos])
                    && !is_delim(self.buf[self.pos])
                {
                    self.pos += 1;
                }
                if self.pos == start {
                    self.pos += 1;
                }
                let w = &self.buf[start..self.pos];
                Some(match w {
                    b"true" => Tok::Obj(Obj::Bool(true)),
                    b"false" => Tok::Obj(Obj::Bool(false)),
                    b"null" => Tok::Obj(Obj::Null),
                    _ => Tok::Keyword(w.to_vec()),
                })
            }
        }
    }

    fn name(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(b) = self.peek() {
            if is_white(b) || is_delim(b) {
                break;
            }
            self.pos += 1;
            if b == b'#' {
                let h = self.buf.get(self.pos..self.pos + 2).and_then(hex2);
                if let Some(v) = h {
                    out.push(v);
                    self.pos += 2;
                    continue;
                }
            }
            out.push(b);
        }
        out
    }

    fn number(&mut self) -> Obj {
        let start = self.pos;
        self.pos += 1;
        while let Some(b) = self.peek() {
            if b.is_ascii_digit() || b == b'.' || b == b'-' {
                self.pos += 1;
            } else {
                break;
            }
        }
        parse_number(&self.buf[start..self.pos])
    }

    fn literal(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut nest = 0u32;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'(' => {
                    nest += 1;
                    out.push(b);
                }
                b')' => {
                    if nest == 0 {
                        break;
                    }
                    nest -= 1;
                    out.push(b);
                }
                b'\\' => {
                    let Some(c) = self.peek() else { break };
                    self.pos += 1;
                    match c {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = (c - b'0') as u32;
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + (d - b'0') as u32;
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        _ => out.push(c),
                    }
                }
                _ => out.push(b),
            }
        }
        out
    }

    fn hex(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut hi: Option<u8> = None;
        while let Some(b) = self.peek() {
            self.pos += 1;
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

    fn array(&mut self, depth: u32) -> Vec<Obj> {
        let mut out = Vec::new();
        if depth > MAX_DEPTH {
            return out;
        }
        loop {
            let before = self.pos;
            match self.token(depth) {
                None | Some(Tok::ArrayEnd) => break,
                Some(Tok::Obj(o)) => out.push(o),
                Some(Tok::Keyword(k)) if k == b"R" => fold_ref(&mut out),
                Some(Tok::Keyword(k)) if k == b"endobj" || k == b"stream" => {
                    self.pos = before;
                    break;
                }
                Some(_) => {}
            }
        }
        out
    }

    fn dict(&mut self, depth: u32) -> Dict {
        let mut items: Vec<Obj> = Vec::new();
        if depth <= MAX_DEPTH {
            loop {
                let before = self.pos;
                match self.token(depth) {
                    None | Some(Tok::DictEnd) => break,
                    Some(Tok::Obj(o)) => items.push(o),
                    Some(Tok::Keyword(k)) if k == b"R" => fold_ref(&mut items),
                    Some(Tok::Keyword(k)) if k == b"endobj" || k == b"stream" => {
                        self.pos = before;
                        break;
                    }
                    Some(_) => {}
                }
            }
        }
        let mut d = Dict::default();
        let mut it = items.into_iter();
        while let Some(k) = it.next() {
            if let Obj::Name(k) = k {
                let v = it.next().unwrap_or(Obj::Null);
                d.0.push((k, v));
            }
        }
        d
    }

    /// Reads one object (refs folded); keywords other than `R` end it.
    pub fn object(&mut self) -> Option<Obj> {
        let first = match self.token(0)? {
            Tok::Obj(o) => o,
            _ => return None,
        };
        if let Obj::Int(n) = first {
            // `n g R`?
            let save = self.pos;
            if let Some(Tok::Obj(Obj::Int(g))) = self.token(0) {
                if let Some(Tok::Keyword(k)) = self.token(0) {
                    if k == b"R" {
                        return Some(Obj::Ref(n as u32, g as u16));
                    }
                }
            }
            self.pos = save;
        }
        Some(first)
    }
}

fn fold_ref(items: &mut Vec<Obj>) {
    if items.len() >= 2 {
        if let (Obj::Int(n), Obj::Int(g)) = (&items[items.len() - 2], &items[items.len() - 1]) {
            let r = Obj::Ref(*n as u32, *g as u16);
            items.truncate(items.len() - 2);
            items.push(r);
        }
    }
}

/// A PDF number. Hand-written (std's float parser costs kilobytes of wasm); tolerates
/// producer slips like "--5" or "1.2.3" by keeping the leading sign, digits and first point.
pub fn parse_number(s: &[u8]) -> Obj {
    let mut neg = false;
    let mut int: i64 = 0;
    let mut frac = 0.0f64;
    let mut scale = 0.1f64;
    let mut seen_point = false;
    for (i, &c) in s.iter().enumerate() {
        match c {
            b'-' if i == 0 => neg = true,
            b'0'..=b'9' if !seen_point => {
                int = int.saturating_mul(10).saturating_add((c - b'0') as i64);
            }
            b'0'..=b'9' => {
                frac += (c - b'0') as f64 * scale;
                scale *= 0.1;
            }
            b'.' if !seen_point => seen_point = true,
            _ => {}
        }
    }
    if !seen_point {
        return Obj::Int(if neg { -int } else { int });
    }
    let v = int as f64 + frac;
    Obj::Real(if neg { -v } else { v })
}

pub fn hexval(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

fn hex2(s: &[u8]) -> Option<u8> {
    Some(hexval(s[0])? << 4 | hexval(s[1])?)
}
