//! `--format html` from the real binary, and in a real browser: headless Chromium renders
//! the page of the Shanghai sample comparison with both sides and the changes in its DOM and
//! nothing on its console; clause text that looks like markup stays text; the page asks for
//! nothing outside itself; a 60-clause pair stays light.
//!
//! The browser tests need `/usr/bin/chromium` (Debian's `chromium`, which `.ci/run`
//! installs). Without it they say they were skipped, and fail when `CI=true`.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use tempfile::TempDir;

const CHROMIUM: &str = "/usr/bin/chromium";

/// Longest a page may take to render before the browser is stopped and the test fails.
const BROWSER_DEADLINE: Duration = Duration::from_secs(60);

/// Page weight the issue sets for a 60-clause pair.
const PAGE_WEIGHT_MAX: usize = 500 * 1024;

const SHANGHAI: &str = "samples/shanghai-declaration.zh.md";
const SHANGHAI_REVISED: &str = "samples/shanghai-declaration.revised.zh.md";

/// Clause text, a heading and a title that look like markup, with Markdown escapes so the
/// parser keeps them as text.
const HOSTILE_A: &str = "\
# Title \\<b\\>bold\\</b\\>

## Section \\<img src=x onerror=alert(3)\\>

We will protect data. We shall publish \\<script\\>alert(1)\\</script\\> reports. Governments must close \\</table\\> gaps now. A clause with \\<img src=x onerror=alert(2)\\> stays text.
";

const HOSTILE_B: &str = "\
# Title \\<b\\>bold\\</b\\>

## Section \\<img src=x onerror=alert(3)\\>

We may protect data. We shall publish \\<script\\>alert(1)\\</script\\> reports today. Governments must close \\</table\\> gaps now. Fresh \\<img src=y onerror=alert(4)\\> clause added \\\" here.
";

/// Writes the HTML report of `a` against `b` (paths relative to `cwd`) to `out/page.html`.
fn write_page(cwd: &Path, a: &str, b: &str, out: &Path) -> PathBuf {
    let page = out.join("page.html");
    let output = Command::cargo_bin("declcmp")
        .expect("binary")
        .current_dir(cwd)
        .args([a, b, "--format", "html", "--output"])
        .arg(&page)
        .output()
        .expect("run declcmp");
    assert!(
        output.status.code().is_some_and(|c| c <= 1),
        "declcmp {a} {b} --format html: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    page
}

/// The browser, or `None` after saying the test is skipped; under `CI=true` a missing
/// browser fails the test instead.
fn chromium() -> Option<&'static str> {
    if Path::new(CHROMIUM).exists() {
        return Some(CHROMIUM);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{CHROMIUM} is missing, and CI=true: .ci/run installs Debian's chromium");
    }
    common::say_skipped(&format!(
        "{CHROMIUM} not found (apt-get install chromium to run the browser tests)"
    ));
    None
}

/// What the browser made of a page: the DOM it built and its log, console included.
struct Rendered {
    dom: String,
    log: String,
}

impl Rendered {
    /// The DOM, once the page is known to have logged nothing to the console.
    fn quiet_dom(&self) -> &str {
        let console = console_lines(&self.log);
        assert!(console.is_empty(), "console:\n{}", console.join("\n"));
        &self.dom
    }
}

/// Renders `page` in headless Chromium with a fresh profile and everything that could reach
/// the network off; `extra` adds e.g. `--screenshot=FILE`.
fn render(browser: &str, page: &Path, extra: &[String]) -> Rendered {
    let profile = tempfile::tempdir().expect("profile dir");
    let mut child = Process::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chromium");
    // Read both pipes on their own threads so a full pipe cannot stall the browser.
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let dom = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut text).map(|_| text)
    });
    let log = std::thread::spawn(move || {
        let mut text = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut text).map(|_| text)
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for chromium") {
            break status;
        }
        if started.elapsed() > BROWSER_DEADLINE {
            let _ = child.kill();
            panic!(
                "chromium took over {BROWSER_DEADLINE:?} on {}",
                page.display()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let dom = dom.join().expect("stdout reader").expect("DOM is UTF-8");
    let log = String::from_utf8_lossy(&log.join().expect("stderr reader").expect("log")).into();
    assert!(status.success(), "chromium failed ({status}):\n{log}");
    Rendered { dom, log }
}

/// The console lines of a browser log: messages, uncaught errors and refused loads all
/// reach the console.
fn console_lines(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|l| l.contains("CONSOLE") || l.contains("Uncaught"))
        .collect()
}

/// Every value of `attribute="…"` in `html`.
fn attribute_values<'h>(html: &'h str, attribute: &str) -> Vec<&'h str> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(&needle)
        .filter_map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

/// The page loads nothing: the Content-Security-Policy says so, no element has a `src`,
/// and every link stays on the page.
fn assert_self_contained(html: &str) {
    assert!(
        html.contains(
            r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">"#
        ),
        "no Content-Security-Policy meta"
    );
    assert!(
        attribute_values(html, "src").is_empty(),
        "an element loads a source"
    );
    for href in attribute_values(html, "href") {
        assert!(href.starts_with('#'), "a link leaves the page: {href}");
    }
    for scheme in ["http:", "https:", "//"] {
        assert!(
            !attribute_values(html, "action")
                .iter()
                .any(|v| v.starts_with(scheme)),
            "a form posts elsewhere"
        );
    }
    assert!(
        !html.contains("@import") && !html.contains("url("),
        "CSS loads something"
    );
}

/// Clause texts of a report side, from the JSON.
fn texts_of(report: &serde_json::Value, ids: &[String]) -> Vec<String> {
    ids.iter()
        .map(|id| common::clause_text(report, id).to_string())
        .collect()
}

#[test]
fn shanghai_revision_renders_both_sides_and_the_changes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = TempDir::new().expect("temp dir");
    let kept = write_page(root, SHANGHAI, SHANGHAI_REVISED, dir.path());
    let html = std::fs::read_to_string(&kept).expect("page");
    assert_self_contained(&html);
    // Every clause of both sides has its place in the grid.
    let (report, _) = common::run_json(SHANGHAI, SHANGHAI_REVISED, &[]);
    for side in [common::Side::A, common::Side::B] {
        for clause in common::clauses(&report, side) {
            let id = clause["id"].as_str().expect("an id");
            let label = format!(r#"<span class="id">{id}</span>"#);
            assert!(html.contains(&label), "{id} is not on the page");
        }
    }

    let Some(browser) = chromium() else { return };
    let shot = dir.path().join("page.png");
    let rendered = render(
        browser,
        &kept,
        &[
            "--dump-dom".to_string(),
            "--hide-scrollbars".to_string(),
            "--window-size=1280,1600".to_string(),
        ],
    );
    let dom = rendered.quiet_dom();
    assert!(!dom.contains("<script"), "the page runs no script");

    // Both sides: the text of every clause without counterpart is in the DOM as text.
    let only_a = texts_of(&report, &common::unmatched(&report, common::Side::A));
    let only_b = texts_of(&report, &common::unmatched(&report, common::Side::B));
    assert!(!only_a.is_empty() && !only_b.is_empty());
    for text in only_a.iter().chain(&only_b) {
        assert!(dom.contains(text.as_str()), "not in the DOM: {text}");
    }
    // The changes: word-level marks, and the weakened and strengthened rows flagged.
    assert!(
        dom.contains("<del>") && dom.contains("<ins>"),
        "no word changes"
    );
    assert!(dom.contains("weakened 将 → 愿"), "the weakened commitment");
    assert!(
        dom.contains("strengthened 愿 → 将"),
        "the strengthened commitment"
    );
    assert!(
        dom.contains(r#"class="row identical changed moved""#),
        "the moved clause"
    );
    // Every row the change list links to exists.
    for href in attribute_values(dom, "href") {
        let anchor = format!(r#"id="{}""#, &href[1..]);
        assert!(dom.contains(&anchor), "{href} links to no row");
    }

    // And it paints: a screenshot of the page is a real image.
    render(
        browser,
        &kept,
        &[
            format!("--screenshot={}", shot.display()),
            "--hide-scrollbars".to_string(),
            "--window-size=1280,1600".to_string(),
        ],
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(png.starts_with(b"\x89PNG"), "not a PNG");
    assert!(
        png.len() > 20_000,
        "a near-empty screenshot: {} bytes",
        png.len()
    );
}

#[test]
fn markup_in_clause_text_stays_text_in_the_browser() {
    let dir = TempDir::new().expect("temp dir");
    std::fs::write(dir.path().join("a.md"), HOSTILE_A).expect("write a");
    std::fs::write(dir.path().join("evil <img src=x>.md"), HOSTILE_B).expect("write b");
    let page = write_page(dir.path(), "a.md", "evil <img src=x>.md", dir.path());
    let html = std::fs::read_to_string(&page).expect("page");
    assert_self_contained(&html);
    for injected in ["<script", "<img", "<b>", "onerror=\""] {
        assert!(
            !html.contains(injected),
            "{injected} reached the page source"
        );
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;/table&gt;"));
    assert!(
        html.contains("evil &lt;img src=x&gt;.md"),
        "the file name is escaped"
    );

    let Some(browser) = chromium() else { return };
    let rendered = render(browser, &page, &["--dump-dom".to_string()]);
    let dom = rendered.quiet_dom();
    for injected in ["<script", "<img", "<b>"] {
        assert!(
            !dom.contains(injected),
            "{injected} became an element:\n{dom}"
        );
    }
    // `</table>` closed nothing: the browser built the same tables and rows as the source.
    for tag in ["<table", "<tr", "<td"] {
        assert_eq!(
            dom.matches(tag).count(),
            html.matches(tag).count(),
            "{tag} elements differ between source and DOM"
        );
    }
    assert!(
        dom.contains("gaps now."),
        "the text after </table> is in the grid"
    );
    assert!(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn a_sixty_clause_pair_weighs_under_500_kb() {
    // Sixty long clauses, every third reworded, a few removed and added: a heavy page.
    let clause = |k: usize, verb: &str| {
        format!(
            "第{k}条：我们{verb}加强人工智能领域的国际合作，推动数据安全、隐私保护与算法透明，\
             建立风险评估和应急响应机制，促进技术惠及发展中国家。"
        )
    };
    let mut a = String::from("# 合作宣言\n\n## 一、总则\n\n");
    let mut b = String::from("# 合作宣言（修订稿）\n\n## 一、总则\n\n");
    for k in 1..=60 {
        a.push_str(&clause(k, "将"));
        a.push_str("\n\n");
        match k % 10 {
            0 => {}
            3 | 6 | 9 => b.push_str(&clause(k, "愿")),
            _ => b.push_str(&clause(k, "将")),
        }
        if k % 15 == 0 {
            b.push_str(&format!("\n\n新增第{k}条：我们欢迎更多伙伴加入对话。"));
        }
        b.push_str("\n\n");
    }
    let dir = TempDir::new().expect("temp dir");
    std::fs::write(dir.path().join("a.md"), &a).expect("write a");
    std::fs::write(dir.path().join("b.md"), &b).expect("write b");
    let page = write_page(dir.path(), "a.md", "b.md", dir.path());
    let weight = std::fs::metadata(&page).expect("page").len() as usize;
    assert!(
        weight < PAGE_WEIGHT_MAX,
        "a 60-clause pair weighs {weight} bytes"
    );
}

/// Writes the matrix page of `docs` (paths relative to `cwd`) to `out/matrix.html`.
fn write_matrix_page(cwd: &Path, docs: &[&str], out: &Path) -> PathBuf {
    let page = out.join("matrix.html");
    let output = Command::cargo_bin("declcmp")
        .expect("binary")
        .current_dir(cwd)
        .arg("matrix")
        .args(docs)
        .args(["--format", "html", "--output"])
        .arg(&page)
        .output()
        .expect("run declcmp");
    assert_eq!(
        output.status.code(),
        Some(0),
        "declcmp matrix {docs:?} --format html: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    page
}

#[test]
fn matrix_page_renders_the_grid_the_heat_map_and_the_similarity_matrix() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = TempDir::new().expect("temp dir");
    let docs = common::sample_paths();
    let docs: Vec<&str> = docs.iter().map(String::as_str).collect();
    let page = write_matrix_page(root, &docs, dir.path());
    let html = std::fs::read_to_string(&page).expect("page");
    assert_self_contained(&html);
    assert!(html.contains("@media print"), "no print CSS");
    assert!(html.contains("Noto Sans CJK SC"), "no CJK font stack");

    let Some(browser) = chromium() else { return };
    let rendered = render(browser, &page, &["--dump-dom".to_string()]);
    let dom = rendered.quiet_dom();
    // The page's own script (sorting the grid on a click) and no other.
    assert_eq!(
        dom.matches("<script").count(),
        1,
        "a script not the page's own"
    );
    let all_others = format!(" of {}", docs.len() - 1);
    for part in [
        r#"<table class="grid">"#,
        r#"<table class="heat">"#,
        "Document similarity",
        "Promotion of human values",
        all_others.as_str(),
    ] {
        assert!(dom.contains(part), "not in the DOM: {part}");
    }
    // Every cell's link leads to its evidence on the page.
    let hrefs = attribute_values(dom, "href");
    assert!(hrefs.len() > 20, "few links: {}", hrefs.len());
    for href in hrefs {
        let anchor = format!(r#"id="{}""#, &href[1..]);
        assert!(dom.contains(&anchor), "{href} links to nothing");
    }

    // A click on "shared by" sorts the grid by it: a copy of the page that clicks on load.
    let clicked = dir.path().join("clicked.html");
    let click = "<script>document.querySelector('th[data-sort=shared]').click();</script></body>";
    std::fs::write(&clicked, html.replace("</body>", click)).expect("write the copy");
    let rendered = render(browser, &clicked, &["--dump-dom".to_string()]);
    let shared: Vec<usize> = attribute_values(rendered.quiet_dom(), "data-shared")
        .iter()
        .map(|v| v.parse().expect("a count"))
        .collect();
    assert_eq!(
        shared.len(),
        attribute_values(&html, "data-shared").len(),
        "every row is still there"
    );
    assert!(
        shared.windows(2).all(|w| w[0] <= w[1]),
        "not sorted by shared: {shared:?}"
    );
    assert_ne!(
        attribute_values(dom, "data-shared"),
        attribute_values(&rendered.dom, "data-shared"),
        "the click changed nothing"
    );
}

#[test]
fn markup_in_clause_text_and_file_names_stays_text_in_the_matrix_page() {
    let dir = TempDir::new().expect("temp dir");
    std::fs::write(dir.path().join("a.md"), HOSTILE_A).expect("write a");
    std::fs::write(dir.path().join("evil <img src=x>.md"), HOSTILE_B).expect("write b");
    let page = write_matrix_page(dir.path(), &["a.md", "evil <img src=x>.md"], dir.path());
    let html = std::fs::read_to_string(&page).expect("page");
    assert_self_contained(&html);
    for injected in ["<img", "<b>", "onerror=\""] {
        assert!(
            !html.contains(injected),
            "{injected} reached the page source"
        );
    }
    assert_eq!(
        html.matches("<script").count(),
        1,
        "the page's own script only"
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        html.contains("evil &lt;img src=x&gt;.md"),
        "the file name is escaped"
    );

    let Some(browser) = chromium() else { return };
    let rendered = render(browser, &page, &["--dump-dom".to_string()]);
    let dom = rendered.quiet_dom();
    for injected in ["<img", "<b>"] {
        assert!(!dom.contains(injected), "{injected} became an element");
    }
    assert_eq!(
        dom.matches("<script").count(),
        1,
        "the page's own script only"
    );
    // `</table>` closed nothing: the browser built the same tables and cells as the source.
    for tag in ["<table", "<tr", "<td"] {
        assert_eq!(
            dom.matches(tag).count(),
            html.matches(tag).count(),
            "{tag} elements differ between source and DOM"
        );
    }
    assert!(
        dom.contains("gaps now."),
        "the text after </table> is on the page"
    );
}
