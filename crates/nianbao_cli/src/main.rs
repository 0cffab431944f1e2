//! `nianbao`: checks report texts from the command line (see `nianbao --help`).

mod alloc;
mod args;
mod decode;
mod documents;
mod line;
mod ordered;
mod render;

use std::io::Write;
use std::process::ExitCode;

use args::{Command, Input, OutputFormat};
use line::{json_string, Line};

fn main() -> ExitCode {
    let command = match args::parse(std::env::args_os().skip(1)) {
        Ok(command) => command,
        Err(message) => {
            warn(&message);
            warn_raw("用法见 `nianbao --help`。");
            return ExitCode::from(2);
        }
    };
    match command {
        Command::Help => print_all(args::HELP.as_bytes()),
        Command::Version => print_all(format!("nianbao {}\n", nianbao_core::VERSION).as_bytes()),
        Command::Check(options) => run_check(&options),
    }
}

/// A message on standard error, never a panic (a closed or full stderr is ignored).
fn warn(message: &str) {
    warn_raw(&format!("nianbao: {message}"));
}

fn warn_raw(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Writes `bytes` to standard output: a closed pipe ends quietly, any other failure (a full
/// disk) is said and exits 2.
fn print_all(bytes: &[u8]) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            warn(&write_failure(&error));
            ExitCode::from(2)
        }
    }
}

fn write_failure(error: &std::io::Error) -> String {
    let why = match error.kind() {
        std::io::ErrorKind::StorageFull => "磁盘已满".to_string(),
        std::io::ErrorKind::PermissionDenied => "没有写入权限".to_string(),
        _ => match error.raw_os_error() {
            Some(code) => format!("系统错误 {code}"),
            None => "写入失败".to_string(),
        },
    };
    format!("无法写出结果：{why}；输出不完整。")
}

/// The name a JSON line carries: `-` for standard input (an argument `-` always means
/// standard input, so no file is named so), else the path as given.
fn json_name(input: &Input) -> String {
    match input {
        Input::Stdin => "-".to_string(),
        Input::Path(path) => path.to_string_lossy().into_owned(),
    }
}

fn run_check(options: &args::CheckOptions) -> ExitCode {
    let previous = match &options.previous {
        Some(input) => match decode::read_input(input) {
            Ok(bytes) => match documents::source_of(input, &bytes) {
                Ok((documents::Source::Text(text), _)) => {
                    Some(documents::Source::Text(text.into_owned().into()))
                }
                Ok((documents::Source::Document(document), _)) => {
                    Some(documents::Source::Document(document))
                }
                Err(message) => {
                    warn(&message);
                    return ExitCode::from(2);
                }
            },
            Err(message) => {
                warn(&message);
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    let accepted = match &options.accept {
        Some(path) => match std::fs::read(path) {
            Ok(bytes) => nianbao_core::Accepted::parse(&String::from_utf8_lossy(&bytes)),
            Err(error) => {
                warn(&format!(
                    "无法读取已核实标记文件“{}”：{error}",
                    args::display_name(path.as_os_str())
                ));
                return ExitCode::from(2);
            }
        },
        None => nianbao_core::Accepted::default(),
    };
    let (files, walk_errors) = decode::expand_inputs(&options.inputs);
    for message in &walk_errors {
        warn(message);
    }
    // One input: its peak is the process's peak, and there is no batch to slow down (a batch's
    // memory is bounded by the window of waiting results instead). Before any worker starts.
    if files.len() == 1 {
        alloc::return_freed_memory_at_once();
    }
    // Written by whichever worker hands a result on, so not the (thread-bound) locked handle.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
    let mut any_error = false;
    let mut io_failed = !walk_errors.is_empty();
    let mut pipe_closed = false;
    let mut write_error: Option<std::io::Error> = None;
    // Check on every core (or `--jobs`), print in input order.
    let threads = options
        .jobs
        .unwrap_or_else(ordered::default_threads)
        .min(args::MAX_JOBS);
    // A failure writing one input's JSON pieces (see below), reported as `out`'s would be.
    let direct_error: std::sync::Mutex<Option<std::io::Error>> = std::sync::Mutex::new(None);
    let check_file = |i: usize| -> Result<(Line, bool, Option<String>), String> {
        let input = &files[i];
        documents::with_source(input, |source, note| {
            let note = note.map(|n| format!("“{}”{n}", decode::input_name(input)));
            let checked =
                nianbao_core::check_input(source.input(), previous.as_ref().map(|p| p.input()));
            let text = source.text();
            // An error a reviewer accepted (`--accept`) does not fail the run.
            let open_error = checked.diagnostics.iter().any(|d| {
                d.severity == nianbao_core::Severity::Error
                    && (accepted.is_empty()
                        || accepted
                            .note(&nianbao_core::fingerprint(d, &checked.report))
                            .is_none())
            });
            let printed = match options.format {
                // One input: its JSON goes to standard output in pieces as it is written, never
                // whole in memory (a long table's JSON is four times its text: issue 14). Nothing
                // is printed before it, and the line's last piece follows through `out`.
                OutputFormat::Json if files.len() == 1 => {
                    let mut direct = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
                    let mut failed: Option<std::io::Error> = None;
                    let last = nianbao_core::to_json_accepted_pieces(
                        &checked,
                        text,
                        nianbao_core::PositionEncoding::Utf8,
                        &accepted,
                        &mut |piece: &str| {
                            if failed.is_none() {
                                failed = direct.write_all(piece.as_bytes()).err();
                            }
                        },
                    );
                    drop(checked);
                    if let Some(error) = failed.or_else(|| direct.flush().err()) {
                        *direct_error.lock().unwrap() = Some(error);
                    }
                    Line::json(last, &json_name(input))
                }
                OutputFormat::Json => {
                    let json = nianbao_core::to_json_accepted(
                        &checked,
                        text,
                        nianbao_core::PositionEncoding::Utf8,
                        &accepted,
                    );
                    drop(checked);
                    // Every line names its file (an unreadable file's line too), so a line still
                    // says which file it is for when lines are filtered or files fail.
                    Line::json(json, &json_name(input))
                }
                OutputFormat::Text => Line::whole(render::render(
                    &decode::input_name(input),
                    text,
                    &checked,
                    &accepted,
                )),
            };
            (printed, open_error, note)
        })
    };
    // Results arrive in input order: the n-th result is for `files[n]`.
    let mut emitted = 0usize;
    ordered::for_each_in_order(files.len(), threads, check_file, |result| {
        let index = emitted;
        emitted += 1;
        let printed = match result {
            Ok((printed, has_errors, note)) => {
                any_error |= has_errors;
                if let Some(note) = note {
                    warn(&note);
                }
                printed
            }
            Err(message) => {
                warn(&message);
                io_failed = true;
                match options.format {
                    // A line for the unreadable file too: one line per file, in order.
                    OutputFormat::Json => Line::whole(format!(
                        "{{\"file\":{},\"error\":{}}}\n",
                        json_string(&json_name(&files[index])),
                        json_string(&message)
                    )),
                    OutputFormat::Text => return true,
                }
            }
        };
        match printed.write_to(&mut out) {
            Ok(()) => true,
            Err(error) => {
                if error.kind() == std::io::ErrorKind::BrokenPipe {
                    // A closed pipe (`nianbao check … | head`) is not worth a message.
                    pipe_closed = true;
                } else {
                    write_error = Some(error);
                }
                false
            }
        }
    });
    if let Some(error) = direct_error.into_inner().unwrap_or(None) {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            pipe_closed = true;
        } else {
            write_error = Some(error);
        }
    }
    if write_error.is_none() && !pipe_closed {
        if let Err(error) = out.flush() {
            if error.kind() == std::io::ErrorKind::BrokenPipe {
                pipe_closed = true;
            } else {
                write_error = Some(error);
            }
        }
    }
    if let Some(error) = write_error {
        warn(&write_failure(&error));
        return ExitCode::from(2);
    }
    if pipe_closed || io_failed {
        ExitCode::from(2)
    } else if any_error {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
