//! API tokens: made for a user (the text shown once, only its hash kept), checked, revoked.

use tahawul_ledger::NewToken;

use super::*;
use crate::Tokens;
use crate::users::TokenInfo;

/// A row of `api_tokens` without its hash.
#[derive(sqlx::FromRow)]
struct TokenRow {
    prefix: String,
    user_name: String,
    label: String,
    created_at: String,
    revoked_at: Option<String>,
}

/// An unrevoked token's hash and user.
#[derive(sqlx::FromRow)]
struct TokenHash {
    hash: String,
    user_name: String,
}

impl<B: Backend> Tokens for SqlStore<B> {
    async fn create_token(&self, user: &str, label: &str, actor: &str) -> Result<(TokenInfo, NewToken)> {
        let token = NewToken::generate()?;
        let mut w = self.write(actor).await?;
        let (u, _) = read_user(&mut w.tx, user).await?.ok_or_else(|| StoreError::NotFound(format!("user {user}")))?;
        if u.disabled {
            return Err(StoreError::Invalid(vec![Problem::new(
                "user",
                Message::new("store-user-disabled").arg("name", user),
            )]));
        }
        let info = TokenInfo {
            prefix: token.prefix.clone(),
            user: user.to_string(),
            label: label.to_string(),
            created_at: w.at.clone(),
            revoked_at: None,
        };
        w.tx.exec(
            "INSERT INTO api_tokens (prefix, hash, user_name, label, created_at) VALUES ($1, $2, $3, $4, $5)",
            vec![
                info.prefix.as_str().into(),
                token.hash.as_str().into(),
                user.into(),
                label.into(),
                info.created_at.as_str().into(),
            ],
        )
        .await?;
        w.audit("create", "token", &info.prefix, None, Some(serde_json::to_value(&info).map_err(corrupt)?)).await?;
        w.finish().await?;
        Ok((info, token))
    }

    async fn verify_token(&self, token: &str) -> Result<Option<User>> {
        let Some(parts) = tahawul_ledger::token::parse(token) else {
            return Ok(None);
        };
        let mut tx = self.read().await?;
        let rows: Vec<TokenHash> = tx
            .fetch_as(
                "SELECT hash, user_name FROM api_tokens WHERE prefix = $1 AND revoked_at IS NULL",
                vec![parts.prefix.into()],
            )
            .await?;
        let Some(row) = rows.first() else {
            return Ok(None);
        };
        if !tahawul_ledger::token::verify(token, &row.hash) {
            return Ok(None);
        }
        Ok(read_user(&mut tx, &row.user_name).await?.map(|(u, _)| u).filter(|u| !u.disabled))
    }

    async fn revoke_token(&self, prefix: &str, actor: &str) -> Result<()> {
        let mut w = self.write(actor).await?;
        let at = w.at.clone();
        let n =
            w.tx.exec(
                "UPDATE api_tokens SET revoked_at = $1 WHERE prefix = $2 AND revoked_at IS NULL",
                vec![at.as_str().into(), prefix.into()],
            )
            .await?;
        if n != 1 {
            return Err(StoreError::NotFound(format!("active token {prefix}")));
        }
        w.audit("revoke", "token", prefix, None, Some(json!({"revoked_at": at}))).await?;
        w.finish().await?;
        Ok(())
    }

    async fn list_tokens(&self, user: Option<&str>) -> Result<Vec<TokenInfo>> {
        let mut tx = self.read().await?;
        const SELECT: &str = "SELECT prefix, user_name, label, created_at, revoked_at FROM api_tokens";
        let rows: Vec<TokenRow> = match user {
            Some(user) => {
                let sql = format!("{SELECT} WHERE user_name = $1 ORDER BY created_at, prefix");
                tx.fetch_as(&sql, vec![user.into()]).await?
            }
            None => tx.fetch_as(&format!("{SELECT} ORDER BY user_name, created_at, prefix"), vec![]).await?,
        };
        Ok(rows
            .into_iter()
            .map(|r| TokenInfo {
                prefix: r.prefix,
                user: r.user_name,
                label: r.label,
                created_at: r.created_at,
                revoked_at: r.revoked_at,
            })
            .collect())
    }
}
