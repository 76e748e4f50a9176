//! `tahawul key new --out FILE`: a head's Ed25519 key pair; the private key sealed under a
//! passphrase read from the terminal (or `TAHAWUL_PASSPHRASE` for scripts), never from argv.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use clap::{Arg, ArgMatches, Command, value_parser};
use tahawul_domain::minutes::{KeyError, KeyFile, SecretKey};
use tahawul_i18n::{Localizer, Message};

use super::Failure;
use crate::app::Ctx;

/// The `key` command and its `new` and `register` subcommands.
pub fn command(loc: &Localizer) -> Command {
    Command::new("key")
        .about(loc.tr("record-cli-key-about"))
        .subcommand_required(true)
        .subcommand(
            Command::new("new").about(loc.tr("record-cli-key-new-about")).arg(
                Arg::new("out")
                    .long("out")
                    .value_name("FILE")
                    .required(true)
                    .value_parser(value_parser!(PathBuf))
                    .help(loc.tr("record-cli-arg-out")),
            ),
        )
        .subcommand(
            Command::new("register")
                .about(loc.tr("keys-cli-register-about"))
                .arg(
                    Arg::new("key")
                        .long("key")
                        .value_name("FILE")
                        .required(true)
                        .value_parser(value_parser!(PathBuf))
                        .help(loc.tr("record-cli-arg-key")),
                )
                .arg(
                    Arg::new("person")
                        .long("person")
                        .value_name("ID")
                        .required(true)
                        .help(loc.tr("keys-cli-arg-person")),
                )
                .arg(
                    Arg::new("server")
                        .long("server")
                        .value_name("URL")
                        .required(true)
                        .help(loc.tr("record-cli-arg-server")),
                ),
        )
}

/// Runs `key new` or `key register`.
pub fn run(ctx: &Ctx, m: &ArgMatches) -> Result<(), Failure> {
    let m = match m.subcommand() {
        Some(("new", m)) => m,
        Some(("register", m)) => {
            let usage = || Failure::Usage(Message::new("cli-usage-error"));
            let key = m.get_one::<PathBuf>("key").ok_or_else(usage)?;
            let person = m.get_one::<String>("person").ok_or_else(usage)?;
            let url = m.get_one::<String>("server").ok_or_else(usage)?;
            return super::minutes::server::register_key(ctx, key, person, url);
        }
        _ => return Err(Failure::Usage(Message::new("cli-usage-error"))),
    };
    let out = m.get_one::<PathBuf>("out").cloned().ok_or(Failure::Usage(Message::new("cli-usage-error")))?;
    let public_path = PathBuf::from(format!("{}.pub", out.display()));
    for p in [&out, &public_path] {
        if p.exists() {
            return Err(Failure::Problem(
                Message::new("record-key-exists").arg("file", p.display().to_string()),
                Some(Message::new("record-key-exists-help")),
            ));
        }
    }
    let passphrase = passphrase(ctx, true)?;
    let key = SecretKey::generate().map_err(|e| key_problem(&out, e))?;
    let file = key.seal(&passphrase).map_err(|e| key_problem(&out, e))?;
    write_new(&out, &file.to_text())?;
    let public = key.public().to_string();
    write_new(&public_path, &format!("{public}\n"))?;
    println!(
        "{}",
        ctx.t(&Message::new("record-key-written")
            .arg("file", out.display().to_string())
            .arg("pub", public_path.display().to_string()))
    );
    println!("{}", ctx.t(&Message::new("record-key-public").arg("key", public.as_str())));
    println!("{}", ctx.t(&Message::new("record-key-register-help").arg("key", public.as_str())));
    Ok(())
}

/// Opens a key file with the passphrase from the terminal or `TAHAWUL_PASSPHRASE`.
pub fn open(ctx: &Ctx, path: &Path) -> Result<SecretKey, Failure> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Failure::Problem(
            Message::new("record-key-cannot-read").arg("file", path.display().to_string()).arg("detail", e.to_string()),
            None,
        )
    })?;
    let file = KeyFile::parse(&text).map_err(|e| key_problem(path, e))?;
    let passphrase = passphrase(ctx, false)?;
    file.open(&passphrase).map_err(|e| key_problem(path, e))
}

/// A key error as the user reads it.
fn key_problem(path: &Path, e: KeyError) -> Failure {
    let file = path.display().to_string();
    match e {
        KeyError::WrongPassphrase => Failure::Problem(
            Message::new("record-key-wrong-passphrase").arg("file", file),
            Some(Message::new("record-key-wrong-passphrase-help")),
        ),
        other => Failure::Problem(
            Message::new("record-key-bad-file").arg("file", file).arg("detail", other.to_string()),
            None,
        ),
    }
}

/// Creates a file that must not exist yet, readable by its owner only.
fn write_new(path: &Path, text: &str) -> Result<(), Failure> {
    let fail = |e: std::io::Error| {
        Failure::Problem(
            Message::new("record-key-cannot-write")
                .arg("file", path.display().to_string())
                .arg("detail", e.to_string()),
            None,
        )
    };
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path).map_err(fail)?;
    f.write_all(text.as_bytes()).map_err(fail)
}

/// The passphrase: `TAHAWUL_PASSPHRASE` if set, else asked on the terminal without echo
/// (twice when `confirm`).
fn passphrase(ctx: &Ctx, confirm: bool) -> Result<String, Failure> {
    let help = || Some(Message::new("record-key-passphrase-help"));
    if let Ok(p) = std::env::var("TAHAWUL_PASSPHRASE") {
        return if p.is_empty() {
            Err(Failure::Problem(Message::new("record-key-passphrase-empty"), help()))
        } else {
            Ok(p)
        };
    }
    let first = ask(&ctx.loc.tr("record-key-passphrase"))
        .ok_or_else(|| Failure::Problem(Message::new("record-key-no-terminal"), help()))?;
    if first.is_empty() {
        return Err(Failure::Problem(Message::new("record-key-passphrase-empty"), help()));
    }
    if confirm {
        let again = ask(&ctx.loc.tr("record-key-passphrase-again"))
            .ok_or_else(|| Failure::Problem(Message::new("record-key-no-terminal"), help()))?;
        if again != first {
            return Err(Failure::Problem(Message::new("record-key-passphrase-mismatch"), help()));
        }
    }
    Ok(first)
}

/// Reads one line from the controlling terminal with echo off; `None` without a terminal.
fn ask(prompt: &str) -> Option<String> {
    let tty = std::fs::OpenOptions::new().read(true).write(true).open("/dev/tty").ok()?;
    let mut out = tty.try_clone().ok()?;
    let _ = write!(out, "{prompt} ");
    let _ = out.flush();
    let line = with_echo_off(&tty, || {
        let mut line = String::new();
        std::io::BufReader::new(&tty).read_line(&mut line).ok().map(|_| line)
    })?;
    let _ = writeln!(out);
    Some(line.trim_end_matches(['\n', '\r']).to_string())
}

#[cfg(unix)]
fn with_echo_off<T>(tty: &std::fs::File, f: impl FnOnce() -> Option<T>) -> Option<T> {
    use std::os::fd::AsRawFd;
    let fd = tty.as_raw_fd();
    // SAFETY: tcgetattr/tcsetattr on an open terminal descriptor with a zeroed termios we own.
    let mut saved: libc::termios = unsafe { std::mem::zeroed() };
    if unsafe { libc::tcgetattr(fd, &mut saved) } != 0 {
        return f();
    }
    let mut quiet = saved;
    quiet.c_lflag &= !libc::ECHO;
    quiet.c_lflag |= libc::ECHONL;
    unsafe { libc::tcsetattr(fd, libc::TCSANOW, &quiet) };
    let r = f();
    unsafe { libc::tcsetattr(fd, libc::TCSANOW, &saved) };
    r
}

#[cfg(not(unix))]
fn with_echo_off<T>(_tty: &std::fs::File, f: impl FnOnce() -> Option<T>) -> Option<T> {
    f()
}
