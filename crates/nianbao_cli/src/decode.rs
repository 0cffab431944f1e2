//! Reading input files: UTF-8 or GB18030 (detected), and directories expanded to their .txt
//! files in a stable order.

use std::path::{Path, PathBuf};

/// Decodes bytes as UTF-8 when they are valid UTF-8 (or carry a UTF-16 BOM), else as
/// GB18030, the superset of GBK that Chinese Windows tools write.
pub fn decode(bytes: Vec<u8>) -> String {
    // Valid UTF-8 becomes the String without a copy (batch runs read thousands of files).
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return text,
        Err(not_utf8) => not_utf8.into_bytes(),
    };
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(&bytes) {
        return encoding.decode_with_bom_removal(&bytes).0.into_owned();
    }
    encoding_rs::GB18030
        .decode_without_bom_handling(&bytes)
        .0
        .into_owned()
}

pub fn read_text(path: &Path) -> Result<String, String> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(decode(bytes)),
        Err(error) => Err(format!(
            "无法读取“{}”：{}",
            path.display(),
            describe(&error)
        )),
    }
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
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
        {
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
        assert_eq!(decode(bytes.into_owned()), "行政复议 0 0");
        assert_eq!(decode("规章 0".as_bytes().to_vec()), "规章 0");
    }
}
