//! Runs a page's content stream: the text state and graphics matrix give each glyph's box;
//! path operators give the ruling lines. Form XObjects recurse (bounded); images are counted.

use crate::doc::Doc;
use crate::font::Font;
use crate::map::U32Map;
use crate::object::{Dict, Lexer, Obj, Tok};
use std::rc::Rc;

pub type Mat = [f64; 6];
const ID: Mat = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
/// Operators per document (a 300-page report runs about a million).
const MAX_OPS: u32 = 20_000_000;
const MAX_FORM_DEPTH: u32 = 8;

fn mul(a: &Mat, b: &Mat) -> Mat {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &Mat, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// A glyph in page space (points, origin top-left, y down).
#[derive(Clone, Debug)]
pub struct Glyph {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
    pub bottom: f64,
    pub size: f64,
    /// Written upright (not rotated, not a vertical font).
    pub upright: bool,
    /// Baseline direction in quarter turns clockwise (0 = left to right).
    pub dir: u8,
}

impl Glyph {
    pub fn cx(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
    pub fn cy(&self) -> f64 {
        (self.top + self.bottom) / 2.0
    }
}

/// A horizontal or vertical ruling segment in page space.
#[derive(Clone, Copy, Debug)]
pub struct Seg {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

#[derive(Default)]
pub struct PageOut {
    pub glyphs: Vec<Glyph>,
    pub segs: Vec<Seg>,
    pub images: u32,
    pub undecoded: Vec<(String, u32)>,
}

#[derive(Clone)]
struct GState {
    ctm: Mat,
    font: Option<Rc<Font>>,
    size: f64,
    tc: f64,
    tw: f64,
    th: f64,
    tl: f64,
    rise: f64,
}

pub struct Runner<'d, 'a> {
    doc: &'d Doc<'a>,
    /// Device (default user space) → page space (top-left origin, rotation applied).
    page: Mat,
    pub out: PageOut,
    /// Fonts by object number, shared by all pages (a CMap is parsed once per document).
    pub fonts: U32Map<Rc<Font>>,
    /// Operators run so far in the document (carried from page to page).
    pub ops: u32,
    dir: u8,
}

impl<'d, 'a> Runner<'d, 'a> {
    pub fn new(doc: &'d Doc<'a>, media: [f64; 4], rotate: i64, fonts: U32Map<Rc<Font>>) -> Self {
        let [llx, lly, urx, ury] = media;
        let page = match rotate.rem_euclid(360) {
            90 => [0.0, 1.0, 1.0, 0.0, -lly, -llx],
            180 => [-1.0, 0.0, 0.0, 1.0, urx, -lly],
            270 => [0.0, -1.0, -1.0, 0.0, ury, urx],
            _ => [1.0, 0.0, 0.0, -1.0, -llx, ury],
        };
        Runner {
            doc,
            page,
            out: PageOut::default(),
            fonts,
            ops: 0,
            dir: 0,
        }
    }

    pub fn run(&mut self, content: &[u8], resources: &Dict, ctm: Mat, depth: u32) {
        let mut gs = GState {
            ctm,
            font: None,
            size: 0.0,
            tc: 0.0,
            tw: 0.0,
            th: 1.0,
            tl: 0.0,
            rise: 0.0,
        };
        let mut stack: Vec<GState> = Vec::new();
        let (mut tm, mut tlm) = (ID, ID);
        let mut args: Vec<Obj> = Vec::new();
        let mut path: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut lx = Lexer::new(content, 0);
        let font_res = self.doc.dict_get(resources, "Font");
        let xobj_res = self.doc.dict_get(resources, "XObject");
        while let Some(t) = lx.token(0) {
            let op = match t {
                Tok::Obj(o) => {
                    if args.len() < 64 {
                        args.push(o);
                    }
                    continue;
                }
                Tok::Keyword(k) => k,
                _ => continue,
            };
            self.ops += 1;
            if self.ops > MAX_OPS {
                break;
            }
            let n = |i: usize| args.get(i).and_then(|o| o.as_f64()).unwrap_or(0.0);
            match op.as_slice() {
                b"q" if stack.len() < 256 => stack.push(gs.clone()),
                b"Q" => {
                    if let Some(g) = stack.pop() {
                        gs = g;
                    }
                }
                b"cm" if args.len() >= 6 => {
                    let m = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    gs.ctm = mul(&m, &gs.ctm);
                }
                b"BT" => {
                    tm = ID;
                    tlm = ID;
                }
                b"Tc" => gs.tc = n(0),
                b"Tw" => gs.tw = n(0),
                b"Tz" => gs.th = n(0) / 100.0,
                b"TL" => gs.tl = n(0),
                b"Ts" => gs.rise = n(0),
                b"Tf" => {
                    gs.size = n(1);
                    gs.font = match (&font_res, args.first()) {
                        (Obj::Dict(fr), Some(Obj::Name(name))) => {
                            self.font(fr.get(std::str::from_utf8(name).unwrap_or("")))
                        }
                        _ => None,
                    };
                }
                b"Td" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                b"TD" => {
                    gs.tl = -n(1);
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                b"Tm" if args.len() >= 6 => {
                    tlm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    tm = tlm;
                }
                b"T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.tl], &tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" | b"TJ" => {
                    if op == b"'" || op == b"\"" {
                        if op == b"\"" {
                            gs.tw = n(0);
                            gs.tc = n(1);
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.tl], &tlm);
                        tm = tlm;
                    }
                    match args.last() {
                        Some(Obj::Str(s)) => self.show(&gs, &mut tm, s),
                        Some(Obj::Array(a)) if op == b"TJ" => {
                            for o in a {
                                match o {
                                    Obj::Str(s) => self.show(&gs, &mut tm, s),
                                    o => {
                                        let adj = -o.as_f64().unwrap_or(0.0) / 1000.0 * gs.size;
                                        let vertical = gs.font.as_ref().is_some_and(|f| f.vertical);
                                        let d = if vertical {
                                            [0.0, adj]
                                        } else {
                                            [adj * gs.th, 0.0]
                                        };
                                        tm = mul(&[1.0, 0.0, 0.0, 1.0, d[0], d[1]], &tm);
                                    }
                                }
                            }
                        }
                        _ => {}
                    }
                }
                b"m" => path.push(vec![apply(&gs.ctm, n(0), n(1))]),
                b"l" => {
                    let p = apply(&gs.ctm, n(0), n(1));
                    match path.last_mut() {
                        Some(sp) => sp.push(p),
                        None => path.push(vec![p]),
                    }
                }
                b"c" | b"v" | b"y" => {
                    // Curves are not rules: start a new subpath at the end point.
                    let k = if op == b"c" { 4 } else { 2 };
                    path.push(vec![apply(&gs.ctm, n(k), n(k + 1))]);
                }
                b"h" => {
                    if let Some(sp) = path.last_mut() {
                        if let Some(&f) = sp.first() {
                            if sp.len() > 1 {
                                sp.push(f);
                            }
                        }
                    }
                }
                b"re" => {
                    let (x, y, w, h) = (n(0), n(1), n(2), n(3));
                    let pts = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)];
                    path.push(pts.iter().map(|&(a, b)| apply(&gs.ctm, a, b)).collect());
                }
                b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" | b"n" => {
                    let stroke = matches!(op.as_slice(), b"S" | b"s" | b"B" | b"B*" | b"b" | b"b*");
                    let fill = matches!(
                        op.as_slice(),
                        b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*"
                    );
                    for sp in path.drain(..) {
                        self.paint(&sp, stroke, fill);
                    }
                }
                b"Do" => {
                    if let (Obj::Dict(xr), Some(Obj::Name(name))) = (&xobj_res, args.first()) {
                        let x = xr
                            .get(std::str::from_utf8(name).unwrap_or(""))
                            .map(|o| self.doc.resolve(o));
                        if let Some(Obj::Stream(s)) = x {
                            match s.dict.get("Subtype").and_then(|o| o.as_name()) {
                                Some(b"Image") => self.out.images += 1,
                                Some(b"Form") if depth < MAX_FORM_DEPTH => {
                                    let m = match self.doc.dict_get(&s.dict, "Matrix") {
                                        Obj::Array(a) if a.len() == 6 => {
                                            let v: Vec<f64> = a
                                                .iter()
                                                .map(|o| o.as_f64().unwrap_or(0.0))
                                                .collect();
                                            [v[0], v[1], v[2], v[3], v[4], v[5]]
                                        }
                                        _ => ID,
                                    };
                                    let res = match self.doc.dict_get(&s.dict, "Resources") {
                                        Obj::Dict(d) => d,
                                        _ => resources.clone(),
                                    };
                                    if let Ok(data) = self.doc.stream_bytes(&s) {
                                        self.run(&data, &res, mul(&m, &gs.ctm), depth + 1);
                                    }
                                }
                                _ => {}
                            }
                        }
                    }
                }
                b"BI" => {
                    // Skip the inline image data: after ID, up to whitespace + EI + whitespace.
                    self.out.images += 1;
                    while let Some(t) = lx.token(0) {
                        if matches!(&t, Tok::Keyword(k) if k == b"ID") {
                            break;
                        }
                    }
                    let start = lx.pos + 1;
                    let mut p = start;
                    let buf = lx.buf;
                    let white = |b: u8| crate::object::is_white(b);
                    while p + 2 <= buf.len() {
                        if &buf[p..p + 2] == b"EI"
                            && p > 0
                            && white(buf[p - 1])
                            && buf.get(p + 2).is_none_or(|&b| white(b))
                        {
                            break;
                        }
                        p += 1;
                    }
                    lx.pos = (p + 2).min(buf.len());
                }
                _ => {}
            }
            args.clear();
        }
    }

    fn font(&mut self, o: Option<&Obj>) -> Option<Rc<Font>> {
        let o = o?;
        let key = match o {
            Obj::Ref(n, _) => Some(*n),
            _ => None,
        };
        if let Some(f) = key.and_then(|k| self.fonts.get(&k)) {
            return Some(f.clone());
        }
        let d = self.doc.resolve(o);
        let f = Rc::new(Font::load(self.doc, d.as_dict()?));
        if let Some(k) = key {
            self.fonts.insert(k, f.clone());
        }
        Some(f)
    }

    fn show(&mut self, gs: &GState, tm: &mut Mat, s: &[u8]) {
        let Some(font) = gs.font.clone() else { return };
        for c in font.codes(s) {
            let trm = mul(
                &[gs.size * gs.th, 0.0, 0.0, gs.size, 0.0, gs.rise],
                &mul(tm, &gs.ctm),
            );
            let full = mul(&trm, &self.page);
            let size = (full[2] * full[2] + full[3] * full[3]).sqrt();
            let is_space = c.len == 1 && c.code == 32;
            if font.vertical {
                let (ox, oy) = apply(&full, 0.0, 0.0);
                let (bx, by) = apply(&full, 0.0, -1.0);
                self.emit(
                    &font,
                    c.text,
                    ox - size / 2.0,
                    ox + size / 2.0,
                    oy.min(by),
                    oy.max(by),
                    size,
                    false,
                );
                let ty = -gs.size + gs.tc + if is_space { gs.tw } else { 0.0 };
                *tm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, ty], tm);
                let _ = bx;
                continue;
            }
            let w = c.width;
            // The glyph box: advance wide, descent 0.14 below the baseline to ascent 0.86 above,
            // whatever the direction; `dir` is the baseline's quarter turn in page space.
            let pts = [
                apply(&full, 0.0, -0.14),
                apply(&full, w, -0.14),
                apply(&full, 0.0, 0.86),
                apply(&full, w, 0.86),
            ];
            let (bx, by) = (full[0], full[1]);
            self.dir = if bx.abs() >= by.abs() {
                if bx > 0.0 {
                    0
                } else {
                    2
                }
            } else if by > 0.0 {
                1
            } else {
                3
            };
            let upright = self.dir == 0 && by.abs() < 1e-6 * size.max(1.0) && full[3] < 0.0;
            let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            for (x, y) in pts {
                x0 = x0.min(x);
                y0 = y0.min(y);
                x1 = x1.max(x);
                y1 = y1.max(y);
            }
            self.emit(&font, c.text, x0, x1, y0, y1, size, upright);
            self.dir = 0;
            let tx = (w * gs.size + gs.tc + if is_space { gs.tw } else { 0.0 }) * gs.th;
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn emit(
        &mut self,
        font: &Font,
        text: Option<String>,
        x0: f64,
        x1: f64,
        top: f64,
        bottom: f64,
        size: f64,
        upright: bool,
    ) {
        match text {
            None => match self.out.undecoded.iter_mut().find(|(n, _)| *n == font.name) {
                Some((_, k)) => *k += 1,
                None => self.out.undecoded.push((font.name.clone(), 1)),
            },
            Some(t) => {
                let t: String = t
                    .chars()
                    .filter(|c| !c.is_control() && *c != '\u{feff}')
                    .collect();
                if t.trim().is_empty() || self.out.glyphs.len() > 2_000_000 {
                    return;
                }
                self.out.glyphs.push(Glyph {
                    text: t,
                    x0,
                    x1,
                    top,
                    bottom,
                    size,
                    upright,
                    dir: self.dir,
                });
            }
        }
    }

    fn paint(&mut self, sp: &[(f64, f64)], stroke: bool, fill: bool) {
        let pts: Vec<(f64, f64)> = sp.iter().map(|&(x, y)| apply(&self.page, x, y)).collect();
        if pts.len() < 2 {
            return;
        }
        if stroke {
            for w in pts.windows(2) {
                let ((ax, ay), (bx, by)) = (w[0], w[1]);
                if (ay - by).abs() < 0.5 || (ax - bx).abs() < 0.5 {
                    self.push_seg(ax, ay, bx, by);
                }
            }
        }
        if fill && !stroke {
            // A thin filled rectangle is a rule along its long side.
            let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            for &(x, y) in &pts {
                x0 = x0.min(x);
                y0 = y0.min(y);
                x1 = x1.max(x);
                y1 = y1.max(y);
            }
            let axis = pts
                .windows(2)
                .all(|w| (w[0].0 - w[1].0).abs() < 0.5 || (w[0].1 - w[1].1).abs() < 0.5);
            if !axis {
                return;
            }
            let (w, h) = (x1 - x0, y1 - y0);
            if h <= 3.0 && w > h {
                let y = (y0 + y1) / 2.0;
                self.push_seg(x0, y, x1, y);
            } else if w <= 3.0 && h > w {
                let x = (x0 + x1) / 2.0;
                self.push_seg(x, y0, x, y1);
            }
        }
    }

    fn push_seg(&mut self, ax: f64, ay: f64, bx: f64, by: f64) {
        if self.out.segs.len() > 200_000 {
            return;
        }
        if (ax - bx).abs() < 0.5 && (ay - by).abs() < 0.5 {
            return;
        }
        self.out.segs.push(Seg {
            x0: ax.min(bx),
            y0: ay.min(by),
            x1: ax.max(bx),
            y1: ay.max(by),
        });
    }
}
