//! Clause splitting: takes the numbers that `markers` recognises at the start of blocks and
//! composes them the way lawyers quote them: "3.3(a)", "第五条（一）", "三（一）1", "第1条1"
//! (Sealos style), "2.1(a)(x)" (inline items), "Schedule 1, Annex I(A)", "Annex II §3",
//! "Schedule 1 row 4" (table rows); "5.2" carries its own parents.
//!
//! One pass over the blocks keeps a stack of open clauses; a new number closes what it is a
//! sibling of (same family, decimal prefix, heading level, or rank for articles/appendices).
//! Inline enumerations "(a) …; (b) …" inside a clause become sub-clauses when they run in
//! sequence from the first item. Each clause's span ends where the next clause of any level
//! starts (a table row's at its row end). Everything is linear in the text length.

use super::markers::{
    decimal_parts, good_follow, is_cjk, leading_number, paren_item, parse_marker, rank, Fam, Kind,
    Marker,
};
use super::{BlockKind, ClauseSpan, Hint, Plain};

/// An open clause on the nesting stack.
#[derive(Debug, Clone)]
struct Open {
    idx: usize,
    fam: Fam,
    value: u32,
    parts: Option<Vec<u32>>,
    heading: Option<u8>,
    level: u32,
    number: String,
    /// An appendix that holds nested appendices (Schedule 1 → Annex I, Annex II).
    nests: bool,
}

/// A clause before spans and inline items are settled.
#[derive(Debug, Clone)]
struct Raw {
    number: String,
    heading: Option<String>,
    level: u32,
    kind: BlockKind,
    start: usize,
    marker_end: usize,
    parent: Option<usize>,
    scan_inline: bool,
    /// A table row's span ends with its row.
    max_end: Option<usize>,
}

pub(crate) fn split(plain: &Plain) -> Vec<ClauseSpan> {
    let chars: Vec<char> = plain.text.chars().collect();
    let mut raws: Vec<Raw> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut last_dec: Option<Vec<u32>> = None;
    // The first part of the last decimal number as printed (before composing with a Part).
    let mut last_own: Option<u32> = None;
    let mut prev_appendix: Option<usize> = None;
    for (bi, block) in plain.blocks.iter().enumerate() {
        let end = block.end.min(chars.len());
        let begin = block.start.min(end);
        let line = &chars[begin..end];
        let lead = line.iter().take_while(|c| c.is_whitespace()).count();
        let body = &line[lead..];
        let start = begin + lead;
        if body.is_empty() {
            continue;
        }
        let appendix_before = prev_appendix.take();
        let heading_level = match block.hint {
            Hint::Heading(h) => Some(h),
            _ => None,
        };
        if let Hint::TableRow {
            header,
            first_cell,
            index,
        } = &block.hint
        {
            if *header {
                continue;
            }
            let enclosing = stack
                .iter()
                .rev()
                .find(|o| {
                    matches!(o.fam, Fam::Appendix(_))
                        || (o.heading.is_some() && !o.number.is_empty())
                })
                .or(stack.last());
            let n = leading_number(first_cell).unwrap_or(*index);
            let number = match enclosing {
                Some(o) if !o.number.is_empty() => format!("{} row {n}", o.number),
                _ => format!("row {n}"),
            };
            raws.push(Raw {
                number,
                heading: None,
                level: enclosing.map_or(0, |o| o.level + 1),
                kind: BlockKind::TableRow,
                start,
                marker_end: start,
                parent: enclosing.map(|o| o.idx),
                scan_inline: false,
                max_end: Some(end),
            });
            continue;
        }
        // "**Section 5.9 Facilities.** The Clusters are …": a bold run-in that opens the paragraph
        // is a heading, whatever follows it.
        // (A keyword's only: "**§4 Tenant isolation.**" paragraphs of an annex stay its text.)
        let run_in = body.first().is_some_and(char::is_ascii_alphabetic)
            && block
                .bold
                .is_some_and(|(bs, be)| bs <= start && be > start + 2);
        let marker = parse_marker(body, heading_level.is_some() || run_in);
        // Text after a table that opens with no number of its own ("| … |\n\n**§3 Instructions.**
        // We will …") goes on with the clause the table sits in: a row's span ends with the row,
        // so without a span of its own the text would belong to no clause.
        if marker.is_none() && heading_level.is_none() {
            if let Some(row) = raws.last().filter(|r| r.kind == BlockKind::TableRow) {
                let parent = row.parent;
                let number = parent
                    .and_then(|p| raws.get(p))
                    .map(|p| p.number.clone())
                    .unwrap_or_default();
                let level = row.level;
                raws.push(Raw {
                    number,
                    heading: None,
                    level,
                    kind: BlockKind::Paragraph,
                    start,
                    marker_end: start,
                    parent,
                    scan_inline: false,
                    max_end: None,
                });
                continue;
            }
        }
        let Some(mut m) = marker else {
            if let Some(h) = heading_level {
                if bi == 0 {
                    continue; // the document title
                }
                pop_headings(&mut stack, h);
                let text: String = body.iter().collect();
                let idx = raws.len();
                let level = stack.last().map_or(0, |o| o.level + 1);
                raws.push(Raw {
                    number: String::new(),
                    heading: Some(text.trim().to_string()).filter(|t| !t.is_empty()),
                    level,
                    kind: BlockKind::Heading,
                    start,
                    marker_end: start,
                    parent: stack.last().map(|o| o.idx),
                    scan_inline: false,
                    max_end: None,
                });
                stack.push(Open {
                    idx,
                    fam: Fam::Plain,
                    value: 0,
                    parts: None,
                    heading: Some(h),
                    level,
                    number: String::new(),
                    nests: false,
                });
                last_dec = None;
                last_own = None;
            }
            continue;
        };
        if let (Fam::Dec1(_), Hint::ListItem(d)) = (m.fam, &block.hint) {
            m.fam = Fam::Dec1((*d).min(16));
        }
        if m.fam == Fam::DecN && heading_level.is_none() {
            if let (Some(last), Some(p)) = (&last_dec, &m.parts) {
                let first = p.first().copied().unwrap_or(0);
                let head = last.first().copied().unwrap_or(0);
                // ("# PART 2" / "## 6. Shared Responsibility" / "6.1 …": the heading's own 6,
                // not the 2.6 it composes to, is what 6.1 goes on from.)
                let own = last_own.unwrap_or(head);
                if first != head && first != head + 1 && first != own && first != own + 1 {
                    continue; // "1.5 times the fees" inside clause 7: running text
                }
            }
        }
        resolve_letters(&mut m, &stack);
        let mut nested_appendix = false;
        match (m.fam, heading_level) {
            (Fam::Appendix(kind), _) => {
                let found = stack
                    .iter()
                    .rposition(|o| matches!(o.fam, Fam::Appendix(_)));
                match found {
                    Some(k) if stack[k].fam == Fam::Appendix(kind) => {
                        stack.truncate(k);
                        nested_appendix = stack
                            .last()
                            .is_some_and(|o| matches!(o.fam, Fam::Appendix(_)));
                    }
                    Some(k)
                        if stack[k].nests
                            || (appendix_before == Some(stack[k].idx)
                                && !stack[..k]
                                    .iter()
                                    .any(|o| matches!(o.fam, Fam::Appendix(_)))) =>
                    {
                        stack.truncate(k + 1);
                        stack[k].nests = true;
                        nested_appendix = true;
                    }
                    Some(k) => stack.truncate(k),
                    None => {}
                }
                if !nested_appendix {
                    match heading_level {
                        Some(h) => pop_headings(&mut stack, h),
                        None => stack.retain(|o| o.heading.is_some()),
                    }
                }
            }
            (fam, Some(h)) => match stack
                .iter()
                .rposition(|o| o.fam == fam)
                .filter(|_| rank(fam).is_some())
            {
                // "### SECTION 3" after "## SECTION 2": the same series, whatever the level.
                Some(k) => stack.truncate(k),
                None => pop_headings(&mut stack, h),
            },
            (fam, None) if rank(fam).is_some() => {
                let r = rank(fam).unwrap_or(0);
                while stack
                    .last()
                    .is_some_and(|o| o.heading.is_none() && rank(o.fam).is_none_or(|tr| tr >= r))
                {
                    stack.pop();
                }
            }
            (Fam::DecN, None) => {
                let parts = m.parts.clone().unwrap_or_default();
                let prefix = &parts[..parts.len().saturating_sub(1)];
                if let Some(k) = stack.iter().rposition(|o| {
                    o.parts.as_deref() == Some(prefix)
                        // ("## 6." under "# PART 2" is 2.6, and its 6.1 is under it.)
                        || (matches!(o.fam, Fam::Dec1(_))
                            && o.heading.is_some()
                            && prefix == [o.value])
                }) {
                    stack.truncate(k + 1);
                } else if let Some(k) = stack.iter().rposition(|o| {
                    o.parts
                        .as_ref()
                        .is_some_and(|p| p.len() == parts.len() && p.starts_with(prefix))
                }) {
                    stack.truncate(k);
                } else {
                    while stack.last().is_some_and(|o| {
                        o.parts.as_ref().is_some_and(|p| !parts.starts_with(p))
                            && !matches!(o.fam, Fam::Keyword(_) | Fam::Appendix(_))
                    }) {
                        stack.pop();
                    }
                }
            }
            (fam, None) => {
                if let Some(k) = stack
                    .iter()
                    .rposition(|o| o.fam == fam && o.heading.is_none())
                {
                    stack.truncate(k);
                } else if matches!(fam, Fam::Dec1(0))
                    && stack.iter().any(|o| {
                        o.fam == Fam::DecN
                            && o.parts
                                .as_ref()
                                .and_then(|p| p.first())
                                .is_some_and(|&f| f + 1 == m.value)
                    })
                {
                    // "3." after "2.3.7": the next top-level item, not a sub-item of 2.3.7.
                    while stack.last().is_some_and(|o| {
                        o.parts.is_some()
                            && o.heading.is_none()
                            && !matches!(o.fam, Fam::Keyword(_) | Fam::Appendix(_))
                    }) {
                        stack.pop();
                    }
                }
            }
        }
        let parent = stack.last();
        let number = compose(parent, &m, nested_appendix);
        let mut heading =
            clause_heading(&chars, start, body, &m, heading_level.is_some(), block.bold);
        if heading.is_none() && heading_level.is_none() && m.rest >= body.len() {
            heading = heading_below(&chars, plain.blocks.get(bi + 1));
        }
        let level = parent.map_or(0, |o| o.level + 1);
        let parent_idx = parent.map(|o| o.idx);
        // "Schedule 2 §2" is paragraph 2 of the schedule: its "2.1" and "2.2" are its own, not
        // the schedule's (whose number is 2 too).
        let in_appendix = parent.is_some_and(|o| matches!(o.fam, Fam::Appendix(_)));
        let idx = raws.len();
        let parts = match m.fam {
            Fam::Dec1(_) if in_appendix => decimal_parts(&number).or(m.parts.clone()),
            Fam::Dec1(_) => decimal_parts(&number),
            Fam::DecN => decimal_parts(&number).or(m.parts.clone()),
            _ => m.parts.clone(),
        };
        match m.fam {
            Fam::DecN | Fam::Dec1(_) | Fam::Keyword(_) if parts.is_some() => {
                last_dec = parts.clone();
                last_own = m
                    .parts
                    .as_ref()
                    .and_then(|p| p.first().copied())
                    .or(Some(m.value));
            }
            Fam::Appendix(_) => {
                last_dec = None;
                last_own = None;
            }
            _ => {}
        }
        raws.push(Raw {
            number: number.clone(),
            heading,
            level,
            kind: if heading_level.is_some() {
                BlockKind::Heading
            } else if matches!(block.hint, Hint::ListItem(_))
                || matches!(m.fam, Fam::Paren(_) | Fam::Dot(_))
            {
                BlockKind::ListItem
            } else {
                BlockKind::Paragraph
            },
            start,
            marker_end: start + m.end,
            parent: parent_idx,
            scan_inline: heading_level.is_none(),
            max_end: None,
        });
        if matches!(m.fam, Fam::Appendix(_)) {
            prev_appendix = Some(idx);
        }
        stack.push(Open {
            idx,
            fam: m.fam,
            value: m.value,
            parts,
            heading: heading_level,
            level,
            number,
            nests: false,
        });
    }
    assemble(&chars, raws)
}

/// Adds inline items, the preamble, parent indices and span ends.
fn assemble(chars: &[char], raws: Vec<Raw>) -> Vec<ClauseSpan> {
    let total = chars.len();
    let mut out: Vec<Raw> = Vec::with_capacity(raws.len() + 1);
    let first_start = raws.first().map_or(total, |r| r.start);
    let preamble = chars[..first_start].iter().any(|c| !c.is_whitespace());
    let mut map: Vec<usize> = Vec::with_capacity(raws.len());
    if preamble {
        let s = chars.iter().take_while(|c| c.is_whitespace()).count();
        out.push(Raw {
            number: String::new(),
            heading: None,
            level: 0,
            kind: BlockKind::Paragraph,
            start: s,
            marker_end: s,
            parent: None,
            scan_inline: false,
            max_end: None,
        });
    }
    let starts: Vec<usize> = raws.iter().map(|r| r.start).collect();
    for (i, mut r) in raws.into_iter().enumerate() {
        let new_idx = out.len();
        map.push(new_idx);
        r.parent = r.parent.and_then(|p| map.get(p).copied());
        let scan = r.scan_inline && !r.number.is_empty();
        let (number, level, marker_end) = (r.number.clone(), r.level, r.marker_end);
        out.push(r);
        if scan {
            let to = starts.get(i + 1).copied().unwrap_or(total).min(total);
            for (pos, printed) in inline_items(chars, marker_end.min(to), to) {
                out.push(Raw {
                    number: format!("{number}{printed}"),
                    heading: None,
                    level: level + 1,
                    kind: BlockKind::ListItem,
                    start: pos,
                    marker_end: pos,
                    parent: Some(new_idx),
                    scan_inline: false,
                    max_end: None,
                });
            }
        }
    }
    let starts: Vec<usize> = out.iter().map(|r| r.start).collect();
    let mut spans = Vec::with_capacity(out.len());
    for (i, r) in out.into_iter().enumerate() {
        let start = r.start;
        let mut end = starts
            .get(i + 1)
            .copied()
            .unwrap_or(total)
            .max(start)
            .min(total);
        if let Some(limit) = r.max_end {
            end = end.min(limit.max(start));
        }
        while end > start && chars[end - 1].is_whitespace() {
            end -= 1;
        }
        spans.push(ClauseSpan {
            number: r.number,
            heading: r.heading,
            level: r.level,
            kind: r.kind,
            start: to_u32(start),
            end: to_u32(end),
            parent: r.parent.map(to_u32),
        });
    }
    spans
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn pop_headings(stack: &mut Vec<Open>, h: u8) {
    while stack
        .last()
        .is_some_and(|o| o.heading.is_none_or(|l| l >= h))
    {
        stack.pop();
    }
}

/// Decides whether an ambiguous single letter ("i", "v", "x", "c") is a letter or a Roman numeral.
fn resolve_letters(m: &mut Marker, stack: &[Open]) {
    let Some(rv) = m.alt_roman else { return };
    let (letter_fam, roman_fam) = match m.fam {
        Fam::Paren(Kind::Lower) => (Fam::Paren(Kind::Lower), Fam::Paren(Kind::Roman)),
        Fam::Paren(Kind::Upper) => (Fam::Paren(Kind::Upper), Fam::Paren(Kind::UpperRoman)),
        Fam::Dot(Kind::Lower) => (Fam::Dot(Kind::Lower), Fam::Dot(Kind::Roman)),
        Fam::Dot(Kind::Upper) => (Fam::Dot(Kind::Upper), Fam::Dot(Kind::UpperRoman)),
        _ => return,
    };
    let letter_next = stack
        .iter()
        .any(|o| o.fam == letter_fam && o.value + 1 == m.value);
    let roman_next = stack
        .iter()
        .any(|o| o.fam == roman_fam && o.value + 1 == rv);
    if letter_next {
        return;
    }
    if roman_next || rv == 1 {
        m.fam = roman_fam;
        m.value = rv;
    }
}

/// Composes a clause number from its parent's and its own, as lawyers quote it.
fn compose(parent: Option<&Open>, m: &Marker, nested_appendix: bool) -> String {
    let own = m.label.clone();
    match m.fam {
        Fam::Appendix(_) => {
            return match parent {
                Some(p) if nested_appendix && !p.number.is_empty() => {
                    format!("{}, {own}", p.number)
                }
                _ => own,
            }
        }
        // ("**§7 User accounts.**" under "Schedule 3": "Schedule 3 §7", as "paragraph §7 of
        // Schedule 3" quotes it.)
        Fam::Keyword(_) if own.starts_with('§') => {
            return match parent {
                Some(p) if matches!(p.fam, Fam::Appendix(_)) && !p.number.is_empty() => {
                    format!("{} §{}", p.number, own.trim_start_matches('§').trim())
                }
                _ => own,
            }
        }
        Fam::Keyword(_)
        | Fam::ZhChapter
        | Fam::ZhSection
        | Fam::ZhArticle
        | Fam::DecN
        | Fam::Plain => return own,
        _ => {}
    }
    let bracketed = match m.fam {
        Fam::Dot(_) => format!("({own})"),
        Fam::Dec1(_) => format!("({own})"),
        _ => own.clone(),
    };
    let Some(p) = parent.filter(|p| !p.number.is_empty()) else {
        return own;
    };
    let pn = &p.number;
    if matches!(p.fam, Fam::Appendix(_)) {
        return match m.fam {
            Fam::Dec1(_) => format!("{pn} §{own}"),
            _ => format!("{pn}{bracketed}"),
        };
    }
    let last = pn.chars().last().unwrap_or(' ');
    if is_cjk(last) || last == '）' {
        return format!("{pn}{own}");
    }
    let decimal = pn.chars().all(|c| c.is_ascii_digit() || c == '.');
    match m.fam {
        Fam::Dec1(_) if decimal => format!("{pn}.{own}"),
        Fam::Dec1(_) => match (&p.fam, &p.parts) {
            (Fam::Keyword(_), Some(parts)) => {
                format!(
                    "{}.{own}",
                    parts
                        .iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join(".")
                )
            }
            _ => format!("{pn}{bracketed}"),
        },
        _ => format!("{pn}{bracketed}"),
    }
}

/// The heading of a clause: a heading block's text, a bold run-in heading ("**Fees.**"), or
/// the short title after 第X条 / Article N / Schedule N.
fn clause_heading(
    chars: &[char],
    start: usize,
    body: &[char],
    m: &Marker,
    is_heading: bool,
    bold: Option<(usize, usize)>,
) -> Option<String> {
    let clean = |s: String| {
        let t = s
            .trim()
            .trim_end_matches(['.', '。', ':', '：'])
            .trim()
            .to_string();
        (!t.is_empty()).then_some(t)
    };
    let rest = || body.get(m.rest..).unwrap_or(&[]).iter().collect::<String>();
    if is_heading {
        return clean(rest());
    }
    if let Some((bs, be)) = bold {
        let from = bs.max(start + m.rest);
        if bs <= start + m.rest + 1 && from < be && be <= chars.len() && be - from <= 80 {
            return clean(chars[from..be].iter().collect());
        }
    }
    let rest = rest();
    let n = rest.chars().count();
    if n == 0 || rest.contains(['。', '，', '；', ',', ';']) || rest.trim_end().ends_with('.') {
        return None;
    }
    if (rank(m.fam).is_some() || m.fam == Fam::ZhEnum) && n <= 40 {
        return clean(rest);
    }
    // "1. DEFINITIONS", "（一）物理安全": a short title line.
    let upper = rest.chars().filter(char::is_ascii_uppercase).count() >= 2
        && !rest.chars().any(|c| c.is_ascii_lowercase());
    let cjk_title = n <= 12 && rest.chars().all(|c| is_cjk(c) || c == ' ');
    if (upper && n <= 60) || cjk_title {
        return clean(rest);
    }
    None
}

/// A short all-caps line after a number that stands alone on its line ("11." / "INTERNATIONAL
/// DATA TRANSFERS" in text extracted from PDF) is that clause's heading.
fn heading_below(chars: &[char], next: Option<&super::Block>) -> Option<String> {
    let b = next?;
    if !matches!(b.hint, Hint::Paragraph) {
        return None;
    }
    let line: String = chars.get(b.start..b.end.min(chars.len()))?.iter().collect();
    let t = line.trim();
    let n = t.chars().count();
    let ok = (2..=80).contains(&n)
        && t.chars().filter(char::is_ascii_uppercase).count() >= 2
        && !t.chars().any(|c| c.is_ascii_lowercase())
        && parse_marker(&t.chars().collect::<Vec<_>>(), false).is_none();
    ok.then(|| t.to_string())
}

/// Inline enumerations "(a) …; (b) …" or "(i) … (ii) …" in `c[from..to]`: a run from the first
/// item, in sequence, with at least two items and some text between them.
fn inline_items(c: &[char], from: usize, to: usize) -> Vec<(usize, String)> {
    const MIN_GAP: usize = 8;
    let mut cands: Vec<(usize, Kind, u32, Option<u32>, usize)> = Vec::new();
    let mut i = from;
    while i < to {
        let ch = c[i];
        if (ch == '(' || ch == '（')
            && (i == 0
                || c[i - 1].is_whitespace()
                || matches!(c[i - 1], ':' | '：' | ';' | '；' | '，' | '、' | ',')
                || (ch == '（'
                    && is_cjk(c[i - 1])
                    && !matches!(c[i - 1], '条' | '款' | '项' | '章' | '节' | '第')))
        {
            if let Some((kind, v, alt, len)) = paren_item(&c[i..to]) {
                if good_follow(c.get(i + len).copied()) && i + len < to {
                    cands.push((i, kind, v, alt, len));
                    i += len;
                    continue;
                }
            }
        }
        i += 1;
    }
    for s in 0..cands.len() {
        let (pos, kind, v, alt, len) = cands[s];
        let (run_kind, start_ok) = match kind {
            Kind::Lower if alt == Some(1) => (Kind::Roman, true),
            Kind::Upper if alt == Some(1) => (Kind::UpperRoman, true),
            k => (k, v == 1),
        };
        if !start_ok {
            continue;
        }
        let mut run = vec![(pos, c[pos..pos + len].iter().collect::<String>())];
        let mut expect = 2;
        let mut last_end = pos + len;
        for &(p, k, val, a, l) in &cands[s + 1..] {
            let value = match (run_kind, k) {
                (Kind::Roman, Kind::Roman) | (Kind::UpperRoman, Kind::UpperRoman) => Some(val),
                (Kind::Roman, Kind::Lower) | (Kind::UpperRoman, Kind::Upper) => a,
                (x, y) if x == y => Some(val),
                _ => None,
            };
            if value == Some(expect) && p >= last_end + MIN_GAP {
                run.push((p, c[p..p + l].iter().collect()));
                expect += 1;
                last_end = p + l;
            }
        }
        if run.len() >= 2 {
            return run;
        }
    }
    Vec::new()
}

#[cfg(test)]
#[allow(clippy::panic)]
mod tests {
    use super::super::{read, BlockKind, Document};

    fn doc(text: &str) -> Document {
        match read("t.txt", text.as_bytes()) {
            Ok(d) => d,
            Err(e) => panic!("{e}"),
        }
    }

    fn md(text: &str) -> Document {
        match read("t.md", text.as_bytes()) {
            Ok(d) => d,
            Err(e) => panic!("{e}"),
        }
    }

    fn numbers(d: &Document) -> Vec<&str> {
        d.clauses
            .iter()
            .map(|c| c.number.as_str())
            .filter(|n| !n.is_empty())
            .collect()
    }

    #[test]
    fn rules_written_as_questions_number_each_question() {
        let d = md("## 附件三 平台数据处理规则\n\n**第1问**\n\n问：谁是个人信息处理者？\n\n答：您是个人信息处理者。\n\n**第2问**\n\n问：处理哪些个人信息？\n\n答：姓名和手机号码。\n");
        assert_eq!(numbers(&d), vec!["附件三", "第1问", "第2问"]);
    }

    #[test]
    fn a_bold_run_in_section_number_opens_a_long_paragraph() {
        let d = md("## ARTICLE 5 – SECURITY\n\n**Section 5.9 Facilities.** The Clusters are hosted in data centres operated by the Infrastructure Provider, which is responsible under its own terms for their physical security.\n\n**Section 5.10 Logs.** The parties share responsibility for collecting and reviewing the logs needed to detect and investigate breaches.\n\nSection 5.10 applies to all logs kept by either party under these Terms and to every copy of them.\n");
        assert_eq!(numbers(&d), ["Article 5", "Section 5.9", "Section 5.10"]);
        assert_eq!(d.clauses[1].heading.as_deref(), Some("Facilities"));
    }

    #[test]
    fn a_definition_in_ascii_quotes_after_a_chinese_item_number_is_its_own_item() {
        let d = md("## 第一条 定义\n\n（一）\"平台\"：指乙方运营的政务云资源池。\n\n（二）\"甲方数据\"：指甲方存储的全部数据，包括个人信息。\n");
        assert_eq!(numbers(&d), vec!["第一条", "第一条（一）", "第一条（二）"]);
    }

    fn text_of(d: &Document, number: &str) -> String {
        let c = d
            .clauses
            .iter()
            .find(|c| c.number == number)
            .unwrap_or_else(|| panic!("no {number} in {:?}", numbers(d)));
        d.text
            .chars()
            .skip(c.start as usize)
            .take((c.end - c.start) as usize)
            .collect()
    }

    #[test]
    fn chinese_articles_with_numbered_items() {
        let d = md("**第1条 服务内容**\n\n1. 我们提供存储服务。\n2. 我们提供技术支持。\n\n**第2条 费用**\n\n1. 您应支付费用。\n");
        assert_eq!(
            numbers(&d),
            ["第1条", "第1条1", "第1条2", "第2条", "第2条1"]
        );
        assert_eq!(d.clauses[0].heading.as_deref(), Some("服务内容"));
        assert_eq!(text_of(&d, "第1条2"), "2. 我们提供技术支持。");
        assert_eq!(d.clauses[1].parent, Some(0));
        assert_eq!(d.clauses[1].level, 1);
    }

    #[test]
    fn chinese_numerals_and_nesting() {
        let d = doc("第五条 数据安全\n（一）乙方应当加密存储。\n（二）乙方应当备份。\n第十二条 其他\n第3条 附则\n");
        assert_eq!(
            numbers(&d),
            [
                "第五条",
                "第五条（一）",
                "第五条（二）",
                "第十二条",
                "第3条"
            ]
        );
        let d = doc("三、安全责任\n（一）物理安全\n1. 乙方负责机房。\n2. 乙方负责供电。\n（二）网络安全\n四、其他\n");
        assert_eq!(
            numbers(&d),
            ["三", "三（一）", "三（一）1", "三（一）2", "三（二）", "四"]
        );
        assert_eq!(d.clauses[2].parent, Some(1));
        assert_eq!(d.clauses[2].level, 2);
        let d = doc("第一章 总则\n第一条 目的\n第二条 定义\n第二章 服务\n第三条 内容\n");
        assert_eq!(
            numbers(&d),
            ["第一章", "第一条", "第二条", "第二章", "第三条"]
        );
        assert_eq!(d.clauses[2].parent, Some(0));
        assert_eq!(d.clauses[4].parent, Some(3));
    }

    #[test]
    fn decimal_and_lettered_items() {
        let d = doc(
            "3. SERVICES\n3.3 Provider shall:\n(a) patch systems;\n(b) encrypt data.\n3.4 Other.\n",
        );
        assert_eq!(numbers(&d), ["3", "3.3", "3.3(a)", "3.3(b)", "3.4"]);
        assert_eq!(numbers(&doc("12.3(a) Special terms apply.\n")), ["12.3(a)"]);
        assert_eq!(d.clauses[2].parent, Some(1));
        let d = doc("1.1 Scope\n1.1.1 Detail one\n1.1.2 Detail two\n1.2 Next\n");
        assert_eq!(numbers(&d), ["1.1", "1.1.1", "1.1.2", "1.2"]);
        assert_eq!(d.clauses[2].parent, Some(0));
        assert_eq!(d.clauses[3].parent, None);
        let d =
            doc("7.1 The parties agree:\n(i) first;\n(ii) second;\n(iii) third.\n(A) Upper item\n");
        assert_eq!(numbers(&d)[..4], ["7.1", "7.1(i)", "7.1(ii)", "7.1(iii)"]);
        let d =
            doc("5. Terms\n(a) one\n(b) two\n(c) three\n(d) four\n(e) five\n(f) six\n(g) seven\n(h) eight\n(i) nine\n");
        assert_eq!(numbers(&d).last(), Some(&"5(i)"));
        let d = doc("1、甲方义务\n2、乙方义务\n（1）按时交付\n（2）保密\n");
        assert_eq!(numbers(&d), ["1", "2", "2（1）", "2（2）"]);
    }

    #[test]
    fn keywords_and_appendices() {
        let d = doc("Article 5 Definitions\n5.1 Terms.\nSection 7.3: Security\nClause 4 - Liability\nSCHEDULE 1\nANNEX I\nA. List of parties\nB. Description\nANNEX II - Measures\nExhibit B\nText.\nAppendix A: SLA\nText.\n附件一 服务清单\nText.\n附件1：价格表\n");
        assert_eq!(
            numbers(&d),
            [
                "Article 5",
                "5.1",
                "Section 7.3",
                "Clause 4",
                "Schedule 1",
                "Schedule 1, Annex I",
                "Schedule 1, Annex I(A)",
                "Schedule 1, Annex I(B)",
                "Schedule 1, Annex II",
                "Exhibit B",
                "Appendix A",
                "附件一",
                "附件1",
            ]
        );
        assert_eq!(
            d.clauses
                .iter()
                .find(|c| c.number == "附件一")
                .and_then(|c| c.heading.as_deref()),
            Some("服务清单")
        );
        let d = doc("Annex II\n3. Encryption at rest.\n");
        assert_eq!(numbers(&d), ["Annex II", "Annex II §3"]);
    }

    #[test]
    fn markdown_headings_and_tables() {
        let d = md("# Title\n\n## 5. SECURITY\n\nText.\n\n## Definitions\n\nWords.\n\n## Schedule 1 – Table\n\n| Row | Area |\n|---|---|\n| 1 | Physical |\n| 4 | Network |\n\n| Area | Who |\n|---|---|\n| Hosts | Provider |\n");
        assert_eq!(
            numbers(&d),
            [
                "5",
                "Schedule 1",
                "Schedule 1 row 1",
                "Schedule 1 row 4",
                "Schedule 1 row 1"
            ]
        );
        let sec = &d.clauses[1];
        assert_eq!(
            (sec.number.as_str(), sec.heading.as_deref(), sec.kind),
            ("5", Some("SECURITY"), BlockKind::Heading)
        );
        let defs = &d.clauses[2];
        assert_eq!(
            (defs.number.as_str(), defs.heading.as_deref()),
            ("", Some("Definitions"))
        );
        let row = d
            .clauses
            .iter()
            .find(|c| c.number == "Schedule 1 row 4")
            .map(|c| (c.kind, c.parent));
        assert_eq!(row, Some((BlockKind::TableRow, Some(3))));
        assert_eq!(text_of(&d, "Schedule 1 row 4"), "4 | Network");
        assert!(
            d.text.contains("Row | Area"),
            "header rows stay in the text"
        );
        assert_eq!(d.title.as_deref(), Some("Title"));
    }

    #[test]
    fn inline_enumerations() {
        let d = doc("2.1 Customer will not: (i) reverse engineer the Product; (ii) resell it; or (iii) copy it.\n2.2 If neither (a) nor (b) applies, see Section 8.1(a).\n");
        assert_eq!(numbers(&d), ["2.1", "2.1(i)", "2.1(ii)", "2.1(iii)", "2.2"]);
        assert_eq!(text_of(&d, "2.1(ii)"), "(ii) resell it; or");
        assert_eq!(text_of(&d, "2.1"), "2.1 Customer will not:");
        let d =
            doc("5.5 终止后果。本协议终止后：（一）客户停止使用服务；（二）服务方删除客户数据。\n");
        assert_eq!(numbers(&d), ["5.5", "5.5（一）", "5.5（二）"]);
        let d = doc(
            "4.1 乙方应当（一）加密存储甲方数据；（二）每日备份。\n4.2 依照第五条（一）及第六条（二）的约定处理。\n",
        );
        assert_eq!(numbers(&d), ["4.1", "4.1（一）", "4.1（二）", "4.2"]);
    }

    #[test]
    fn false_positives_are_not_clauses() {
        let d = doc("7. Fees\n7.1 Provider may charge up to\n1.5 times the fees for overages.\nSection 7.3 applies to all orders.\n2025.1.1 is the start date.\n99.9% availability is promised.\n第5条约定的责任不受影响，双方另行协商确定。\n");
        assert_eq!(numbers(&d), ["7", "7.1"]);
        let d = doc("甲方应当遵守第5条约定的义务。\n乙方按 1.5 倍收费。\n");
        assert!(numbers(&d).is_empty(), "{:?}", numbers(&d));
    }

    #[test]
    fn headings_of_numbered_lines() {
        let d = doc("1. DEFINITIONS\n1.1 Terms.\n11.\nINTERNATIONAL DATA TRANSFERS\n11.1 Text.\n三、安全责任\n（一）物理安全\n（二）乙方负责机房。\n");
        let heads: Vec<(&str, Option<&str>)> = d
            .clauses
            .iter()
            .map(|c| (c.number.as_str(), c.heading.as_deref()))
            .collect();
        assert_eq!(
            heads,
            [
                ("1", Some("DEFINITIONS")),
                ("1.1", None),
                ("11", Some("INTERNATIONAL DATA TRANSFERS")),
                ("11.1", None),
                ("三", Some("安全责任")),
                ("三（一）", Some("物理安全")),
                ("三（二）", None),
            ]
        );
    }

    #[test]
    fn spans_cover_own_text_only() {
        let d = doc("Preamble text.\n1. First\n(a) sub\n2. Second\n");
        assert_eq!(d.clauses[0].number, "");
        assert_eq!(text_of(&d, "1"), "1. First");
        assert_eq!(text_of(&d, "1(a)"), "(a) sub");
        assert_eq!(text_of(&d, "2"), "2. Second");
        for w in d.clauses.windows(2) {
            assert!(w[0].end <= w[1].start);
        }
    }

    #[test]
    fn chinese_numeral_rendering() {
        assert_eq!(super::super::numbering::zh_numeral(1), "一");
        assert_eq!(super::super::numbering::zh_numeral(10), "十");
        assert_eq!(super::super::numbering::zh_numeral(12), "十二");
        assert_eq!(super::super::numbering::zh_numeral(20), "二十");
        assert_eq!(super::super::numbering::zh_numeral(105), "一百零五");
        assert_eq!(
            super::super::markers::parse_zh(&"十二条".chars().collect::<Vec<_>>()),
            Some((12, 2))
        );
        assert_eq!(
            super::super::markers::parse_zh(&"一百零五".chars().collect::<Vec<_>>()),
            Some((105, 4))
        );
    }

    #[test]
    fn a_schedules_numbered_paragraphs_keep_their_sub_clauses() {
        let d = md("# T\n\n## SCHEDULE 2 – SECURITY\n\n1. **Scope**\n\n1.1 Scope text.\n\n2. **Allocation**\n\n2.1 Each party shall act.\n\n\
            2.2 In the table:\n\n(a) lead;\n\n(d) both.\n\n3. **Information security**\n\n3.1 The Supplier shall keep logs.\n\n\
            8. **Exclusions**\n\n8.1 The Supplier is not responsible for:\n\n(a) the Buyer's premises;\n");
        let n = numbers(&d);
        assert!(n.contains(&"Schedule 2 §3"), "{n:?}");
        assert!(n.contains(&"8.1(a)"), "{n:?}");
        assert!(!n.iter().any(|x| x.contains("(d)(3)")), "{n:?}");
    }

    #[test]
    fn a_parts_numbered_sections_keep_their_printed_numbers() {
        // "# PART 2" and "## 6." compose to 2.6, but the paragraphs go on from 6 as printed.
        let d = md("# PART 2 – ONLINE TERMS\n\n## 6. Shared Responsibility\n\n6.1 **Security of the Service.** Lattice shall:\n\n(a) patch the operating systems;\n\n6.2 **Security in the Service.** Customer is responsible for:\n\n(b) its database users;\n\n## 7. Snapshots\n\n7.1 Lattice shall take snapshots.\n\nThe fee is 1.5 times the list price.\n");
        let n = numbers(&d);
        for want in ["6.1", "6.1(a)", "6.2", "6.2(b)", "7.1"] {
            assert!(n.contains(&want), "{want} in {n:?}");
        }
        assert!(!n.contains(&"1.5"), "{n:?}");
    }

    #[test]
    fn section_headings_under_a_schedule_take_its_name() {
        let d = md("# T\n\n## Schedule 3 — Security Measures\n\n### § 7 User accounts\n\nAccounts shall be individual.\n\n### § 8 Personnel access\n\nNo standing access.\n");
        let n = numbers(&d);
        for want in ["Schedule 3 §7", "Schedule 3 §8"] {
            assert!(n.contains(&want), "{want} in {n:?}");
        }
    }

    #[test]
    fn section_marks_with_a_run_in_title_under_a_schedule_take_its_name() {
        let d = md("# T\n\n## Schedule 3 — Security Measures\n\n**§1 Hosting.** The Service is hosted in London.\n\n**§7 User accounts.** The following obligations apply:\n\n(a) accounts shall be individual.\n\n**§8 Personnel access.** Support engineers have no standing access.\n");
        let n = numbers(&d);
        for want in [
            "Schedule 3 §1",
            "Schedule 3 §7",
            "Schedule 3 §7(a)",
            "Schedule 3 §8",
        ] {
            assert!(n.contains(&want), "{want} in {n:?}");
        }
    }
}
