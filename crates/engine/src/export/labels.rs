//! Words for the exports, in the draft's language: allocations, gaps, severities.

use crate::analysis::{Found, Gap, Perspective, Severity};
use crate::model::{Allocation, Lang};

pub fn found(f: Found, lang: Lang) -> &'static str {
    let zh = lang == Lang::Zh;
    match f {
        Found::Provider => {
            if zh {
                "服务商"
            } else {
                "Provider"
            }
        }
        Found::Customer => {
            if zh {
                "客户"
            } else {
                "Customer"
            }
        }
        Found::Shared => {
            if zh {
                "共担"
            } else {
                "Shared"
            }
        }
        Found::Disclaimed => {
            if zh {
                "免责"
            } else {
                "Disclaimed"
            }
        }
        Found::Absent => {
            if zh {
                "未约定"
            } else {
                "Not addressed"
            }
        }
    }
}

pub fn expected(a: Allocation, lang: Lang) -> &'static str {
    let zh = lang == Lang::Zh;
    match a {
        Allocation::P => {
            if zh {
                "服务商"
            } else {
                "Provider"
            }
        }
        Allocation::C => {
            if zh {
                "客户"
            } else {
                "Customer"
            }
        }
        Allocation::S => {
            if zh {
                "共担"
            } else {
                "Shared"
            }
        }
    }
}

pub fn gap(g: Gap, lang: Lang) -> &'static str {
    let zh = lang == Lang::Zh;
    match g {
        Gap::Missing => {
            if zh {
                "缺失"
            } else {
                "Missing"
            }
        }
        Gap::Inverted => {
            if zh {
                "责任倒置"
            } else {
                "Inverted"
            }
        }
        Gap::OneSided => {
            if zh {
                "分工不明"
            } else {
                "Split unspecified"
            }
        }
        Gap::Disclaimed => {
            if zh {
                "服务商免责"
            } else {
                "Disclaimed"
            }
        }
        Gap::Hedged => {
            if zh {
                "义务弱化"
            } else {
                "Hedged"
            }
        }
    }
}

pub fn severity(s: Severity, lang: Lang) -> &'static str {
    let zh = lang == Lang::Zh;
    match s {
        Severity::High => {
            if zh {
                "高"
            } else {
                "high"
            }
        }
        Severity::Medium => {
            if zh {
                "中"
            } else {
                "medium"
            }
        }
        Severity::Low => {
            if zh {
                "低"
            } else {
                "low"
            }
        }
    }
}

pub fn perspective(p: Perspective, lang: Lang) -> &'static str {
    match (p, lang) {
        (Perspective::Customer, Lang::Zh) => "客户方",
        (Perspective::Provider, Lang::Zh) => "服务商方",
        (Perspective::Customer, Lang::En) => "customer",
        (Perspective::Provider, Lang::En) => "provider",
    }
}
