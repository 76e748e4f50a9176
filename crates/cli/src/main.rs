//! `tahawul`: the commission's command-line tool.

mod app;
mod commands;

fn main() -> std::process::ExitCode {
    // Rust ignores SIGPIPE, so `tahawul status | head` would fail on a closed pipe; restore
    // the default so a closed reader ends the program quietly, as with any Unix tool.
    #[cfg(unix)]
    // SAFETY: called once at start, before any thread exists; SIG_DFL is always valid.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    app::run(std::env::args_os().collect())
}
