//! The HTML report: one self-contained, printable file (inline CSS, no scripts, no external
//! reference of any kind) with the responsibility matrix as a coloured table, the findings with
//! their quotes and explanations (which name the legal basis), the PI checklist and the risk
//! list. Every piece of contract text is escaped: it is data, never markup.

use super::findings::{findings, FindingKind};
use super::labels;
use crate::analysis::{Report, Severity};
use crate::model::Lang;

/// Escapes text for HTML element content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = "body{font-family:'Noto Sans CJK SC','WenQuanYi Micro Hei','Microsoft YaHei','PingFang SC',sans-serif;margin:2em;color:#1f2328;line-height:1.5}\
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #ddd}\
table{border-collapse:collapse;width:100%;font-size:.92em}th,td{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:left}\
th{background:#f3f4f6}.provider{background:#dbeafe}.customer{background:#dcfce7}.shared{background:#fef9c3}\
.disclaimed{background:#fde2e1}.absent{background:#eeeeee}.gap{color:#b91c1c;font-weight:600}\
.sev-high{border-left:6px solid #b91c1c}.sev-medium{border-left:6px solid #d97706}.sev-low{border-left:6px solid #6b7280}\
.finding{padding:.4em .8em;margin:.6em 0;background:#fafafa}blockquote{margin:.3em 0 .3em 1em;color:#374151;font-style:italic}\
.meta{color:#6b7280}@media print{body{margin:0}.finding{break-inside:avoid}}";

fn json_str<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// The report as one HTML document.
pub fn report(title: &str, report: &Report, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let t = |a: &'static str, b: &'static str| if zh { a } else { b };
    let mut h = String::new();
    h.push_str(&format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
         <title>{}</title><style>{CSS}</style></head><body>",
        if zh { "zh-CN" } else { "en" },
        esc(title)
    ));
    h.push_str(&format!("<h1>{}</h1>", esc(title)));
    h.push_str(&format!(
        "<p class=\"meta\">{}: {} · {}: {} · {}: {}</p>",
        t("部署模式", "Deployment model"),
        esc(&json_str(report.deployment_model).to_uppercase()),
        t("审查立场", "Perspective"),
        labels::perspective(report.perspective, lang),
        t("条款数", "Clauses"),
        report.clause_count
    ));
    for w in &report.warnings {
        h.push_str(&format!("<p class=\"gap\">{}</p>", esc(w.get(lang))));
    }
    h.push_str(&format!(
        "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        t("安全责任矩阵", "Responsibility matrix"),
        t("安全层", "Layer"),
        t("模型默认", "Model default"),
        t("合同约定", "Contract"),
        t("问题", "Gap"),
        t("依据条款", "Clauses")
    ));
    for r in &report.security {
        let cls = json_str(r.allocation);
        let gap = r.gap.map(|g| labels::gap(g, lang)).unwrap_or_default();
        let clauses: Vec<String> = r.evidence.iter().map(|e| esc(&e.clause)).collect();
        h.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td class=\"{}\">{}</td><td class=\"gap\">{}</td><td>{}</td></tr>",
            esc(r.name.get(lang)),
            labels::expected(r.expected, lang),
            esc(&cls),
            labels::found(r.allocation, lang),
            gap,
            clauses.join(", ")
        ));
    }
    h.push_str("</table>");
    h.push_str(&format!("<h2>{}</h2>", t("审查意见", "Findings")));
    let all = findings(report);
    if all.is_empty() {
        h.push_str(&format!("<p>{}</p>", t("未发现问题。", "No findings.")));
    }
    for f in &all {
        let sev = match f.severity {
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        };
        let sev_label = labels::severity(f.severity, lang);
        let kind = match f.kind {
            FindingKind::Security => t("安全责任", "Security"),
            FindingKind::PersonalInformation => t("个人信息", "Personal information"),
            FindingKind::Risk => t("商业风险", "Commercial risk"),
        };
        h.push_str(&format!("<div class=\"finding sev-{sev}\"><b>{}</b> <span class=\"meta\">{kind} · {}{sev_label}</span><p>{}</p>",
            esc(f.name.get(lang)), t("风险：", "severity: "), esc(f.explanation.get(lang))));
        for e in &f.evidence {
            h.push_str(&format!(
                "<blockquote>{} “{}”</blockquote>",
                esc(&e.clause),
                esc(&e.quote)
            ));
        }
        if !f.suggested_clauses.is_empty() {
            h.push_str(&format!(
                "<p class=\"meta\">{}: {}</p>",
                t("建议条款", "Suggested clauses"),
                esc(&f.suggested_clauses.join(", "))
            ));
        }
        h.push_str("</div>");
    }
    if report.pi_applicable {
        h.push_str(&format!(
            "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th></tr>",
            t("个人信息委托处理清单", "Personal-information checklist"),
            t("要素", "Element"),
            t("是否约定", "Present"),
            t("依据条款", "Clauses")
        ));
        for r in &report.pi {
            let clauses: Vec<String> = r.evidence.iter().map(|e| esc(&e.clause)).collect();
            h.push_str(&format!(
                "<tr><td>{}</td><td class=\"{}\">{}</td><td>{}</td></tr>",
                esc(r.name.get(lang)),
                if r.present { "customer" } else { "disclaimed" },
                if r.present {
                    t("是", "yes")
                } else {
                    t("否", "no")
                },
                clauses.join(", ")
            ));
        }
        h.push_str("</table>");
    }
    h.push_str(&format!(
        "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th></tr>",
        t("商业风险", "Commercial risks"),
        t("事项", "Topic"),
        t("对客户不利", "Against the customer"),
        t("依据条款", "Clauses")
    ));
    for r in &report.risks {
        let clauses: Vec<String> = r.evidence.iter().map(|e| esc(&e.clause)).collect();
        let unfav = match (r.present, r.customer_unfavourable) {
            (false, _) => t("未约定", "absent"),
            (true, Some(true)) => t("是", "yes"),
            (true, _) => t("否", "no"),
        };
        h.push_str(&format!(
            "<tr><td>{}</td><td>{unfav}</td><td>{}</td></tr>",
            esc(r.name.get(lang)),
            clauses.join(", ")
        ));
    }
    h.push_str("</table></body></html>\n");
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything() {
        assert_eq!(
            esc("<img src=x onerror=alert(1)> & \"q\" 'a'"),
            "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot; &#39;a&#39;"
        );
    }
}
