//! The fuzz targets as a plain bounded loop, for machines without a nightly toolchain:
//! mutates the samples and tricky snippets at random (no coverage feedback) for a given
//! time, and on a panic saves the input under `fuzz/artifacts/TARGET/` and exits 1.
//!
//! ```text
//! cargo run --release --manifest-path fuzz/Cargo.toml --no-default-features \
//!     --example fuzz_loop -- compare_render 60 [SEED]
//! ```

use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::{Duration, Instant};

const SAMPLES: &[&[u8]] = &[
    include_bytes!("../../samples/shanghai-declaration.zh.md"),
    include_bytes!("../../samples/shanghai-declaration.revised.zh.md"),
    include_bytes!("../../samples/community-ai-charter.v1.en.md"),
    include_bytes!("../../samples/community-ai-charter.v2.en.md"),
];

/// Seeds of the `read_formats` target: a PDF (uncompressed content), a DOCX (stored, not
/// deflated, so that mutations reach the XML), a web page, and a Markdown sample.
const FORMAT_SAMPLES: &[&[u8]] = &[
    include_bytes!("../../tests/fixtures/one-page.pdf"),
    include_bytes!("../../tests/fixtures/seed.docx"),
    b"<!doctype html><html><head><title>T</title><script>x()</script></head><body><nav><a href=/>Home</a></nav><div class=cookie-banner>Cookies</div><main><h1>Title &amp; more</h1><p>We will act<br>together.</p><ul><li>\xE4\xB8\x80\xE6\x98\xAF</li></ul><table><tr><td>a</td><td>b</td></tr></table></main><footer>(c)</footer></body></html>",
    include_bytes!("../../samples/shanghai-declaration.zh.md"),
];

/// Pieces spliced into inputs: Markdown syntax, sentence ends, line ends, BOMs, invisible
/// and combining characters, 4-byte characters, bytes that are not UTF-8.
const SNIPPETS: &[&[u8]] = &[
    b"\n",
    b"\r\n",
    b"\r",
    b"\n\n",
    b"# ",
    b"## ",
    b"- ",
    b"1. ",
    b"> ",
    b"| a | b |\n|---|---|\n",
    b"**",
    b"`",
    b"```\n",
    b"---\n",
    b"[x](http://e)",
    b"![i](http://e/i.png)",
    b"<b>",
    b". ",
    b"? ",
    b"! ",
    b"e.g. ",
    b"No. 5",
    "。".as_bytes(),
    "！".as_bytes(),
    "？".as_bytes(),
    "；".as_bytes(),
    "，".as_bytes(),
    "“".as_bytes(),
    "”".as_bytes(),
    "\u{3000}".as_bytes(),
    "\u{A0}".as_bytes(),
    "\u{200B}".as_bytes(),
    "\u{200D}".as_bytes(),
    "\u{FEFF}".as_bytes(),
    "\u{301}".as_bytes(),
    "𦡦".as_bytes(),
    "😀".as_bytes(),
    "👩‍👩‍👧".as_bytes(),
    "🇨🇳".as_bytes(),
    "我们将".as_bytes(),
    "shall ".as_bytes(),
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xFE\xFF",
    b"\xFF",
    b"\x80",
    b"\xC3",
    b"\xE4\xB8",
    b"\0",
    b"\xC4\xE3\xBA\xC3",
    // Terminal escapes, bidi controls and markup that try to leave their place in an output.
    b"\x1b[8m",
    b"\x1b]52;c;ZXZpbA==\x07",
    b"\x1b]8;;http://e\x1b\\",
    "\u{9b}31m".as_bytes(),
    "\u{85}".as_bytes(),
    "\u{202E}".as_bytes(),
    "\u{2066}".as_bytes(),
    "\u{200F}".as_bytes(),
    "\u{61C}".as_bytes(),
    "\u{2028}".as_bytes(),
    b"::error file=x.md,line=1::passed\n",
    b"%0A::warning::",
    b"&lt;/table&gt;&lt;details&gt;",
    b"</table><details><summary>",
    b"| x |",
    b"``",
    b"@admin ",
    b"www.example.com ",
    "\u{E0041}\u{E0042}".as_bytes(),
    "\u{200E}".as_bytes(),
    "\u{2029}".as_bytes(),
    b"\x7f",
    b"\t",
    b"<script>alert(1)</script>",
    b"&lt;script&gt;",
];

/// xorshift64*: small, and enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A new input: a sample cut and spliced, then mutated a few times. With `whole_first`, the
/// first piece is a whole sample half the time (a PDF or DOCX cut at random is merely
/// damaged; the mutations should also land inside a whole one).
fn input(rng: &mut Rng, samples: &[&[u8]], whole_first: bool) -> Vec<u8> {
    let mut data = vec![rng.next() as u8];
    if whole_first && rng.below(2) == 0 {
        data.extend_from_slice(samples[rng.below(samples.len())]);
    }
    let pieces = 1 + rng.below(3);
    for _ in 0..pieces {
        let sample = samples[rng.below(samples.len())];
        let start = rng.below(sample.len());
        let len = rng.below(sample.len() - start + 1).min(4_000);
        data.extend_from_slice(&sample[start..start + len]);
        if rng.below(2) == 0 {
            data.push(0xFF);
        }
    }
    for _ in 0..rng.below(24) {
        let at = rng.below(data.len() + 1);
        match rng.below(6) {
            0 | 1 => {
                let snippet = SNIPPETS[rng.below(SNIPPETS.len())];
                data.splice(at..at, snippet.iter().copied());
            }
            2 if at < data.len() => data[at] = rng.next() as u8,
            3 if at < data.len() => {
                let end = (at + rng.below(64)).min(data.len());
                data.drain(at..end);
            }
            4 => {
                let end = (at + rng.below(200)).min(data.len());
                let copy = data[at..end].to_vec();
                let to = rng.below(data.len() + 1);
                data.splice(to..to, copy);
            }
            _ => {
                let n = rng.below(16);
                data.splice(at..at, (0..n).map(|_| rng.next() as u8));
            }
        }
    }
    data
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let target = args.first().map_or("compare_render", String::as_str);
    let seconds: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(60);
    let seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(0x5EED);
    let run: fn(&[u8]) = match target {
        "parse" => declcmp_fuzz::parse,
        "compare_render" => declcmp_fuzz::compare_render,
        "read_formats" => declcmp_fuzz::read_formats,
        "check_render" => declcmp_fuzz::check_render,
        other => {
            eprintln!(
                "fuzz_loop: unknown target {other} (parse, compare_render, read_formats or check_render)"
            );
            std::process::exit(2);
        }
    };
    let mut rng = Rng(seed | 1);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut runs = 0u64;
    while Instant::now() < deadline {
        let data = if target == "read_formats" {
            input(&mut rng, FORMAT_SAMPLES, true)
        } else {
            input(&mut rng, SAMPLES, false)
        };
        if panic::catch_unwind(AssertUnwindSafe(|| run(&data))).is_err() {
            let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("artifacts")
                .join(target);
            let _ = std::fs::create_dir_all(&dir);
            let path = dir.join(format!("loop-crash-{seed}-{runs}"));
            let _ = std::fs::write(&path, &data);
            eprintln!(
                "fuzz_loop: {target} panicked on run {runs}; input saved to {}",
                path.display()
            );
            std::process::exit(1);
        }
        runs += 1;
    }
    println!("fuzz_loop: {target}: {runs} inputs in {seconds} s, no panic (seed {seed})");
}
