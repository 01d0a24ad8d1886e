//! The TypeScript types of everything that crosses the IPC boundary, generated from the Rust
//! types with ts-rs. `ui/src/bindings.ts` is committed; the test below fails when it drifts from
//! these definitions (run `UPDATE_BINDINGS=1 cargo test -p cloudclause-engine bindings` to
//! regenerate it).

use ts_rs::{Config, TS};

use crate::analysis::{
    parties::{Parties, Role},
    AnalysisResult, Evidence, Found, Gap, Perspective, PiRow, Report, RiskRow, SecurityRow,
    Severity,
};
use crate::comments::{DraftComment, NewComment};
use crate::draft::analyze::DraftAnalysis;
use crate::draft::redline::DraftAlignment;
use crate::draft::render::{Rendered, Segment};
use crate::draft::TrackAttrs;
use crate::draft::{
    Block, CellAttrs, ClauseAttrs, CommentAttrs, DraftDoc, HeadingAttrs, Inline, ListItem, Mark,
    OrderedListAttrs, TableCell, TableRow,
};
use crate::drafts::{
    Created, Draft, DraftMeta, DraftSummary, DraftVersion, DraftVersionContent, FromTemplate,
    SaveReport, VersionKind,
};
use crate::error::{Error, TemplateProblem};
use crate::export::findings::{Finding, FindingComments, FindingKind};
use crate::export::request::{
    CommentChoice, ExportFormat, ExportOutcome, ExportRequest, RedlineChoice,
};
use crate::export::Change;
use crate::ingest::{BlockKind, ClauseSpan, Document, SourceFormat};
use crate::library::{ImportReport, LibraryPack, PackClause, RestoreOutcome, SeedReport};
use crate::model::*;
use crate::redline::CandidateRedline;
use crate::redline::{
    AlignOptions, Alignment, Candidate, ChangeKind, ClauseAlignment, ClauseChange, CompareStats,
    Comparison, Op, OpKind, RedlineOptions,
};

macro_rules! decls {
    ($cfg:expr; $($t:ty),* $(,)?) => {
        vec![$(format!("export {}", <$t as TS>::decl($cfg))),*]
    };
}

/// The whole `bindings.ts` file.
pub fn typescript() -> String {
    let cfg = Config::default();
    let decls: Vec<String> = decls!(&cfg;
        Lang, DeploymentModel, Position, Side, Bilingual, Origin, ClauseContent, Clause, ClauseVersion,
        ClauseSummary, ClauseFilter, Span, Field, Snippet, SearchHit, TopicKind, Allocation, Defaults, Cues,
        Topic, ReferenceModel, VariableKind, Variable, ContractSection, ContractTemplate, LibraryStats,
        UiLang, BilingualView, Settings, TemplateProblem, Error, SeedReport, ImportReport, LibraryPack, PackClause,
        AppInfo, SourceFormat, BlockKind, ClauseSpan, Document, Perspective, Found, Gap, Severity, Evidence,
        SecurityRow, PiRow, RiskRow, Role, Parties, Report, AnalysisResult,
        DraftDoc, Block, HeadingAttrs, ClauseAttrs, OrderedListAttrs, ListItem, TableRow, TableCell, CellAttrs, Inline, Mark,
        CommentAttrs, Segment, Rendered, DraftMeta, DraftSummary, Draft, VersionKind, DraftVersion, DraftVersionContent,
        SaveReport, FromTemplate, Created, DraftComment, NewComment, Finding, FindingKind, Change,
        ExportFormat, CommentChoice, RedlineChoice, ExportRequest, ExportOutcome, FindingComments,
        OpKind, Op, RedlineOptions, AlignOptions, Candidate, ClauseAlignment, Alignment, ChangeKind, ClauseChange,
        CompareStats, Comparison, DraftAnalysis,
        TrackAttrs, CandidateRedline, DraftAlignment, RestoreOutcome,
    );
    let mut out = String::from(
        "// Generated from the Rust types in crates/engine by ts-rs. Do not edit.\n\
         // Regenerate: UPDATE_BINDINGS=1 cargo test -p cloudclause-engine bindings\n\n",
    );
    for d in decls {
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out
}

/// What the app tells the UI when it starts.
#[derive(Debug, Clone, serde::Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub database: String,
    pub schema_version: u32,
    pub stats: LibraryStats,
    pub seed: SeedReport,
    pub settings: Settings,
}

#[cfg(test)]
mod tests {
    #[test]
    fn bindings_ts_matches_the_rust_types() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../ui/src/bindings.ts");
        let fresh = super::typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(path, &fresh).expect("write bindings.ts");
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == fresh,
            "ui/src/bindings.ts is out of date with the Rust types; run UPDATE_BINDINGS=1 cargo test -p cloudclause-engine bindings"
        );
    }
}
