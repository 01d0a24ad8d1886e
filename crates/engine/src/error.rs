//! Typed errors. Each says what went wrong and what the user can do about it. They cross the
//! IPC boundary as a tagged union (`{"kind": "...", "data": {...}}`).

use serde::Serialize;
use ts_rs::TS;

/// A problem in one template file: path, line (1-based, 0 when unknown) and reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TemplateProblem {
    pub path: String,
    pub line: u32,
    pub message: String,
}

impl std::fmt::Display for TemplateProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.path, self.line, self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

#[derive(Debug, Clone, thiserror::Error, Serialize, TS)]
#[serde(tag = "kind", content = "data", rename_all = "snake_case")]
pub enum Error {
    #[error("the database at {path} was written by a newer version of CloudClause (schema {found}, this version knows {supported}); update the app, or open another database with --db")]
    DatabaseTooNew {
        path: String,
        found: u32,
        supported: u32,
    },

    #[error("cannot open the database at {path}: {reason}; check the path and that no other program locks it")]
    DatabaseOpen { path: String, reason: String },

    #[error("database error: {message}; nothing was changed")]
    Database { message: String },

    #[error("no clause with id \"{id}\"; list the library with `cloudclause library list`")]
    ClauseNotFound { id: String },

    #[error("a clause with id \"{id}\" already exists; choose another id")]
    ClauseExists { id: String },

    #[error("the clause is not valid: {}", problems.join("; "))]
    InvalidClause { problems: Vec<String> },

    #[error("the templates folder {path} cannot be read: {reason}")]
    TemplatesUnreadable { path: String, reason: String },

    #[error("{} template file(s) are invalid: {}", problems.len(), problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("; "))]
    InvalidTemplates { problems: Vec<TemplateProblem> },

    #[error("the library pack is not valid and nothing was imported: {reason}")]
    InvalidPack { reason: String },

    #[error("cannot read or write {path}: {reason}")]
    Io { path: String, reason: String },

    #[error("{name} cannot be read as a contract: {reason}")]
    InvalidDocument { name: String, reason: String },

    #[error("{name} is {size_mb} MB; the limit is {limit_mb} MB. Split the document or remove embedded media")]
    DocumentTooLarge {
        name: String,
        size_mb: u32,
        limit_mb: u32,
    },

    #[error("no draft with id {id}; list the drafts with `cloudclause draft list`")]
    DraftNotFound {
        #[ts(type = "number")]
        id: i64,
    },

    #[error(
        "draft {id} has no version {version}; list them with `cloudclause draft versions {id}`"
    )]
    VersionNotFound {
        #[ts(type = "number")]
        id: i64,
        version: u32,
    },

    #[error("the search query is empty; type at least one character")]
    EmptyQuery,

    #[error("{message}")]
    InvalidInput { message: String },

    /// The app is still opening its library (on a worker thread, after the window is up); the
    /// page asks again when it is open.
    #[error("the library is still opening; try again in a moment")]
    Starting,
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Database {
            message: e.to_string(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
