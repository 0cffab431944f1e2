//! Reading input files: UTF-8 or GB18030 (detected), and directories expanded to their .txt
//! files in a stable order.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// The bytes as text: UTF-8 when they are valid UTF-8 (borrowed, no copy: batch runs read
/// thousands of files), else decoded by their UTF-16 BOM or as GB18030, the superset of GBK
/// that Chinese Windows tools write.
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    // simdutf8 validates many bytes per step; `str::from_utf8` walks Chinese text a character
    // at a time, and every report of a batch is validated.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Cow::Borrowed(text);
    }
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return Cow::Owned(encoding.decode_with_bom_removal(bytes).0.into_owned());
    }
    Cow::Owned(
        encoding_rs::GB18030
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    )
}

/// The file's bytes, or a Chinese message saying why they could not be read.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path)
        .map_err(|error| format!("无法读取“{}”：{}", path.display(), describe(&error)))
}

fn describe(error: &std::io::Error) -> &'static str {
    match error.kind() {
        std::io::ErrorKind::NotFound => "文件不存在",
        std::io::ErrorKind::PermissionDenied => "没有读取权限",
        std::io::ErrorKind::IsADirectory => "这是一个目录",
        _ => "读取失败",
    }
}

/// Files as given, with each directory replaced by the `.txt` files under it (sorted).
pub fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found = Vec::new();
            collect_txt(input, &mut found)
                .map_err(|e| format!("无法读取目录“{}”：{}", input.display(), describe(&e)))?;
            found.sort();
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }
    Ok(files)
}

fn collect_txt(dir: &Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        // The directory listing knows each entry's type; only a symbolic link needs a `stat`
        // to know whether it leads to a directory.
        let file_type = entry.file_type()?;
        let is_dir = file_type.is_dir() || file_type.is_symlink() && path.is_dir();
        if is_dir {
            collect_txt(&path, found)?;
        } else if path.extension().is_some_and(|e| {
            e.eq_ignore_ascii_case("txt") || crate::documents::is_document_extension(e)
        }) {
            found.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb18030_is_detected() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("行政复议 0 0");
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(decode(&bytes), "行政复议 0 0");
        assert!(matches!(
            decode("规章 0".as_bytes()),
            Cow::Borrowed("规章 0")
        ));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("规章".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16), "规章");
    }
}
