//! Reading inputs: UTF-8, UTF-16 or GB18030 (detected), standard input, and directories
//! expanded to their .txt files in a stable order — every loop walked once, every entry that
//! cannot be read named and skipped, pipes and devices never opened.

use std::borrow::Cow;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::args::{display_name, Input};

/// The bytes as text, and a note when the reading is worth saying (invalid bytes replaced).
/// UTF-8 when they are valid UTF-8 (borrowed, no copy: batch runs read thousands of files);
/// by their BOM; UTF-16 without a BOM when its zero bytes say so; UTF-8 with replacement when
/// most of it is UTF-8 (GBK bytes almost never form UTF-8 characters; one damaged byte must not turn a report into GB18030 mojibake);
/// else GB18030, the superset of GBK that Chinese Windows tools write.
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, Option<String>) {
    // simdutf8 validates many bytes per step; `str::from_utf8` walks Chinese text a character
    // at a time, and every report of a batch is validated.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return (Cow::Borrowed(text), None);
    }
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return (
            Cow::Owned(encoding.decode_with_bom_removal(bytes).0.into_owned()),
            None,
        );
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, errors) = encoding.decode_without_bom_handling(bytes);
        if !errors {
            return (Cow::Owned(text.into_owned()), None);
        }
    }
    let (valid, invalid) = utf8_sequences(bytes);
    if invalid * 4 <= valid {
        let note = format!(
            "有 {invalid} 处字节不是有效的 UTF-8，已按 UTF-8 读取，这些字节显示为“\u{FFFD}”。"
        );
        return (String::from_utf8_lossy(bytes), Some(note));
    }
    (
        Cow::Owned(
            encoding_rs::GB18030
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
        ),
        None,
    )
}

/// UTF-16 without a BOM: text of digits, spaces and line breaks has a zero byte in nearly
/// every ASCII character, all on one side; UTF-8 and GB18030 text has none.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in bytes.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let pairs = bytes.len() / 2;
    // At least one character in twenty is ASCII, and zeros sit mostly on one side (an
    // ideograph like 一 U+4E00 has a zero byte on the other).
    if odd * 20 >= pairs && even * 4 <= odd {
        Some(encoding_rs::UTF_16LE)
    } else if even * 20 >= pairs && odd * 4 <= even {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// (valid multi-byte UTF-8 characters, invalid sequences) in the bytes.
fn utf8_sequences(mut bytes: &[u8]) -> (usize, usize) {
    let (mut valid, mut invalid) = (0, 0);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                valid += text.chars().filter(|c| !c.is_ascii()).count();
                return (valid, invalid);
            }
            Err(error) => {
                let good = error.valid_up_to();
                // Checked above: the prefix is valid UTF-8.
                valid += std::str::from_utf8(&bytes[..good])
                    .map_or(0, |t| t.chars().filter(|c| !c.is_ascii()).count());
                invalid += 1;
                let skip = good + error.error_len().unwrap_or(bytes.len() - good);
                bytes = &bytes[skip.min(bytes.len())..];
            }
        }
    }
}

/// The input's bytes, or a Chinese message saying why they could not be read.
pub fn read_input(input: &Input) -> Result<Vec<u8>, String> {
    match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|error| format!("无法读取标准输入：{}", describe(&error)))?;
            Ok(bytes)
        }
        Input::Path(path) => std::fs::read(path).map_err(|error| {
            format!(
                "无法读取“{}”：{}",
                display_name(path.as_os_str()),
                describe(&error)
            )
        }),
    }
}

/// The name an input is shown by.
pub fn input_name(input: &Input) -> String {
    match input {
        Input::Stdin => "（标准输入）".to_string(),
        Input::Path(path) => display_name(path.as_os_str()),
    }
}

fn describe(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "文件不存在".to_string(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
        std::io::ErrorKind::IsADirectory => "这是一个目录".to_string(),
        std::io::ErrorKind::InvalidData => "内容无法读取".to_string(),
        _ => match error.raw_os_error() {
            Some(code) => format!("读取失败（系统错误 {code}）"),
            None => "读取失败".to_string(),
        },
    }
}

/// Inputs as given, with each directory replaced by the `.txt` files under it (sorted), and a
/// message for every entry that could not be read (the walk goes on without it).
pub fn expand_inputs(inputs: &[Input]) -> (Vec<Input>, Vec<String>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        match input {
            Input::Path(path) if path.is_dir() => {
                let mut found = Vec::new();
                let mut ancestors = Vec::new();
                walk(path, &mut ancestors, &mut found, &mut errors);
                found.sort();
                files.extend(found.into_iter().map(Input::Path));
            }
            other => files.push(other.clone()),
        }
    }
    (files, errors)
}

/// A directory's identity: a symbolic link back up the tree leads to a directory on the path
/// being walked (a loop, walked once); a link to a sibling is followed like the sibling.
#[cfg(unix)]
fn identity(meta: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn identity(_meta: &std::fs::Metadata) -> (u64, u64) {
    (0, 0)
}

/// Notes an entry of the walk that cannot be read (the walk goes on without it).
fn say(errors: &mut Vec<String>, path: &Path, error: &std::io::Error) {
    errors.push(format!(
        "无法读取“{}”：{}，已跳过。",
        display_name(path.as_os_str()),
        describe(error)
    ));
}

fn walk(
    dir: &Path,
    ancestors: &mut Vec<(u64, u64)>,
    found: &mut Vec<PathBuf>,
    errors: &mut Vec<String>,
) {
    // Following links: the directory the path leads to.
    let id = match std::fs::metadata(dir) {
        Ok(meta) => identity(&meta),
        Err(error) => return say(errors, dir, &error),
    };
    // Without inode numbers (not unix) only the depth bounds a loop.
    if (cfg!(unix) && ancestors.contains(&id)) || ancestors.len() >= MAX_DEPTH {
        return;
    }
    ancestors.push(id);
    walk_entries(dir, ancestors, found, errors);
    ancestors.pop();
}

/// Deepest directory nesting walked.
const MAX_DEPTH: usize = 256;

fn walk_entries(
    dir: &Path,
    ancestors: &mut Vec<(u64, u64)>,
    found: &mut Vec<PathBuf>,
    errors: &mut Vec<String>,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => return say(errors, dir, &error),
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                say(errors, dir, &error);
                continue;
            }
        };
        let path = entry.path();
        // The listing knows each entry's type; only a symbolic link needs a `stat`.
        let file_type = match entry.file_type() {
            Ok(t) => t,
            Err(error) => {
                say(errors, &path, &error);
                continue;
            }
        };
        let (is_dir, is_file) = if file_type.is_symlink() {
            match std::fs::metadata(&path) {
                Ok(meta) => (meta.is_dir(), meta.is_file()),
                // A dangling link to a .txt file is an entry that cannot be read.
                Err(error) => {
                    if is_txt(&path) {
                        say(errors, &path, &error);
                    }
                    continue;
                }
            }
        } else {
            (file_type.is_dir(), file_type.is_file())
        };
        if is_dir {
            walk(&path, ancestors, found, errors);
        } else if is_file && is_txt(&path) {
            // Pipes, sockets and devices are skipped: reading one would block or never end.
            found.push(path);
        }
    }
}

/// Files a directory is searched for: `.txt` and the documents nianbao_doc reads.
fn is_txt(path: &Path) -> bool {
    path.extension().is_some_and(|e| {
        e.eq_ignore_ascii_case("txt") || crate::documents::is_document_extension(e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb18030_is_detected() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("行政复议 0 0");
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(decode(&bytes).0, "行政复议 0 0");
        assert!(matches!(
            decode("规章 0".as_bytes()).0,
            Cow::Borrowed("规章 0")
        ));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("规章".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16).0, "规章");
    }

    #[test]
    fn one_bad_byte_keeps_utf8_and_says_so() {
        let mut bytes = "行政复议 0 0\n行政诉讼 1 2\n".repeat(3).into_bytes();
        bytes.insert(5, 0xFF);
        let (text, note) = decode(&bytes);
        assert!(text.contains("行政诉讼 1 2"));
        assert!(note.unwrap().contains("UTF-8"));
    }

    #[test]
    fn utf16_without_a_bom_is_detected() {
        let text = "表三 行政复议 0 0 0\n（七）总计 12 3\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le).0, text);
        assert_eq!(decode(&be).0, text);
    }
}
