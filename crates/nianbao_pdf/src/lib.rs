//! nianbao_pdf reads a PDF's text layer into the checker's *text view*: paragraphs as lines,
//! each table row as one line with its cells separated by TAB. The object reader, filters,
//! fonts and content interpreter are this crate's own (small, bounded, never panicking);
//! tables come from the ruling lines the page draws, or from text alignment without them.

mod aes;
mod content;
mod crypt;
mod doc;
mod filters;
mod font;
mod layout;
mod map;
mod object;
mod sha2;

use content::{Glyph, PageOut, Runner};
use doc::Doc;
use object::{Dict, Obj};

/// The text view of a PDF and its blocks (together the core's document model).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PdfText {
    pub text: String,
    /// Paragraphs and tables, with their spans in `text`.
    pub blocks: Vec<nianbao_core::document::Block>,
    /// Byte offset in `text` where each page begins.
    pub page_starts: Vec<usize>,
    /// Things worth telling the user that did not stop the reading (zh-CN).
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PdfError {
    NotPdf,
    Damaged,
    Password,
    Encrypted(String),
    Scanned,
    Font(String),
}

impl PdfError {
    pub fn message_zh(&self) -> String {
        match self {
            PdfError::NotPdf => {
                "这不是 PDF 文件（文件开头没有 %PDF 标记）。请确认文件，或打开原文档复制报告全文粘贴到输入框。"
                    .into()
            }
            PdfError::Damaged => {
                "PDF 文件已损坏，无法修复读取（找不到文档目录或页面）。请重新下载或从原文档重新导出 PDF，或复制报告全文粘贴到输入框。"
                    .into()
            }
            PdfError::Password => {
                "PDF 设有打开密码，无法读取。请用原始文件或取消密码后另存的 PDF 再试。".into()
            }
            PdfError::Encrypted(why) => format!(
                "PDF 已加密，无法读取（{why}）。请用原文档重新导出不加密的 PDF，或复制报告全文粘贴到输入框。"
            ),
            PdfError::Scanned => {
                "这是扫描件：PDF 页面只有图像，没有文字层，无法读取表格。请使用原始电子文档，或先做文字识别（OCR）。"
                    .into()
            }
            PdfError::Font(name) => format!(
                "PDF 中字体“{name}”的文字无法解码（没有 ToUnicode 映射），读不出正确的文字。请用原始文档重新导出 PDF。"
            ),
        }
    }
}

impl PdfText {
    /// The core's document model of the PDF.
    pub fn into_document(self) -> nianbao_core::document::Document {
        nianbao_core::document::Document {
            text: self.text,
            blocks: self.blocks,
        }
    }
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message_zh())
    }
}

impl std::error::Error for PdfError {}

const MAX_PAGES: usize = 5000;

/// One page's glyphs and rules in page space (for the text view and the oracle test).
pub struct Page {
    pub width: f64,
    pub height: f64,
    pub glyphs: Vec<Glyph>,
    pub segs: Vec<content::Seg>,
    images: u32,
    undecoded: Vec<(String, u32)>,
}

pub use content::{Glyph as PdfGlyph, Seg as PdfSeg};

/// Reads every page's glyphs and ruling lines.
pub fn read_pages(bytes: &[u8]) -> Result<(Vec<Page>, Vec<String>), PdfError> {
    let doc = Doc::open(bytes)?;
    let cat = doc.catalog().ok_or(PdfError::Damaged)?;
    let mut leaves = Vec::new();
    let root = cat.get("Pages").cloned().unwrap_or(Obj::Null);
    collect_pages(
        &doc,
        &root,
        Inherit::default(),
        &mut leaves,
        0,
        &mut Vec::new(),
    );
    if leaves.is_empty() {
        return Err(PdfError::Damaged);
    }
    let mut pages = Vec::new();
    let mut fonts = map::U32Map::new();
    let mut ops = 0;
    for (page, inh) in leaves {
        let media = inh.media.unwrap_or([0.0, 0.0, 595.0, 842.0]);
        let rot = inh.rotate;
        let mut r = Runner::new(&doc, media, rot, std::mem::take(&mut fonts));
        r.ops = ops;
        let res = inh.resources.unwrap_or_default();
        let mut data = Vec::new();
        let contents = doc.dict_get(&page, "Contents");
        let parts: Vec<Obj> = match contents {
            Obj::Array(a) => a.iter().map(|o| doc.resolve(o)).collect(),
            o => vec![o],
        };
        for p in parts {
            if let Obj::Stream(s) = p {
                if let Ok(d) = doc.stream_bytes(&s) {
                    data.extend_from_slice(&d);
                    data.push(b'\n');
                }
            }
        }
        r.run(&data, &res, [1.0, 0.0, 0.0, 1.0, 0.0, 0.0], 0);
        let PageOut {
            mut glyphs,
            mut segs,
            images,
            undecoded,
        } = r.out;
        fonts = r.fonts;
        ops = r.ops;
        let (w, h) = (media[2] - media[0], media[3] - media[1]);
        let (mut width, mut height) = if rot.rem_euclid(180) == 90 {
            (h.abs(), w.abs())
        } else {
            (w.abs(), h.abs())
        };
        upright_page(&mut glyphs, &mut segs, &mut width, &mut height);
        drop_overprints(&mut glyphs);
        pages.push(Page {
            width,
            height,
            glyphs,
            segs,
            images,
            undecoded,
        });
    }
    let notes = doc.notes.borrow().clone();
    Ok((pages, notes))
}

/// Reads a PDF into the text view.
pub fn read_pdf(bytes: &[u8]) -> Result<PdfText, PdfError> {
    let (pages, mut notes) = read_pages(bytes)?;
    let decoded: usize = pages.iter().map(|p| p.glyphs.len()).sum();
    let mut undecoded: Vec<(String, u32)> = Vec::new();
    for p in &pages {
        for (n, k) in &p.undecoded {
            match undecoded.iter_mut().find(|(m, _)| m == n) {
                Some((_, c)) => *c += k,
                None => undecoded.push((n.clone(), *k)),
            }
        }
    }
    let bad: u32 = undecoded.iter().map(|(_, k)| k).sum();
    if bad as usize > decoded {
        let worst = undecoded
            .iter()
            .max_by_key(|(_, k)| *k)
            .map(|(n, _)| n.clone())
            .unwrap_or_default();
        return Err(PdfError::Font(worst));
    }
    for (n, k) in &undecoded {
        notes.push(format!("字体“{n}”有 {k} 个字符无法解码，已略去"));
    }
    if decoded == 0 {
        if pages.iter().any(|p| p.images > 0) {
            return Err(PdfError::Scanned);
        }
        if notes.iter().any(|n| n == doc::REBUILT) {
            // A damaged file with no text left: say it is damaged, not that it is empty.
            return Err(PdfError::Damaged);
        }
        notes.push("PDF 没有文字".to_string());
    }
    let scanned: Vec<usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.glyphs.is_empty() && p.images > 0)
        .map(|(i, _)| i + 1)
        .collect();
    if !scanned.is_empty() && decoded > 0 {
        let list: Vec<String> = scanned.iter().map(|n| n.to_string()).collect();
        notes.push(format!(
            "第 {} 页只有图像（扫描件），没有文字层，未能读取",
            list.join("、")
        ));
    }
    let mut document = nianbao_core::document::Document::default();
    let mut page_starts = Vec::new();
    // A paragraph running to the foot of one page and on, flush left, at the top of the next
    // is one line (its page begins mid-line).
    // A table running on from the previous page with its header rows repeated: the repeat is
    // dropped (the rows continue the same table).
    let mut prev = layout::PageEnds::default();
    for p in &pages {
        let mut page = nianbao_core::document::Builder::new();
        let ends = layout::page_text(p, &mut page);
        let page = page.finish();
        let join = prev.ends_full && ends.starts_flush && document.text.ends_with('\n');
        let repeated = ends.starts_with_table
            && !prev.table_head.is_empty()
            && page.text.starts_with(prev.table_head.as_str());
        let skip = if repeated { prev.table_head.len() } else { 0 };
        let before = document.text.len();
        let joined = document.append(page, skip, join);
        page_starts.push(before - usize::from(joined));
        prev = ends;
    }
    let nianbao_core::document::Document { text, blocks } = document;
    Ok(PdfText {
        text,
        blocks,
        page_starts,
        notes,
    })
}

#[derive(Clone, Default)]
struct Inherit {
    resources: Option<Dict>,
    media: Option<[f64; 4]>,
    rotate: i64,
}

fn collect_pages(
    doc: &Doc,
    node: &Obj,
    inh: Inherit,
    out: &mut Vec<(Dict, Inherit)>,
    depth: u32,
    seen: &mut Vec<u32>,
) {
    if depth > 32 || out.len() >= MAX_PAGES {
        return;
    }
    if let Obj::Ref(n, _) = node {
        if seen.contains(n) {
            return;
        }
        seen.push(*n);
    }
    let Obj::Dict(d) = doc.resolve(node) else {
        return;
    };
    let mut inh = inh;
    if let Obj::Dict(r) = doc.dict_get(&d, "Resources") {
        inh.resources = Some(r);
    }
    if let Obj::Array(m) = doc.dict_get(&d, "MediaBox") {
        let v: Vec<f64> = m
            .iter()
            .map(|o| doc.resolve(o).as_f64().unwrap_or(0.0))
            .collect();
        if v.len() == 4 && (v[2] - v[0]).abs() > 1.0 && (v[3] - v[1]).abs() > 1.0 {
            inh.media = Some([
                v[0].min(v[2]),
                v[1].min(v[3]),
                v[0].max(v[2]),
                v[1].max(v[3]),
            ]);
        }
    }
    if let Some(r) = doc.dict_get(&d, "Rotate").as_i64() {
        inh.rotate = r;
    }
    match doc.dict_get(&d, "Kids") {
        Obj::Array(kids) => {
            for k in kids {
                collect_pages(doc, &k, inh.clone(), out, depth + 1, seen);
            }
        }
        _ => {
            if d.get("Type").and_then(|o| o.as_name()) != Some(b"Pages") {
                out.push((d, inh));
            }
        }
    }
}

/// Turns a page whose text mostly runs sideways or upside down (a landscape table printed
/// rotated, or a /Rotate that does not match the content) so that it reads left to right.
fn upright_page(
    glyphs: &mut [Glyph],
    segs: &mut [content::Seg],
    width: &mut f64,
    height: &mut f64,
) {
    let mut count = [0usize; 4];
    for g in glyphs.iter() {
        count[(g.dir & 3) as usize] += 1;
    }
    let dir = (0..4usize)
        .max_by_key(|&d| (count[d], usize::from(d == 0)))
        .unwrap_or(0);
    if dir == 0 {
        return;
    }
    let (w, h) = (*width, *height);
    let turn = |x: f64, y: f64| match dir {
        1 => (y, w - x),
        2 => (w - x, h - y),
        _ => (h - y, x),
    };
    for g in glyphs.iter_mut() {
        let (ax, ay) = turn(g.x0, g.top);
        let (bx, by) = turn(g.x1, g.bottom);
        g.x0 = ax.min(bx);
        g.x1 = ax.max(bx);
        g.top = ay.min(by);
        g.bottom = ay.max(by);
        g.upright = g.dir as usize == dir;
        g.dir = ((g.dir as usize + 4 - dir) & 3) as u8;
    }
    for s in segs.iter_mut() {
        let (ax, ay) = turn(s.x0, s.y0);
        let (bx, by) = turn(s.x1, s.y1);
        *s = content::Seg {
            x0: ax.min(bx),
            y0: ay.min(by),
            x1: ax.max(bx),
            y1: ay.max(by),
        };
    }
    if dir != 2 {
        std::mem::swap(width, height);
    }
}

/// Drops a glyph drawn again over itself (fake bold by overprinting, shadow text): the same
/// text within a fifth of its size of an earlier one reads once, as poppler does.
fn drop_overprints(glyphs: &mut Vec<Glyph>) {
    let keys: Vec<(f64, f64)> = glyphs.iter().map(|g| (g.top, g.x0)).collect();
    let order = layout::order(&keys);
    let mut dup = vec![false; glyphs.len()];
    for (k, &i) in order.iter().enumerate() {
        if dup[i] {
            continue;
        }
        let g = &glyphs[i];
        let near = 0.2 * g.size.max(1.0);
        for &j in order[k + 1..].iter().take(64) {
            let h = &glyphs[j];
            if h.top - g.top > near {
                break;
            }
            if !dup[j] && h.text == g.text && (h.x0 - g.x0).abs() < near {
                dup[j] = true;
            }
        }
    }
    if dup.iter().any(|&d| d) {
        let mut k = 0;
        glyphs.retain(|_| {
            k += 1;
            !dup[k - 1]
        });
    }
}
