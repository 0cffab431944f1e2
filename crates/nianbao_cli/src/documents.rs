//! Files that are documents, not text: `.docx` and HTML are read by nianbao_doc into the core's
//! document model (HTML decoded by its declared charset first), `.pdf` by nianbao_pdf, and
//! checked with their table rows read from their cells;
//! `.doc`, `.wps`,
//! images and other binaries get a message saying what to do. Plain text goes on to
//! `decode::decode` unchanged.

use std::borrow::Cow;

use crate::args::Input;
use crate::decode::input_name;

use nianbao_doc::{ReadError, Sniffed};

/// Extensions a directory is searched for (besides `.txt`).
pub fn is_document_extension(ext: &std::ffi::OsStr) -> bool {
    ["docx", "html", "htm", "pdf"]
        .iter()
        .any(|e| ext.eq_ignore_ascii_case(e))
}

/// What a file holds to check: its own text, or a document.
pub enum Source<'a> {
    Text(Cow<'a, str>),
    Document(nianbao_core::document::Document),
}

impl Source<'_> {
    pub fn input(&self) -> nianbao_core::Input<'_> {
        match self {
            Source::Text(text) => nianbao_core::Input::Text(text),
            Source::Document(document) => nianbao_core::Input::Document(document),
        }
    }

    /// The text findings point into (a document's text view).
    pub fn text(&self) -> &str {
        self.input().text()
    }
}

/// Reads `input` and hands `check` what to check, with the reading's note. The file's bytes
/// are kept only while the text is them (valid UTF-8, borrowed): a transcoded text (GB18030,
/// UTF-16, UTF-8 with replacements) or a document is checked without them, so the check's
/// peak does not hold the file twice (issue 14).
pub fn with_source<R>(
    input: &Input,
    check: impl FnOnce(&Source<'_>, Option<String>) -> R,
) -> Result<R, String> {
    let bytes = crate::decode::read_input(input)?;
    let (source, note) = source_of(input, &bytes)?;
    Ok(match source {
        Source::Text(Cow::Borrowed(text)) => check(&Source::Text(Cow::Borrowed(text)), note),
        Source::Text(Cow::Owned(text)) => {
            drop(bytes);
            check(&Source::Text(Cow::Owned(text)), note)
        }
        Source::Document(document) => {
            drop(bytes);
            check(&Source::Document(document), note)
        }
    })
}

/// What to check: the file's own text, or a document. Err: a zh-CN message. A note
/// (decoding, document reading) goes with it, for the caller to print.
pub fn source_of<'a>(
    input: &Input,
    bytes: &'a [u8],
) -> Result<(Source<'a>, Option<String>), String> {
    let name = match input {
        Input::Path(path) => path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        Input::Stdin => String::new(),
    };
    let fail = |e: ReadError| format!("无法读取“{}”：{}", input_name(input), e.message_zh());
    let document = match nianbao_doc::sniff(bytes, &name) {
        Sniffed::Text => {
            let (text, note) = crate::decode::decode(bytes);
            return Ok((Source::Text(text), note));
        }
        Sniffed::Html => nianbao_doc::read_html(&decode_html(bytes)),
        // Native only: the PDF reader is too large for the page's budget (SIZE.md).
        Sniffed::Pdf => {
            let pdf = nianbao_pdf::read_pdf(bytes)
                .map_err(|e| format!("无法读取 PDF“{}”：{}", input_name(input), e.message_zh()))?;
            let note = sentence(&pdf.notes);
            return Ok((Source::Document(pdf.into_document()), note));
        }
        _ => nianbao_doc::read_document(bytes, &name).map_err(fail)?,
    };
    let note = sentence(&document.notes);
    Ok((Source::Document(document.document), note))
}

/// The readers' notes as one sentence: some end in "。", some not ("…扫描重建").
fn sentence(notes: &[String]) -> Option<String> {
    let parts: Vec<&str> = notes.iter().map(|n| n.trim_end_matches('。')).collect();
    (!parts.is_empty()).then(|| format!("{}。", parts.join("；")))
}

/// HTML bytes as text: by BOM, else by the declared charset (GBK/GB2312 read as GB18030,
/// their superset), else UTF-8 when valid, else GB18030.
fn decode_html(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return Cow::Owned(encoding.decode_with_bom_removal(bytes).0.into_owned());
    }
    let declared = nianbao_doc::sniff_html_charset(bytes)
        .and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes()));
    match declared {
        Some(enc) if enc == encoding_rs::GBK || enc == encoding_rs::GB18030 => Cow::Owned(
            encoding_rs::GB18030
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
        ),
        Some(enc) if enc != encoding_rs::UTF_8 => {
            Cow::Owned(enc.decode_without_bom_handling(bytes).0.into_owned())
        }
        _ => crate::decode::decode(bytes).0,
    }
}
