//! User settings, stored as one JSON value in the database's `meta` table.

use rusqlite::OptionalExtension;

use crate::error::{Error, Result};
use crate::library::Library;
use crate::model::Settings;

impl Library {
    /// The stored settings, or the defaults (zh-CN UI, languages side by side).
    pub fn settings(&self) -> Result<Settings> {
        let raw: Option<String> = self
            .connection()
            .query_row("SELECT value FROM meta WHERE key = 'settings'", [], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(raw
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default())
    }

    /// Saves the settings.
    pub fn set_settings(&self, s: &Settings) -> Result<Settings> {
        let json = serde_json::to_string(s).map_err(|e| Error::InvalidInput {
            message: e.to_string(),
        })?;
        self.connection().execute(
            "INSERT INTO meta(key, value) VALUES ('settings', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [json],
        )?;
        self.settings()
    }
}
