//! Printing: JSON for scripts, readable text for people.

use std::io::Write;

use cloudclause_engine::model::*;
use cloudclause_engine::Error;
use serde::Serialize;

pub fn json<T: Serialize>(v: &T) -> Result<(), Error> {
    let text = serde_json::to_string_pretty(v).map_err(|e| Error::InvalidInput {
        message: e.to_string(),
    })?;
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth reporting.
    let _ = writeln!(out, "{text}");
    Ok(())
}

fn models(m: &[DeploymentModel]) -> String {
    m.iter().map(|x| x.as_str()).collect::<Vec<_>>().join(",")
}

pub fn summaries(list: &[ClauseSummary]) {
    let mut out = std::io::stdout().lock();
    for s in list {
        let _ = writeln!(
            out,
            "{:<42} {:<13} {:<14} {} / {}",
            s.id,
            s.position.as_str(),
            models(&s.models),
            s.title.zh,
            s.title.en
        );
    }
    let _ = writeln!(out, "{} clause(s)", list.len());
}

/// Renders a snippet with its matches in [brackets] (terminal output: plain text only).
fn marked(s: &Snippet) -> String {
    let chars: Vec<char> = s.text.chars().collect();
    let mut out = String::new();
    let mut pos = 0usize;
    for h in &s.highlights {
        let (a, b) = (h.start as usize, (h.end as usize).min(chars.len()));
        if a < pos || a > b {
            continue;
        }
        out.extend(&chars[pos..a]);
        out.push('[');
        out.extend(&chars[a..b]);
        out.push(']');
        pos = b;
    }
    out.extend(&chars[pos.min(chars.len())..]);
    out.replace('\n', " ")
}

pub fn hits(hits: &[SearchHit]) {
    let mut out = std::io::stdout().lock();
    for h in hits {
        let _ = writeln!(
            out,
            "{:<42} {:>7.3}  {} / {}",
            h.clause.id, h.score, h.clause.title.zh, h.clause.title.en
        );
        for s in h
            .snippets
            .iter()
            .filter(|s| s.field != Field::Title)
            .take(2)
        {
            let _ = writeln!(out, "    {}: {}", s.lang.as_str(), marked(s));
        }
    }
    let _ = writeln!(out, "{} hit(s)", hits.len());
}

pub fn clause(c: &Clause, model: &ReferenceModel) {
    let mut out = std::io::stdout().lock();
    let k = &c.content;
    let topics: Vec<String> = k
        .topics
        .iter()
        .map(|t| match model.topic(t) {
            Some(x) => format!("{t} ({} / {})", x.name.zh, x.name.en),
            None => t.clone(),
        })
        .collect();
    let _ = writeln!(out, "{}  v{}  [{}]", k.id, c.version, c.origin.as_str());
    let _ = writeln!(out, "topics:   {}", topics.join("; "));
    let _ = writeln!(out, "models:   {}", models(&k.models));
    let _ = writeln!(
        out,
        "position: {} (side: {})",
        k.position.as_str(),
        k.side.as_str()
    );
    for b in &k.basis {
        let _ = writeln!(out, "basis:    {} / {}", b.zh, b.en);
    }
    for lang in Lang::ALL {
        let _ = writeln!(out, "\n== {} ({}) ==", k.title.get(lang), lang.as_str());
        let _ = writeln!(out, "{}", k.body.get(lang).trim_end());
        let _ = writeln!(out, "\n-- guidance --\n{}", k.guidance.get(lang).trim_end());
    }
}

/// The analysis as a readable table.
pub fn report(r: &cloudclause_engine::analysis::Report) {
    use cloudclause_engine::analysis::Found;
    let mut out = std::io::stdout().lock();
    for w in &r.warnings {
        let _ = writeln!(out, "warning: {}", w.en);
    }
    let _ = writeln!(
        out,
        "deployment model: {} ({}), perspective: {:?}, language: {}",
        r.deployment_model.as_str(),
        r.deployment_model_source,
        r.perspective,
        r.language
    );
    let _ = writeln!(out, "provider: {}", r.parties.provider.join(", "));
    let _ = writeln!(out, "customer: {}\n", r.parties.customer.join(", "));
    let _ = writeln!(
        out,
        "{:<22} {:<8} {:<18} {:<11} {:<8} clauses",
        "security item", "model", "contract", "gap", "severity"
    );
    for s in &r.security {
        let found = match (s.allocation, s.split_specified) {
            (Found::Shared, Some(true)) => "shared (split)".to_string(),
            (Found::Shared, _) => "shared (no split)".to_string(),
            (f, _) => format!("{f:?}").to_lowercase(),
        };
        let clauses: Vec<&str> = s.evidence.iter().map(|e| e.clause.as_str()).collect();
        let _ = writeln!(
            out,
            "{:<22} {:<8} {:<18} {:<11} {:<8} {}",
            s.id,
            format!("{:?}", s.expected),
            found,
            s.gap
                .map(|g| format!("{g:?}").to_lowercase())
                .unwrap_or_else(|| "-".into()),
            s.severity
                .map(|g| format!("{g:?}").to_lowercase())
                .unwrap_or_else(|| "-".into()),
            clauses.join(" ")
        );
    }
    let _ = writeln!(
        out,
        "\npersonal information ({}):",
        if r.pi_applicable {
            "the contract concerns PI"
        } else {
            "no PI terms"
        }
    );
    for p in &r.pi {
        let clauses: Vec<&str> = p.evidence.iter().map(|e| e.clause.as_str()).collect();
        let _ = writeln!(
            out,
            "  {:<24} {:<8} {}",
            p.id,
            if p.present { "present" } else { "MISSING" },
            clauses.join(" ")
        );
    }
    let _ = writeln!(out, "\nrisk topics:");
    for k in &r.risks {
        let verdict = match (k.present, k.customer_unfavourable) {
            (false, _) => "absent",
            (true, Some(true)) => "UNFAVOURABLE",
            _ => "ok",
        };
        let clauses: Vec<&str> = k.evidence.iter().map(|e| e.clause.as_str()).collect();
        let _ = writeln!(out, "  {:<18} {:<13} {}", k.id, verdict, clauses.join(" "));
    }
    let gaps = r.security.iter().filter(|s| s.gap.is_some()).count();
    let _ = writeln!(
        out,
        "\n{gaps} security gap(s); run with --json for explanations and evidence offsets."
    );
}
