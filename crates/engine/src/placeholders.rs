//! Placeholders in clause text: one syntax, `{{name}}`, with `name` in `[a-z0-9_]+` and
//! registered in `templates/variables/`. Filling looks a name up in the draft's values, then in
//! the registry default for the language; an unknown name is left as written.

use std::collections::HashMap;

use crate::model::{Lang, Variable};

/// A placeholder occurrence: its name and its byte range in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence<'a> {
    pub name: &'a str,
    pub start: usize,
    pub end: usize,
}

/// A `{{` that does not open a well-formed placeholder, at this byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    pub at: usize,
}

/// Finds the placeholders of `text` in order, and the malformed openings.
pub fn scan(text: &str) -> (Vec<Occurrence<'_>>, Vec<Malformed>) {
    let mut found = Vec::new();
    let mut bad = Vec::new();
    let mut rest = 0;
    while let Some(start) = find_open(text, rest) {
        let after = start + 2;
        match text[after..].find("}}") {
            Some(len) if is_name(&text[after..after + len]) => {
                found.push(Occurrence {
                    name: &text[after..after + len],
                    start,
                    end: after + len + 2,
                });
                rest = after + len + 2;
            }
            _ => {
                bad.push(Malformed { at: start });
                rest = after;
            }
        }
    }
    (found, bad)
}

/// The byte offset of the first `{{` at or after `from` (a search for one `{`, which is quick,
/// then a look at the next byte).
fn find_open(text: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(rel) = text.get(at..)?.find('{') {
        let i = at + rel;
        if text.as_bytes().get(i + 1) == Some(&b'{') {
            return Some(i);
        }
        at = i + 1;
    }
    None
}

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The distinct placeholder names of the texts, in order of first use.
pub fn names<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in texts {
        for o in scan(t).0 {
            if !out.iter().any(|n| n == o.name) {
                out.push(o.name.to_string());
            }
        }
    }
    out
}

/// Fills the placeholders of `text`: `values` first, then the registry default in `lang`.
pub fn fill(
    text: &str,
    lang: Lang,
    values: &HashMap<String, String>,
    registry: &[Variable],
) -> String {
    let (found, _) = scan(text);
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for o in found {
        out.push_str(&text[last..o.start]);
        let value = values.get(o.name).map(String::as_str).or_else(|| {
            registry
                .iter()
                .find(|v| v.name == o.name)
                .map(|v| v.default.get(lang))
        });
        match value {
            Some(v) => out.push_str(v),
            None => out.push_str(&text[o.start..o.end]),
        }
        last = o.end;
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Bilingual, VariableKind};

    #[test]
    fn scans_names_in_order_and_flags_malformed_openings() {
        let (found, bad) = scan("{{provider}}应当在{{deletion_days}}日内删除{{客户}}和{{ x}}");
        let names: Vec<_> = found.iter().map(|o| o.name).collect();
        assert_eq!(names, ["provider", "deletion_days"]);
        assert_eq!(bad.len(), 2, "non-ASCII and spaced names are malformed");
    }

    #[test]
    fn fill_prefers_values_then_language_default_and_keeps_unknown() {
        let registry = vec![Variable {
            name: "provider".into(),
            kind: VariableKind::Text,
            label: Bilingual::default(),
            default: Bilingual {
                zh: "服务商".into(),
                en: "Provider".into(),
            },
        }];
        let mut values = HashMap::new();
        assert_eq!(
            fill("{{provider}}应当", Lang::Zh, &values, &registry),
            "服务商应当"
        );
        assert_eq!(
            fill("{{provider}} shall", Lang::En, &values, &registry),
            "Provider shall"
        );
        values.insert("provider".to_string(), "乙方".to_string());
        assert_eq!(
            fill("{{provider}}应当{{nope}}", Lang::Zh, &values, &registry),
            "乙方应当{{nope}}"
        );
    }

    #[test]
    fn names_are_distinct_in_first_use_order() {
        assert_eq!(names(["{{b}} {{a}}", "{{b}} {{c}}"]), ["b", "a", "c"]);
    }
}
