//! The document's object table: classic and stream xref sections (following /Prev through
//! incremental updates), object streams, and a rebuild by scanning for `N G obj` when the xref
//! is missing or damaged. Objects are decrypted as they load.

use crate::crypt::Crypt;
use crate::filters;
use crate::map::U32Map;
use crate::object::{Dict, Lexer, Obj, Stream, Tok};
use crate::PdfError;
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Clone, Copy, Debug)]
enum Entry {
    Offset(usize),
    InStream(u32, u32),
}

pub struct Doc<'a> {
    buf: &'a [u8],
    xref: U32Map<Entry>,
    pub trailer: Dict,
    cache: RefCell<U32Map<Obj>>,
    crypt: Option<Crypt>,
    scanned: RefCell<Option<U32Map<usize>>>,
    loads: std::cell::Cell<u32>,
    /// The last `endstream` search: from, found at (or `usize::MAX`): streams with a wrong
    /// /Length search forward once, not once each (bounded work on damaged files).
    endstream: std::cell::Cell<(usize, usize)>,
    /// The last decoded object stream: its number, bytes and (object, offset) table.
    objstm: RefCell<Option<ObjStm>>,
    pub notes: RefCell<Vec<String>>,
}

const MAX_LOADS: u32 = 500_000;

/// The note a rebuilt (damaged or truncated) file carries.
pub const REBUILT: &str = "交叉引用表损坏，已按对象逐个扫描重建";

type ObjStm = (u32, Vec<u8>, Vec<(u32, usize)>);

impl<'a> Doc<'a> {
    pub fn open(buf: &'a [u8]) -> Result<Doc<'a>, PdfError> {
        let head = &buf[..buf.len().min(1024)];
        if find(head, b"%PDF-").is_none() {
            return Err(PdfError::NotPdf);
        }
        let mut doc = Doc {
            buf,
            xref: U32Map::new(),
            trailer: Dict::default(),
            cache: RefCell::new(U32Map::new()),
            crypt: None,
            scanned: RefCell::new(None),
            loads: std::cell::Cell::new(0),
            endstream: std::cell::Cell::new((usize::MAX, 0)),
            objstm: RefCell::new(None),
            notes: RefCell::new(Vec::new()),
        };
        let ok = rfind(buf, b"startxref")
            .and_then(|p| {
                let mut lx = Lexer::new(buf, p + 9);
                lx.object()?.as_i64()
            })
            .map(|off| doc.read_chain(off as usize))
            .unwrap_or(false);
        if !ok || doc.catalog().is_none() {
            doc.rebuild();
            if doc.catalog().is_none() {
                return Err(PdfError::Damaged);
            }
            doc.notes.borrow_mut().push(REBUILT.to_string());
        }
        if let Some(enc) = doc.trailer.get("Encrypt").cloned() {
            let enc = doc.resolve(&enc);
            let id0 = match doc.trailer.get("ID").map(|o| doc.resolve(o)) {
                Some(Obj::Array(a)) => match a.first() {
                    Some(Obj::Str(s)) => s.clone(),
                    _ => vec![],
                },
                _ => vec![],
            };
            if let Some(d) = enc.as_dict() {
                doc.crypt = Some(Crypt::new(d, &id0)?);
                // Objects loaded before the key was known (the Encrypt dict itself) stay plain;
                // everything else must load again, decrypted.
                doc.cache.borrow_mut().clear();
            }
        }
        Ok(doc)
    }

    pub fn catalog(&self) -> Option<Dict> {
        let root = self.trailer.get("Root")?;
        match self.resolve(root) {
            Obj::Dict(d) if d.get("Pages").is_some() => Some(d),
            _ => None,
        }
    }

    fn read_chain(&mut self, mut off: usize) -> bool {
        let mut seen = Vec::new();
        let mut first = true;
        while off < self.buf.len() && !seen.contains(&off) && seen.len() < 64 {
            seen.push(off);
            let Some(trailer) = self.read_section(off) else {
                return !first;
            };
            if first {
                self.trailer = trailer.clone();
                first = false;
            }
            if let Some(x) = trailer.get("XRefStm").and_then(|o| o.as_i64()) {
                let _ = self.read_section(x as usize);
            }
            match trailer.get("Prev").and_then(|o| o.as_i64()) {
                Some(p) if p >= 0 => off = p as usize,
                _ => break,
            }
        }
        !first
    }

    /// Reads one xref section at `off`; returns its trailer. Entries already known (from a
    /// newer section) are kept.
    fn read_section(&mut self, off: usize) -> Option<Dict> {
        if off >= self.buf.len() {
            return None;
        }
        let mut lx = Lexer::new(self.buf, off);
        lx.skip_ws();
        if self.buf[lx.pos..].starts_with(b"xref") {
            lx.pos += 4;
            loop {
                let save = lx.pos;
                let (Some(Tok::Obj(Obj::Int(start))), Some(Tok::Obj(Obj::Int(count)))) =
                    (lx.token(0), lx.token(0))
                else {
                    lx.pos = save;
                    break;
                };
                if !(0..=10_000_000).contains(&count) || start < 0 {
                    return None;
                }
                for i in 0..count {
                    let (Some(Tok::Obj(o)), Some(Tok::Obj(_)), Some(Tok::Keyword(k))) =
                        (lx.token(0), lx.token(0), lx.token(0))
                    else {
                        return None;
                    };
                    let num = start.wrapping_add(i) as u32;
                    if k == b"n" {
                        let o = o.as_i64().unwrap_or(0) as usize;
                        self.xref.insert_absent(num, Entry::Offset(o));
                    } else {
                        // free: mark as known so older sections don't resurrect it
                        self.xref.insert_absent(num, Entry::Offset(usize::MAX));
                    }
                }
            }
            match lx.token(0) {
                Some(Tok::Keyword(k)) if k == b"trailer" => {}
                _ => return None,
            }
            return match lx.object() {
                Some(Obj::Dict(d)) => Some(d),
                _ => None,
            };
        }
        // An xref stream.
        let (_, obj) = self.parse_at(off, None)?;
        let Obj::Stream(s) = obj else { return None };
        if s.dict.get("Type").and_then(|o| o.as_name()) != Some(b"XRef") {
            return None;
        }
        let data = filters::decode(&s.dict, &s.data).ok()?;
        let w: Vec<usize> = s
            .dict
            .get("W")?
            .as_array()?
            .iter()
            .map(|o| o.as_i64().unwrap_or(0).clamp(0, 8) as usize)
            .collect();
        if w.len() < 3 {
            return None;
        }
        let size = s.dict.get("Size").and_then(|o| o.as_i64()).unwrap_or(0);
        let index: Vec<i64> = match s.dict.get("Index").and_then(|o| o.as_array()) {
            Some(a) => a.iter().map(|o| o.as_i64().unwrap_or(0)).collect(),
            None => vec![0, size],
        };
        let rec = w[0] + w[1] + w[2];
        if rec == 0 {
            return None;
        }
        let mut pos = 0;
        let field = |d: &[u8], p: usize, n: usize| -> u64 {
            d.get(p..p + n)
                .map(|b| b.iter().fold(0u64, |a, &x| a << 8 | x as u64))
                .unwrap_or(0)
        };
        for pair in index.chunks(2) {
            let (start, count) = (pair[0], pair.get(1).copied().unwrap_or(0));
            for i in 0..count.clamp(0, 10_000_000) {
                if pos + rec > data.len() {
                    break;
                }
                let t = if w[0] == 0 {
                    1
                } else {
                    field(&data, pos, w[0])
                };
                let a = field(&data, pos + w[0], w[1]);
                let b = field(&data, pos + w[0] + w[1], w[2]);
                pos += rec;
                let num = start.wrapping_add(i) as u32;
                let e = match t {
                    1 => Entry::Offset(a as usize),
                    2 => Entry::InStream(a as u32, b as u32),
                    _ => Entry::Offset(usize::MAX),
                };
                self.xref.insert_absent(num, e);
            }
        }
        Some(s.dict.clone())
    }

    /// Parses `N G obj … endobj` at `off`; `expect` checks the object number.
    fn parse_at(&self, off: usize, expect: Option<u32>) -> Option<(u16, Obj)> {
        let mut lx = Lexer::new(self.buf, off);
        let (Some(Tok::Obj(Obj::Int(n))), Some(Tok::Obj(Obj::Int(g))), Some(Tok::Keyword(k))) =
            (lx.token(0), lx.token(0), lx.token(0))
        else {
            return None;
        };
        if k != b"obj" || expect.is_some_and(|e| e as i64 != n) {
            return None;
        }
        let num = n as u32;
        let gen = g as u16;
        let obj = lx.object().unwrap_or(Obj::Null);
        let is_stream = matches!(lx.token(0), Some(Tok::Keyword(k)) if k == b"stream");
        if !is_stream {
            return Some((gen, self.decrypt_obj(obj, num, gen)));
        }
        let Obj::Dict(dict) = obj else {
            return Some((gen, Obj::Null));
        };
        let mut start = lx.pos.min(self.buf.len());
        if self.buf.get(start) == Some(&b'\r') {
            start += 1;
        }
        if self.buf.get(start) == Some(&b'\n') {
            start += 1;
        }
        let declared = dict.get("Length").and_then(|o| match o {
            Obj::Int(i) => Some(*i),
            Obj::Ref(r, _) if *r != num => self.get(*r).as_i64(),
            _ => None,
        });
        let by_length = declared
            .filter(|&l| l >= 0)
            .map(|l| start.saturating_add(l as usize))
            .filter(|&e| {
                e <= self.buf.len() && {
                    let tail = &self.buf[e..self.buf.len().min(e + 20)];
                    find(tail, b"endstream").is_some()
                }
            });
        let end = match by_length {
            Some(e) => e,
            None => {
                let mut e = self.next_endstream(start).unwrap_or(self.buf.len());
                // Without its own `endstream` a stream stops at the next object, not at a
                // later stream's end (each would otherwise copy the rest of the file).
                e = find(&self.buf[start..e], b" 0 obj").map_or(e, |p| start + p);
                while e > start && matches!(self.buf[e - 1], b'\n' | b'\r') {
                    e -= 1;
                }
                e
            }
        };
        let mut data = self.buf[start..end].to_vec();
        let is_xref = dict.get("Type").and_then(|o| o.as_name()) == Some(b"XRef");
        if let (Some(c), false) = (&self.crypt, is_xref) {
            data = c.decrypt(num, gen, &data, true);
        }
        let dict = match self.decrypt_obj(Obj::Dict(dict), num, gen) {
            Obj::Dict(d) => d,
            _ => Dict::default(),
        };
        Some((gen, Obj::Stream(Rc::new(Stream { dict, data }))))
    }

    fn next_endstream(&self, start: usize) -> Option<usize> {
        let (from, at) = self.endstream.get();
        if from <= start && start <= at {
            return (at != usize::MAX).then_some(at);
        }
        let at = find(&self.buf[start..], b"endstream").map_or(usize::MAX, |p| start + p);
        self.endstream.set((start, at));
        (at != usize::MAX).then_some(at)
    }

    fn decrypt_obj(&self, o: Obj, num: u32, gen: u16) -> Obj {
        let Some(c) = &self.crypt else { return o };
        fn walk(o: Obj, f: &dyn Fn(&[u8]) -> Vec<u8>) -> Obj {
            match o {
                Obj::Str(s) => Obj::Str(f(&s)),
                Obj::Array(a) => Obj::Array(a.into_iter().map(|x| walk(x, f)).collect()),
                Obj::Dict(d) => Obj::Dict(Dict(
                    d.0.into_iter().map(|(k, v)| (k, walk(v, f))).collect(),
                )),
                o => o,
            }
        }
        walk(o, &|s| c.decrypt(num, gen, s, false))
    }

    pub fn get(&self, num: u32) -> Obj {
        if let Some(o) = self.cache.borrow().get(&num) {
            return o.clone();
        }
        let n = self.loads.get() + 1;
        self.loads.set(n);
        if n > MAX_LOADS {
            return Obj::Null;
        }
        // Mark in-progress to stop reference cycles (e.g. a /Length pointing at itself).
        self.cache.borrow_mut().insert(num, Obj::Null);
        let obj = self.load(num).unwrap_or(Obj::Null);
        self.cache.borrow_mut().insert(num, obj.clone());
        obj
    }

    fn load(&self, num: u32) -> Option<Obj> {
        match self.xref.get(&num).copied() {
            Some(Entry::Offset(off)) if off != usize::MAX => {
                if let Some((_, o)) = self.parse_at(off, Some(num)) {
                    return Some(o);
                }
                self.load_scanned(num)
            }
            Some(Entry::InStream(stm, idx)) => self.load_from_objstm(stm, num, idx),
            Some(_) => None,
            None => self.load_scanned(num),
        }
    }

    fn load_scanned(&self, num: u32) -> Option<Obj> {
        if self.scanned.borrow().is_none() {
            *self.scanned.borrow_mut() = Some(scan_objects(self.buf));
        }
        let off = *self.scanned.borrow().as_ref()?.get(&num)?;
        self.parse_at(off, Some(num)).map(|(_, o)| o)
    }

    fn load_from_objstm(&self, stm: u32, num: u32, idx: u32) -> Option<Obj> {
        if stm == num {
            return None;
        }
        // The last object stream stays decoded: objects the xref places in a stream that does
        // not hold them must not decode it again for each.
        let cached = matches!(&*self.objstm.borrow(), Some((s, _, _)) if *s == stm);
        if !cached {
            let Obj::Stream(s) = self.get(stm) else {
                return None;
            };
            let data = filters::decode(&s.dict, &s.data).ok()?;
            let n = s
                .dict
                .get("N")
                .and_then(|o| o.as_i64())
                .unwrap_or(0)
                .clamp(0, 1_000_000);
            let first = s
                .dict
                .get("First")
                .and_then(|o| o.as_i64())
                .unwrap_or(0)
                .max(0) as usize;
            let mut lx = Lexer::new(&data, 0);
            let mut offsets = Vec::new();
            for _ in 0..n {
                let (Some(Obj::Int(on)), Some(Obj::Int(oo))) = (lx.object(), lx.object()) else {
                    break;
                };
                offsets.push((on as u32, first.saturating_add(oo.max(0) as usize)));
            }
            *self.objstm.borrow_mut() = Some((stm, data, offsets));
        }
        let guard = self.objstm.borrow();
        let (_, data, offsets) = guard.as_ref()?;
        let at = offsets
            .get(idx as usize)
            .filter(|(on, _)| *on == num)
            .or_else(|| offsets.iter().find(|(on, _)| *on == num))?;
        Lexer::new(data, at.1).object()
    }

    fn rebuild(&mut self) {
        let offs = scan_objects(self.buf);
        self.xref.clear();
        self.cache.borrow_mut().clear();
        for (&n, &o) in offs.iter() {
            self.xref.insert(n, Entry::Offset(o));
        }
        // Trailer keys: from `trailer` dictionaries and xref streams, newest last.
        let mut trailer = Dict::default();
        let mut p = 0;
        while let Some(i) = find(&self.buf[p..], b"trailer") {
            let mut lx = Lexer::new(self.buf, p + i + 7);
            if let Some(Obj::Dict(d)) = lx.object() {
                merge(&mut trailer, d);
            }
            p += i + 7;
        }
        let mut objstms = Vec::new();
        for n in sorted(offs.keys().copied().collect()) {
            if let Some((_, Obj::Stream(s))) =
                self.parse_at(offs.get(&n).copied().unwrap_or(0), Some(n))
            {
                match s.dict.get("Type").and_then(|o| o.as_name()) {
                    Some(b"XRef") => merge(&mut trailer, s.dict.clone()),
                    Some(b"ObjStm") => objstms.push((n, s)),
                    _ => {}
                }
            }
        }
        for (stm, s) in objstms {
            let Ok(data) = filters::decode(&s.dict, &s.data) else {
                continue;
            };
            let n = s
                .dict
                .get("N")
                .and_then(|o| o.as_i64())
                .unwrap_or(0)
                .clamp(0, 1_000_000);
            let mut lx = Lexer::new(&data, 0);
            for i in 0..n {
                let (Some(Obj::Int(on)), Some(Obj::Int(_))) = (lx.object(), lx.object()) else {
                    break;
                };
                self.xref
                    .insert_absent(on as u32, Entry::InStream(stm, i as u32));
            }
        }
        self.trailer = trailer;
        if self.catalog().is_none() {
            // No usable trailer: find the catalog itself.
            for n in sorted(self.xref.keys().copied().collect()) {
                if let Obj::Dict(d) = self.get(n) {
                    if d.get("Type").and_then(|o| o.as_name()) == Some(b"Catalog") {
                        self.trailer.0.retain(|(k, _)| k != b"Root");
                        self.trailer.0.push((b"Root".to_vec(), Obj::Ref(n, 0)));
                        break;
                    }
                }
            }
        }
    }

    /// Follows references (bounded) to a direct object.
    pub fn resolve(&self, o: &Obj) -> Obj {
        let mut cur = o.clone();
        for _ in 0..16 {
            match cur {
                Obj::Ref(n, _) => cur = self.get(n),
                _ => return cur,
            }
        }
        Obj::Null
    }

    pub fn dict_get(&self, d: &Dict, key: &str) -> Obj {
        d.get(key).map(|o| self.resolve(o)).unwrap_or(Obj::Null)
    }

    /// The decoded bytes of a stream; `Err(true)` for image data.
    pub fn stream_bytes(&self, s: &Stream) -> Result<Vec<u8>, bool> {
        filters::decode(&s.dict, &s.data)
    }
}

fn merge(into: &mut Dict, from: Dict) {
    for (k, v) in from.0 {
        if matches!(k.as_slice(), b"Root" | b"Encrypt" | b"ID" | b"Info") {
            into.0.retain(|(k2, _)| *k2 != k);
            into.0.push((k, v));
        }
    }
}

/// Offsets of every `N G obj` at a line start (the last one of each number wins, as an
/// incremental update would).
fn scan_objects(buf: &[u8]) -> U32Map<usize> {
    let mut out = U32Map::new();
    let mut p = 0;
    while let Some(i) = find(&buf[p..], b"obj") {
        let at = p + i;
        p = at + 3;
        // Walk back over "N G ".
        let mut s = at;
        let mut fields = 0;
        while fields < 2 {
            while s > 0 && matches!(buf[s - 1], b' ' | b'\t' | b'\r' | b'\n' | 0) {
                s -= 1;
            }
            let e = s;
            while s > 0 && buf[s - 1].is_ascii_digit() {
                s -= 1;
            }
            if s == e {
                break;
            }
            fields += 1;
        }
        if fields < 2 {
            continue;
        }
        let mut lx = Lexer::new(buf, s);
        if let Some(Tok::Obj(Obj::Int(n))) = lx.token(0) {
            if (0..=u32::MAX as i64).contains(&n) {
                out.insert(n as u32, s);
            }
        }
    }
    out
}

pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

pub fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Object numbers in ascending order, through the crate's one sort (`layout::order`): another
/// `sort_unstable` instance would add its own copy of std's sort to the wasm.
fn sorted(nums: Vec<u32>) -> Vec<u32> {
    let keys: Vec<(f64, f64)> = nums.iter().map(|&n| (f64::from(n), 0.0)).collect();
    crate::layout::order(&keys)
        .into_iter()
        .map(|i| nums[i])
        .collect()
}
