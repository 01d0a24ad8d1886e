//! Exporting drafts: DOCX with real Word comments and tracked changes (and an appendix with
//! the responsibility matrix and the findings), a self-contained HTML report, Markdown and JSON.
//! Every writer takes the draft and what to add to it; none reads or writes the database.

pub mod docx;
pub mod findings;
pub mod html;
pub mod labels;
pub mod marks;
pub mod request;
pub mod tracked;

use serde::Serialize;
use ts_rs::TS;

/// One piece of a tracked change: text kept, inserted or deleted relative to the base
/// (the model clause, or the older version).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "op", content = "text", rename_all = "snake_case")]
pub enum Change {
    Equal(String),
    Insert(String),
    Delete(String),
}
