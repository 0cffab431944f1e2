//! `nianbao`: checks report texts from the command line (see `nianbao --help`).

mod args;
mod decode;
mod render;

use std::io::Write;
use std::process::ExitCode;

use args::{Command, OutputFormat};

fn main() -> ExitCode {
    let command = match args::parse(std::env::args().skip(1)) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("nianbao: {message}");
            eprintln!("用法见 `nianbao --help`。");
            return ExitCode::from(2);
        }
    };
    match command {
        Command::Help => {
            print!("{}", args::HELP);
            ExitCode::SUCCESS
        }
        Command::Version => {
            println!("nianbao {}", nianbao_core::VERSION);
            ExitCode::SUCCESS
        }
        Command::Check(options) => run_check(&options),
    }
}

fn run_check(options: &args::CheckOptions) -> ExitCode {
    let previous = match &options.previous {
        Some(path) => match decode::read_text(path) {
            Ok(text) => Some(text),
            Err(message) => {
                eprintln!("nianbao: {message}");
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    let files = match decode::expand_inputs(&options.inputs) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("nianbao: {message}");
            return ExitCode::from(2);
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut any_error = false;
    let mut io_failed = false;
    for path in &files {
        let text = match decode::read_text(path) {
            Ok(text) => text,
            Err(message) => {
                eprintln!("nianbao: {message}");
                io_failed = true;
                continue;
            }
        };
        let checked = nianbao_core::check_with_previous(&text, previous.as_deref());
        any_error |= checked.has_errors();
        let written = match options.format {
            OutputFormat::Json => writeln!(
                out,
                "{}",
                nianbao_core::to_json(&checked, &text, nianbao_core::PositionEncoding::Utf8)
            ),
            OutputFormat::Text => out
                .write_all(render::render(&path.display().to_string(), &text, &checked).as_bytes()),
        };
        if written.is_err() {
            // A closed pipe (`nianbao check … | head`) is not an error worth a message.
            return ExitCode::from(2);
        }
    }
    let _ = out.flush();
    if io_failed {
        ExitCode::from(2)
    } else if any_error {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
