//! Accounts: creation, sign-in (local passwords and the directory), passwords, settings and
//! the secretariat's disabling. Who may act on an account is the domain's rule
//! (`tahawul_domain::user::check_account_action`); this module reads and writes.

use tahawul_domain::directory::{AccountStep, account_step, has_local_password};
use tahawul_domain::user::{
    AccountAction, Actor, PasswordProblem, check_account_action, check_directory_user, check_new_password,
};
use tahawul_domain::{Party, PartyRole};

use super::*;
use crate::Users;
use crate::users::{DirectoryUser, NewUser, UserSettings};

const USER_SELECT: &str = "SELECT name, display_name, role, party, factor, disabled, version, created_at, password_hash, lang, digits, email, reminders, directory, must_change_password FROM users";

/// A row of `users` as read ([`USER_SELECT`]).
#[derive(sqlx::FromRow)]
struct UserRow {
    name: String,
    display_name: String,
    role: String,
    party: Option<String>,
    factor: Option<String>,
    disabled: bool,
    version: i64,
    created_at: String,
    password_hash: String,
    lang: Option<String>,
    digits: Option<String>,
    email: Option<String>,
    reminders: Option<String>,
    directory: bool,
    must_change_password: bool,
}

impl UserRow {
    /// The user and their password hash.
    fn into_user(self) -> Result<(User, String)> {
        let role = self.role;
        Ok((
            User {
                name: self.name,
                display_name: self.display_name,
                role: Role::parse(&role).ok_or_else(|| corrupt(format!("unknown role {role:?}")))?,
                party: self.party,
                factor: self.factor,
                disabled: self.disabled,
                version: self.version,
                created_at: self.created_at,
                lang: self.lang,
                digits: self.digits,
                email: self.email,
                reminders: self.reminders,
                directory: self.directory,
                must_change_password: self.must_change_password,
            },
            self.password_hash,
        ))
    }
}

/// What is wrong with a user's party and factor against the case as `tx` sees it: they exist,
/// and the party's role fits the user's (a delegation for heads and members, a coalition
/// partner for partners).
async fn check_user_links<T: Tx>(
    tx: &mut T,
    role: Role,
    party: Option<&str>,
    factor: Option<&str>,
) -> Result<Vec<Problem>> {
    let mut problems = Vec::new();
    if let Some(p) = party {
        match read_record(tx, RecordKind::Party, p).await? {
            None => problems.push(Problem::new("party", Message::new("store-no-party").arg("party", p))),
            Some(rec) => {
                let party: Party = serde_json::from_value(rec.body).map_err(corrupt)?;
                let want =
                    if role == Role::CoalitionPartner { PartyRole::CoalitionPartner } else { PartyRole::Delegation };
                if role.needs_party() && party.role != want {
                    problems.push(Problem::new(
                        "party",
                        Message::new("store-party-wrong-role").arg("role", role.as_str()).arg(
                            "want",
                            if want == PartyRole::Delegation { "delegation" } else { "coalition-partner" },
                        ),
                    ));
                }
            }
        }
    }
    if let Some(f) = factor
        && read_record(tx, RecordKind::Factor, f).await?.is_none()
    {
        problems.push(Problem::new("factor", Message::new("store-no-factor").arg("factor", f)));
    }
    Ok(problems)
}

/// A user and their password hash, if there is one of that name.
pub(super) async fn read_user<T: Tx>(tx: &mut T, name: &str) -> Result<Option<(User, String)>> {
    let rows: Vec<UserRow> = tx.fetch_as(&format!("{USER_SELECT} WHERE name = $1"), vec![name.into()]).await?;
    rows.into_iter().next().map(UserRow::into_user).transpose()
}

fn user_view(u: &User) -> Value {
    serde_json::to_value(u).unwrap_or(Value::Null)
}

impl<B: Backend> SqlStore<B> {
    /// The decoy hash, made once with the store's hasher (so it costs what a real check costs).
    async fn decoy_hash(&self) -> Result<String> {
        if let Some(h) = self.decoy_hash.get() {
            return Ok(h.clone());
        }
        let hasher = self.opts.password_hasher.clone();
        let h = tokio::task::spawn_blocking(move || hasher.hash("decoy: no user has this password"))
            .await
            .map_err(|e| corrupt(format!("password hashing task: {e}")))??;
        Ok(self.decoy_hash.get_or_init(|| h).clone())
    }

    /// Disables (`disabled`) or enables an account, after the domain's rule for that action
    /// (`AccountAction::Disable` or `Enable`); a new version, audited as `disable` or `enable`.
    /// Enabling an enabled account changes nothing and audits nothing; disabling is always
    /// written.
    async fn set_disabled(&self, name: &str, disabled: bool, actor: &str) -> Result<User> {
        let (action, audited) =
            if disabled { (AccountAction::Disable, "disable") } else { (AccountAction::Enable, "enable") };
        let mut w = self.write(actor).await?;
        let before = account_for(&mut w.tx, action, name, actor).await?;
        if !disabled && !before.disabled {
            return Ok(before);
        }
        let after = User { disabled, version: before.version + 1, ..before.clone() };
        w.tx.exec(
            "UPDATE users SET disabled = $1, version = $2 WHERE name = $3",
            vec![disabled.into(), Arg::I64(Some(after.version)), name.into()],
        )
        .await?;
        w.audit(audited, "user", name, Some(user_view(&before)), Some(user_view(&after))).await?;
        w.finish().await?;
        Ok(after)
    }

    /// A password's hash, made off the async threads (it takes tens of milliseconds on purpose).
    async fn hash_password(&self, password: &str) -> Result<String> {
        let hasher = self.opts.password_hasher.clone();
        let password = password.to_string();
        Ok(tokio::task::spawn_blocking(move || hasher.hash(&password))
            .await
            .map_err(|e| corrupt(format!("password hashing task: {e}")))??)
    }
}

impl<B: Backend> Users for SqlStore<B> {
    async fn create_user(&self, user: NewUser, actor: &str) -> Result<User> {
        user.check()?;
        let hash = self.hash_password(&user.password).await?;
        let mut w = self.write(actor).await?;
        let mut problems = Vec::new();
        if read_user(&mut w.tx, &user.name).await?.is_some() {
            problems.push(Problem::new("name", Message::new("store-user-exists").arg("name", user.name.as_str())));
        }
        problems.extend(check_user_links(&mut w.tx, user.role, user.party.as_deref(), user.factor.as_deref()).await?);
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let u =
            User::new_account(user.name, user.display_name, user.role, user.party, user.factor, w.at.clone(), false);
        insert_account(&mut w, &u, hash).await?;
        w.finish().await?;
        Ok(u)
    }

    async fn list_users(&self) -> Result<Vec<User>> {
        let mut tx = self.read().await?;
        let rows: Vec<UserRow> = tx.fetch_as(&format!("{USER_SELECT} ORDER BY name"), vec![]).await?;
        rows.into_iter().map(|r| r.into_user().map(|(u, _)| u)).collect()
    }

    async fn get_user(&self, name: &str) -> Result<User> {
        let mut tx = self.read().await?;
        read_user(&mut tx, name).await?.map(|(u, _)| u).ok_or_else(|| StoreError::NotFound(format!("user {name}")))
    }

    async fn disable_user(&self, name: &str, actor: &str) -> Result<User> {
        self.set_disabled(name, true, actor).await
    }

    async fn enable_user(&self, name: &str, actor: &str) -> Result<User> {
        self.set_disabled(name, false, actor).await
    }

    async fn change_password(&self, name: &str, current: &str, new: &str) -> Result<User> {
        // The rules that need no hash first, so a weak new password is said with a wrong
        // current one, at once.
        let (before, hash) = {
            let mut tx = self.read().await?;
            read_user(&mut tx, name).await?.ok_or_else(|| StoreError::NotFound(format!("user {name}")))?
        };
        let me = Actor { name, role: Some(before.role) };
        check_account_action(me, AccountAction::ChangeOwnPassword, name, before.directory)
            .map_err(|r| crate::users::refusal(r, name))?;
        let ok = verify_password(current, hash).await?;
        let mut problems: Vec<Problem> = Vec::new();
        if !ok || before.disabled {
            problems.push(crate::users::password_problem(PasswordProblem::WrongCurrent));
        }
        problems.extend(check_new_password(new, Some(current)).into_iter().map(crate::users::password_problem));
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let new_hash = self.hash_password(new).await?;
        let mut w = self.write(name).await?;
        let (now, _) = read_user(&mut w.tx, name).await?.ok_or_else(|| StoreError::NotFound(format!("user {name}")))?;
        if now.version != before.version {
            // Reset, disabled or changed meanwhile: the current password checked may be stale.
            return Err(StoreError::Conflict { current_version: Some(now.version) });
        }
        let after = User { must_change_password: false, version: before.version + 1, ..before.clone() };
        set_password(&mut w, &after, new_hash).await?;
        w.audit("change-password", "user", name, Some(user_view(&before)), Some(user_view(&after))).await?;
        w.finish().await?;
        Ok(after)
    }

    async fn reset_password(&self, name: &str, temporary: &str, actor: &str) -> Result<User> {
        let problems: Vec<Problem> =
            check_new_password(temporary, None).into_iter().map(crate::users::password_problem).collect();
        if !problems.is_empty() {
            // Checked after the account rule below too; said first only when the account is fine.
            let mut tx = self.read().await?;
            account_for(&mut tx, AccountAction::ResetPassword, name, actor).await?;
            return Err(StoreError::Invalid(problems));
        }
        let hash = self.hash_password(temporary).await?;
        let mut w = self.write(actor).await?;
        let before = account_for(&mut w.tx, AccountAction::ResetPassword, name, actor).await?;
        let after = User { must_change_password: true, version: before.version + 1, ..before.clone() };
        set_password(&mut w, &after, hash).await?;
        w.audit("reset-password", "user", name, Some(user_view(&before)), Some(user_view(&after))).await?;
        w.finish().await?;
        Ok(after)
    }

    async fn set_user_settings(&self, name: &str, settings: &UserSettings, actor: &str) -> Result<User> {
        settings.check()?;
        let mut w = self.write(actor).await?;
        let (before, _) =
            read_user(&mut w.tx, name).await?.ok_or_else(|| StoreError::NotFound(format!("user {name}")))?;
        // The version stays: it is part of the sessions' hash, and choosing a language must
        // not sign the user out.
        let after = User {
            lang: settings.lang.clone(),
            digits: settings.digits.clone(),
            email: settings.email.clone(),
            reminders: settings.reminders.clone(),
            ..before.clone()
        };
        w.tx.exec(
            "UPDATE users SET lang = $1, digits = $2, email = $3, reminders = $4 WHERE name = $5",
            vec![
                after.lang.clone().into(),
                after.digits.clone().into(),
                after.email.clone().into(),
                after.reminders.clone().into(),
                name.into(),
            ],
        )
        .await?;
        if before.email != after.email {
            // A new address starts afresh: what went to the old one was not seen at the new.
            w.tx.exec("DELETE FROM reminders_sent WHERE user_name = $1", vec![name.into()]).await?;
        }
        w.audit("settings", "user", name, Some(user_view(&before)), Some(user_view(&after))).await?;
        w.finish().await?;
        Ok(after)
    }

    async fn verify_password(&self, name: &str, password: &str) -> Result<Option<User>> {
        let found = {
            let mut tx = self.read().await?;
            read_user(&mut tx, name).await?
        };
        // Unknown and disabled users still pay for one password check, against a decoy hash,
        // so response time does not tell which names exist.
        let (user, hash) = match found {
            Some((user, hash)) if !user.disabled && has_local_password(user.directory) => (Some(user), hash),
            _ => (None, self.decoy_hash().await?),
        };
        let ok = verify_password(password, hash).await?;
        Ok(user.filter(|_| ok))
    }

    async fn directory_sign_in(&self, user: DirectoryUser, actor: &str) -> Result<Option<User>> {
        let mut problems: Vec<Problem> = check_directory_user(user.role, user.party.as_deref(), user.factor.as_deref())
            .into_iter()
            .map(|p| Problem::new(p.field(), crate::users::message(p)))
            .collect();
        if !tahawul_domain::directory::is_account_name(&user.name) {
            problems.insert(0, Problem::new("name", Message::new("store-bad-user-name")));
        }
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let mut w = self.write(actor).await?;
        let existing = read_user(&mut w.tx, &user.name).await?;
        let step = account_step(existing.as_ref().map(|(u, _)| (u.directory, u.disabled)));
        if step == AccountStep::Refuse {
            return Ok(None);
        }
        let links = check_user_links(&mut w.tx, user.role, user.party.as_deref(), user.factor.as_deref()).await?;
        if !links.is_empty() {
            return Err(StoreError::Invalid(links));
        }
        let display_name =
            if user.display_name.trim().is_empty() { user.name.clone() } else { user.display_name.trim().to_string() };
        let u = match (step, existing) {
            (AccountStep::Refuse, _) | (AccountStep::Create, Some(_)) => return Ok(None),
            (AccountStep::Create, None) | (AccountStep::Update, None) => {
                let u =
                    User::new_account(user.name, display_name, user.role, user.party, user.factor, w.at.clone(), true);
                // No local password: the hash is empty, which no password verifies, and
                // `verify_password` does not even try it (`has_local_password`).
                insert_account(&mut w, &u, String::new()).await?;
                u
            }
            (AccountStep::Update, Some((before, _))) => {
                let same = before.role == user.role
                    && before.party == user.party
                    && before.factor == user.factor
                    && before.display_name == display_name;
                if same {
                    return Ok(Some(before));
                }
                // A new role or party changes the version, which ends the sessions signed in
                // under the old one (their hash includes it), as any change of role should.
                let after = User {
                    display_name,
                    role: user.role,
                    party: user.party,
                    factor: user.factor,
                    version: before.version + 1,
                    ..before.clone()
                };
                w.tx.exec(
                    "UPDATE users SET display_name = $1, role = $2, party = $3, factor = $4, version = $5 WHERE name = $6",
                    vec![
                        after.display_name.as_str().into(),
                        after.role.as_str().into(),
                        after.party.clone().into(),
                        after.factor.clone().into(),
                        Arg::I64(Some(after.version)),
                        after.name.as_str().into(),
                    ],
                )
                .await?;
                w.audit("directory", "user", &after.name, Some(user_view(&before)), Some(user_view(&after))).await?;
                after
            }
        };
        w.finish().await?;
        Ok(Some(u))
    }
}

/// The account `name` for `action` by `actor`, read in `tx`, after the domain's rule: the actor's
/// role when it is an account (the operator at the command line, `cli:…`, is none), the
/// target's kind.
async fn account_for<T: Tx>(tx: &mut T, action: AccountAction, name: &str, actor: &str) -> Result<User> {
    let (target, _) = read_user(tx, name).await?.ok_or_else(|| StoreError::NotFound(format!("user {name}")))?;
    // An actor that is no account is the operator or a setup step (`cli:…`, `setup`): the
    // pages and the API always act as the signed-in account, which exists.
    let role = read_user(tx, actor).await?.map(|(a, _)| a.role);
    check_account_action(Actor { name: actor, role }, action, name, target.directory)
        .map_err(|r| crate::users::refusal(r, name))?;
    Ok(target)
}

/// Whether `password` matches `hash`, checked off the async threads (as [`SqlStore::hash_password`]
/// makes hashes: it takes tens of milliseconds on purpose).
async fn verify_password(password: &str, hash: String) -> Result<bool> {
    let password = password.to_string();
    Ok(tokio::task::spawn_blocking(move || tahawul_ledger::verify_password(&password, &hash))
        .await
        .map_err(|e| corrupt(format!("password check task: {e}")))??)
}

/// Writes an account's new password hash with its version and must-change mark.
async fn set_password<T: Tx>(w: &mut Writer<T>, after: &User, hash: String) -> Result<()> {
    w.tx.exec(
        "UPDATE users SET password_hash = $1, must_change_password = $2, version = $3 WHERE name = $4",
        vec![hash.into(), after.must_change_password.into(), Arg::I64(Some(after.version)), after.name.as_str().into()],
    )
    .await?;
    Ok(())
}

/// Inserts a new account with its password's hash (empty for a directory account) and
/// audits its creation: local sign-up and a first directory sign-in alike.
async fn insert_account<T: Tx>(w: &mut Writer<T>, u: &User, password_hash: String) -> Result<()> {
    w.tx.exec(
        "INSERT INTO users (name, display_name, role, party, factor, password_hash, disabled, version, created_at, directory) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        vec![
            u.name.as_str().into(),
            u.display_name.as_str().into(),
            u.role.as_str().into(),
            u.party.clone().into(),
            u.factor.clone().into(),
            password_hash.into(),
            u.disabled.into(),
            Arg::I64(Some(u.version)),
            u.created_at.as_str().into(),
            u.directory.into(),
        ],
    )
    .await?;
    w.audit("create", "user", &u.name, None, Some(user_view(u))).await?;
    Ok(())
}
