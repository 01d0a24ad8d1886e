//! Loading and validating `templates/`: the reference model, the variable registry, one TOML
//! file per clause and the contract templates. A bad file is reported with its path, line and
//! reason; every other file still loads.
//!
//! The files come either from a folder on disk (a firm's own playbook) or from the copy
//! embedded in the binary at build time (the built-in library), through [`TemplateFiles`].

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::error::{Error, Result, TemplateProblem};
use crate::model::*;
use crate::placeholders;

/// The built-in playbook, embedded from the repository's `templates/` folder.
static BUILTIN: include_dir::Dir<'_> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/../../templates");

/// Template files by path relative to the templates root (`/`-separated), sorted.
#[derive(Debug, Clone, Default)]
pub struct TemplateFiles {
    pub origin: String,
    pub files: BTreeMap<String, String>,
}

impl TemplateFiles {
    /// The templates compiled into this binary.
    pub fn builtin() -> TemplateFiles {
        let mut files = BTreeMap::new();
        collect_embedded(&BUILTIN, &mut files);
        TemplateFiles {
            origin: "built-in templates".into(),
            files,
        }
    }

    /// Reads every `.toml` file below `dir`.
    pub fn from_dir(dir: &Path) -> Result<TemplateFiles> {
        let unreadable = |e: std::io::Error| Error::TemplatesUnreadable {
            path: dir.display().to_string(),
            reason: e.to_string(),
        };
        let mut files = BTreeMap::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).map_err(unreadable)? {
                let path = entry.map_err(unreadable)?.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "toml") {
                    let rel = path.strip_prefix(dir).unwrap_or(&path);
                    let rel = rel
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/");
                    // A file that is not UTF-8 is reported by the loader, not here.
                    let text = match std::fs::read(&path) {
                        Ok(bytes) => {
                            String::from_utf8(bytes).unwrap_or_else(|_| "\u{0}not utf-8".into())
                        }
                        Err(e) => return Err(unreadable(e)),
                    };
                    files.insert(rel, text);
                }
            }
        }
        Ok(TemplateFiles {
            origin: dir.display().to_string(),
            files,
        })
    }

    /// A fingerprint of the whole set: the store skips re-seeding when it has not changed.
    pub fn fingerprint(&self) -> String {
        // FNV-1a 64 over paths and contents: stable across builds and platforms.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for (k, v) in &self.files {
            for b in k.bytes().chain([0u8]).chain(v.bytes()).chain([0u8]) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        format!("{h:016x}")
    }
}

fn collect_embedded(dir: &include_dir::Dir<'_>, out: &mut BTreeMap<String, String>) {
    for f in dir.files() {
        if f.path().extension().is_some_and(|e| e == "toml") {
            let rel = f
                .path()
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            out.insert(
                rel,
                f.contents_utf8().unwrap_or("\u{0}not utf-8").to_string(),
            );
        }
    }
    for d in dir.dirs() {
        collect_embedded(d, out);
    }
}

/// A clause template as loaded from its file.
#[derive(Debug, Clone, PartialEq)]
pub struct ClauseTemplate {
    pub path: String,
    pub version: u32,
    pub content: ClauseContent,
}

/// Everything loaded from a templates folder, with the problems found.
#[derive(Debug, Clone, Default)]
pub struct TemplateSet {
    pub fingerprint: String,
    pub model: ReferenceModel,
    pub variables: Vec<Variable>,
    pub clauses: Vec<ClauseTemplate>,
    pub contracts: Vec<ContractTemplate>,
    pub problems: Vec<TemplateProblem>,
}

impl TemplateSet {
    pub fn clause(&self, id: &str) -> Option<&ClauseTemplate> {
        self.clauses.iter().find(|c| c.content.id == id)
    }
}

/// Loads and validates a set of template files. Fails only when the reference model itself
/// cannot be read (without it no topic can be checked); every other bad file becomes a
/// [`TemplateProblem`] and is left out.
pub fn load(files: &TemplateFiles) -> Result<TemplateSet> {
    let mut set = TemplateSet {
        fingerprint: files.fingerprint(),
        ..TemplateSet::default()
    };
    let model_path = "model/reference-model.toml";
    let Some(model_text) = files.files.get(model_path) else {
        return Err(Error::TemplatesUnreadable {
            path: files.origin.clone(),
            reason: format!("{model_path} is missing"),
        });
    };
    match parse_model(model_text) {
        Ok(m) => set.model = m,
        Err(p) => {
            return Err(Error::InvalidTemplates {
                problems: vec![p.at(model_path)],
            });
        }
    }
    let known_topics: HashSet<&str> = set.model.topics.iter().map(|t| t.id.as_str()).collect();

    for (path, text) in files
        .files
        .iter()
        .filter(|(p, _)| p.starts_with("variables/"))
    {
        match parse_variables(text) {
            Ok(vars) => {
                for (line, v) in vars {
                    if set.variables.iter().any(|x| x.name == v.name) {
                        set.problems.push(TemplateProblem {
                            path: path.clone(),
                            line,
                            message: format!("variable \"{}\" is registered twice", v.name),
                        });
                    } else {
                        set.variables.push(v);
                    }
                }
            }
            Err(p) => set.problems.push(p.at(path)),
        }
    }
    let var_names: HashSet<String> = set.variables.iter().map(|v| v.name.clone()).collect();

    let mut ids = HashSet::new();
    for (path, text) in files
        .files
        .iter()
        .filter(|(p, _)| p.starts_with("clauses/"))
    {
        match parse_clause(path, text, &known_topics, &var_names) {
            Ok(c) => {
                if ids.insert(c.content.id.clone()) {
                    set.clauses.push(c);
                } else {
                    set.problems.push(TemplateProblem {
                        path: path.clone(),
                        line: 1,
                        message: format!("clause id \"{}\" is used by another file", c.content.id),
                    });
                }
            }
            Err(p) => set.problems.push(p.at(path)),
        }
    }

    for (path, text) in files
        .files
        .iter()
        .filter(|(p, _)| p.starts_with("contracts/"))
    {
        match parse_contract(text, &ids, &var_names) {
            Ok(c) => set.contracts.push(c),
            Err(p) => set.problems.push(p.at(path)),
        }
    }
    Ok(set)
}

/// A problem before its path is known.
#[derive(Debug)]
struct Problem {
    line: u32,
    message: String,
}

impl Problem {
    fn at(self, path: &str) -> TemplateProblem {
        TemplateProblem {
            path: format!("templates/{path}"),
            line: self.line,
            message: self.message,
        }
    }
}

fn line_of(text: &str, byte: usize) -> u32 {
    let byte = byte.min(text.len());
    let n = text.as_bytes()[..byte]
        .iter()
        .filter(|&&b| b == b'\n')
        .count();
    u32::try_from(n + 1).unwrap_or(u32::MAX)
}

fn toml_error(text: &str, e: &toml::de::Error) -> Problem {
    let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(0);
    Problem {
        line,
        message: e.message().trim().to_string(),
    }
}

fn at<T>(text: &str, s: &Spanned<T>, message: impl Into<String>) -> Problem {
    Problem {
        line: line_of(text, s.span().start),
        message: message.into(),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    #[serde(default)]
    zh: String,
    #[serde(default)]
    en: String,
}

impl From<RawText> for Bilingual {
    fn from(r: RawText) -> Self {
        Bilingual { zh: r.zh, en: r.en }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClause {
    id: Spanned<String>,
    version: Spanned<i64>,
    topics: Spanned<Vec<Spanned<String>>>,
    models: Spanned<Vec<Spanned<String>>>,
    position: Spanned<String>,
    side: Spanned<String>,
    #[serde(default)]
    basis: Vec<Spanned<RawText>>,
    title: Spanned<RawText>,
    body: Spanned<RawText>,
    guidance: Spanned<RawText>,
}

/// Checks the id syntax shared by clause files, packs and the edit form.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 120
        && id.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        })
}

fn parse_clause(
    path: &str,
    text: &str,
    topics: &HashSet<&str>,
    vars: &HashSet<String>,
) -> Result<ClauseTemplate, Problem> {
    if text.starts_with('\u{0}') {
        return Err(Problem {
            line: 0,
            message: "the file is not UTF-8 text".into(),
        });
    }
    let raw: RawClause = toml::from_str(text).map_err(|e| toml_error(text, &e))?;
    let id = raw.id.get_ref().clone();
    if !valid_id(&id) {
        return Err(at(
            text,
            &raw.id,
            format!("id \"{id}\" may use only a-z, 0-9, '.', '_' and '-'"),
        ));
    }
    let stem = path
        .rsplit('/')
        .next()
        .unwrap_or(path)
        .trim_end_matches(".toml");
    if stem != id {
        return Err(at(
            text,
            &raw.id,
            format!("id \"{id}\" differs from the file name \"{stem}.toml\""),
        ));
    }
    let version = u32::try_from(*raw.version.get_ref())
        .ok()
        .filter(|v| *v >= 1)
        .ok_or_else(|| {
            at(
                text,
                &raw.version,
                "version must be a whole number of 1 or more",
            )
        })?;
    if raw.topics.get_ref().is_empty() {
        return Err(at(
            text,
            &raw.topics,
            "topics is empty: name at least one topic id",
        ));
    }
    let mut topic_ids = Vec::new();
    for t in raw.topics.get_ref() {
        if !topics.contains(t.get_ref().as_str()) {
            return Err(at(text, t, format!("unknown topic id \"{}\"", t.get_ref())));
        }
        topic_ids.push(t.get_ref().clone());
    }
    if raw.models.get_ref().is_empty() {
        return Err(at(
            text,
            &raw.models,
            "models is empty: name iaas, paas and/or saas",
        ));
    }
    let mut models = Vec::new();
    for m in raw.models.get_ref() {
        let model = DeploymentModel::parse(m.get_ref()).ok_or_else(|| {
            at(
                text,
                m,
                format!(
                    "unknown deployment model \"{}\" (iaas, paas, saas)",
                    m.get_ref()
                ),
            )
        })?;
        models.push(model);
    }
    let position = Position::parse(raw.position.get_ref()).ok_or_else(|| {
        at(
            text,
            &raw.position,
            format!(
                "unknown position \"{}\" (preferred, fallback, provider_form)",
                raw.position.get_ref()
            ),
        )
    })?;
    let side = Side::parse(raw.side.get_ref()).ok_or_else(|| {
        at(
            text,
            &raw.side,
            format!(
                "unknown side \"{}\" (customer, provider, neutral)",
                raw.side.get_ref()
            ),
        )
    })?;
    let mut basis = Vec::new();
    for b in raw.basis {
        let line = line_of(text, b.span().start);
        let b: Bilingual = b.into_inner().into();
        if b.zh.trim().is_empty() || b.en.trim().is_empty() {
            return Err(Problem {
                line,
                message: "a basis entry needs both zh and en".into(),
            });
        }
        basis.push(b);
    }
    let mut texts = Vec::new();
    for (name, field) in [
        ("title", raw.title),
        ("body", raw.body),
        ("guidance", raw.guidance),
    ] {
        let span = field.span();
        let value: Bilingual = field.into_inner().into();
        for lang in Lang::ALL {
            let t = value.get(lang);
            if t.trim().is_empty() {
                // Point at the `zh =` / `en =` line inside the table when there is one.
                let key = format!("{} =", lang.as_str());
                let from = &text[span.start.min(text.len())..];
                let region = match from.get(1..).and_then(|r| r.find("\n[")) {
                    Some(end) => &from[..=end],
                    None => from,
                };
                let line = line_of(text, span.start + region.find(&key).unwrap_or(0));
                return Err(Problem {
                    line,
                    message: format!("{name}.{} is empty", lang.as_str()),
                });
            }
            let (found, bad) = placeholders::scan(t);
            if let Some(m) = bad.first() {
                let line = line_of(text, text.find(&t[m.at..]).unwrap_or(0));
                return Err(Problem {
                    line,
                    message: format!(
                        "malformed placeholder in {name}.{} (write {{{{name}}}})",
                        lang.as_str()
                    ),
                });
            }
            if let Some(o) = found.iter().find(|o| !vars.contains(o.name)) {
                let line = line_of(text, text.find(&format!("{{{{{}}}}}", o.name)).unwrap_or(0));
                return Err(Problem {
                    line,
                    message: format!("placeholder {{{{{}}}}} in {name}.{} is not registered in templates/variables/", o.name, lang.as_str()),
                });
            }
        }
        texts.push(value);
    }
    let guidance = texts.pop().unwrap_or_default();
    let body = texts.pop().unwrap_or_default();
    let title = texts.pop().unwrap_or_default();
    Ok(ClauseTemplate {
        path: format!("templates/{path}"),
        version,
        content: ClauseContent {
            id,
            topics: topic_ids,
            models,
            position,
            side,
            basis,
            title,
            body,
            guidance,
        },
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVariables {
    #[serde(default)]
    var: Vec<Spanned<RawVariable>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVariable {
    name: String,
    kind: String,
    label: RawText,
    default: RawText,
}

fn parse_variables(text: &str) -> Result<Vec<(u32, Variable)>, Problem> {
    let raw: RawVariables = toml::from_str(text).map_err(|e| toml_error(text, &e))?;
    let mut out = Vec::new();
    for v in raw.var {
        let line = line_of(text, v.span().start);
        let v = v.into_inner();
        if !v
            .name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            || v.name.is_empty()
        {
            return Err(Problem {
                line,
                message: format!("variable name \"{}\" may use only a-z, 0-9 and '_'", v.name),
            });
        }
        let kind = match v.kind.as_str() {
            "text" => VariableKind::Text,
            "number" => VariableKind::Number,
            "percent" => VariableKind::Percent,
            "money" => VariableKind::Money,
            "duration_hours" => VariableKind::DurationHours,
            "duration_days" => VariableKind::DurationDays,
            other => {
                return Err(Problem {
                    line,
                    message: format!("unknown variable kind \"{other}\" (text, number, percent, money, duration_hours, duration_days)"),
                })
            }
        };
        out.push((
            line,
            Variable {
                name: v.name,
                kind,
                label: v.label.into(),
                default: v.default.into(),
            },
        ));
    }
    Ok(out)
}

#[derive(Deserialize)]
struct RawModel {
    version: u32,
    #[serde(default)]
    security: Vec<RawTopic>,
    #[serde(default)]
    pi: Vec<RawTopic>,
    #[serde(default)]
    risk: Vec<RawTopic>,
    #[serde(default)]
    general: Vec<RawTopic>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    id: String,
    name: RawText,
    #[serde(default)]
    default: Option<Defaults>,
    #[serde(default)]
    provider_part: Option<RawText>,
    #[serde(default)]
    customer_part: Option<RawText>,
    #[serde(default)]
    note: Option<RawText>,
    #[serde(default)]
    basis: Option<RawText>,
    #[serde(default)]
    provider_form: Option<RawText>,
    #[serde(default)]
    customer_position: Option<RawText>,
    #[serde(default)]
    cues: Cues,
}

fn parse_model(text: &str) -> Result<ReferenceModel, Problem> {
    let raw: RawModel = toml::from_str(text).map_err(|e| toml_error(text, &e))?;
    let mut topics = Vec::new();
    for (kind, list) in [
        (TopicKind::Security, raw.security),
        (TopicKind::Pi, raw.pi),
        (TopicKind::Risk, raw.risk),
        (TopicKind::General, raw.general),
    ] {
        for t in list {
            if kind == TopicKind::Security && t.default.is_none() {
                return Err(Problem {
                    line: 0,
                    message: format!("security item \"{}\" has no default allocation", t.id),
                });
            }
            topics.push(Topic {
                id: t.id,
                kind,
                name: t.name.into(),
                defaults: t.default,
                provider_part: t.provider_part.map(Into::into),
                customer_part: t.customer_part.map(Into::into),
                note: t.note.map(Into::into),
                basis: t.basis.map(Into::into),
                provider_form: t.provider_form.map(Into::into),
                customer_position: t.customer_position.map(Into::into),
                cues: t.cues,
            });
        }
    }
    Ok(ReferenceModel {
        version: raw.version,
        topics,
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContract {
    id: String,
    version: u32,
    model: String,
    kind: String,
    title: RawText,
    preamble: RawText,
    #[serde(default)]
    section: Vec<Spanned<RawSection>>,
    signature: RawText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    title: RawText,
    clauses: Vec<String>,
}

fn parse_contract(
    text: &str,
    clause_ids: &HashSet<String>,
    vars: &HashSet<String>,
) -> Result<ContractTemplate, Problem> {
    let raw: RawContract = toml::from_str(text).map_err(|e| toml_error(text, &e))?;
    let model = match raw.model.as_str() {
        "any" => None,
        m => Some(DeploymentModel::parse(m).ok_or_else(|| Problem {
            line: 0,
            message: format!("unknown model \"{m}\" (iaas, paas, saas or any)"),
        })?),
    };
    let mut sections = Vec::new();
    for s in raw.section {
        let line = line_of(text, s.span().start);
        let s = s.into_inner();
        if let Some(missing) = s.clauses.iter().find(|c| !clause_ids.contains(*c)) {
            return Err(Problem {
                line,
                message: format!(
                    "section lists clause \"{missing}\", which no valid clause file defines"
                ),
            });
        }
        sections.push(ContractSection {
            title: s.title.into(),
            clauses: s.clauses,
        });
    }
    let preamble: Bilingual = raw.preamble.into();
    let signature: Bilingual = raw.signature.into();
    for t in [&preamble.zh, &preamble.en, &signature.zh, &signature.en] {
        if let Some(o) = placeholders::scan(t)
            .0
            .iter()
            .find(|o| !vars.contains(o.name))
        {
            return Err(Problem {
                line: 0,
                message: format!("placeholder {{{{{}}}}} is not registered", o.name),
            });
        }
    }
    Ok(ContractTemplate {
        id: raw.id,
        version: raw.version,
        model,
        kind: raw.kind,
        title: raw.title.into(),
        preamble,
        sections,
        signature,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal() -> TemplateFiles {
        let mut files = BTreeMap::new();
        files.insert(
            "model/reference-model.toml".into(),
            "version = 1\n[[security]]\nid = \"physical\"\nname = { zh = \"物理\", en = \"Physical\" }\ndefault = { iaas = \"P\", paas = \"P\", saas = \"P\" }\n".into(),
        );
        files.insert(
            "variables/core.toml".into(),
            "[[var]]\nname = \"provider\"\nkind = \"text\"\nlabel = { zh = \"服务商\", en = \"Provider\" }\ndefault = { zh = \"服务商\", en = \"Provider\" }\n".into(),
        );
        TemplateFiles {
            origin: "test".into(),
            files,
        }
    }

    const GOOD: &str = "id = \"physical.preferred\"\nversion = 1\ntopics = [\"physical\"]\nmodels = [\"iaas\"]\nposition = \"preferred\"\nside = \"customer\"\n[title]\nzh = \"物理安全\"\nen = \"Physical security\"\n[body]\nzh = \"{{provider}}负责机房安全。\"\nen = \"{{provider}} is responsible for the data centre.\"\n[guidance]\nzh = \"使用。\"\nen = \"Use it.\"\n";

    #[test]
    fn a_bad_file_is_named_with_its_line_and_the_rest_still_loads() {
        let mut files = minimal();
        files.files.insert(
            "clauses/security/physical.preferred.toml".into(),
            GOOD.into(),
        );
        let bad = GOOD
            .replace("physical.preferred", "physical.fallback")
            .replace("topics = [\"physical\"]", "topics = [\"physics\"]");
        files
            .files
            .insert("clauses/security/physical.fallback.toml".into(), bad);
        let set = load(&files).expect("model loads");
        assert_eq!(set.clauses.len(), 1, "the good file still loads");
        assert_eq!(set.problems.len(), 1);
        let p = &set.problems[0];
        assert_eq!(p.path, "templates/clauses/security/physical.fallback.toml");
        assert_eq!(p.line, 3, "topics is on line 3");
        assert!(
            p.message.contains("unknown topic id \"physics\""),
            "{}",
            p.message
        );
    }

    #[test]
    fn syntax_errors_and_unregistered_placeholders_report_lines() {
        let mut files = minimal();
        let syntax = GOOD.replace("version = 1", "version = = 1");
        files
            .files
            .insert("clauses/security/physical.preferred.toml".into(), syntax);
        let unreg = GOOD
            .replace("physical.preferred", "physical.x")
            .replace("{{provider}}负责", "{{vendor}}负责");
        files
            .files
            .insert("clauses/security/physical.x.toml".into(), unreg);
        let set = load(&files).expect("model loads");
        assert!(set.clauses.is_empty());
        let lines: Vec<u32> = set.problems.iter().map(|p| p.line).collect();
        assert!(
            set.problems
                .iter()
                .any(|p| p.message.contains("{{vendor}}") && p.line == 11),
            "{:?}",
            set.problems
        );
        assert!(
            lines.contains(&2),
            "syntax error on line 2: {:?}",
            set.problems
        );
    }

    #[test]
    fn missing_language_and_wrong_file_name_are_refused() {
        let mut files = minimal();
        files
            .files
            .insert("clauses/security/other-name.toml".into(), GOOD.into());
        files.files.insert(
            "clauses/security/physical.preferred.toml".into(),
            GOOD.replace("en = \"Use it.\"", "en = \"  \""),
        );
        let set = load(&files).expect("model loads");
        assert!(set.clauses.is_empty());
        assert!(set
            .problems
            .iter()
            .any(|p| p.message.contains("differs from the file name")));
        assert!(
            set.problems
                .iter()
                .any(|p| p.message.contains("guidance.en is empty") && p.line == 15),
            "{:?}",
            set.problems
        );
    }

    #[test]
    fn the_builtin_templates_load_without_problems() {
        let set = load(&TemplateFiles::builtin()).expect("built-in model loads");
        assert!(
            set.problems.is_empty(),
            "{}",
            set.problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        );
        assert_eq!(set.model.ids(TopicKind::Security).count(), 14);
        assert_eq!(set.model.ids(TopicKind::Pi).count(), 11);
        assert_eq!(set.model.ids(TopicKind::Risk).count(), 12);
    }
}
