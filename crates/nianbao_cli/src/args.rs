//! Command-line arguments, parsed by hand (two subcommands do not need a framework).

use std::path::PathBuf;

pub const HELP: &str = "\
nianbao — 政府信息公开工作年度报告校验（勾稽关系检查）

用法:
  nianbao check [--format text|json] [--previous 上一年报告.txt] [--jobs N] 文件或目录...
  nianbao --version
  nianbao --help

选项:
  --format text   供人阅读：文件:行:列、原文行并标出单元格、中文说明（默认）
  --format json   输出结果对象（schema nianbao/1）；多个文件时每行一个对象（JSON Lines）
  --previous 文件  上一年度的报告，用于跨年度核对（上年结转 = 上年的结转下年度）
  --jobs N        同时检查 N 个报告（默认每个 CPU 核一个）；输出顺序总是与输入顺序相同

输入按 UTF-8 或 GB18030（GBK）自动识别；也可以是 Word 文档（.docx）或网页（.html/.htm），按其中的表格读取。
目录会递归查找其中的 .txt、.docx、.html、.htm 文件。.doc/.wps/.pdf 等请另存为 .docx 或复制全文。
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
    pub previous: Option<PathBuf>,
    /// Worker threads; `None` for one per core.
    pub jobs: Option<usize>,
    pub inputs: Vec<PathBuf>,
}

#[derive(Debug)]
pub enum Command {
    Help,
    Version,
    Check(CheckOptions),
}

pub fn parse(mut args: impl Iterator<Item = String>) -> Result<Command, String> {
    let Some(first) = args.next() else {
        return Ok(Command::Help);
    };
    match first.as_str() {
        "-h" | "--help" | "help" => return Ok(Command::Help),
        "-V" | "--version" => return Ok(Command::Version),
        "check" => {}
        other => return Err(format!("未知的命令“{other}”；目前只有 check。")),
    }
    let mut options = CheckOptions {
        format: OutputFormat::Text,
        previous: None,
        jobs: None,
        inputs: Vec::new(),
    };
    while let Some(arg) = args.next() {
        if let Some(value) = arg.strip_prefix("--format=") {
            options.format = parse_format(value)?;
        } else if arg == "--format" {
            let value = args.next().ok_or("--format 后面需要 text 或 json。")?;
            options.format = parse_format(&value)?;
        } else if let Some(value) = arg.strip_prefix("--previous=") {
            options.previous = Some(PathBuf::from(value));
        } else if arg == "--previous" {
            let value = args.next().ok_or("--previous 后面需要一个文件。")?;
            options.previous = Some(PathBuf::from(value));
        } else if let Some(value) = arg.strip_prefix("--jobs=") {
            options.jobs = Some(parse_jobs(value)?);
        } else if arg == "--jobs" || arg == "-j" {
            let value = args.next().ok_or("--jobs 后面需要一个正整数。")?;
            options.jobs = Some(parse_jobs(&value)?);
        } else if arg == "-h" || arg == "--help" {
            return Ok(Command::Help);
        } else if arg.starts_with("--") {
            return Err(format!("未知的选项“{arg}”。"));
        } else {
            options.inputs.push(PathBuf::from(arg));
        }
    }
    if options.inputs.is_empty() {
        return Err("请给出至少一个要检查的文件或目录。".to_string());
    }
    Ok(Command::Check(options))
}

fn parse_format(value: &str) -> Result<OutputFormat, String> {
    match value {
        "text" => Ok(OutputFormat::Text),
        "json" => Ok(OutputFormat::Json),
        other => Err(format!("--format 只能是 text 或 json，而不是“{other}”。")),
    }
}

fn parse_jobs(value: &str) -> Result<usize, String> {
    match value.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!(
            "--jobs 需要一个正整数（同时检查的报告数），而不是“{value}”。"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Result<Command, String> {
        parse(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn check_with_options() {
        let Command::Check(o) =
            run(&["check", "--format", "json", "--previous=a.txt", "b.txt"]).unwrap()
        else {
            panic!("not a check command")
        };
        assert_eq!(o.format, OutputFormat::Json);
        assert_eq!(o.previous.unwrap(), PathBuf::from("a.txt"));
        assert_eq!(o.inputs, vec![PathBuf::from("b.txt")]);
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
}
