//! DOCX export with docx-rs: headings as Word heading styles, clauses with their printed
//! numbers, lists, tables, bold/italic/underline; comments as real Word comments anchored to
//! the ranges their marks cover (replies as threaded replies); tracked changes (`w:ins`/`w:del`
//! with author and date) for blocks given a redline and for the editor's own tracked
//! `insertion` / `deletion` marks; optionally an appendix with the
//! responsibility matrix and the findings. Comment ids are numbered 1.. and unique.

use std::collections::{BTreeMap, HashMap, HashSet};

use docx_rs::{
    Comment, Delete, Docx, Insert, Paragraph, Run, RunFonts, Style, StyleType, Table, TableCell,
    TableRow,
};

use super::findings::{comment_text, findings};
use super::labels;
use super::Change;
use crate::analysis::Report;
use crate::comments::DraftComment;
use crate::draft::numbers::Counter;
use crate::draft::{Block, DraftDoc, Inline, Mark, TableCell as DraftCell};
use crate::error::{Error, Result};
use crate::model::Lang;

/// What to write.
pub struct DocxInput<'a> {
    pub doc: &'a DraftDoc,
    pub lang: Lang,
    /// The comments of the draft; those whose marks are in `doc` are anchored there.
    pub comments: &'a [DraftComment],
    /// Redlines by text-block path (see `render::Segment::path`), shown as tracked changes.
    pub tracked: &'a HashMap<Vec<u32>, Vec<Change>>,
    /// Author and ISO date of the tracked changes.
    pub author: &'a str,
    pub date: &'a str,
    /// Adds an appendix with the matrix and the findings.
    pub appendix: Option<&'a Report>,
}

/// Builds the DOCX bytes.
pub fn write(input: &DocxInput<'_>) -> Result<Vec<u8>> {
    let mut w = Writer::new(input);
    let mut docx = styled(Docx::new(), input.lang);
    let mut counter = Counter::default();
    for (i, block) in input.doc.content.iter().enumerate() {
        let path = vec![u32::try_from(i).unwrap_or(u32::MAX)];
        match block {
            Block::Heading { attrs, content } => {
                let style = format!("Heading{}", attrs.level.clamp(1, 3));
                docx = docx.add_paragraph(w.paragraph(&path, "", content).style(&style));
            }
            Block::Paragraph { content } => {
                docx = docx.add_paragraph(w.paragraph(&path, "", content))
            }
            Block::Clause { attrs, content } => {
                let auto = counter.next(attrs.level, input.lang);
                let number = attrs.number.clone().unwrap_or(auto);
                let mut p = w.paragraph(&path, &format!("{number} "), content);
                let indent = i32::from(attrs.level.saturating_sub(1)) * 420;
                if attrs.level == 1 {
                    p = p.style("Heading2");
                } else {
                    p = p.indent(Some(indent), None, None, None);
                }
                docx = docx.add_paragraph(p);
            }
            Block::BulletList { content } | Block::OrderedList { content, .. } => {
                let start = match block {
                    Block::OrderedList { attrs, .. } => Some(attrs.order),
                    _ => None,
                };
                for (j, item) in content.iter().enumerate() {
                    let bullet =
                        start.map_or("• ".to_string(), |s| format!("{}. ", s as usize + j));
                    for (k, b) in item.content.iter().enumerate() {
                        if let Some(inl) = b.inlines() {
                            let p = w.paragraph(
                                &[path[0], idx(j), idx(k)],
                                if k == 0 { &bullet } else { "" },
                                inl,
                            );
                            docx = docx.add_paragraph(p.indent(Some(420), None, None, None));
                        }
                    }
                }
            }
            Block::Table { content } => {
                let rows = content
                    .iter()
                    .enumerate()
                    .map(|(r, row)| {
                        TableRow::new(
                            row.content
                                .iter()
                                .enumerate()
                                .map(|(c, cell)| {
                                    let header = matches!(cell, DraftCell::TableHeader { .. });
                                    let mut tc = TableCell::new();
                                    for (k, b) in cell.blocks().iter().enumerate() {
                                        if let Some(inl) = b.inlines() {
                                            let mut p = w.paragraph(
                                                &[path[0], idx(r), idx(c), idx(k)],
                                                "",
                                                inl,
                                            );
                                            if header {
                                                p = p.bold();
                                            }
                                            tc = tc.add_paragraph(p);
                                        }
                                    }
                                    tc
                                })
                                .collect(),
                        )
                    })
                    .collect();
                docx = docx.add_table(Table::new(rows));
            }
        }
    }
    for p in w.finish() {
        docx = docx.add_paragraph(p);
    }
    if let Some(report) = input.appendix {
        docx = appendix(docx, report, input.lang);
    }
    let mut out = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut out).map_err(|e| Error::Io {
        path: "(DOCX export)".into(),
        reason: e.to_string(),
    })?;
    Ok(out.into_inner())
}

fn idx(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

fn styled(docx: Docx, lang: Lang) -> Docx {
    let fonts = RunFonts::new()
        .ascii("Calibri")
        .hi_ansi("Calibri")
        .east_asia("SimSun");
    let mut d = docx
        .default_fonts(fonts)
        .default_size(if lang == Lang::Zh { 21 } else { 22 });
    for (level, size) in [(1usize, 32usize), (2, 26), (3, 24)] {
        d = d.add_style(
            Style::new(format!("Heading{level}"), StyleType::Paragraph)
                .name(format!("Heading {level}"))
                .size(size)
                .bold(),
        );
    }
    d
}

/// Turns text blocks into paragraphs, opening and closing comment ranges as marks come and go.
struct Writer<'a> {
    input: &'a DocxInput<'a>,
    /// Draft comment id → Word comment id.
    ids: BTreeMap<String, usize>,
    /// Comments whose range is open, and whose last marked run has not been written yet.
    remaining: HashMap<String, usize>,
    open: HashSet<String>,
    replies: HashMap<String, Vec<&'a DraftComment>>,
}

impl<'a> Writer<'a> {
    fn new(input: &'a DocxInput<'a>) -> Writer<'a> {
        // Count marked runs per comment, to know where each range ends.
        let mut remaining: HashMap<String, usize> = HashMap::new();
        visit_inlines(input.doc, &mut |inl| {
            if let Inline::Text { marks, .. } = inl {
                for m in marks {
                    if let Mark::Comment { attrs } = m {
                        *remaining.entry(attrs.id.clone()).or_default() += 1;
                    }
                }
            }
        });
        let known: HashSet<&str> = input.comments.iter().map(|c| c.id.as_str()).collect();
        remaining.retain(|id, _| known.contains(id.as_str()));
        let mut ids = BTreeMap::new();
        let mut next = 1usize;
        for c in input.comments {
            if c.parent.is_none() && remaining.contains_key(&c.id) {
                ids.insert(c.id.clone(), next);
                next += 1;
            }
        }
        let mut replies: HashMap<String, Vec<&DraftComment>> = HashMap::new();
        for c in input.comments {
            if let Some(p) = &c.parent {
                if ids.contains_key(p) {
                    ids.insert(c.id.clone(), next);
                    next += 1;
                    replies.entry(p.clone()).or_default().push(c);
                }
            }
        }
        Writer {
            input,
            ids,
            remaining,
            open: HashSet::new(),
            replies,
        }
    }

    fn comment(&self, c: &DraftComment) -> Comment {
        let body = if c.resolved {
            match self.input.lang {
                Lang::Zh => format!("（已解决）{}", c.body),
                Lang::En => format!("(Resolved) {}", c.body),
            }
        } else {
            c.body.clone()
        };
        let mut comment = Comment::new(self.ids.get(&c.id).copied().unwrap_or(0))
            .author(c.author.clone())
            .date(c.created_at.clone());
        for line in body.lines() {
            comment = comment.add_paragraph(Paragraph::new().add_run(Run::new().add_text(line)));
        }
        if let Some(p) = c.parent.as_ref().and_then(|p| self.ids.get(p)) {
            comment = comment.parent_comment_id(*p);
        }
        comment
    }

    fn paragraph(&mut self, path: &[u32], prefix: &str, content: &[Inline]) -> Paragraph {
        let mut p = Paragraph::new();
        if !prefix.is_empty() {
            p = p.add_run(Run::new().add_text(prefix));
        }
        if let Some(changes) = self.input.tracked.get(path) {
            // A redlined block: its comment ranges wrap the whole paragraph.
            let ids: Vec<String> = comment_ids(content)
                .into_iter()
                .filter(|id| self.ids.contains_key(id))
                .collect();
            for id in &ids {
                p = self.start(p, id);
            }
            for ch in changes {
                p = match ch {
                    Change::Equal(t) => p.add_run(Run::new().add_text(t)),
                    Change::Insert(t) => p.add_insert(
                        Insert::new(Run::new().add_text(t))
                            .author(self.input.author)
                            .date(self.input.date),
                    ),
                    Change::Delete(t) => p.add_delete(
                        Delete::new()
                            .add_run(Run::new().add_delete_text(t))
                            .author(self.input.author)
                            .date(self.input.date),
                    ),
                };
            }
            for id in &ids {
                p = self.end_all_runs(p, id, content);
            }
            return p;
        }
        for inl in content {
            match inl {
                Inline::HardBreak => {
                    p = p.add_run(Run::new().add_break(docx_rs::BreakType::TextWrapping))
                }
                Inline::Text { text, marks } => {
                    let ids: Vec<String> = marks
                        .iter()
                        .filter_map(|m| match m {
                            Mark::Comment { attrs } if self.ids.contains_key(&attrs.id) => {
                                Some(attrs.id.clone())
                            }
                            _ => None,
                        })
                        .collect();
                    for id in &ids {
                        if !self.open.contains(id) {
                            p = self.start(p, id);
                        }
                    }
                    // Tracked changes of the editor (adopted model wording) stay tracked in Word.
                    let tracked = marks.iter().find_map(|m| match m {
                        Mark::Insertion { attrs } => Some((true, attrs)),
                        Mark::Deletion { attrs } => Some((false, attrs)),
                        _ => None,
                    });
                    let mut run = match tracked {
                        Some((false, _)) => Run::new().add_delete_text(text.as_str()),
                        _ => Run::new().add_text(text.as_str()),
                    };
                    for m in marks {
                        run = match m {
                            Mark::Bold => run.bold(),
                            Mark::Italic => run.italic(),
                            Mark::Underline => run.underline("single"),
                            Mark::Comment { .. }
                            | Mark::Insertion { .. }
                            | Mark::Deletion { .. } => run,
                        };
                    }
                    p = match tracked {
                        Some((true, a)) => p.add_insert(
                            Insert::new(run)
                                .author(a.author.as_str())
                                .date(a.date.as_str()),
                        ),
                        Some((false, a)) => p.add_delete(
                            Delete::new()
                                .add_run(run)
                                .author(a.author.as_str())
                                .date(a.date.as_str()),
                        ),
                        None => p.add_run(run),
                    };
                    for id in &ids {
                        p = self.count_down(p, id);
                    }
                }
            }
        }
        p
    }

    fn start(&mut self, mut p: Paragraph, id: &str) -> Paragraph {
        self.open.insert(id.to_string());
        if let Some(c) = self.input.comments.iter().find(|c| c.id == id) {
            p = p.add_comment_start(self.comment(c));
            let replies = self.replies.get(id).cloned().unwrap_or_default();
            for r in replies {
                p = p.add_comment_start(self.comment(r));
            }
        }
        p
    }

    fn count_down(&mut self, mut p: Paragraph, id: &str) -> Paragraph {
        let left = self.remaining.get_mut(id).map(|n| {
            *n = n.saturating_sub(1);
            *n
        });
        if left == Some(0) {
            p = self.end(p, id);
        }
        p
    }

    fn end_all_runs(&mut self, mut p: Paragraph, id: &str, content: &[Inline]) -> Paragraph {
        let runs = content
            .iter()
            .filter(|i| matches!(i, Inline::Text { marks, .. } if marks.iter().any(|m| matches!(m, Mark::Comment { attrs } if attrs.id == id))))
            .count();
        for _ in 0..runs {
            p = self.count_down(p, id);
        }
        p
    }

    fn end(&mut self, mut p: Paragraph, id: &str) -> Paragraph {
        self.open.remove(id);
        self.remaining.remove(id);
        if let Some(n) = self.ids.get(id) {
            p = p.add_comment_end(*n);
        }
        for r in self.replies.get(id).cloned().unwrap_or_default() {
            if let Some(n) = self.ids.get(&r.id) {
                p = p.add_comment_end(*n);
            }
        }
        p
    }

    /// Ranges left open (should not happen) are closed in an empty paragraph at the end.
    fn finish(&mut self) -> Vec<Paragraph> {
        let open: Vec<String> = self.open.iter().cloned().collect();
        if open.is_empty() {
            return Vec::new();
        }
        let mut p = Paragraph::new();
        for id in open {
            p = self.end(p, &id);
        }
        vec![p]
    }
}

fn comment_ids(content: &[Inline]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in content {
        if let Inline::Text { marks, .. } = i {
            for m in marks {
                if let Mark::Comment { attrs } = m {
                    if !out.contains(&attrs.id) {
                        out.push(attrs.id.clone());
                    }
                }
            }
        }
    }
    out
}

/// Calls `f` on every inline node of the document, in order.
pub fn visit_inlines(doc: &DraftDoc, f: &mut impl FnMut(&Inline)) {
    fn block(b: &Block, f: &mut impl FnMut(&Inline)) {
        match b {
            Block::Heading { content, .. }
            | Block::Paragraph { content }
            | Block::Clause { content, .. } => content.iter().for_each(&mut *f),
            Block::BulletList { content } | Block::OrderedList { content, .. } => content
                .iter()
                .flat_map(|i| &i.content)
                .for_each(|b| block(b, f)),
            Block::Table { content } => content
                .iter()
                .flat_map(|r| &r.content)
                .flat_map(|c| c.blocks())
                .for_each(|b| block(b, f)),
        }
    }
    doc.content.iter().for_each(|b| block(b, f));
}

fn appendix(mut docx: Docx, report: &Report, lang: Lang) -> Docx {
    let zh = lang == Lang::Zh;
    docx = docx.add_paragraph(
        Paragraph::new()
            .add_run(Run::new().add_break(docx_rs::BreakType::Page))
            .add_run(Run::new().add_text(if zh {
                "附录：安全责任矩阵与审查意见"
            } else {
                "Appendix: responsibility matrix and findings"
            }))
            .style("Heading1"),
    );
    let head = |t: &str| {
        TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(t).bold()))
    };
    let cell =
        |t: &str| TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(t)));
    let mut rows = vec![TableRow::new(vec![
        head(if zh { "安全层" } else { "Layer" }),
        head(if zh { "模型默认" } else { "Model default" }),
        head(if zh { "合同约定" } else { "Contract" }),
        head(if zh { "问题" } else { "Gap" }),
        head(if zh { "依据条款" } else { "Clauses" }),
    ])];
    for r in &report.security {
        let found = labels::found(r.allocation, lang);
        let expected = labels::expected(r.expected, lang);
        let gap = r.gap.map(|g| labels::gap(g, lang)).unwrap_or_default();
        let clauses: Vec<&str> = r.evidence.iter().map(|e| e.clause.as_str()).collect();
        let mut c = cell(gap);
        if r.gap.is_some() {
            c = c.shading(docx_rs::Shading::new().fill("F8D7DA"));
        }
        rows.push(TableRow::new(vec![
            cell(r.name.get(lang)),
            cell(expected),
            cell(found),
            c,
            cell(&clauses.join(", ")),
        ]));
    }
    docx = docx.add_table(Table::new(rows));
    docx = docx.add_paragraph(
        Paragraph::new()
            .add_run(Run::new().add_text(if zh { "审查意见" } else { "Findings" }))
            .style("Heading2"),
    );
    for f in findings(report) {
        docx = docx
            .add_paragraph(Paragraph::new().add_run(Run::new().add_text(comment_text(&f, lang))));
        for e in f.evidence.iter().take(2) {
            docx = docx.add_paragraph(
                Paragraph::new()
                    .indent(Some(420), None, None, None)
                    .add_run(
                        Run::new()
                            .add_text(format!("{} “{}”", e.clause, e.quote))
                            .italic(),
                    ),
            );
        }
    }
    docx
}

#[cfg(test)]
mod tracked_mark_tests {
    use std::io::Read;

    use super::*;
    use crate::draft::{ClauseAttrs, TrackAttrs};

    #[test]
    fn editor_tracked_changes_are_word_tracked_changes() {
        let by = TrackAttrs {
            author: "王律师".into(),
            date: "2026-11-28T10:00:00Z".into(),
        };
        let doc = DraftDoc::new(vec![Block::Clause {
            attrs: ClauseAttrs {
                level: 1,
                number: None,
            },
            content: vec![
                Inline::text("甲方应当在"),
                Inline::marked("60", vec![Mark::Deletion { attrs: by.clone() }]),
                Inline::marked("30", vec![Mark::Insertion { attrs: by }]),
                Inline::text("日内删除数据。"),
            ],
        }]);
        let bytes = write(&DocxInput {
            doc: &doc,
            lang: Lang::Zh,
            comments: &[],
            tracked: &HashMap::new(),
            author: "",
            date: "",
            appendix: None,
        })
        .unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        assert!(xml.contains("<w:ins "), "{xml}");
        assert!(xml.contains("<w:del "), "{xml}");
        assert!(xml.contains("王律师"));
        assert!(xml.contains(">60</w:delText>"), "{xml}");
    }
}
