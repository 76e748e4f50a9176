//! What reminders went to whom (issue 18): kept so an inbox item is sent once while it stays in
//! the inbox and a digest once a day. Not audited: sending mail changes nothing in the record.

use super::*;

/// A row of `reminders_sent`.
#[derive(sqlx::FromRow)]
struct SentRow {
    item: String,
    sent_on: String,
}

impl<B: Backend> crate::Reminders for SqlStore<B> {
    async fn reminders_sent(&self, user: &str) -> Result<Vec<(String, String)>> {
        let mut tx = self.read().await?;
        let rows: Vec<SentRow> = tx
            .fetch_as("SELECT item, sent_on FROM reminders_sent WHERE user_name = $1 ORDER BY item", vec![user.into()])
            .await?;
        Ok(rows.into_iter().map(|r| (r.item, r.sent_on)).collect())
    }

    async fn set_reminders_sent(&self, user: &str, items: &[(String, String)]) -> Result<()> {
        let mut w = self.write(user).await?;
        w.tx.exec("DELETE FROM reminders_sent WHERE user_name = $1", vec![user.into()]).await?;
        for (item, day) in items {
            w.tx.exec(
                "INSERT INTO reminders_sent (user_name, item, sent_on) VALUES ($1, $2, $3)",
                vec![user.into(), item.as_str().into(), day.as_str().into()],
            )
            .await?;
        }
        w.finish().await?;
        Ok(())
    }
}
