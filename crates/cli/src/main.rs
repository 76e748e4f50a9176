//! `tahawul`: the commission's command-line tool.

mod app;
mod commands;

fn main() -> std::process::ExitCode {
    app::run(std::env::args_os().collect())
}
