//! nianbao_doc reads reports as staff hold them — Word `.docx` files and HTML (the clipboard's
//! `text/html`, saved pages, portal articles) — into the core's document model
//! (`nianbao_core::document`) that `nianbao_core::check_document` reads, and its *text view*:
//! each paragraph a line, each table row one line with its cells separated by TAB (a
//! blank cell is an empty field; a merged cell's text appears once; the rows a vertical merge
//! continues into hold an empty field in its place). The file says where each cell is, so
//! nothing is guessed. No dependency but miniz_oxide (DEFLATE); bounded; never panics.

mod docx;
mod html;
mod markup;
mod model;
mod numbering;
mod zip;

pub use html::sniff_charset as sniff_html_charset;

/// What a document was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocKind {
    Docx,
    Html,
}

impl DocKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Docx => "docx",
            DocKind::Html => "html",
        }
    }
}

/// A document in the core's model (its blocks and text view) and what reading it noticed
/// (zh-CN notes for the user).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub kind: DocKind,
    pub document: nianbao_core::document::Document,
    pub notes: Vec<String>,
}

impl Document {
    /// The text view: each paragraph a line, each table row a line of TAB-separated cells.
    pub fn text(&self) -> &str {
        &self.document.text
    }
}

/// Why a file could not be read as a report document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// A PDF (read by its own crate once it is wired in).
    Pdf,
    /// Word 97–2003 .doc, WPS .wps, old Excel: the OLE2 compound format.
    Ole2,
    /// A zip that is not a Word document (.xlsx, .pptx, .ofd …); the name says which.
    OtherZip(&'static str),
    Image,
    Rtf,
    /// Not a document this crate reads (plain text goes to the text paths).
    NotADocument,
    /// An HTML file that is not UTF-8: decode it with this charset first.
    Charset(String),
    Damaged,
    TooLarge,
}

impl ReadError {
    /// What to tell the user, in zh-CN, with what to do.
    pub fn message_zh(&self) -> String {
        const SAVE_AS: &str =
            "请在 Word 或 WPS 中“另存为”Word 文档（.docx）后再打开，或复制报告全文粘贴（或保存为 .txt 文件）后再检查。";
        match self {
            ReadError::Pdf => "暂不能直接读取 PDF 文件。请用 Word/WPS 打开原文件另存为 .docx，或在 PDF 阅读器中复制报告全文粘贴（或保存为 .txt 文件）后再检查。".into(),
            ReadError::Ole2 => format!("这是旧版 Word（.doc）或 WPS（.wps）格式的文件，不能直接读取。{SAVE_AS}"),
            ReadError::OtherZip(what) => format!("这是{what}，不是 Word 文档，不能读取。{SAVE_AS}"),
            ReadError::Image => "这是图片文件，无法读取其中的文字。请打开报告原文件（.docx 或网页），或复制报告全文粘贴（或保存为 .txt 文件）后再检查。".into(),
            ReadError::Rtf => format!("这是 RTF 格式的文件，不能直接读取。{SAVE_AS}"),
            ReadError::NotADocument => "这不是可以读取的文档（支持 .docx、.html/.htm 和纯文本）。请复制报告全文粘贴（或保存为 .txt 文件）后再检查。".into(),
            ReadError::Charset(c) => format!("网页文件的编码是 {c}，需要先按该编码转换后再读取。"),
            ReadError::Damaged => format!("文件已损坏或不完整，无法读取。{SAVE_AS}"),
            ReadError::TooLarge => "文件解压后过大（超过 64 MB），不像是一份年度报告，未读取。".into(),
        }
    }
}

/// What a file is, from its first bytes and its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    Zip,
    Pdf,
    Ole2,
    Image,
    Rtf,
    Html,
    /// Plain text or unknown: the existing text paths read it.
    Text,
}

/// Sniffs the content first; the name only decides for HTML without a telling start.
pub fn sniff(bytes: &[u8], file_name: &str) -> Sniffed {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Sniffed::Zip;
    }
    if bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
    {
        return Sniffed::Pdf;
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Sniffed::Ole2;
    }
    if bytes.starts_with(b"\x89PNG")
        || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
        || bytes.starts_with(b"GIF8")
        || bytes.starts_with(b"BM")
        || bytes.starts_with(b"II*\0")
        || bytes.starts_with(b"MM\0*")
        || (bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP"))
    {
        return Sniffed::Image;
    }
    if bytes.starts_with(b"{\\rtf") {
        return Sniffed::Rtf;
    }
    let lower = file_name.to_ascii_lowercase();
    if lower.ends_with(".html") || lower.ends_with(".htm") || looks_like_html(bytes) {
        return Sniffed::Html;
    }
    Sniffed::Text
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let head: Vec<u8> = bytes[start..bytes.len().min(start + 64)]
        .iter()
        .map(|b| b.to_ascii_lowercase())
        .collect();
    [
        "<!doctype html",
        "<html",
        "<table",
        "<meta",
        "<head",
        "<body",
        "<!--",
        "<div",
        "<p",
    ]
    .iter()
    .any(|p| head.starts_with(p.as_bytes()))
}

/// Reads a `.docx` or HTML file. HTML must be UTF-8 here (or say so by its BOM/meta):
/// otherwise `ReadError::Charset` names the decoder a front end uses before `read_html`.
pub fn read_document(bytes: &[u8], file_name: &str) -> Result<Document, ReadError> {
    match sniff(bytes, file_name) {
        Sniffed::Zip => read_zip(bytes),
        // The PDF reader (crates/nianbao_pdf) is wired in here.
        Sniffed::Pdf => Err(ReadError::Pdf),
        Sniffed::Ole2 => Err(ReadError::Ole2),
        Sniffed::Image => Err(ReadError::Image),
        Sniffed::Rtf => Err(ReadError::Rtf),
        Sniffed::Html => {
            let charset = sniff_html_charset(bytes);
            let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
            match (std::str::from_utf8(body), charset.as_deref()) {
                (Ok(text), None | Some("utf-8" | "utf8")) => Ok(read_html(text)),
                (Ok(text), Some(c)) if text.is_ascii() || c == "us-ascii" => Ok(read_html(text)),
                (_, Some(c)) => Err(ReadError::Charset(c.to_string())),
                (Err(_), None) => Err(ReadError::Charset("gb18030".into())),
            }
        }
        Sniffed::Text => Err(ReadError::NotADocument),
    }
}

fn read_zip(bytes: &[u8]) -> Result<Document, ReadError> {
    let entries = zip::entries(bytes)?;
    let Some(entry) = zip::find(&entries, "word/document.xml") else {
        let has = |prefix: &str| {
            entries
                .iter()
                .any(|e| e.name.starts_with(prefix.as_bytes()))
        };
        return Err(ReadError::OtherZip(if has("xl/") {
            "Excel 表格（.xlsx）"
        } else if has("ppt/") {
            "PowerPoint 演示文稿（.pptx）"
        } else if has("Doc_") || has("OFD.xml") {
            "OFD 版式文件"
        } else {
            "压缩包"
        }));
    };
    let xml = zip::extract(bytes, entry)?;
    // Validation is fast; the lossy path only for a broken file.
    let xml = match String::from_utf8(xml) {
        Ok(xml) => xml,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    // List numbers Word draws (“一、”, “1.”) are part of what the user reads.
    let numbering = zip::find(&entries, "word/numbering.xml")
        .and_then(|e| zip::extract(bytes, e).ok())
        .map(|x| String::from_utf8_lossy(&x).into_owned());
    let (blocks, seen) = docx::read(&xml, numbering.as_deref());
    let mut document = nianbao_core::document::Builder::new();
    model::write(&blocks, &mut document);
    let mut notes = Vec::new();
    if seen.deleted || seen.inserted {
        notes.push("文档含修订标记：按“接受全部修订”后的内容读取（删除的文字不计）。".into());
    }
    if seen.nested {
        notes.push("文档含嵌套表格：已按单元格顺序展开读取。".into());
    }
    Ok(Document {
        kind: DocKind::Docx,
        document: document.finish(),
        notes,
    })
}

/// Reads HTML (already decoded) into the text view.
pub fn read_html(html: &str) -> Document {
    let (blocks, nested) = html::read(html);
    let mut document = nianbao_core::document::Builder::new();
    model::write(&blocks, &mut document);
    let mut notes = Vec::new();
    if nested {
        notes.push("网页含嵌套表格：外层排版表格已按内容顺序展开读取。".into());
    }
    Document {
        kind: DocKind::Html,
        document: document.finish(),
        notes,
    }
}

/// The `word/document.xml` of a .docx, as text (tests and tools that edit a document).
pub fn docx_document_xml(bytes: &[u8]) -> Result<String, ReadError> {
    let entries = zip::entries(bytes)?;
    let entry = zip::find(&entries, "word/document.xml").ok_or(ReadError::OtherZip("压缩包"))?;
    let xml = zip::extract(bytes, entry)?;
    Ok(String::from_utf8_lossy(&xml).into_owned())
}

/// The text view of a bare word/document.xml (tests, tools).
pub fn read_document_xml(xml: &str) -> String {
    docx::text_of(xml)
}
