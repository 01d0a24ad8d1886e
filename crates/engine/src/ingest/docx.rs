//! DOCX: the zip container is opened defensively (entry count, declared and actual
//! decompressed size read through `Read::take`, compression ratio), then `word/document.xml`
//! is streamed with quick-xml (no recursion, so deep nesting is harmless). Paragraphs come out in
//! reading order, one line each; automatic list numbers from `word/numbering.xml` are rendered
//! in front of the paragraph text ("1.", "1.1", "(a)", "第一条"); heading levels come from
//! paragraph styles (`word/styles.xml`: "heading 1", "标题 1", outline levels); each table row
//! becomes one line with its cells joined by " | " (nested tables flattened into their cell).

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::numbering::{parse_numbering, Counters, Numbering};
use super::{too_large, Builder, Hint, Plain, MAX_INPUT_BYTES};
use crate::error::{Error, Result};

/// More entries than this is not a Word document but an attack or an archive.
const MAX_ENTRIES: usize = 10_000;
/// Larger expansion ratios (for entries above 10 MB) are refused as zip bombs; real Word XML
/// compresses about 10–50-fold.
const MAX_RATIO: u64 = 500;

fn invalid(name: &str, reason: impl Into<String>) -> Error {
    Error::InvalidDocument {
        name: name.to_string(),
        reason: reason.into(),
    }
}

pub(crate) fn read(name: &str, bytes: &[u8]) -> Result<Plain> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        invalid(
            name,
            format!("not a valid DOCX: the zip container is damaged ({e}); open it in Word and save it again"),
        )
    })?;
    if zip.len() > MAX_ENTRIES {
        return Err(invalid(
            name,
            format!(
                "not a valid DOCX: it holds {} entries (at most {MAX_ENTRIES}); save the contract again from Word",
                zip.len()
            ),
        ));
    }
    let mut budget = MAX_INPUT_BYTES;
    let document =
        read_entry(&mut zip, name, "word/document.xml", &mut budget)?.ok_or_else(|| {
            invalid(
            name,
            "not a valid DOCX: word/document.xml is missing; open it in Word and save it as .docx",
        )
        })?;
    let styles = match read_entry(&mut zip, name, "word/styles.xml", &mut budget)? {
        Some(xml) => parse_styles(&xml),
        None => HashMap::new(),
    };
    let numbering = match read_entry(&mut zip, name, "word/numbering.xml", &mut budget)? {
        Some(xml) => parse_numbering(&xml),
        None => Numbering::default(),
    };
    parse_document(name, &document, &styles, &numbering)
}

/// Reads one entry as UTF-8, within the remaining decompression budget. `None` if absent.
fn read_entry<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
    path: &str,
    budget: &mut usize,
) -> Result<Option<String>> {
    let mut file = match zip.by_name(path) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(invalid(
                name,
                format!("not a valid DOCX: cannot open {path} ({e}); save it again from Word"),
            ))
        }
    };
    let declared = file.size();
    if declared > *budget as u64 {
        return Err(too_large(
            name,
            usize::try_from(declared).unwrap_or(usize::MAX),
        ));
    }
    let compressed = file.compressed_size().max(1);
    if declared > 10 * 1024 * 1024 && declared / compressed > MAX_RATIO {
        return Err(invalid(
            name,
            format!(
                "not a valid DOCX: {path} expands {}-fold, which only zip bombs do; it was not unpacked",
                declared / compressed
            ),
        ));
    }
    let mut buf = Vec::new();
    (&mut file)
        .take(*budget as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| {
            invalid(
                name,
                format!(
                    "not a valid DOCX: {path} cannot be unpacked ({e}); save it again from Word"
                ),
            )
        })?;
    if buf.len() > *budget {
        return Err(too_large(name, MAX_INPUT_BYTES + 1));
    }
    *budget -= buf.len();
    let buf = buf
        .strip_prefix(b"\xEF\xBB\xBF")
        .map(<[u8]>::to_vec)
        .unwrap_or(buf);
    String::from_utf8(buf).map(Some).map_err(|_| {
        invalid(
            name,
            format!("not a valid DOCX: {path} is not UTF-8 XML; save it again from Word"),
        )
    })
}

pub(crate) fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

pub(crate) fn local(e: &BytesStart<'_>) -> String {
    e.local_name().as_ref().to_string()
}

/// A paragraph style: heading level and list numbering it carries.
#[derive(Debug, Default, Clone)]
struct Style {
    heading: Option<u8>,
    num: Option<String>,
    ilvl: Option<u32>,
    based_on: Option<String>,
}

fn heading_from_name(name: &str) -> Option<u8> {
    let n = name.trim().to_lowercase();
    if n == "title" || n == "标题" {
        return Some(1);
    }
    for prefix in ["heading", "标题"] {
        if let Some(rest) = n.strip_prefix(prefix) {
            if let Ok(l) = rest.trim().parse::<u8>() {
                return (1..=9).contains(&l).then_some(l.min(6));
            }
        }
    }
    None
}

fn parse_styles(xml: &str) -> HashMap<String, Style> {
    let mut styles = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<(String, Style)> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let name = local(&e);
                match name.as_str() {
                    "style" => {
                        if let Some((id, s)) = current.take() {
                            styles.insert(id, s);
                        }
                        if let Some(id) = attr(&e, "styleId") {
                            let heading = heading_from_name(&id);
                            current = Some((
                                id,
                                Style {
                                    heading,
                                    ..Style::default()
                                },
                            ));
                        }
                    }
                    "name" => {
                        if let (Some((_, s)), Some(v)) = (current.as_mut(), attr(&e, "val")) {
                            if let Some(h) = heading_from_name(&v) {
                                s.heading = Some(h);
                            }
                        }
                    }
                    "basedOn" => {
                        if let Some((_, s)) = current.as_mut() {
                            s.based_on = attr(&e, "val");
                        }
                    }
                    "outlineLvl" => {
                        if let (Some((_, s)), Some(v)) = (
                            current.as_mut(),
                            attr(&e, "val").and_then(|v| v.parse::<u8>().ok()),
                        ) {
                            if v < 9 && s.heading.is_none() {
                                s.heading = Some((v + 1).min(6));
                            }
                        }
                    }
                    "numId" => {
                        if let Some((_, s)) = current.as_mut() {
                            s.num = attr(&e, "val");
                        }
                    }
                    "ilvl" => {
                        if let Some((_, s)) = current.as_mut() {
                            s.ilvl = attr(&e, "val").and_then(|v| v.parse().ok());
                        }
                    }
                    _ => {}
                }
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == "style" => {
                if let Some((id, s)) = current.take() {
                    styles.insert(id, s);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    styles
}

/// Resolves a style's heading level and numbering through `basedOn` (bounded, cycles ignored).
fn style_info(styles: &HashMap<String, Style>, id: &str) -> Style {
    let mut out = Style::default();
    let mut cur = Some(id.to_string());
    for _ in 0..10 {
        let Some(s) = cur.as_ref().and_then(|c| styles.get(c)) else {
            break;
        };
        if out.heading.is_none() {
            out.heading = s.heading;
        }
        if out.num.is_none() {
            out.num = s.num.clone();
            if out.ilvl.is_none() {
                out.ilvl = s.ilvl;
            }
        }
        cur = s.based_on.clone();
    }
    out
}

/// The paragraph being read.
#[derive(Default)]
struct Para {
    text: String,
    style: Option<String>,
    num_id: Option<String>,
    ilvl: Option<u32>,
    outline: Option<u8>,
    all_bold: bool,
    has_text: bool,
}

/// A table row being read: cells and whether Word marks it as a header row.
#[derive(Default)]
struct Row {
    cells: Vec<String>,
    header: bool,
    bold: bool,
}

fn parse_document(
    name: &str,
    xml: &str,
    styles: &HashMap<String, Style>,
    numbering: &Numbering,
) -> Result<Plain> {
    let mut reader = Reader::from_str(xml);
    let mut b = Builder::default();
    let mut counters = Counters::default();
    let mut para: Option<Para> = None;
    let mut in_t = false;
    let mut in_ppr = false;
    let mut in_rpr = false;
    let mut run_bold = false;
    let mut skip = 0usize; // depth inside skipped content (text boxes, fallbacks, deleted text)
    let mut tbl_depth = 0usize;
    let mut rows: Vec<Row> = Vec::new();
    let mut row = Row::default();
    let mut cell = String::new();
    let mut open = 0usize; // elements open, to refuse a truncated document
    loop {
        let event = reader.read_event().map_err(|e| {
            invalid(
                name,
                format!("not a valid DOCX: word/document.xml is not well-formed XML ({e}); save it again from Word"),
            )
        })?;
        match event {
            Event::Start(e) => {
                open += 1;
                let n = local(&e);
                if skip > 0 {
                    skip += 1;
                    continue;
                }
                match n.as_str() {
                    "txbxContent" | "Fallback" | "del" | "moveFrom" | "instrText" | "delText" => {
                        skip = 1
                    }
                    _ => on_open(
                        &n,
                        &e,
                        false,
                        &mut para,
                        &mut in_t,
                        &mut in_ppr,
                        &mut in_rpr,
                        &mut run_bold,
                        &mut tbl_depth,
                        &mut row,
                        &mut cell,
                        &mut rows,
                    ),
                }
            }
            Event::Empty(e) => {
                if skip > 0 {
                    continue;
                }
                let n = local(&e);
                on_open(
                    &n,
                    &e,
                    true,
                    &mut para,
                    &mut in_t,
                    &mut in_ppr,
                    &mut in_rpr,
                    &mut run_bold,
                    &mut tbl_depth,
                    &mut row,
                    &mut cell,
                    &mut rows,
                );
            }
            Event::Text(t) if skip == 0 && in_t => {
                if let Some(p) = para.as_mut() {
                    let s = t.xml10_content();
                    if !s.trim().is_empty() {
                        p.has_text = true;
                        if !run_bold {
                            p.all_bold = false;
                        }
                    }
                    p.text.push_str(&s);
                }
            }
            Event::CData(t) if skip == 0 && in_t => {
                if let Some(p) = para.as_mut() {
                    p.text.push_str(&t.into_inner());
                }
            }
            Event::GeneralRef(r) if skip == 0 && in_t => {
                if let Some(p) = para.as_mut() {
                    let ch = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c),
                        _ => match r.xml10_content().as_ref() {
                            "amp" => Some('&'),
                            "lt" => Some('<'),
                            "gt" => Some('>'),
                            "quot" => Some('"'),
                            "apos" => Some('\''),
                            _ => None,
                        },
                    };
                    if let Some(c) = ch {
                        p.text.push(c);
                    }
                }
            }
            Event::End(e) => {
                open = open.saturating_sub(1);
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match e.local_name().as_ref() {
                    "t" => in_t = false,
                    "pPr" => in_ppr = false,
                    "rPr" => in_rpr = false,
                    "p" => {
                        if let Some(p) = para.take() {
                            finish_paragraph(
                                p,
                                styles,
                                numbering,
                                &mut counters,
                                tbl_depth,
                                &mut b,
                                &mut row,
                                &mut cell,
                            );
                        }
                    }
                    "tc" if tbl_depth == 1 => {
                        row.cells.push(std::mem::take(&mut cell).trim().to_string())
                    }
                    "tr" if tbl_depth == 1 => rows.push(std::mem::take(&mut row)),
                    "tbl" => {
                        tbl_depth = tbl_depth.saturating_sub(1);
                        if tbl_depth == 0 {
                            emit_table(std::mem::take(&mut rows), &mut b);
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if open > 0 {
        return Err(invalid(name, "not a valid DOCX: word/document.xml ends before its elements are closed (truncated); save it again from Word"));
    }
    Ok(b.finish())
}

#[allow(clippy::too_many_arguments)]
fn on_open(
    n: &str,
    e: &BytesStart<'_>,
    empty: bool,
    para: &mut Option<Para>,
    in_t: &mut bool,
    in_ppr: &mut bool,
    in_rpr: &mut bool,
    run_bold: &mut bool,
    tbl_depth: &mut usize,
    row: &mut Row,
    cell: &mut String,
    rows: &mut Vec<Row>,
) {
    match n {
        "p" if !empty => {
            *para = Some(Para {
                all_bold: true,
                ..Para::default()
            })
        }
        "pPr" if !empty => *in_ppr = true,
        "rPr" if !empty => *in_rpr = true,
        "r" => *run_bold = false,
        "b" if *in_rpr => *run_bold = attr(e, "val").is_none_or(|v| v != "0" && v != "false"),
        "t" if !empty => *in_t = true,
        "pStyle" => {
            if let Some(p) = para.as_mut() {
                p.style = attr(e, "val");
            }
        }
        "numId" if *in_ppr => {
            if let Some(p) = para.as_mut() {
                p.num_id = attr(e, "val");
            }
        }
        "ilvl" if *in_ppr => {
            if let Some(p) = para.as_mut() {
                p.ilvl = attr(e, "val").and_then(|v| v.parse().ok());
            }
        }
        "outlineLvl" if *in_ppr => {
            if let Some(p) = para.as_mut() {
                p.outline = attr(e, "val").and_then(|v| v.parse().ok());
            }
        }
        "tab" | "br" | "cr" if !*in_ppr => {
            if let Some(p) = para.as_mut() {
                p.text.push(' ');
            }
        }
        "tbl" if !empty => {
            *tbl_depth += 1;
            if *tbl_depth == 1 {
                rows.clear();
            }
        }
        "tr" if !empty && *tbl_depth == 1 => {
            *row = Row {
                bold: true,
                ..Row::default()
            }
        }
        "tc" if !empty && *tbl_depth == 1 => cell.clear(),
        "tblHeader" if *tbl_depth == 1 => {
            row.header = attr(e, "val").is_none_or(|v| v != "0" && v != "false")
        }
        _ => {}
    }
}

#[allow(clippy::too_many_arguments)]
fn finish_paragraph(
    p: Para,
    styles: &HashMap<String, Style>,
    numbering: &Numbering,
    counters: &mut Counters,
    tbl_depth: usize,
    b: &mut Builder,
    row: &mut Row,
    cell: &mut String,
) {
    let style = p
        .style
        .as_deref()
        .map(|s| style_info(styles, s))
        .unwrap_or_default();
    let num_id = p
        .num_id
        .clone()
        .or(style.num.clone())
        .filter(|id| id != "0");
    let ilvl = p.ilvl.or(style.ilvl).unwrap_or(0);
    let label = num_id
        .as_deref()
        .and_then(|id| counters.label(numbering, id, ilvl));
    let body = p.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = match &label {
        Some(l) if !body.is_empty() => format!("{l} {body}"),
        _ => body,
    };
    if text.is_empty() {
        return;
    }
    if tbl_depth > 0 {
        if !cell.is_empty() {
            cell.push(' ');
        }
        cell.push_str(&text);
        if p.has_text && !p.all_bold {
            row.bold = false;
        }
        return;
    }
    let heading = p
        .outline
        .filter(|&o| o < 9)
        .map(|o| (o + 1).min(6))
        .or(style.heading)
        .or_else(|| {
            p.style
                .as_deref()
                .filter(|s| !styles.contains_key(*s))
                .and_then(heading_from_name)
        });
    let hint = match (heading, &label) {
        (Some(h), _) => Hint::Heading(h),
        (None, Some(l)) if l != "•" => Hint::ListItem(ilvl),
        _ => Hint::Paragraph,
    };
    let bold = (p.has_text && p.all_bold && label.is_none()).then(|| (0, text.chars().count()));
    b.line(&text, hint, bold);
}

fn is_number(s: &str) -> bool {
    let t = s.trim().trim_end_matches(['.', '、']);
    !t.is_empty() && t.len() <= 4 && t.bytes().all(|c| c.is_ascii_digit())
}

fn emit_table(rows: Vec<Row>, b: &mut Builder) {
    let first_is_header = rows.len() > 1
        && (rows[0].header
            || rows[0].bold && !rows[1].bold
            || rows[0].cells.first().is_some_and(|c| !is_number(c))
                && rows[1].cells.first().is_some_and(|c| is_number(c)));
    let mut index = 0u32;
    for (k, r) in rows.into_iter().enumerate() {
        if r.cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        let header = r.header || (k == 0 && first_is_header);
        if !header {
            index += 1;
        }
        let first_cell = r.cells.first().cloned().unwrap_or_default();
        b.line(
            &r.cells.join(" | "),
            Hint::TableRow {
                header,
                first_cell,
                index,
            },
            None,
        );
    }
}

#[cfg(test)]
#[allow(clippy::panic)]
mod tests {
    use std::io::Write;

    use zip::write::SimpleFileOptions;
    use zip::CompressionMethod;

    use crate::error::Error;
    use crate::ingest::{read, BlockKind, SourceFormat};

    fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(9));
        for (name, data) in files {
            w.start_file(*name, opts).unwrap_or_else(|e| panic!("{e}"));
            w.write_all(data).unwrap_or_else(|e| panic!("{e}"));
        }
        w.finish().unwrap_or_else(|e| panic!("{e}")).into_inner()
    }

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn para(style: Option<&str>, num: Option<(u32, u32)>, text: &str) -> String {
        let mut ppr = String::new();
        if let Some(s) = style {
            ppr.push_str(&format!(r#"<w:pStyle w:val="{s}"/>"#));
        }
        if let Some((id, lvl)) = num {
            ppr.push_str(&format!(
                r#"<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{id}"/></w:numPr>"#
            ));
        }
        format!(
            r#"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#
        )
    }

    fn tiny_docx() -> Vec<u8> {
        let styles = format!(
            r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="a3"><w:name w:val="标题 2"/></w:style></w:styles>"#
        );
        let numbering = format!(
            r#"<w:numbering {W}>
              <w:abstractNum w:abstractNumId="0">
                <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
                <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
              </w:abstractNum>
              <w:abstractNum w:abstractNumId="1">
                <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1条"/></w:lvl>
                <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
              </w:abstractNum>
              <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
              <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
            </w:numbering>"#
        );
        let body = [
            para(Some("Heading1"), None, "Cloud Services Agreement"),
            para(None, Some((1, 0)), "Services"),
            para(None, Some((1, 1)), "Hosting in the EU."),
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Daily backups &amp; restores</w:t></w:r><w:del><w:r><w:delText> (deleted)</w:delText></w:r></w:del><w:r><w:t>.</w:t></w:r></w:p>"#.to_string(),
            para(None, Some((1, 0)), "Fees"),
            r#"<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:r><w:t>Row</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Area</w:t></w:r></w:p></w:tc></w:tr>
               <w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Hosts</w:t></w:r></w:p><w:p><w:r><w:t>and networks</w:t></w:r></w:p></w:tc></w:tr>
               <w:tr><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Nested</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>"#.to_string(),
            para(Some("a3"), None, "附则"),
            para(None, Some((2, 0)), "定义"),
            para(None, Some((2, 1)), "甲方指客户。"),
            para(None, Some((2, 0)), "保密"),
        ]
        .concat();
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>"#
        );
        zip_of(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", document.as_bytes()),
            ("word/styles.xml", styles.as_bytes()),
            ("word/numbering.xml", numbering.as_bytes()),
        ])
    }

    fn reason(name: &str, bytes: &[u8]) -> String {
        match read(name, bytes) {
            Err(Error::InvalidDocument { reason, .. }) => reason,
            other => panic!("expected InvalidDocument, got {other:?}"),
        }
    }

    #[test]
    fn tiny_docx_reading_order_numbering_and_tables() {
        let doc = read("c.docx", &tiny_docx()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.format, SourceFormat::Docx);
        assert_eq!(doc.title.as_deref(), Some("Cloud Services Agreement"));
        let lines: Vec<&str> = doc.text.lines().collect();
        assert_eq!(
            lines,
            [
                "Cloud Services Agreement",
                "1. Services",
                "(a) Hosting in the EU.",
                "(b) Daily backups & restores.",
                "2. Fees",
                "Row | Area",
                "1 | Hosts and networks",
                "2 | Nested",
                "附则",
                "第一条 定义",
                "（一） 甲方指客户。",
                "第二条 保密",
            ]
        );
        let numbers: Vec<&str> = doc.clauses.iter().map(|c| c.number.as_str()).collect();
        // The title is preamble text (number "").
        assert_eq!(
            numbers,
            [
                "",
                "1",
                "1(a)",
                "1(b)",
                "2",
                "2 row 1",
                "2 row 2",
                "",
                "第一条",
                "第一条（一）",
                "第二条"
            ]
        );
        let heading = &doc.clauses[7];
        assert_eq!(
            (heading.kind, heading.heading.as_deref()),
            (BlockKind::Heading, Some("附则"))
        );
        assert_eq!(doc.clauses[8].parent, Some(7));
        assert_eq!(doc.clauses[9].parent, Some(8));
        assert_eq!(doc.clauses[2].parent, Some(1));
        assert_eq!(doc.clauses[5].kind, BlockKind::TableRow);
    }

    #[test]
    fn sniffs_docx_without_extension() {
        let doc = read("upload", &tiny_docx()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.format, SourceFormat::Docx);
    }

    #[test]
    fn corrupt_and_incomplete_containers() {
        let good = tiny_docx();
        assert!(reason("t.docx", &good[..good.len() / 2]).starts_with("not a valid DOCX"));
        assert!(reason("t.docx", b"PK\x03\x04 garbage").starts_with("not a valid DOCX"));
        let no_doc = zip_of(&[("hello.txt", b"hi")]);
        assert!(reason("t.docx", &no_doc).contains("word/document.xml is missing"));
        let broken = zip_of(&[("word/document.xml", b"<w:document><w:body><w:p></w:body>")]);
        assert!(reason("t.docx", &broken).contains("not well-formed"));
        let empty = zip_of(&[("word/document.xml", b"<w:document><w:body/></w:document>")]);
        assert!(reason("t.docx", &empty).contains("empty"));
    }

    #[test]
    fn zip_bombs_are_refused() {
        // Declared size over the limit: refused before unpacking.
        let huge = vec![0u8; crate::ingest::MAX_INPUT_BYTES + 1];
        let bomb = zip_of(&[("word/document.xml", &huge)]);
        assert!(bomb.len() < 1024 * 1024);
        assert!(matches!(
            read("bomb.docx", &bomb),
            Err(Error::DocumentTooLarge { .. })
        ));
        // An absurd compression ratio below the size limit.
        let dense = vec![b'a'; 20 * 1024 * 1024];
        let bomb = zip_of(&[("word/document.xml", &dense)]);
        let why = reason("bomb.docx", &bomb);
        assert!(why.contains("zip bomb"), "{why}");
        // Too many entries.
        let names: Vec<String> = (0..10_001).map(|i| format!("f{i}")).collect();
        let files: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
        assert!(reason("many.docx", &zip_of(&files)).contains("entries"));
    }

    #[test]
    fn deeply_nested_xml_does_not_recurse() {
        let depth = 100_000;
        let mut xml =
            format!(r#"<w:document {W}><w:body><w:p><w:r><w:t>Deep clause</w:t></w:r></w:p>"#);
        xml.push_str(&"<w:sdt>".repeat(depth));
        xml.push_str(&"</w:sdt>".repeat(depth));
        xml.push_str(&"<w:tbl><w:tr><w:tc>".repeat(1_000));
        xml.push_str("<w:p><w:r><w:t>cell</w:t></w:r></w:p>");
        xml.push_str(&"</w:tc></w:tr></w:tbl>".repeat(1_000));
        xml.push_str("</w:body></w:document>");
        let doc = read(
            "deep.docx",
            &zip_of(&[("word/document.xml", xml.as_bytes())]),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(doc.text.starts_with("Deep clause"));
        assert!(doc.text.contains("cell"));
        let unclosed = format!("<w:document {W}><w:body>{}", "<w:p>".repeat(depth));
        assert!(reason(
            "deep.docx",
            &zip_of(&[("word/document.xml", unclosed.as_bytes())])
        )
        .starts_with("not a valid DOCX"));
    }
}
