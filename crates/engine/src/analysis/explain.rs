//! Explanations in Chinese and English: what the text says, what the model expects, why it
//! matters and the legal basis. Built from the reference model's data (names, parts, notes,
//! bases) so that a firm's playbook changes them too.

use super::{Evidence, Found, Gap};
use crate::model::{Allocation, Bilingual, DeploymentModel, Topic};

fn who(a: Allocation) -> (&'static str, &'static str) {
    match a {
        Allocation::P => ("云服务商", "the provider"),
        Allocation::C => ("客户", "the customer"),
        Allocation::S => ("双方分担", "shared between the parties"),
    }
}

fn found_words(f: Found, split: Option<bool>) -> (&'static str, &'static str) {
    match (f, split) {
        (Found::Provider, _) => (
            "合同将其明确由云服务商负责",
            "the contract makes the provider responsible",
        ),
        (Found::Customer, _) => (
            "合同将其明确由客户负责",
            "the contract makes the customer responsible",
        ),
        (Found::Shared, Some(true)) => (
            "合同约定双方分担，并写明各自的分工",
            "the contract shares it and says who does what",
        ),
        (Found::Shared, _) => (
            "合同约定双方共同负责，但未写明各自分工",
            "the contract makes both parties responsible without saying who does what",
        ),
        (Found::Disclaimed, _) => (
            "合同中云服务商对此免责，且未约定任何一方负责",
            "the provider disclaims it and the contract makes nobody responsible",
        ),
        (Found::Absent, _) => ("合同对此未作约定", "the contract says nothing about it"),
    }
}

/// "第4.2条" for a bare number; a number that already says what it is ("第五条（一）",
/// "附件二 row 3", "Schedule 1 row 4") as printed.
fn clause_ref(n: &str) -> (String, String) {
    if n.is_empty() {
        return ("前言".into(), "the preamble".into());
    }
    let bare = n.chars().next().is_some_and(|c| c.is_ascii_digit());
    let zh = if bare {
        format!("第{n}条")
    } else {
        n.replace(" row ", " 第") + if n.contains(" row ") { "行" } else { "" }
    };
    let en = if bare {
        format!("clause {n}")
    } else {
        n.to_string()
    };
    (zh, en)
}

fn quote(e: &[Evidence]) -> (String, String) {
    match e.first() {
        Some(x) => {
            let q: String = x.quote.chars().take(80).collect();
            let more = if x.quote.chars().count() > 80 {
                "…"
            } else {
                ""
            };
            let (rz, re) = clause_ref(&x.clause);
            (
                format!("（见{rz}：“{q}{more}”）"),
                format!(" (see {re}: \"{q}{more}\")"),
            )
        }
        None => (String::new(), String::new()),
    }
}

fn model_name(m: DeploymentModel) -> &'static str {
    match m {
        DeploymentModel::Iaas => "IaaS",
        DeploymentModel::Paas => "PaaS",
        DeploymentModel::Saas => "SaaS",
    }
}

#[allow(clippy::too_many_arguments)]
pub fn security(
    topic: &Topic,
    model: DeploymentModel,
    expected: Allocation,
    found: Found,
    split: Option<bool>,
    gap: Option<Gap>,
    hedged: bool,
    evidence: &[Evidence],
) -> Bilingual {
    let (ez, ee) = who(expected);
    let (fz, fe) = found_words(found, split);
    let (qz, qe) = quote(evidence);
    let m = model_name(model);
    let src_zh = if model == DeploymentModel::Iaas {
        "YD/T 4060-2022《云计算安全责任共担模型》"
    } else {
        "参照YD/T 4060-2022的原则推导的模型"
    };
    let src_en = if model == DeploymentModel::Iaas {
        "YD/T 4060-2022 (cloud shared-responsibility model)"
    } else {
        "the model derived from the principles of YD/T 4060-2022"
    };
    let mut zh = format!(
        "{}：{fz}{qz}。按{src_zh}，{m}模式下该项默认由{ez}。",
        topic.name.zh
    );
    let mut en = format!(
        "{}: {fe}{qe}. Under {src_en}, for {m} this item defaults to {ee}.",
        topic.name.en
    );
    let parts = match (&topic.provider_part, &topic.customer_part) {
        (Some(p), Some(c)) => Some((
            format!("服务商的部分：{}；客户的部分：{}", p.zh, c.zh),
            format!("Provider's part: {}; customer's part: {}", p.en, c.en),
        )),
        _ => None,
    };
    let (gz, ge) = match gap {
        None => ("与模型一致，无缺口。".to_string(), "This matches the model; no gap.".to_string()),
        Some(Gap::Missing) => (
            "合同未分配该项责任：一旦发生相关安全事件，责任归属只能事后争议。建议补入条款明确责任方。".into(),
            "The contract leaves this responsibility unallocated, so who answers for an incident would be argued after the fact. Add a clause that names the responsible party.".into(),
        ),
        Some(Gap::Inverted) => (
            "该项本应由云服务商承担，合同却把它（或其中一部分）转给了客户，这是对客户不利的错位。".into(),
            "This is the provider's item, but the contract puts it (or part of it) on the customer: an inverted allocation against the customer.".into(),
        ),
        Some(Gap::OneSided) => (
            "该项应由双方分担并写明分工，合同只写了一方的部分或只说“共同负责”，分工不清。".into(),
            "This item should be shared with each party's part stated; the contract states only one side, or says 'jointly' without a split.".into(),
        ),
        Some(Gap::Disclaimed) => (
            "云服务商以免责条款排除了该项责任，且无任何一方负责；依《民法典》第四百九十六条、第四百九十七条，格式条款不合理地免除提供方责任的，可能无效或不成为合同内容。".into(),
            "The provider disclaims the item and nobody is responsible. Under Civil Code Arts. 496-497 a standard term that unreasonably excludes the drafter's liability may be void or not form part of the contract.".into(),
        ),
        Some(Gap::Hedged) => (
            "云服务商的义务被弱化为“尽力”或“合理努力”，难以追责；建议改为明确的结果性义务。".into(),
            "The provider's duty is weakened to best or reasonable efforts, which is hard to enforce; ask for a firm obligation.".into(),
        ),
    };
    zh.push_str(&gz);
    en.push(' ');
    en.push_str(&ge);
    if hedged && gap != Some(Gap::Hedged) && found != Found::Absent {
        zh.push_str("另：服务商的义务以“尽力/合理努力”表述。");
        en.push_str(" Note: the provider's duty is hedged (best/reasonable efforts).");
    }
    if let (Some((pz, pe)), true) = (parts, gap.is_some() && expected == Allocation::S) {
        zh.push_str(&pz);
        zh.push('。');
        en.push(' ');
        en.push_str(&pe);
        en.push('.');
    }
    if let Some(n) = &topic.note {
        zh.push_str(&n.zh);
        en.push(' ');
        en.push_str(&n.en);
    }
    Bilingual { zh, en }
}

pub fn pi(topic: &Topic, present: bool, applicable: bool, evidence: &[Evidence]) -> Bilingual {
    let (qz, qe) = quote(evidence);
    let basis = topic.basis.clone().unwrap_or_default();
    if present {
        Bilingual {
            zh: format!(
                "{}：合同已有约定{qz}。请核对其内容是否满足{}的要求。",
                topic.name.zh, basis.zh
            ),
            en: format!(
                "{}: addressed{qe}. Check that its content meets {}.",
                topic.name.en, basis.en
            ),
        }
    } else if applicable {
        Bilingual {
            zh: format!(
                "{}：合同涉及个人信息，但缺少该项约定。依据：{}。",
                topic.name.zh, basis.zh
            ),
            en: format!(
                "{}: the contract concerns personal information but lacks this term. Basis: {}.",
                topic.name.en, basis.en
            ),
        }
    } else {
        Bilingual {
            zh: format!("{}：合同未就个人信息委托处理作出约定；如服务商将处理客户的个人信息，应补充该项（依据：{}）。", topic.name.zh, basis.zh),
            en: format!("{}: the contract has no entrusted-processing terms; if the provider will process personal information for the customer, add this term (basis: {}).", topic.name.en, basis.en),
        }
    }
}

pub fn risk(
    topic: &Topic,
    present: bool,
    unfavourable: Option<bool>,
    evidence: &[Evidence],
) -> Bilingual {
    let (qz, qe) = quote(evidence);
    let pf = topic.provider_form.clone().unwrap_or_default();
    let cp = topic.customer_position.clone().unwrap_or_default();
    match (present, unfavourable) {
        (false, _) => Bilingual {
            zh: format!("{}：合同未涉及。客户一方的通常立场：{}。", topic.name.zh, cp.zh),
            en: format!("{}: not addressed. The customer-side position: {}.", topic.name.en, cp.en),
        },
        (true, Some(true)) => Bilingual {
            zh: format!("{}：条款对客户不利{qz}，接近服务商格式文本的立场（{}）。建议争取：{}。", topic.name.zh, pf.zh, cp.zh),
            en: format!("{}: unfavourable to the customer{qe}, close to the provider-form position ({}). Ask for: {}.", topic.name.en, pf.en, cp.en),
        },
        (true, _) => Bilingual {
            zh: format!("{}：已约定{qz}，未见明显不利于客户之处。", topic.name.zh),
            en: format!("{}: addressed{qe}; nothing clearly against the customer.", topic.name.en),
        },
    }
}
