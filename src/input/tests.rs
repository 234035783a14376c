use super::decode::Utf8Scan;
use super::git::read_git_blob;
use super::source::read_limited;
use super::*;
use encoding_rs::{BIG5, SHIFT_JIS};
use encoding_rs::{Encoding, GB18030};
use std::fs::{self, File};
use std::io::Read;
use std::path::Path;
use std::path::PathBuf;
use std::process::{Command, Stdio};

const ZH_HANS: &str = "人工智能全球治理上海宣言\n\n我们认为，人工智能的发展应当坚持以人为本、智能向善，确保安全、可靠、可控。\n各国应加强对话与合作，共同推动建立开放、公正、有效的治理机制。\n";
const ZH_HANT: &str = "人工智能全球治理上海宣言\n\n我們認為，人工智能的發展應當堅持以人為本、智能向善，確保安全、可靠、可控。\n各國應加強對話與合作，共同推動建立開放、公正、有效的治理機制。\n";

fn decoded(bytes: &[u8]) -> SourceText {
    decode(bytes, None, "t.md").unwrap_or_else(|error| panic!("{error}"))
}

fn decode_error(bytes: &[u8], forced: Option<&str>) -> InputError {
    match decode(bytes, forced, "t.md") {
        Ok(source) => panic!("expected an error, got {source:?}"),
        Err(error) => error,
    }
}

fn encoded(encoding: &'static Encoding, text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(
        !unmappable,
        "test text not representable in {}",
        encoding.name()
    );
    bytes.into_owned()
}

fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut bytes = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        let pair = if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        };
        bytes.extend_from_slice(&pair);
    }
    bytes
}

#[test]
fn utf8_without_bom() {
    let source = decoded(ZH_HANS.as_bytes());
    assert_eq!(source.text, ZH_HANS);
    assert_eq!(source.encoding, "UTF-8");
    assert_eq!(source.replaced, None);
    assert_eq!(source.display_path, "t.md");
}

#[test]
fn utf8_bom_is_stripped() {
    let bytes = [b"\xEF\xBB\xBF".as_slice(), ZH_HANS.as_bytes()].concat();
    let source = decoded(&bytes);
    assert_eq!(source.text, ZH_HANS);
    assert_eq!(source.encoding, "UTF-8");
}

#[test]
fn utf16le_and_be_with_bom() {
    let text = ZH_HANS.replace('\n', "\r\n");
    for (little_endian, name) in [(true, "UTF-16LE"), (false, "UTF-16BE")] {
        let source = decoded(&utf16(&text, little_endian));
        assert_eq!(source.text, ZH_HANS, "{name}");
        assert_eq!(source.encoding, name);
        assert_eq!(source.replaced, None);
    }
}

#[test]
fn utf16_ascii_has_nul_bytes_and_is_still_text() {
    let source = decoded(&utf16("Article 1. Scope\n", true));
    assert_eq!(source.text, "Article 1. Scope\n");
}

#[test]
fn utf16_nul_code_unit_is_binary() {
    let bytes = utf16("ab\0c", true);
    let error = decode_error(&bytes, None);
    assert!(
        matches!(error, InputError::Binary { offset: 6, .. }),
        "{error}"
    );
}

#[test]
fn utf16_odd_trailing_byte_is_one_tolerated_replacement() {
    let mut bytes = utf16(ZH_HANS, false);
    bytes.push(0x4E);
    let source = decoded(&bytes);
    assert_eq!(source.text, format!("{ZH_HANS}\u{FFFD}"));
    assert_eq!(
        source.replaced,
        Some(Replaced {
            count: 1,
            first_offset: bytes.len() - 1
        })
    );
}

#[test]
fn gb18030_is_detected_and_round_trips() {
    let source = decoded(&encoded(GB18030, ZH_HANS));
    assert_eq!(source.encoding, "gb18030");
    assert_eq!(source.text, ZH_HANS);
    assert_eq!(source.replaced, None);
}

#[test]
fn big5_is_detected_and_round_trips() {
    let source = decoded(&encoded(BIG5, ZH_HANT));
    assert_eq!(source.encoding, "Big5");
    assert_eq!(source.text, ZH_HANT);
}

#[test]
fn shift_jis_is_detected_and_round_trips() {
    let text = "人工知能のグローバル・ガバナンスに関する上海宣言。私たちは、人工知能の発展が人間中心であるべきだと考えます。\n";
    let source = decoded(&encoded(SHIFT_JIS, text));
    assert_eq!(source.encoding, "Shift_JIS");
    assert_eq!(source.text, text);
}

#[test]
fn windows_1252_english_with_curly_quotes() {
    let source = decoded(b"The parties\x92 commitment to the caf\xe9 \x93rules\x94.\n");
    assert_eq!(source.encoding, "windows-1252");
    assert_eq!(
        source.text,
        "The parties’ commitment to the café “rules”.\n"
    );
}

#[test]
fn crlf_lf_and_cr_give_identical_text() {
    let lf = decoded(b"one\ntwo\n\nfour\n").text;
    assert_eq!(decoded(b"one\r\ntwo\r\n\r\nfour\r\n").text, lf);
    assert_eq!(decoded(b"one\rtwo\r\rfour\r").text, lf);
    assert_eq!(decoded(b"one\r\ntwo\r\n\rfour\n").text, lf);
}

#[test]
fn line_ends_keep_line_count() {
    // CR LF is one line end; LF CR is two; CR CR LF is two.
    assert_eq!(decoded(b"a\n\rb").text, "a\n\nb");
    assert_eq!(decoded(b"a\r\r\nb").text, "a\n\nb");
    assert_eq!(decoded(b"a\r\n\nb").text, "a\n\nb");
}

#[test]
fn no_trailing_newline_is_kept() {
    assert_eq!(decoded(b"one\r\ntwo").text, "one\ntwo");
    assert_eq!(decoded(b"one\rtwo").text, "one\ntwo");
}

#[test]
fn only_other_characters_are_untouched() {
    let text = "a\u{2028}b\u{85}c\u{0B}d\u{0C}e\t\u{FEFF}f";
    assert_eq!(decoded(text.as_bytes()).text, text);
}

#[test]
fn one_leading_feff_is_stripped_after_decoding() {
    let source = decode(&encoded(GB18030, "\u{FEFF}条款"), Some("gb18030"), "t.md");
    assert_eq!(source.unwrap().text, "条款");
    // A UTF-8 BOM is removed as a BOM, then one more U+FEFF as text.
    assert_eq!(decoded("\u{FEFF}\u{FEFF}x".as_bytes()).text, "x");
    assert_eq!(
        decoded("\u{FEFF}\u{FEFF}\u{FEFF}x".as_bytes()).text,
        "\u{FEFF}x"
    );
}

#[test]
fn nul_at_offset_zero_is_binary() {
    let error = decode_error(b"\0PNG", None);
    assert_eq!(
        error.to_string(),
        "t.md: binary file (NUL byte at offset 0)"
    );
}

#[test]
fn nul_after_first_64_kib_is_binary() {
    let mut bytes = "第一条 适用范围。\n".repeat(10_000).into_bytes();
    assert!(bytes.len() > 70_001);
    bytes[70_000] = 0;
    let error = decode(&bytes, None, "samples/x.md").unwrap_err();
    assert_eq!(
        error.to_string(),
        "samples/x.md: binary file (NUL byte at offset 70000)"
    );
}

#[test]
fn nul_in_utf8_bom_file_offset_counts_the_bom() {
    let error = decode_error(b"\xEF\xBB\xBFab\0", None);
    assert!(
        matches!(error, InputError::Binary { offset: 5, .. }),
        "{error}"
    );
}

#[test]
fn random_garbage_with_nul_is_binary_at_first_nul() {
    let bytes = pseudo_random_bytes(7, 4096, |byte| byte);
    let first_nul = bytes.iter().position(|&b| b == 0).expect("4 KiB has a NUL");
    let error = decode_error(&bytes, None);
    assert!(
        matches!(error, InputError::Binary { offset, .. } if offset == first_nul),
        "{error}"
    );
}

#[test]
fn random_high_bytes_are_undecodable_with_offset() {
    let bytes = pseudo_random_bytes(11, 10_000, |byte| byte | 0x80);
    let error = decode_error(&bytes, None);
    let InputError::Undecodable { count, offset, .. } = error else {
        panic!("{error}");
    };
    assert!(count > MAX_INVALID_SEQUENCES);
    assert!(offset < bytes.len());
}

#[test]
fn utf8_with_one_stray_byte_decodes_lossily_and_reports_it() {
    let mut bytes = ZH_HANS.as_bytes().to_vec();
    let offset = ZH_HANS.find('我').expect("in text");
    bytes.insert(offset, 0xFF);
    let source = decoded(&bytes);
    assert_eq!(source.encoding, "UTF-8");
    assert_eq!(source.text.replacen('\u{FFFD}', "", 1), ZH_HANS);
    assert_eq!(
        source.replaced,
        Some(Replaced {
            count: 1,
            first_offset: offset
        })
    );
    let warning = source.warning().expect("lossy decode warns");
    assert!(
        warning.starts_with("t.md: 1 invalid byte sequence(s) as UTF-8"),
        "{warning}"
    );
    assert!(
        warning.ends_with(&format!("first at offset {offset}")),
        "{warning}"
    );
}

#[test]
fn utf8_with_many_stray_bytes_is_undecodable() {
    let mut bytes = Vec::new();
    for line in ZH_HANS.lines() {
        bytes.extend_from_slice(line.as_bytes());
        bytes.extend_from_slice(b"\xC3\n");
    }
    let first_bad = ZH_HANS.lines().next().expect("line").len();
    let error = decode_error(&bytes, None);
    let InputError::Undecodable {
        encoding, offset, ..
    } = error
    else {
        panic!("{error}");
    };
    assert_eq!((encoding, offset), ("UTF-8", first_bad));
}

#[test]
fn short_file_tolerates_one_invalid_sequence_only() {
    let source = decode(b"ab\xC3", Some("utf-8"), "t.md").unwrap();
    assert_eq!(source.replaced.map(|r| r.count), Some(1));
    // Detected, the same bytes are a plausible single-byte encoding.
    assert_eq!(decoded(b"ab\xC3").replaced, None);
    let error = decode_error(b"ab\xFF\xFF", Some("utf-8"));
    assert!(
        matches!(
            error,
            InputError::Undecodable {
                count: 2,
                offset: 2,
                ..
            }
        ),
        "{error}"
    );
}

#[test]
fn forced_encoding_overrides_detection() {
    let bytes = encoded(GB18030, "中华人民共和国");
    let source = decode(&bytes, Some("gbk"), "t.md").unwrap();
    assert_eq!(
        (source.text.as_str(), source.encoding),
        ("中华人民共和国", "GBK")
    );
    // Undetectable without help: too short for chardetng.
    let short = encoded(GB18030, "Hello 中 world");
    assert_eq!(
        decode(&short, Some("GB2312"), "t.md").unwrap().text,
        "Hello 中 world"
    );
    let big5 = decode(&encoded(BIG5, ZH_HANT), Some(" big5 "), "t.md").unwrap();
    assert_eq!((big5.text.as_str(), big5.encoding), (ZH_HANT, "Big5"));
}

#[test]
fn forced_utf16_without_bom() {
    let bytes = utf16("Scope\r\n", true);
    let source = decode(&bytes[2..], Some("utf-16le"), "t.md").unwrap();
    assert_eq!(
        (source.text.as_str(), source.encoding),
        ("Scope\n", "UTF-16LE")
    );
    // With a BOM the decoded U+FEFF is stripped too.
    assert_eq!(
        decode(&bytes, Some("utf-16"), "t.md").unwrap().text,
        "Scope\n"
    );
}

#[test]
fn forced_wrong_encoding_is_undecodable() {
    let error = decode_error(&encoded(GB18030, ZH_HANS), Some("utf-8"));
    assert!(matches!(
        error,
        InputError::Undecodable {
            encoding: "UTF-8",
            offset: 0,
            ..
        }
    ));
    let message = error.to_string();
    assert!(
        message.starts_with("t.md: cannot decode as UTF-8: "),
        "{message}"
    );
}

#[test]
fn unknown_forced_label_is_an_error_naming_it() {
    let error = decode_error(b"text", Some("klingon-8"));
    assert_eq!(
        error.to_string(),
        "t.md: unknown or unsupported encoding label \"klingon-8\""
    );
    // A WHATWG label for the "replacement" encoding is no real decoder.
    let error = decode_error(b"text", Some("iso-2022-kr"));
    assert!(
        matches!(error, InputError::UnknownEncoding { .. }),
        "{error}"
    );
}

#[test]
fn empty_input_is_empty_text() {
    let source = decoded(b"");
    assert_eq!((source.text.as_str(), source.encoding), ("", "UTF-8"));
    assert_eq!(decoded(b"\xEF\xBB\xBF").text, "");
    assert_eq!(decoded(b"\xFF\xFE").text, "");
}

#[test]
fn one_megabyte_line() {
    let line = "人工智能".repeat(90_000);
    assert!(line.len() > 1 << 20);
    assert_eq!(decoded(line.as_bytes()).text, line);
    // Encoding repeats, and the unoptimised encoder is slow: repeat bytes.
    let source = decoded(&encoded(GB18030, "人工智能").repeat(90_000));
    assert_eq!(
        (source.text.len(), source.encoding),
        (line.len(), "gb18030")
    );
}

#[test]
fn too_large_input_is_refused() {
    let bytes = vec![b'a'; MAX_INPUT_BYTES + 1];
    let error = decode_error(&bytes, None);
    assert_eq!(
        error.to_string(),
        format!(
            "t.md: input too large (more than {MAX_INPUT_BYTES} bytes, the limit for one input)"
        )
    );
    let error = read_limited(&b"abcdef"[..], 5, "-").unwrap_err();
    assert!(
        matches!(error, InputError::TooLarge { limit: 5, .. }),
        "{error}"
    );
    assert_eq!(read_limited(&b"abcde"[..], 5, "-").unwrap(), b"abcde");
}

#[test]
fn stdin_read_failure_names_stdin() {
    struct Broken;
    impl Read for Broken {
        fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
            Err(io::Error::other("stream closed"))
        }
    }
    let error = read_limited(Broken, 10, STDIN_DISPLAY_PATH).unwrap_err();
    assert_eq!(error.to_string(), "<stdin>: cannot read: stream closed");
}

#[test]
fn missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let error = read_source_in(dir.path(), "nope.md", None).unwrap_err();
    assert_eq!(error.to_string(), "nope.md: no such file");
}

#[test]
fn directory() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("docs")).unwrap();
    let error = read_source_in(dir.path(), "docs", None).unwrap_err();
    assert_eq!(error.to_string(), "docs: is a directory, not a file");
}

#[test]
fn empty_file_and_dev_null() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("empty.md"), b"").unwrap();
    let source = read_source_in(dir.path(), "empty.md", None).unwrap();
    assert_eq!(
        (source.text.as_str(), source.display_path.as_str()),
        ("", "empty.md")
    );
    assert_eq!(read_source("/dev/null", None).unwrap().text, "");
}

#[test]
fn file_is_read_and_decoded() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.md"), encoded(GB18030, ZH_HANS)).unwrap();
    let source = read_source(dir.path().join("a.md").to_str().unwrap(), None).unwrap();
    assert_eq!(
        (source.text.as_str(), source.encoding),
        (ZH_HANS, "gb18030")
    );
}

#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret.md");
    fs::write(&path, b"text").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if File::open(&path).is_ok() {
        // Running as root: mode 000 does not stop reads in this process.
        // tests/errors.rs runs the binary as another user for this case.
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            b"skipped: running as root; tests/errors.rs unreadable_file_is_refused runs as nobody\n",
        );
        return;
    }
    let error = read_source_in(dir.path(), "secret.md", None).unwrap_err();
    assert_eq!(error.to_string(), "secret.md: permission denied");
}

#[test]
fn existing_file_with_colon_is_a_file_not_a_git_spec() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("v2:draft.md"), b"draft\r\n").unwrap();
    let source = read_source_in(dir.path(), "v2:draft.md", None).unwrap();
    assert_eq!(source.text, "draft\n");
    // The part before ':' exists: a path, so a missing file, not git.
    fs::create_dir(dir.path().join("notes")).unwrap();
    let error = read_source_in(dir.path(), "notes:x.md", None).unwrap_err();
    assert!(matches!(error, InputError::NotFound { .. }), "{error}");
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=declcmp",
            "-c",
            "user.email=declcmp@example.invalid",
        ])
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q"]);
    fs::create_dir(dir.path().join("docs")).unwrap();
    fs::write(dir.path().join("docs/a.md"), encoded(GB18030, ZH_HANS)).unwrap();
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "first"]);
    // The working tree moves on; the revision must be what is read.
    fs::write(dir.path().join("docs/a.md"), b"changed\n").unwrap();
    dir
}

#[test]
fn git_revision_is_read() {
    let repo = repository();
    let source = read_source_in(repo.path(), "HEAD:docs/a.md", None).unwrap();
    assert_eq!(source.text, ZH_HANS);
    assert_eq!(source.encoding, "gb18030");
    assert_eq!(source.display_path, "HEAD:docs/a.md");
}

#[test]
fn git_unknown_path_and_revision() {
    let repo = repository();
    let error = read_source_in(repo.path(), "HEAD:docs/nope.md", None).unwrap_err();
    assert_eq!(
        error.to_string(),
        "HEAD:docs/nope.md: git cannot read it: fatal: path 'docs/nope.md' does not exist in 'HEAD'"
    );
    let error = read_source_in(repo.path(), "v9:docs/a.md", None).unwrap_err();
    assert!(matches!(error, InputError::Git { .. }), "{error}");
    assert!(error.to_string().contains("'v9'"), "{error}");
}

#[test]
fn git_directory_is_not_a_file() {
    let repo = repository();
    let error = read_source_in(repo.path(), "HEAD:docs", None).unwrap_err();
    assert_eq!(
        error.to_string(),
        "HEAD:docs: not a file in git (it is a tree)"
    );
}

#[test]
fn git_spec_outside_a_repository() {
    let dir = tempfile::tempdir().unwrap();
    let error = read_source_in(dir.path(), "HEAD:a.md", None).unwrap_err();
    let message = error.to_string();
    assert!(matches!(error, InputError::Git { .. }), "{message}");
    assert!(
        message.starts_with("HEAD:a.md: git cannot read it: fatal: not a git repository"),
        "{message}"
    );
}

#[test]
fn git_not_installed() {
    let dir = tempfile::tempdir().unwrap();
    let error = read_git_blob("/nonexistent/git", dir.path(), "HEAD:a.md").unwrap_err();
    assert_eq!(
        error.to_string(),
        "HEAD:a.md: git is not installed (needed to read REV:path inputs)"
    );
}

#[test]
fn error_messages_are_one_line_and_start_with_the_path() {
    let errors = [
        decode_error(b"\0", None),
        decode_error(b"x", Some("nope")),
        decode_error(&pseudo_random_bytes(3, 5000, |b| b | 0x80), None),
        read_limited(&b"ab"[..], 1, "t.md").unwrap_err(),
    ];
    for error in errors {
        let message = error.to_string();
        assert!(message.starts_with("t.md: "), "{message}");
        assert!(!message.contains('\n'), "{message}");
    }
}

/// xorshift64: deterministic bytes without a dependency.
fn pseudo_random_bytes(seed: u64, len: usize, shape: impl Fn(u8) -> u8) -> Vec<u8> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            shape((state >> 24) as u8)
        })
        .collect()
}

#[test]
fn decode_never_panics_on_pseudo_random_bytes() {
    let prefixes: [&[u8]; 4] = [b"", b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF"];
    let shapes: [fn(u8) -> u8; 4] = [
        |b| b,                                        // anything, NULs included
        |b| b | 0x80,                                 // high bytes only
        |b| if b < 0x20 { b'\r' } else { b },         // no NUL, many CRs
        |b| if b % 3 == 0 { b'a' } else { b | 0x80 }, // mostly CJK-like
    ];
    let forced = [
        None,
        Some("gbk"),
        Some("utf-16be"),
        Some("big5"),
        Some("utf-8"),
    ];
    for case in 0..4000u64 {
        let len = (case as usize * 37) % 600;
        let prefix = prefixes[case as usize % prefixes.len()];
        let shape = shapes[(case as usize / 4) % shapes.len()];
        let bytes = [prefix, &pseudo_random_bytes(case, len, shape)].concat();
        let forced_encoding = forced[(case as usize / 16) % forced.len()];
        if let Ok(source) = decode(&bytes, forced_encoding, "fuzz.md") {
            assert!(!source.text.contains('\r'));
            if let Some(replaced) = source.replaced {
                assert!(replaced.count <= MAX_INVALID_SEQUENCES);
                assert!(replaced.first_offset < bytes.len());
            }
        }
    }
}

#[test]
fn utf8_scan_agrees_with_lossy_decoding() {
    for case in 0..2000u64 {
        let bytes = pseudo_random_bytes(case, (case as usize * 13) % 300, |b| match b % 4 {
            0 => b'a',
            1 => 0xE4,
            _ => b | 0x80,
        });
        let scan = Utf8Scan::of(&bytes);
        let lossy = String::from_utf8_lossy(&bytes);
        let replacement_bytes = lossy.len() - lossy.replace('\u{FFFD}', "").len();
        assert_eq!(scan.invalid, replacement_bytes / 3, "{bytes:?}");
        assert_eq!(scan.valid_chars, lossy.chars().count() - scan.invalid);
    }
}

#[test]
fn empty_spec_is_a_missing_file() {
    let error = read_source("", None).unwrap_err();
    assert_eq!(error.to_string(), "\"\": no such file");
}

#[test]
fn test_paths_are_independent_of_the_current_directory() {
    // read_source_in joins relative specs onto its directory.
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("b.md"), b"x").unwrap();
    let absolute: PathBuf = dir.path().join("b.md");
    assert_eq!(
        read_source(absolute.to_str().unwrap(), None).unwrap().text,
        "x"
    );
    assert_eq!(read_source_in(dir.path(), "b.md", None).unwrap().text, "x");
}
