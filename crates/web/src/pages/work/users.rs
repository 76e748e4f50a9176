//! Users and roles, for the secretariat: the list (role, party, factor, enabled), a new user,
//! disabling a user, and every user's API tokens with a way to revoke them. Other roles get 403.

use axum::extract::{Form, Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use tahawul_domain::user::{MIN_PASSWORD_CHARS, UserProblem, check_new_user};
use tahawul_i18n::Message;
use tahawul_store::{NewUser, Role, TokenInfo, User};

use super::{FieldError, Fields, Page, error_summary, field_error, role_name};
use crate::AppState;
use crate::access::UserAdmin;
use crate::anystore::AnyStore;
use crate::auth::AuthSession;
use crate::error::ApiError;
use crate::pages::table::{Cell, Column, Key, Row, Shown, Table, TableQuery};

/// What the new-user form holds, as typed (never the password).
#[derive(Debug, Clone, Default)]
struct NewUserForm {
    name: String,
    display_name: String,
    role: String,
    party: String,
    factor: String,
}

async fn render(
    p: &Page,
    admin: &UserAdmin<'_, AnyStore>,
    form: &NewUserForm,
    errors: &[FieldError],
    status: StatusCode,
    q: &TableQuery,
) -> Response {
    let users = match p.access.user_reader() {
        Some(r) => match r.list().await {
            Ok(u) => u,
            Err(e) => return p.failure(e),
        },
        None => return p.forbidden(),
    };
    // One read for every account's tokens: a query per account cost a 1,000-account page
    // a thousand round trips.
    let tokens: Vec<TokenInfo> = match admin.tokens().await {
        Ok(t) => t.into_iter().filter(|t| t.revoked_at.is_none()).collect(),
        Err(e) => return p.failure(e),
    };
    let case = match p.access.case().await {
        Ok(c) => c,
        Err(e) => return p.failure(e),
    };
    let lang = p.loc.lang();
    let party_name = |id: &str| {
        case.parties
            .iter()
            .find(|x| x.id.as_str() == id)
            .map_or_else(|| id.to_string(), |x| x.name.get(lang).to_string())
    };
    let factor_name = |id: &str| {
        case.factors
            .iter()
            .find(|x| x.id.as_str() == id)
            .map_or_else(|| id.to_string(), |x| x.name.get(lang).to_string())
    };
    let title = p.tr("pages-work-users-title");
    let me = p.user().name.clone();
    let mut table = Table::new(
        "users",
        p.fmt(Message::new("pages-work-users-count").arg("count", users.len())),
        vec![
            Column::new("name", p.tr("pages-work-field-name")),
            Column::new("display-name", p.tr("pages-work-field-display-name")),
            Column::new("role", p.tr("pages-work-field-role")).filter(),
            Column::new("party", p.tr("pages-work-field-party")).filter(),
            Column::new("factor", p.tr("pages-work-field-factor")).filter(),
            Column::new("enabled", p.tr("pages-work-field-enabled")).filter(),
            Column::new("account", p.tr("pages-work-field-account")).filter(),
            Column::new("actions", p.tr("pages-work-col-actions")).actions(),
        ],
    );
    let opt_cell = |code: Option<&str>, name: String| match code {
        Some(c) => Cell::text(name).filter_by(c),
        None => Cell::new(Key::Empty, "", html! {}),
    };
    table.rows = users
        .iter()
        .map(|u: &User| {
            let enabled = if u.disabled { p.tr("pages-work-user-disabled") } else { p.tr("pages-work-user-enabled") };
            Row::new(vec![
                Cell::text(u.name.clone()).ltr(),
                Cell::text(u.display_name.clone()),
                Cell::text(role_name(&p.loc, u.role)).filter_by(u.role.as_str()),
                opt_cell(u.party.as_deref(), u.party.as_deref().map(party_name).unwrap_or_default()),
                opt_cell(u.factor.as_deref(), u.factor.as_deref().map(factor_name).unwrap_or_default()),
                Cell::text(enabled).filter_by(if u.disabled { "no" } else { "yes" }),
                // A directory account has no password here: the marker says why it has no
                // Reset action.
                if u.directory {
                    Cell::text(p.tr("pages-work-account-directory")).filter_by("directory").class("directory")
                } else {
                    Cell::text(p.tr("pages-work-account-local")).filter_by("local")
                },
                Cell::new(Key::Empty, "", html! {
                    @if u.disabled && u.name != me {
                        a href={ "/users/" (u.name) "/enable" } class="button" aria-label=(p.fmt(Message::new("pages-work-enable-user").arg("name", u.name.as_str()))) { (p.tr("pages-work-enable")) }
                        " "
                    }
                    @if !u.directory && u.name != me {
                        a href={ "/users/" (u.name) "/reset" } class="button" aria-label=(p.fmt(Message::new("pages-work-reset-user").arg("name", u.name.as_str()))) { (p.tr("pages-work-reset")) }
                        " "
                    }
                    @if !u.disabled && u.name != me {
                        a href={ "/users/" (u.name) "/disable" } class="button" aria-label=(p.fmt(Message::new("pages-work-disable-user").arg("name", u.name.as_str()))) { (p.tr("pages-work-disable")) }
                    }
                }),
            ])
        })
        .collect();
    let users_table = match table.show(q, &p.loc, "/users") {
        Shown::Csv(r) => return r,
        Shown::Page(m) => m,
    };
    let main = html! {
        h1 id="users-title" { (title) }
        (users_table)
        section aria-labelledby="new-user-title" {
            h2 id="new-user-title" { (p.tr("pages-work-new-user")) }
            (error_summary(p, errors))
            form method="post" action="/users" class="stack" {
                input type="hidden" name="csrf" value=(p.csrf);
                label for="name" { (p.tr("pages-work-field-name")) }
                span class="hint" id="name-hint" { (p.tr("pages-work-hint-user-name")) }
                input id="name" name="name" type="text" dir="ltr" required autocomplete="off" value=(form.name) aria-describedby="name-hint";
                (field_error(errors, "name"))
                label for="display_name" { (p.tr("pages-work-field-display-name")) }
                input id="display_name" name="display_name" type="text" dir="auto" required value=(form.display_name);
                (field_error(errors, "display_name"))
                label for="role" { (p.tr("pages-work-field-role")) }
                select id="role" name="role" required {
                    @for r in Role::ALL {
                        option value=(r.as_str()) selected[form.role == r.as_str()] { (role_name(&p.loc, r)) }
                    }
                }
                (field_error(errors, "role"))
                label for="party" { (p.tr("pages-work-field-party")) }
                span class="hint" id="party-hint" { (p.tr("pages-work-hint-party")) }
                select id="party" name="party" aria-describedby="party-hint" {
                    option value="" { (p.tr("pages-work-none")) }
                    @for x in &case.parties {
                        option value=(x.id) selected[form.party == x.id.as_str()] { (x.name.get(lang)) }
                    }
                }
                (field_error(errors, "party"))
                label for="factor" { (p.tr("pages-work-field-factor")) }
                span class="hint" id="factor-hint" { (p.tr("pages-work-hint-factor")) }
                select id="factor" name="factor" aria-describedby="factor-hint" {
                    option value="" { (p.tr("pages-work-none")) }
                    @for x in &case.factors {
                        option value=(x.id) selected[form.factor == x.id.as_str()] { (x.name.get(lang)) }
                    }
                }
                (field_error(errors, "factor"))
                label for="password" { (p.tr("pages-work-field-initial-password")) }
                span class="hint" id="password-hint" { (p.tr("pages-work-hint-password")) }
                input id="password" name="password" type="password" required autocomplete="new-password" aria-describedby="password-hint";
                (field_error(errors, "password"))
                button type="submit" id="create-user" { (p.tr("pages-work-create-user")) }
            }
        }
        section aria-labelledby="tokens-title" {
            h2 id="tokens-title" { (p.tr("pages-work-tokens-title")) }
            @if tokens.is_empty() {
                p { (p.tr("pages-work-tokens-empty")) }
            } @else {
                table id="tokens" {
                    thead { tr {
                        th scope="col" { (p.tr("pages-work-field-name")) }
                        th scope="col" { (p.tr("pages-work-col-label")) }
                        th scope="col" { (p.tr("pages-work-col-prefix")) }
                        th scope="col" { (p.tr("pages-work-col-created")) }
                        th scope="col" { (p.tr("pages-work-col-actions")) }
                    } }
                    tbody { @for t in &tokens {
                        tr {
                            td dir="ltr" { (t.user) }
                            td dir="auto" { (t.label) }
                            td dir="ltr" { code { (t.prefix) } }
                            td { (p.when(&t.created_at)) }
                            td {
                                form method="post" action={ "/users/tokens/" (t.prefix) "/revoke" } class="inline" {
                                    input type="hidden" name="csrf" value=(p.csrf);
                                    button type="submit" aria-label=(p.fmt(Message::new("pages-work-revoke-token").arg("prefix", t.prefix.as_str()))) { (p.tr("pages-work-revoke")) }
                                }
                            }
                        }
                    } }
                }
            }
        }
    };
    p.render(status, &title, main)
}

/// `GET /users`: the secretariat only.
pub async fn list(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let q = TableQuery::parse(raw.as_deref());
    let p = match Page::open(&session, &state, &headers, &q.link("/users", &[])).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some(admin) = p.access.user_admin() else {
        return p.forbidden();
    };
    render(&p, &admin, &NewUserForm::default(), &[], StatusCode::OK, &q).await
}

/// The store's field names, as the form calls them.
fn field_of(at: &str) -> &'static str {
    match at {
        "name" => "name",
        "display_name" => "display_name",
        "password" => "password",
        "party" => "party",
        "factor" => "factor",
        _ => "role",
    }
}

/// `POST /users`: creates a user, or shows the form again with every problem at its field.
pub async fn create(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let fields = Fields(fields);
    let p = match Page::post(&session, &state, &headers, "/users", fields.get("csrf")).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some(admin) = p.access.user_admin() else {
        return p.forbidden();
    };
    let form = NewUserForm {
        name: fields.get("name").unwrap_or_default().to_string(),
        display_name: fields.get("display_name").unwrap_or_default().to_string(),
        role: fields.get("role").unwrap_or_default().to_string(),
        party: fields.get("party").unwrap_or_default().to_string(),
        factor: fields.get("factor").unwrap_or_default().to_string(),
    };
    let Some(role) = Role::parse(&form.role) else {
        let errors = vec![FieldError { field: "role", text: p.tr("pages-work-error-role") }];
        return render(&p, &admin, &form, &errors, StatusCode::UNPROCESSABLE_ENTITY, &TableQuery::default()).await;
    };
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
    let new = NewUser {
        name: form.name.clone(),
        display_name: form.display_name.clone(),
        role,
        party: opt(&form.party),
        factor: opt(&form.factor),
        password: fields.text("password"),
    };
    let errors = check(&p, &new).await;
    if !errors.is_empty() {
        return render(&p, &admin, &form, &errors, StatusCode::UNPROCESSABLE_ENTITY, &TableQuery::default()).await;
    }
    match admin.create(new).await {
        Ok(_) => Redirect::to("/users").into_response(),
        // The store says what is wrong with each field; the form shows it at the field, with
        // a sentence in the reader's language naming the field.
        Err(ApiError::Invalid(ps)) => {
            let errors: Vec<FieldError> = ps
                .iter()
                .map(|fp| {
                    let field = field_of(fp.pointer.trim_start_matches('/'));
                    let why = fp.detail.render(&p.loc);
                    FieldError {
                        field,
                        text: p.fmt(
                            Message::new("pages-work-error-user-field")
                                .arg("field", field_label(&p, field))
                                .arg("why", why),
                        ),
                    }
                })
                .collect();
            render(&p, &admin, &form, &errors, StatusCode::UNPROCESSABLE_ENTITY, &TableQuery::default()).await
        }
        Err(e) => p.failure(e),
    }
}

/// The domain's rule for a new user (the one the store applies), checked first so that each
/// problem is said at its field in the reader's language; a taken name needs the store.
async fn check(p: &Page, new: &NewUser) -> Vec<FieldError> {
    let problems = check_new_user(
        &new.name,
        &new.display_name,
        &new.password,
        new.role,
        new.party.as_deref(),
        new.factor.as_deref(),
    );
    let mut errors = Vec::new();
    // A well-formed name may still be taken; that needs the store, and is said first, at the name.
    if !problems.contains(&UserProblem::BadName) && exists(p, &new.name).await {
        let m = Message::new("pages-work-error-user-exists").arg("name", new.name.as_str());
        errors.push(FieldError { field: "name", text: p.fmt(m) });
    }
    for u in problems {
        let m = match u {
            UserProblem::BadName => Message::new("pages-work-error-user-name"),
            UserProblem::DisplayNameEmpty => Message::new("pages-work-error-display-name"),
            UserProblem::PasswordShort => Message::new("pages-work-error-password").arg("min", MIN_PASSWORD_CHARS),
            UserProblem::PartyNeeded(_) => Message::new("pages-work-error-party-needed"),
            UserProblem::FactorNeeded => Message::new("pages-work-error-factor-needed"),
            UserProblem::FactorOnlyForMembers => Message::new("pages-work-error-factor-only-wg"),
        };
        errors.push(FieldError { field: u.field(), text: p.fmt(m) });
    }
    errors
}

async fn exists(p: &Page, name: &str) -> bool {
    match p.access.user_reader() {
        Some(r) => r.list().await.is_ok_and(|us| us.iter().any(|u| u.name == name)),
        None => false,
    }
}

fn field_label(p: &Page, field: &str) -> String {
    p.tr(match field {
        "name" => "pages-work-field-name",
        "display_name" => "pages-work-field-display-name",
        "password" => "pages-work-field-initial-password",
        "party" => "pages-work-field-party",
        "factor" => "pages-work-field-factor",
        _ => "pages-work-field-role",
    })
}

/// `GET /users/{name}/disable`: the confirm step.
pub async fn confirm_disable(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(name): Path<String>,
) -> Response {
    let p = match Page::open(&session, &state, &headers, "/users").await {
        Ok(p) => p,
        Err(r) => return r,
    };
    match account(&p, &name).await {
        Ok(u) => disable_form(&p, &u),
        Err(r) => r,
    }
}

/// The confirm step for a disable: what will happen, Confirm or Cancel. Its form alone sends
/// `confirm`, so a post from anywhere else (an old list page) only shows this step again.
fn disable_form(p: &Page, u: &User) -> Response {
    let title = p.fmt(Message::new("pages-work-confirm-disable-title").arg("name", u.name.as_str()));
    let main = html! {
        h1 { (title) }
        p { (p.fmt(Message::new("pages-work-confirm-disable-text").arg("name", u.name.as_str()))) }
        form method="post" action={ "/users/" (u.name) "/disable" } class="stack" {
            input type="hidden" name="csrf" value=(p.csrf);
            input type="hidden" name="confirm" value="1";
            button type="submit" id="confirm-disable" { (p.tr("pages-work-confirm")) }
            a href="/users" { (p.tr("pages-work-cancel")) }
        }
    };
    p.render(StatusCode::OK, &title, main)
}

/// `POST /users/{name}/disable`: with `confirm` (sent by the confirm step), disables the
/// account and says so; without it, shows the confirm step and changes nothing.
pub async fn disable(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(name): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let fields = Fields(fields);
    let p = match Page::post(&session, &state, &headers, "/users", fields.get("csrf")).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some(admin) = p.access.user_admin() else {
        return p.forbidden();
    };
    if fields.get("confirm").is_none() {
        return match account(&p, &name).await {
            Ok(u) => disable_form(&p, &u),
            Err(r) => r,
        };
    }
    match admin.disable(&name).await {
        Ok(_) => done(&p, Message::new("pages-work-user-disable-done").arg("name", name.as_str())),
        Err(e) => p.failure(e),
    }
}

/// `POST /users/tokens/{prefix}/revoke`.
pub async fn revoke_token(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(prefix): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let fields = Fields(fields);
    let p = match Page::post(&session, &state, &headers, "/users", fields.get("csrf")).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some(admin) = p.access.user_admin() else {
        return p.forbidden();
    };
    match admin.revoke_token(&prefix).await {
        Ok(()) => Redirect::to("/users").into_response(),
        Err(e) => p.failure(e),
    }
}

/// The account `name` for a confirm page, or the page saying why not (403 for other roles, 404
/// for no such account).
async fn account(p: &Page, name: &str) -> Result<User, Response> {
    if p.access.user_admin().is_none() {
        return Err(p.forbidden());
    }
    match p.access.user_reader() {
        Some(r) => match r.list().await {
            Ok(us) => us.into_iter().find(|u| u.name == name).ok_or_else(|| p.not_found()),
            Err(e) => Err(p.failure(e)),
        },
        None => Err(p.forbidden()),
    }
}

/// The confirm step for a reset: what will happen, the temporary password, Confirm or Cancel.
fn reset_form(p: &Page, u: &User, errors: &[FieldError], status: StatusCode) -> Response {
    let title = p.fmt(Message::new("pages-work-confirm-reset-title").arg("name", u.name.as_str()));
    let main = html! {
        h1 { (title) }
        @if u.directory {
            p class="error" role="alert" id="reset-directory" { (p.fmt(Message::new("store-account-directory").arg("name", u.name.as_str()))) }
            p { a href="/users" { (p.tr("pages-work-back")) } }
        } @else {
            p { (p.fmt(Message::new("pages-work-confirm-reset-text").arg("name", u.name.as_str()))) }
            (error_summary(p, errors))
            form method="post" action={ "/users/" (u.name) "/reset" } class="stack" {
                input type="hidden" name="csrf" value=(p.csrf);
                label for="new_password" { (p.tr("pages-work-field-temporary-password")) }
                span class="hint" id="temporary-hint" { (p.fmt(Message::new("pages-work-password-hint").arg("min", MIN_PASSWORD_CHARS))) }
                input id="new_password" name="temporary_password" type="password" required autocomplete="new-password" aria-describedby="temporary-hint";
                (field_error(errors, "new_password"))
                button type="submit" id="confirm-reset" { (p.tr("pages-work-confirm")) }
                a href="/users" { (p.tr("pages-work-cancel")) }
            }
        }
    };
    p.render(status, &title, main)
}

/// `GET /users/{name}/reset`: the confirm step.
pub async fn confirm_reset(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(name): Path<String>,
) -> Response {
    let p = match Page::open(&session, &state, &headers, "/users").await {
        Ok(p) => p,
        Err(r) => return r,
    };
    match account(&p, &name).await {
        Ok(u) => reset_form(&p, &u, &[], if u.directory { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK }),
        Err(r) => r,
    }
}

/// `POST /users/{name}/reset`: sets the temporary password, or shows the form again with the
/// problem at the field.
pub async fn reset(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(name): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let fields = Fields(fields);
    let p = match Page::post(&session, &state, &headers, "/users", fields.get("csrf")).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let u = match account(&p, &name).await {
        Ok(u) => u,
        Err(r) => return r,
    };
    let Some(admin) = p.access.user_admin() else {
        return p.forbidden();
    };
    match admin.reset_password(&name, &fields.text("temporary_password")).await {
        Ok(_) => done(&p, Message::new("pages-work-user-reset-done").arg("name", name.as_str())),
        Err(ApiError::Invalid(ps)) if ps.iter().all(|fp| fp.pointer != "/user") => {
            let errors: Vec<FieldError> =
                ps.iter().map(|fp| FieldError { field: "new_password", text: fp.detail.render(&p.loc) }).collect();
            reset_form(&p, &u, &errors, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e) => p.failure(e),
    }
}

/// `GET /users/{name}/enable`: the confirm step.
pub async fn confirm_enable(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(name): Path<String>,
) -> Response {
    let p = match Page::open(&session, &state, &headers, "/users").await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let u = match account(&p, &name).await {
        Ok(u) => u,
        Err(r) => return r,
    };
    let title = p.fmt(Message::new("pages-work-confirm-enable-title").arg("name", u.name.as_str()));
    let main = html! {
        h1 { (title) }
        p { (p.fmt(Message::new("pages-work-confirm-enable-text").arg("name", u.name.as_str()))) }
        form method="post" action={ "/users/" (u.name) "/enable" } class="stack" {
            input type="hidden" name="csrf" value=(p.csrf);
            button type="submit" id="confirm-enable" { (p.tr("pages-work-confirm")) }
            a href="/users" { (p.tr("pages-work-cancel")) }
        }
    };
    p.render(StatusCode::OK, &title, main)
}

/// `POST /users/{name}/enable`.
pub async fn enable(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    Path(name): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let fields = Fields(fields);
    let p = match Page::post(&session, &state, &headers, "/users", fields.get("csrf")).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some(admin) = p.access.user_admin() else {
        return p.forbidden();
    };
    match admin.enable(&name).await {
        Ok(_) => done(&p, Message::new("pages-work-user-enable-done").arg("name", name.as_str())),
        Err(e) => p.failure(e),
    }
}

/// The confirmation after an account action, with the way back to the list.
fn done(p: &Page, m: Message) -> Response {
    let title = p.tr("pages-work-users-title");
    let main = html! {
        h1 { (title) }
        p id="done" role="status" class="met" { (p.fmt(m)) }
        p { a href="/users" { (p.tr("pages-work-back")) } }
    };
    p.render(StatusCode::OK, &title, main)
}
