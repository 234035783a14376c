//! The PDF, DOCX and HTML readers through the real binary: official PDFs against their clean
//! Markdown, and DOCX and HTML fixtures built here from corpus texts (a Word file written
//! with `zip`, a web page with a site's navigation, cookie banner, share buttons and footer
//! around the text), which must give the Markdown's clauses. Bad inputs of these formats end
//! in exit 2 and one line, never a panic.
//!
//! `READERS_KEEP_FIXTURES=DIR` copies the generated fixtures there, to look at or time.

mod common;

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use assert_cmd::Command;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde_json::Value;
use tempfile::TempDir;

use common::{Side, clauses, pairs, run_json, shared_path};

/// `declcmp` run from the package root.
fn declcmp() -> Command {
    let mut command = Command::cargo_bin("declcmp").expect("the declcmp binary is built");
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

/// Runs `declcmp ARGS`, wants exit 2 and one line on stderr holding every needle.
fn fails_cleanly(args: &[&str], needles: &[&str]) -> String {
    let output = declcmp().args(args).output().expect("declcmp runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(output.stdout.is_empty(), "{args:?} printed a report");
    assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    for needle in needles {
        assert!(
            stderr.contains(needle),
            "{args:?}: no {needle:?} in {stderr}"
        );
    }
    stderr
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// Share of A's clauses that stand in a pair of similarity at least `floor`.
fn paired_share(report: &Value, floor: f64) -> f64 {
    let mut paired: HashSet<&str> = HashSet::new();
    for pair in pairs(report) {
        if pair["similarity"].as_f64().unwrap_or(0.0) >= floor {
            for id in pair["a"].as_array().expect("ids") {
                paired.insert(id.as_str().expect("an id"));
            }
        }
    }
    paired.len() as f64 / clauses(report, Side::A).len().max(1) as f64
}

/// Share of A's clauses that stand in an identical pair.
fn identical_share(report: &Value) -> f64 {
    let identical: usize = pairs(report)
        .iter()
        .filter(|p| p["kind"] == "identical")
        .map(|p| p["a"].as_array().map_or(0, Vec::len))
        .sum();
    identical as f64 / clauses(report, Side::A).len().max(1) as f64
}

fn texts(report: &Value, side: Side) -> Vec<String> {
    clauses(report, side)
        .iter()
        .map(|c| c["text"].as_str().unwrap_or_default().to_string())
        .collect()
}

// ---------------------------------------------------------------------------------------
// Official PDFs

/// (corpus stem, a running header or footer that must not become a clause)
const OFFICIAL_PDFS: &[(&str, &str)] = &[
    ("unga-res-78-265.en", "A/RES/78/265"),
    (
        "g7-hiroshima-guiding-principles.en",
        "Hiroshima Process International Guiding Principles for Organizations Developing Advanced AI Systems 1",
    ),
    (
        "tc260-ai-safety-governance-framework-v1.zh",
        "人工智能安全治理框架",
    ),
];

#[test]
#[cfg_attr(declcmp_no_shared, ignore = "needs ../shared (the workplace corpus)")]
fn official_pdfs_pair_with_their_clean_markdown() {
    let pdf_dir = shared_path("pdf");
    let validator = common::report_validator();
    for (stem, furniture) in OFFICIAL_PDFS {
        let markdown = shared_path(&format!("corpus/{stem}.md"));
        let pdf = pdf_dir.join(format!("{stem}.pdf"));
        let (report, _) = run_json(path_str(&markdown), path_str(&pdf), &[]);
        let share = paired_share(&report, 0.9);
        assert!(
            share >= 0.9,
            "{stem}: {:.1}% of the Markdown's clauses pair at >= 0.9",
            share * 100.0
        );
        assert_eq!(report["b"]["format"], "pdf", "{stem}");
        assert_eq!(report["a"]["format"], "markdown", "{stem}");
        let b = texts(&report, Side::B);
        assert!(
            !b.iter().any(|t| t == furniture),
            "{stem}: the running line {furniture:?} is a clause"
        );
        assert!(
            !b.iter().any(|t| t
                .trim_matches(|c: char| !c.is_alphanumeric())
                .parse::<u32>()
                .is_ok()
                && t.len() < 8),
            "{stem}: a page number is a clause"
        );
        for clause in clauses(&report, Side::B) {
            assert!(clause["page"].as_u64().is_some_and(|p| p >= 1), "{clause}");
        }
        if let Err(error) = validator.validate(&report) {
            panic!("{stem}: the report breaks the schema: {error}");
        }
    }
}

#[test]
#[cfg_attr(declcmp_no_shared, ignore = "needs ../shared (the workplace corpus)")]
fn chinese_pdf_text_is_whole_without_spaces_between_characters() {
    let pdf = shared_path("pdf/tc260-ai-safety-governance-framework-v1.zh.pdf");
    let (report, _) = run_json(path_str(&pdf), path_str(&pdf), &[]);
    let spaced = texts(&report, Side::A)
        .into_iter()
        .filter(|t| {
            let chars: Vec<char> = t.chars().collect();
            chars
                .windows(3)
                .any(|w| is_han(w[0]) && w[1] == ' ' && is_han(w[2]))
        })
        .count();
    assert_eq!(spaced, 0, "clauses with a space between Han characters");
    let sections: HashSet<&str> = clauses(&report, Side::A)
        .iter()
        .filter_map(|c| c["section"].as_str())
        .collect();
    assert!(
        sections.contains("3.1.1 模型算法安全风险"),
        "numbered headings are sections: {sections:?}"
    );
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

#[test]
#[cfg_attr(declcmp_no_shared, ignore = "needs ../shared (the workplace corpus)")]
fn pdf_without_a_text_layer_is_refused_naming_ocr() {
    let pdf = shared_path("pdf/generative-ai-interim-measures.zh.no-text-layer.pdf");
    let pdf = path_str(&pdf);
    let line = fails_cleanly(&[pdf, pdf], &["no text layer", "OCR", "--ocr"]);
    assert!(line.contains(pdf), "{line}");
}

#[test]
#[cfg_attr(declcmp_no_shared, ignore = "needs ../shared (the workplace corpus)")]
fn ocr_without_tesseract_says_what_is_missing() {
    let pdf = shared_path("pdf/generative-ai-interim-measures.zh.no-text-layer.pdf");
    // A PATH without tesseract, whether or not this machine has it.
    let empty = TempDir::new().expect("a temporary directory");
    let pdf = path_str(&pdf);
    let output = declcmp()
        .args([pdf, pdf, "--ocr"])
        .env("PATH", empty.path())
        .output()
        .expect("declcmp runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    for needle in ["OCR failed", "tesseract is not installed", "tesseract-ocr"] {
        assert!(stderr.contains(needle), "no {needle:?} in {stderr}");
    }
}

// ---------------------------------------------------------------------------------------
// A generated PDF: 100 pages, a running header, page numbers

/// Paragraphs of a corpus text as plain sentences (no markup, no footnotes), or a few of
/// our own when ../shared is absent.
fn plain_paragraphs() -> Vec<String> {
    let own = || {
        vec![
            "We commit to the safe, secure and trustworthy development of artificial intelligence systems for the benefit of all.".to_string(),
            "The parties will cooperate on research, standards and capacity building, and will report on progress every year.".to_string(),
            "Short one.".to_string(),
        ]
    };
    let Some(markdown) = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/unga-res-78-265.en.md")
        .canonicalize()
        .ok()
        .and_then(|path| std::fs::read_to_string(path).ok())
    else {
        return own();
    };
    let body = markdown.splitn(3, "---\n").nth(2).unwrap_or("");
    body.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty() && !p.starts_with(['#', '[', '*', '|', '>']) && !p.contains('\n'))
        .map(|p| {
            // Footnote references and their definitions are not body text.
            let mut out = String::new();
            let mut rest = p;
            while let Some(at) = rest.find("[^") {
                out.push_str(&rest[..at]);
                rest = rest[at..].split_once(']').map_or("", |(_, after)| after);
            }
            out.push_str(rest);
            out
        })
        .filter(|p| !p.starts_with("[^") && p.is_ascii())
        .collect()
}

/// A PDF of `pages` pages of Courier 10 pt set from `paragraphs` (repeated), wrapped at
/// 70 characters, a gap between paragraphs, a running header and a page number on each.
fn generated_pdf(paragraphs: &[String], pages: usize) -> Vec<u8> {
    use pdf_extract::content::{Content, Operation};
    use pdf_extract::{Dictionary, Document, Object, Stream};

    const LINES_PER_PAGE: usize = 52;
    let mut lines: Vec<Option<String>> = Vec::new();
    'fill: loop {
        for paragraph in paragraphs {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                if !line.is_empty() && line.len() + 1 + word.len() > 70 {
                    lines.push(Some(std::mem::take(&mut line)));
                }
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
            }
            lines.push(Some(line));
            lines.push(None);
            if lines.len() > pages * LINES_PER_PAGE {
                break 'fill;
            }
        }
    }
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Subtype", Object::Name(b"Type1".to_vec()));
    font.set("BaseFont", Object::Name(b"Courier".to_vec()));
    let font_id = doc.add_object(font);
    let mut fonts = Dictionary::new();
    fonts.set("F1", Object::Reference(font_id));
    let mut resources = Dictionary::new();
    resources.set("Font", Object::Dictionary(fonts));
    let resources_id = doc.add_object(resources);
    let mut kids = Vec::new();
    for (page, chunk) in lines.chunks(LINES_PER_PAGE).take(pages).enumerate() {
        let text_at = |x: i64, y: i64, size: i64, text: &str| {
            vec![
                Operation::new("BT", vec![]),
                Operation::new("Tf", vec![Object::Name(b"F1".to_vec()), size.into()]),
                Operation::new("Td", vec![x.into(), y.into()]),
                Operation::new("Tj", vec![Object::string_literal(text)]),
                Operation::new("ET", vec![]),
            ]
        };
        let mut operations = text_at(72, 760, 8, "Generated declaration for the reader tests");
        let mut y = 720;
        for line in chunk {
            if let Some(line) = line {
                operations.extend(text_at(72, y, 10, line));
            }
            y -= 12;
        }
        operations.extend(text_at(300, 40, 8, &format!("- {} -", page + 1)));
        let content = Content { operations };
        let content_id = doc.add_object(Stream::new(
            Dictionary::new(),
            content.encode().expect("content encodes"),
        ));
        let mut page_dict = Dictionary::new();
        page_dict.set("Type", Object::Name(b"Page".to_vec()));
        page_dict.set("Parent", Object::Reference(pages_id));
        page_dict.set("Contents", Object::Reference(content_id));
        kids.push(Object::Reference(doc.add_object(page_dict)));
    }
    let mut pages_dict = Dictionary::new();
    pages_dict.set("Type", Object::Name(b"Pages".to_vec()));
    pages_dict.set("Count", Object::Integer(kids.len() as i64));
    pages_dict.set("Kids", Object::Array(kids));
    pages_dict.set("Resources", Object::Reference(resources_id));
    pages_dict.set(
        "MediaBox",
        Object::Array(vec![0.into(), 0.into(), 612.into(), 792.into()]),
    );
    doc.objects.insert(pages_id, Object::Dictionary(pages_dict));
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", Object::Reference(pages_id));
    let catalog_id = doc.add_object(catalog);
    doc.trailer.set("Root", Object::Reference(catalog_id));
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("the PDF is written");
    bytes
}

#[test]
fn a_hundred_page_pdf_reads_in_under_a_second_without_its_furniture() {
    let paragraphs = plain_paragraphs();
    let dir = TempDir::new().expect("a temporary directory");
    let path = dir.path().join("hundred.pdf");
    std::fs::write(&path, generated_pdf(&paragraphs, 100)).expect("written");
    if let Some(keep) = std::env::var_os("READERS_KEEP_FIXTURES") {
        std::fs::copy(&path, Path::new(&keep).join("hundred.pdf")).expect("copied");
    }
    let started = Instant::now();
    let read = declcmp::ReadOptions {
        unit: declcmp::Unit::Paragraph,
        ..Default::default()
    };
    let (document, _) =
        declcmp::read_document_as(path_str(&path), &read, declcmp::FormatOptions::default())
            .expect("the PDF reads");
    let took = started.elapsed();
    assert!(took.as_secs_f64() < 1.0, "100 pages took {took:?}");
    assert_eq!(document.format.name(), "pdf");
    assert_eq!(document.clauses.last().and_then(|c| c.page), Some(100));
    // As in Markdown, a leading `1. ` is a list marker, not text.
    let wanted: HashSet<&str> = paragraphs
        .iter()
        .map(|p| match p.split_once(". ") {
            Some((number, rest)) if number.bytes().all(|b| b.is_ascii_digit()) => rest,
            _ => p.as_str(),
        })
        .collect();
    let mut whole = 0;
    for clause in &document.clauses {
        assert!(
            !clause.text.contains("Generated declaration") && !clause.text.contains("- 1"),
            "furniture in clause on page {:?}: {}",
            clause.page,
            clause.text
        );
        if wanted.contains(clause.text.as_str()) {
            whole += 1;
        }
    }
    // A paragraph cut by the 100th page's end, or one whose last line fills the last line of
    // a page (it runs on into the next), may differ; nearly all are whole.
    let share = whole as f64 / document.clauses.len() as f64;
    assert!(
        share >= 0.95,
        "{:.1}% of paragraphs rebuilt whole",
        share * 100.0
    );
}

// ---------------------------------------------------------------------------------------
// DOCX and HTML fixtures from corpus texts

/// The corpus texts the DOCX and HTML fixtures are made from.
const FIXTURE_TEXTS: &[&str] = &[
    "unga-res-78-265.en",
    "tc260-ai-safety-governance-framework-v1.zh",
    "seoul-declaration.en",
    "shanghai-declaration.zh",
];

/// The Markdown body without its front matter.
fn body(markdown: &str) -> &str {
    if let Some(rest) = markdown.strip_prefix("---\n")
        && let Some(end) = rest.find("\n---\n")
    {
        return &rest[end + 5..];
    }
    markdown
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}')
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `word/document.xml` for a Markdown text: headings as Title / Heading N paragraphs, list
/// items numbered, runs of emphasis as runs, wrapped lines joined as Word holds them (one
/// paragraph, no line breaks). One paragraph carries a tracked insertion and a tracked
/// deletion, and a comment, that read as accepted give the same text.
fn docx_document(markdown: &str) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
    );
    let mut in_paragraph = false;
    let mut skip = 0;
    let mut last_char: Option<char> = None;
    let mut tracked = false;
    let options = Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES;
    for event in Parser::new_ext(body(markdown), options) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let style = match level as u8 {
                    1 => "Title".to_string(),
                    n => format!("Heading{}", n - 1),
                };
                xml.push_str(&format!(
                    r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>"#
                ));
                in_paragraph = true;
                last_char = None;
            }
            Event::Start(Tag::Paragraph) if skip == 0 && !in_paragraph => {
                xml.push_str("<w:p>");
                in_paragraph = true;
                last_char = None;
            }
            Event::Start(Tag::Item) => {
                xml.push_str(r#"<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>"#);
                in_paragraph = true;
                last_char = None;
            }
            Event::Start(Tag::FootnoteDefinition(_)) => skip += 1,
            Event::End(TagEnd::FootnoteDefinition) => skip -= 1,
            Event::End(TagEnd::Heading(_) | TagEnd::Item) | Event::End(TagEnd::Paragraph)
                if skip == 0 && in_paragraph =>
            {
                xml.push_str("</w:p>");
                in_paragraph = false;
            }
            Event::Text(text) | Event::Code(text) if skip == 0 && in_paragraph => {
                let mut text = text.to_string();
                if !tracked && text.len() > 40 && text.is_ascii() {
                    // Tracked: "will" inserted, "never" deleted; a comment on the run.
                    tracked = true;
                    let (head, tail) = text.split_at(20);
                    xml.push_str(&format!(
                        r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>never </w:delText></w:r></w:del><w:ins w:id="2" w:author="a"><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:ins><w:r><w:commentReference w:id="0"/></w:r>"#,
                        xml_escape(head),
                        xml_escape(tail)
                    ));
                    last_char = text.chars().next_back();
                    continue;
                }
                if text.is_empty() {
                    continue;
                }
                last_char = text.chars().next_back().or(last_char);
                text = xml_escape(&text);
                xml.push_str(&format!(
                    r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#
                ));
            }
            // Word holds a paragraph as one line: a space, but none between Chinese.
            Event::SoftBreak if skip == 0 && in_paragraph && !last_char.is_some_and(is_cjk) => {
                xml.push_str(r#"<w:r><w:t xml:space="preserve"> </w:t></w:r>"#);
            }
            Event::HardBreak if skip == 0 && in_paragraph => xml.push_str("<w:r><w:br/></w:r>"),
            _ => {}
        }
    }
    xml.push_str("</w:body></w:document>");
    xml
}

fn write_docx(path: &Path, document_xml: &str) {
    use zip::write::SimpleFileOptions;
    let file = std::fs::File::create(path).expect("created");
    let mut zip = zip::ZipWriter::new(file);
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("[Content_Types].xml", options)
        .expect("entry");
    zip.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#)
        .expect("written");
    zip.start_file("word/document.xml", options).expect("entry");
    zip.write_all(document_xml.as_bytes()).expect("written");
    zip.finish().expect("the archive closes");
}

/// A web page around the Markdown text rendered as HTML: a site's navigation and
/// breadcrumbs, a cookie banner, share buttons, related links, a footer and scripts.
fn web_page(markdown: &str) -> String {
    let mut article = String::new();
    let options = Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES;
    pulldown_cmark::html::push_html(&mut article, Parser::new_ext(body(markdown), options));
    format!(
        r##"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Declaration - Ministry site</title>
<script>window.dataLayer = []; function gtag() {{ dataLayer.push(arguments); }}</script>
<style>.cookie-banner {{ position: fixed; }}</style></head>
<body>
<header class="site-header"><a href="/">Ministry of Foreign Affairs</a>
<nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/policy">Policy</a></li></ul></nav></header>
<div id="cookie-consent" class="cookie-banner">We use cookies to improve your experience on our website. By continuing you accept our cookie policy. <button>Accept all</button> <button>Reject</button></div>
<nav class="breadcrumb" aria-label="breadcrumb"><a href="/">Home</a> &gt; <a href="/news">News</a> &gt; Declaration</nav>
<main id="content">
<div class="share-buttons"><a href="#">Share on WeChat</a> <a href="#">Share on Weibo</a> <a href="#">Print this page</a></div>
<article>
{article}
</article>
<div class="social-share"><span>Share this article:</span> <a href="#">Facebook</a> <a href="#">X</a></div>
<aside class="related-links"><h3>Related news</h3><ul><li><a href="/a">Minister meets delegation from abroad for talks on trade</a></li></ul></aside>
</main>
<footer class="site-footer"><p>Copyright © 2024 Ministry of Foreign Affairs. All rights reserved.</p><p>Contact us: +1 555 0100. Sitemap. Privacy policy.</p></footer>
<script src="/js/analytics.js"></script>
</body></html>
"##
    )
}

const FURNITURE_WORDS: &[&str] = &[
    "cookie",
    "Share",
    "Copyright",
    "Home",
    "Related news",
    "Ministry",
    "Facebook",
    "analytics",
    "dataLayer",
];

#[test]
#[cfg_attr(declcmp_no_shared, ignore = "needs ../shared (the workplace corpus)")]
fn docx_and_html_fixtures_give_the_markdowns_clauses() {
    let dir = TempDir::new().expect("a temporary directory");
    for stem in FIXTURE_TEXTS {
        let markdown_path = shared_path(&format!("corpus/{stem}.md"));
        let markdown = std::fs::read_to_string(&markdown_path).expect("the corpus text reads");
        let docx = dir.path().join(format!("{stem}.docx"));
        write_docx(&docx, &docx_document(&markdown));
        let html = dir.path().join(format!("{stem}.html"));
        std::fs::write(&html, web_page(&markdown)).expect("written");
        if let Some(keep) = std::env::var_os("READERS_KEEP_FIXTURES") {
            for fixture in [&docx, &html] {
                let name = fixture.file_name().expect("a file name");
                std::fs::copy(fixture, Path::new(&keep).join(name)).expect("copied");
            }
        }
        for (fixture, format) in [(&docx, "docx"), (&html, "html")] {
            let (report, _) = run_json(path_str(&markdown_path), path_str(fixture), &[]);
            assert_eq!(report["b"]["format"], format, "{stem}");
            let share = identical_share(&report);
            assert!(
                share >= 0.95,
                "{stem} as {format}: {:.1}% of the clauses identical",
                share * 100.0
            );
            for text in texts(&report, Side::B) {
                for word in FURNITURE_WORDS {
                    assert!(
                        !text.contains(word) || markdown.contains(&text),
                        "{stem} as {format}: furniture clause {text:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn docx_tracked_changes_read_as_accepted_and_the_user_is_told() {
    let dir = TempDir::new().expect("a temporary directory");
    let markdown = "# Title\n\nWe commit to the safe and trustworthy development of AI for all.\n";
    let docx = dir.path().join("tracked.docx");
    write_docx(&docx, &docx_document(markdown));
    let md = dir.path().join("clean.md");
    std::fs::write(&md, markdown).expect("written");
    let output = declcmp()
        .args([path_str(&md), path_str(&docx), "--format", "json"])
        .output()
        .expect("declcmp runs");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("tracked changes read as accepted")
            && stderr.contains("1 comment(s) ignored"),
        "{stderr}"
    );
}

#[test]
fn forced_input_formats_read_what_they_name() {
    let dir = TempDir::new().expect("a temporary directory");
    let page = dir.path().join("page.txt");
    std::fs::write(
        &page,
        "<html><body><nav><a href=/>Home</a></nav><p>We will act together.</p></body></html>\n",
    )
    .expect("written");
    let page = path_str(&page);
    let (report, _) = run_json(page, page, &[]);
    assert_eq!(report["a"]["format"], "html");
    assert_eq!(texts(&report, Side::A), ["We will act together."]);
    let (report, _) = run_json(page, page, &["--input-format", "text"]);
    assert_eq!(report["a"]["format"], "text");
    assert!(texts(&report, Side::A)[0].starts_with("<html>"));
}

// ---------------------------------------------------------------------------------------
// Bad inputs

fn write(dir: &TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("written");
    path
}

#[test]
fn damaged_and_mislabelled_files_are_one_line_errors() {
    let dir = TempDir::new().expect("a temporary directory");
    let good = write(&dir, "good.md", b"We will act.\n");
    let good = path_str(&good);
    let pdf = generated_pdf(&["We will act together on safety.".to_string()], 1);
    let cases: Vec<(&str, Vec<u8>, Vec<&str>)> = vec![
        (
            "truncated.pdf",
            pdf[..pdf.len() / 2].to_vec(),
            vec!["cannot read the PDF"],
        ),
        (
            "garbage.pdf",
            b"%PDF-1.7\n\x00\x01garbage\xff\xfe".to_vec(),
            vec!["cannot read the PDF"],
        ),
        (
            "corrupt.docx",
            b"PK\x03\x04\x14\x00garbage that is no archive".to_vec(),
            vec!["cannot read the Word document", "ZIP"],
        ),
        (
            "html.pdf",
            b"<!doctype html><p>a web page saved as .pdf</p>".to_vec(),
            vec!["not a PDF", "HTML page", "--input-format"],
        ),
        (
            "text.docx",
            b"plain text named .docx\n".to_vec(),
            vec!["not a Word document"],
        ),
        (
            "legacy.docx",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x00".to_vec(),
            vec!["legacy Word", ".doc"],
        ),
    ];
    for (name, bytes, needles) in &cases {
        let path = write(&dir, name, bytes);
        let path = path_str(&path);
        let mut with_path = needles.clone();
        with_path.push(path);
        fails_cleanly(&[good, path], &with_path);
    }
    // A ZIP that is not a Word document (an .xlsx, an .odt).
    let zip_path = dir.path().join("sheet.xlsx");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).expect("created"));
        zip.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default())
            .expect("entry");
        zip.write_all(b"<workbook/>").expect("written");
        zip.finish().expect("closed");
    }
    fails_cleanly(&[good, path_str(&zip_path)], &["no word/document.xml"]);
    // Forced formats that the content is not.
    fails_cleanly(
        &[good, good, "--input-format", "pdf"],
        &["not a PDF", "the content is text"],
    );
    fails_cleanly(
        &[good, good, "--input-format", "docx"],
        &["not a Word document"],
    );
}

#[test]
fn password_protected_pdf_is_refused() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/password-protected.pdf");
    let path = path_str(&path);
    fails_cleanly(&[path, path], &["password-protected"]);
}
