//! `tahawul user add|list|disable|enable|reset`. Passwords come from standard input (or a prompt), never
//! from the command line, where other users could read them in the process list; typed on a
//! terminal they are not echoed (`rpassword` turns echo off while reading).

use std::io::{BufRead, IsTerminal};

use tahawul_i18n::Message;
use tahawul_store::{NewUser, Role, StoreError, prelude::*};

use super::serve::{actor, db_failed, open, runtime};
use super::{Failure, print_json};
use crate::app::{Ctx, Format};

/// What `user add` was asked for.
pub struct AddOptions {
    /// Login name.
    pub name: String,
    /// Role name.
    pub role: String,
    /// Party.
    pub party: Option<String>,
    /// Factor.
    pub factor: Option<String>,
    /// Display name.
    pub display_name: Option<String>,
}

fn read_password(ctx: &Ctx, name: &str) -> Result<String, Failure> {
    let missing = || Failure::Usage(Message::new("service-user-password-missing"));
    let stdin = std::io::stdin();
    let line = if stdin.is_terminal() {
        // The prompt goes to the terminal itself, not through the commands' printing macros.
        let asked = ctx.t(&Message::new("service-user-password-prompt").arg("name", name));
        let prompt = format!("{} ", super::shown(&asked));
        rpassword::prompt_password(prompt).map_err(|_| missing())?
    } else {
        let mut line = String::new();
        stdin.lock().read_line(&mut line).map_err(|_| missing())?;
        line
    };
    let pw = line.trim_end_matches(['\n', '\r']).to_string();
    if pw.is_empty() { Err(Failure::Usage(Message::new("service-user-password-missing"))) } else { Ok(pw) }
}

fn invalid(e: StoreError) -> Failure {
    match e {
        StoreError::Invalid(ps) => {
            let said: Vec<Message> = ps
                .into_iter()
                .map(|p| Message::new("service-user-invalid").arg("field", p.at.as_str()).arg("detail", p.message))
                .collect();
            let mut said = said.into_iter();
            match said.next() {
                Some(first) => Failure::Problem(first, said.next()),
                None => Failure::Problem(Message::new("api-invalid"), None),
            }
        }
        other => db_failed(other),
    }
}

/// Adds a user.
pub fn add(ctx: &Ctx, database: &str, o: AddOptions) -> Result<(), Failure> {
    let role = Role::parse(&o.role).ok_or_else(|| {
        let known: Vec<_> = Role::ALL.iter().map(|r| r.as_str()).collect();
        Failure::Usage(
            Message::new("service-user-unknown-role").arg("role", o.role.as_str()).arg("known", known.join(", ")),
        )
    })?;
    let password = read_password(ctx, &o.name)?;
    runtime()?.block_on(async {
        let store = open(database).await?;
        let user = NewUser {
            display_name: o.display_name.clone().unwrap_or_else(|| o.name.clone()),
            name: o.name.clone(),
            role,
            party: o.party,
            factor: o.factor,
            password,
        };
        let u = store.create_user(user, &actor()).await.map_err(invalid)?;
        println!(
            "{}",
            ctx.t(&Message::new("service-user-added").arg("name", u.name.as_str()).arg("role", u.role.as_str()))
        );
        Ok(())
    })
}

/// Lists users.
pub fn list(ctx: &Ctx, database: &str) -> Result<(), Failure> {
    let users = runtime()?.block_on(async { open(database).await?.list_users().await.map_err(db_failed) })?;
    match ctx.format {
        Format::Json => print_json(&users),
        Format::Table => {
            for u in &users {
                let scope =
                    [u.party.as_deref(), u.factor.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
                let marks: Vec<String> = [
                    (u.disabled, "service-user-disabled-mark"),
                    (u.directory, "service-user-directory-mark"),
                    (u.must_change_password, "service-user-must-change-mark"),
                ]
                .into_iter()
                .filter(|(on, _)| *on)
                .map(|(_, id)| ctx.loc.tr(id))
                .collect();
                let off = if marks.is_empty() { String::new() } else { format!(" ({})", marks.join(", ")) };
                println!("{}\t{}\t{}{}", u.name, u.role.as_str(), scope, off);
            }
            println!("{}", ctx.t(&Message::new("service-user-count").arg("count", users.len())));
        }
    }
    Ok(())
}

/// A refused account action or an unknown account, said as such; anything else is the
/// database failing.
fn refused(e: StoreError) -> Failure {
    match e {
        StoreError::NotFound(what) => Failure::Problem(Message::new("api-not-found").arg("what", what), None),
        e @ StoreError::Invalid(_) => invalid(e),
        other => db_failed(other),
    }
}

/// Disables a user.
pub fn disable(ctx: &Ctx, database: &str, name: &str) -> Result<(), Failure> {
    runtime()?.block_on(async {
        let u = open(database).await?.disable_user(name, &actor()).await.map_err(refused)?;
        println!("{}", ctx.t(&Message::new("service-user-disabled").arg("name", u.name.as_str())));
        Ok(())
    })
}

/// Enables a disabled user again.
pub fn enable(ctx: &Ctx, database: &str, name: &str) -> Result<(), Failure> {
    runtime()?.block_on(async {
        let u = open(database).await?.enable_user(name, &actor()).await.map_err(refused)?;
        println!("{}", ctx.t(&Message::new("service-user-enabled").arg("name", u.name.as_str())));
        Ok(())
    })
}

/// Sets a temporary password (read like `user add` reads one: standard input or a prompt,
/// never the command line) that the user must change at their next sign-in.
pub fn reset(ctx: &Ctx, database: &str, name: &str) -> Result<(), Failure> {
    let password = read_password(ctx, name)?;
    runtime()?.block_on(async {
        let u = open(database).await?.reset_password(name, &password, &actor()).await.map_err(refused)?;
        println!("{}", ctx.t(&Message::new("service-user-reset").arg("name", u.name.as_str())));
        Ok(())
    })
}
