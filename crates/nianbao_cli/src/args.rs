//! Command-line arguments, parsed by hand (two subcommands do not need a framework). They
//! are `OsString`s throughout: a file name need not be UTF-8 (GBK names from Windows zips).

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

/// Most worker threads `--jobs` starts: more only costs memory (each holds a report).
pub const MAX_JOBS: usize = 64;

pub const HELP: &str = "\
nianbao — 政府信息公开工作年度报告校验（勾稽关系检查）

用法:
  nianbao check [--format text|json] [-H] [--previous 上一年报告.txt] [--accept 已核实.tsv] [--jobs N] 文件或目录...
  nianbao --version
  nianbao --help

选项:
  --format text   供人阅读：文件:行:列、原文行并标出单元格、中文说明（默认）
  --format json   输出结果对象（schema nianbao/1）；多个文件时每行一个对象（JSON Lines）
  --previous 文件  上一年度的报告，用于跨年度核对（上年结转 = 上年的结转下年度）
  --accept 文件    已核实、不改的问题（网页“导出已核实标记”所得）：每行“指纹<TAB>备注”，
                  # 开头的行为注释。匹配的问题标为“已核实”，其中的错误不再使退出码为 1
  --jobs N        同时检查 N 个报告（默认每个 CPU 核一个，最多 64）；输出顺序总是与输入顺序相同
  -H, --with-filename  （已是默认）JSON 每行都带 file：文件名按给出的写法，标准输入为 \"-\"；
                  无法读取的文件输出带 file 和 error 的一行，行与文件一一对应
  --              其后的参数都是文件名（即使以 - 开头）
  -               从标准输入读取报告

输入按 UTF-8、UTF-16 或 GB18030（GBK）自动识别；也可以是 Word 文档（.docx）、网页（.html/.htm）或 PDF，按其中的表格读取。
目录会递归查找其中的 .txt、.docx、.html、.htm、.pdf 文件（跳过管道等非普通文件；符号链接形成的循环只走一次）。
.doc/.wps 请另存为 .docx 或复制全文。
退出码: 0 没有错误级问题；1 至少一个报告有错误级问题；2 用法错误或无法读取文件。
";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    Text,
    Json,
}

#[derive(Debug)]
pub struct CheckOptions {
    pub format: OutputFormat,
    pub previous: Option<Input>,
    /// Marks of findings checked and kept (`--accept`).
    pub accept: Option<PathBuf>,
    /// Worker threads; `None` for one per core. Never more than `MAX_JOBS`.
    pub jobs: Option<usize>,
    pub inputs: Vec<Input>,
}

/// A file (or directory) to read, or standard input (`-`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    Stdin,
    Path(PathBuf),
}

impl Input {
    fn of(arg: OsString) -> Input {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }
}

#[derive(Debug)]
pub enum Command {
    Help,
    Version,
    Check(CheckOptions),
}

pub fn parse(mut args: impl Iterator<Item = OsString>) -> Result<Command, String> {
    let Some(first) = args.next() else {
        return Ok(Command::Help);
    };
    match first.to_str() {
        Some("-h" | "--help" | "help") => return Ok(Command::Help),
        Some("-V" | "--version") => return Ok(Command::Version),
        Some("check") => {}
        _ => {
            return Err(format!(
                "未知的命令“{}”；目前只有 check。",
                first.to_string_lossy()
            ))
        }
    }
    let mut options = CheckOptions {
        format: OutputFormat::Text,
        previous: None,
        accept: None,
        jobs: None,
        inputs: Vec::new(),
    };
    let mut only_files = false;
    while let Some(arg) = args.next() {
        if only_files {
            options.inputs.push(Input::of(arg));
            continue;
        }
        // Options are ASCII; a name that is not UTF-8 can only be a file.
        let Some(text) = arg.to_str() else {
            options.inputs.push(Input::of(arg));
            continue;
        };
        let value_of = |args: &mut dyn Iterator<Item = OsString>, what: &str| {
            args.next().ok_or_else(|| what.to_string())
        };
        if let Some(value) = text.strip_prefix("--format=") {
            options.format = parse_format(value)?;
        } else if text == "--format" {
            let value = value_of(&mut args, "--format 后面需要 text 或 json。")?;
            options.format = parse_format(&value.to_string_lossy())?;
        } else if let Some(value) = text.strip_prefix("--previous=") {
            options.previous = Some(Input::of(OsString::from(value)));
        } else if text == "--previous" {
            let value = value_of(&mut args, "--previous 后面需要一个文件。")?;
            options.previous = Some(Input::of(value));
        } else if let Some(value) = text.strip_prefix("--accept=") {
            options.accept = Some(PathBuf::from(value));
        } else if text == "--accept" {
            let value = value_of(&mut args, "--accept 后面需要一个文件。")?;
            options.accept = Some(PathBuf::from(value));
        } else if let Some(value) = text.strip_prefix("--jobs=") {
            options.jobs = Some(parse_jobs(value)?);
        } else if text == "--jobs" || text == "-j" {
            let value = value_of(&mut args, "--jobs 后面需要一个正整数。")?;
            options.jobs = Some(parse_jobs(&value.to_string_lossy())?);
        } else if text == "--with-filename" || text == "-H" {
            // Every JSON line carries its file now; the option stays accepted for old scripts.
        } else if text == "-h" || text == "--help" {
            return Ok(Command::Help);
        } else if text == "--" {
            only_files = true;
        } else if text.starts_with('-') && text != "-" {
            return Err(format!(
                "未知的选项“{text}”；如果这是文件名，请写在 -- 之后（例如 nianbao check -- {text}）。"
            ));
        } else {
            options.inputs.push(Input::of(arg));
        }
    }
    if options.inputs.is_empty() {
        return Err("请给出至少一个要检查的文件或目录。".to_string());
    }
    if options.previous == Some(Input::Stdin) && options.inputs.contains(&Input::Stdin) {
        return Err(
            "标准输入（-）只能读一次：不能同时作为 --previous 和要检查的报告。".to_string(),
        );
    }
    Ok(Command::Check(options))
}

/// A name as shown in messages and `file:line:` output: control characters (a newline in a
/// file name would break the line format) escaped, bytes that are not UTF-8 replaced.
pub fn display_name(name: &OsStr) -> String {
    let lossy = name.to_string_lossy();
    let mut out = String::with_capacity(lossy.len());
    for c in lossy.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

fn parse_format(value: &str) -> Result<OutputFormat, String> {
    match value {
        "text" => Ok(OutputFormat::Text),
        "json" => Ok(OutputFormat::Json),
        other => Err(format!("--format 只能是 text 或 json，而不是“{other}”。")),
    }
}

fn parse_jobs(value: &str) -> Result<usize, String> {
    // Above the cap (or too large for a number) it is the cap: the work is the same.
    match value.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n.min(MAX_JOBS)),
        _ if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) && value != "0" => {
            Ok(MAX_JOBS)
        }
        _ => Err(format!(
            "--jobs 需要一个正整数（同时检查的报告数），而不是“{value}”。"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Result<Command, String> {
        parse(args.iter().map(OsString::from))
    }

    #[test]
    fn check_with_options() {
        let Command::Check(o) =
            run(&["check", "--format", "json", "--previous=a.txt", "b.txt"]).unwrap()
        else {
            panic!("not a check command")
        };
        assert_eq!(o.format, OutputFormat::Json);
        assert_eq!(o.previous.unwrap(), Input::Path(PathBuf::from("a.txt")));
        assert_eq!(o.inputs, vec![Input::Path(PathBuf::from("b.txt"))]);
        assert_eq!(o.accept, None);
        for args in [
            &["check", "--accept", "marks.tsv", "b.txt"][..],
            &["check", "--accept=marks.tsv", "b.txt"],
        ] {
            let Command::Check(o) = run(args).unwrap() else {
                panic!("not a check command")
            };
            assert_eq!(o.accept, Some(PathBuf::from("marks.tsv")));
        }
        assert!(run(&["check", "b.txt", "--accept"]).is_err());
    }

    #[test]
    fn usage_errors_are_reported() {
        assert!(run(&["check"]).is_err());
        assert!(run(&["check", "--format", "xml", "a"]).is_err());
        assert!(run(&["frobnicate"]).is_err());
        assert!(run(&["check", "--bogus", "a"]).is_err());
        assert!(run(&["check", "--jobs", "0", "a"]).is_err());
        assert!(run(&["check", "--jobs=两", "a"]).is_err());
        assert!(run(&["check", "a", "--jobs"]).is_err());
    }

    #[test]
    fn jobs_sets_the_worker_count() {
        for args in [
            &["check", "--jobs", "3", "a"][..],
            &["check", "-j", "3", "a"],
            &["check", "--jobs=3", "a"],
        ] {
            let Command::Check(o) = run(args).unwrap() else {
                panic!("not a check command")
            };
            assert_eq!(o.jobs, Some(3));
        }
        let Command::Check(o) = run(&["check", "a"]).unwrap() else {
            panic!("not a check command")
        };
        assert_eq!(o.jobs, None);
    }

    #[test]
    fn dash_dash_dash_and_unknown_short_options() {
        assert!(run(&["check", "-x"]).is_err());
        let Command::Check(o) = run(&["check", "-", "--", "-x", "--format"]).unwrap() else {
            panic!("not a check command")
        };
        assert_eq!(
            o.inputs,
            vec![
                Input::Stdin,
                Input::Path(PathBuf::from("-x")),
                Input::Path(PathBuf::from("--format"))
            ]
        );
        assert!(run(&["check", "--previous", "-", "-"]).is_err());
    }

    #[test]
    fn jobs_are_capped() {
        for n in ["100000", "99999999999999999999999"] {
            let Command::Check(o) = run(&["check", "--jobs", n, "a"]).unwrap() else {
                panic!("not a check command")
            };
            assert_eq!(o.jobs, Some(MAX_JOBS));
        }
    }

    #[test]
    fn names_with_newlines_are_escaped() {
        assert_eq!(display_name(OsStr::new("a\nb.txt")), "a\\nb.txt");
        assert_eq!(display_name(OsStr::new("报告.txt")), "报告.txt");
    }
}
