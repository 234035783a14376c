//! Bad input, bad options and faults through the real binary: each ends with exit status 2
//! and one line on stderr that names the file or option and the problem, writes no report,
//! leaves any existing output file as it was, and never panics. A closed stdout is a quiet
//! exit 0.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::Command;
use assert_cmd::cargo::CommandCargoExt;
use tempfile::TempDir;

const SHANGHAI: &str = "samples/shanghai-declaration.zh.md";
const SHANGHAI_REVISED: &str = "samples/shanghai-declaration.revised.zh.md";

fn package_path(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// `declcmp` run from the package root.
fn declcmp() -> Command {
    let mut command = Command::cargo_bin("declcmp").expect("the declcmp binary is built");
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

/// `declcmp` run from the package root by a user that file modes bind. Root reads a
/// mode-000 file and writes into a read-only directory anyway, so under root the binary runs
/// as `nobody` through util-linux's `setpriv`; without `setpriv` the test says it is skipped
/// (and fails under `CI=true`, where it must run).
fn unprivileged_declcmp() -> Option<Command> {
    if !is_root() {
        return Some(declcmp());
    }
    let setpriv = Path::new("/usr/bin/setpriv");
    if !setpriv.exists() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "running as root without setpriv, and CI=true: the permission tests cannot run"
        );
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "skipped: running as root without setpriv, so file modes bind nobody"
        );
        return None;
    }
    let binary = assert_cmd::cargo::cargo_bin("declcmp");
    let mut command = Command::new(setpriv);
    command
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(binary)
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    Some(command)
}

/// Runs `declcmp ARGS` and checks the failure contract: exit 2, nothing on stdout, exactly
/// one line on stderr that starts `declcmp: ` and contains every needle. Returns the line.
fn fails_cleanly(args: &[&str], needles: &[&str]) -> String {
    fails_cleanly_as(declcmp(), args, needles)
}

/// [`fails_cleanly`] with the given `declcmp` command.
fn fails_cleanly_as(mut command: Command, args: &[&str], needles: &[&str]) -> String {
    let output = command.args(args).output().expect("declcmp runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(
        output.status.code(),
        Some(2),
        "declcmp {args:?}: want exit 2, stderr: {stderr}"
    );
    assert!(
        output.stdout.is_empty(),
        "declcmp {args:?} printed a report"
    );
    assert_eq!(
        stderr.lines().count(),
        1,
        "declcmp {args:?}: want one line on stderr, got:\n{stderr}"
    );
    assert!(
        stderr.starts_with("declcmp: "),
        "declcmp {args:?}: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "declcmp {args:?}: {stderr}");
    for needle in needles {
        assert!(
            stderr.contains(needle),
            "declcmp {args:?}: stderr lacks {needle:?}: {stderr}"
        );
    }
    stderr.trim_end().to_string()
}

/// A temporary directory holding files with the given contents.
fn files(contents: &[(&str, &[u8])]) -> TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (name, bytes) in contents {
        std::fs::write(dir.path().join(name), bytes).expect("the fixture is written");
    }
    dir
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

fn is_root() -> bool {
    // Root reads a mode-000 file anyway; the test that needs a refusal checks for that.
    let dir = files(&[("probe", b"x")]);
    let probe = dir.path().join("probe");
    set_mode(&probe, 0o000);
    let readable = std::fs::read(&probe).is_ok();
    set_mode(&probe, 0o644);
    readable
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[test]
fn missing_file_is_named() {
    fails_cleanly(
        &["no-such-file.md", SHANGHAI],
        &["no-such-file.md: no such file"],
    );
    fails_cleanly(
        &[SHANGHAI, "no-such-file.md"],
        &["no-such-file.md: no such file"],
    );
}

#[test]
fn directory_is_not_a_document() {
    fails_cleanly(&["samples", SHANGHAI], &["samples: is a directory"]);
}

#[test]
fn unreadable_file_is_refused() {
    let Some(declcmp) = unprivileged_declcmp() else {
        return;
    };
    let dir = files(&[("secret.md", "我们支持开放。".as_bytes())]);
    // The directory open to all, so what refuses the read is the file's own mode.
    set_mode(dir.path(), 0o755);
    let secret = dir.path().join("secret.md");
    set_mode(&secret, 0o000);
    fails_cleanly_as(
        declcmp,
        &[path_str(&secret), SHANGHAI],
        &["secret.md: permission denied"],
    );
}

#[test]
fn nul_byte_is_binary_with_its_offset() {
    let dir = files(&[("image.md", b"# Title\n\nText\0more")]);
    let path = dir.path().join("image.md");
    fails_cleanly(
        &[SHANGHAI, path_str(&path)],
        &["image.md: binary file (NUL byte at offset 13)"],
    );
}

#[test]
fn nul_byte_after_the_first_64_kib_is_binary() {
    // Tools that sniff only the head of a file would take this for text.
    let mut bytes = "我们支持开放合作。\n".repeat(8_000).into_bytes();
    let offset = bytes.len();
    assert!(offset > 64 * 1024);
    bytes.extend_from_slice(b"\0tail\n");
    let dir = files(&[("late-nul.md", &bytes)]);
    let path = dir.path().join("late-nul.md");
    fails_cleanly(
        &[path_str(&path), SHANGHAI],
        &[&format!(
            "late-nul.md: binary file (NUL byte at offset {offset})"
        )],
    );
}

#[test]
fn undecodable_bytes_name_the_offset() {
    // ASCII text, then bytes that every candidate encoding refuses from the first one on:
    // 0x81 is a stray continuation byte in UTF-8, unassigned in windows-1252, and a lead
    // byte in GB18030, Big5 and Shift_JIS that a space cannot follow.
    let mut bytes = b"# Declaration\n\nWe support openness.\n".to_vec();
    let offset = bytes.len();
    bytes.extend_from_slice(&b"\x81 ".repeat(10));
    let dir = files(&[("garbled.md", &bytes)]);
    let path = dir.path().join("garbled.md");
    let line = fails_cleanly(
        &[path_str(&path), SHANGHAI],
        &["garbled.md: cannot decode", "invalid byte sequences"],
    );
    assert!(
        line.contains(&format!("first at offset {offset}")),
        "the offset of the first bad byte, {offset}: {line}"
    );
}

#[test]
fn forced_encoding_that_does_not_fit_is_undecodable() {
    // GB18030 has no reading for 0xFF; forcing it on such bytes must fail, not guess.
    let dir = files(&[("a.md", &[0xC4, 0xE3, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])]);
    let path = dir.path().join("a.md");
    fails_cleanly(
        &[path_str(&path), SHANGHAI, "--encoding", "gb18030"],
        &["a.md: cannot decode as gb18030", "first at offset 2"],
    );
}

#[test]
fn input_over_the_size_limit_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.md");
    // A sparse file: its length is known without writing 64 MiB.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(declcmp::input::MAX_INPUT_BYTES as u64 + 1)
        .unwrap();
    fails_cleanly(
        &[path_str(&path), SHANGHAI],
        &[
            "huge.md: input too large",
            &declcmp::input::MAX_INPUT_BYTES.to_string(),
        ],
    );
}

#[cfg(unix)]
#[test]
fn a_named_pipe_reads_as_a_document() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.md");
    let made = StdCommand::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|status| status.success()) {
        println!("skipped: mkfifo is not available");
        return;
    }
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let text = std::fs::read(package_path(SHANGHAI)).unwrap();
            std::fs::write(fifo, text).unwrap();
        })
    };
    declcmp()
        .arg(&fifo)
        .arg(SHANGHAI)
        .assert()
        .code(0)
        .stderr("");
    writer.join().unwrap();
}

#[test]
fn no_report_is_written_when_an_input_fails() {
    let dir = files(&[("report.json", b"the previous report\n")]);
    let existing = dir.path().join("report.json");
    let fresh = dir.path().join("fresh.json");
    fails_cleanly(
        &["no-such-file.md", SHANGHAI, "-o", path_str(&existing)],
        &["no-such-file.md"],
    );
    fails_cleanly(
        &["no-such-file.md", SHANGHAI, "-o", path_str(&fresh)],
        &["no-such-file.md"],
    );
    assert_eq!(std::fs::read(&existing).unwrap(), b"the previous report\n");
    assert!(!fresh.exists(), "no file is created");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file is left"
    );
}

#[test]
fn stdin_for_both_documents_is_refused() {
    fails_cleanly(&["-", "-"], &["<stdin>", "only once"]);
}

#[test]
fn bad_threshold_is_one_clear_line() {
    for (value, reason) in [
        ("1.5", "1.5 is outside [0, 1]"),
        ("NaN", "NaN is outside [0, 1]"),
        ("-0.1", "-0.1 is outside [0, 1]"),
        ("inf", "inf is outside [0, 1]"),
        ("high", "'high' is not a number"),
    ] {
        fails_cleanly(
            &[SHANGHAI, SHANGHAI, "--threshold", value],
            &["--threshold", reason],
        );
        fails_cleanly(
            &["check", SHANGHAI, SHANGHAI, "--threshold", value],
            &["--threshold", reason],
        );
    }
}

#[test]
fn unknown_format_unit_lang_and_encoding_are_one_clear_line() {
    fails_cleanly(
        &[SHANGHAI, SHANGHAI, "--format", "xml"],
        &["'xml'", "--format", "table, diff, markdown, json"],
    );
    fails_cleanly(
        &[SHANGHAI, SHANGHAI, "--unit", "word"],
        &["'word'", "--unit", "sentence, paragraph"],
    );
    fails_cleanly(&[SHANGHAI, SHANGHAI, "--lang", "fr"], &["'fr'", "--lang"]);
    fails_cleanly(
        &[SHANGHAI, SHANGHAI, "--encoding", "klingon"],
        &["'klingon'", "--encoding", "not a supported encoding label"],
    );
    fails_cleanly(&[SHANGHAI, SHANGHAI, "--no-such-flag"], &["--no-such-flag"]);
    fails_cleanly(&[SHANGHAI], &["required", "<B>"]);
    fails_cleanly(
        &["check", SHANGHAI, SHANGHAI, "--min-level", "9"],
        &["--min-level", "9"],
    );
}

#[test]
fn unknown_key_in_the_rules_file_is_one_clear_line() {
    let dir = files(&[("declcmp.toml", b"min_level = 2\nfail_onn = [\"removed\"]\n")]);
    let output = declcmp()
        .current_dir(dir.path())
        .args(["check", &package_path(SHANGHAI).to_string_lossy()])
        .arg(package_path(SHANGHAI_REVISED))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(output.stdout.is_empty());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("declcmp.toml: line 2: unknown key `fail_onn`"),
        "{stderr}"
    );
}

#[test]
fn help_and_version_still_print_and_exit_0() {
    declcmp().arg("--help").assert().code(0);
    declcmp().arg("--version").assert().code(0);
}

#[test]
fn output_into_a_missing_directory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-dir").join("report.json");
    let line = fails_cleanly(&[SHANGHAI, SHANGHAI_REVISED, "-o", path_str(&path)], &[]);
    // Not the name of the temporary file that could not be made: it means nothing.
    assert_eq!(
        line,
        format!(
            "declcmp: cannot write {}: directory {} does not exist",
            path.display(),
            path.parent().unwrap().display()
        )
    );
    assert!(!path.exists());
}

#[test]
fn output_onto_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    fails_cleanly(
        &[SHANGHAI, SHANGHAI_REVISED, "-o", path_str(dir.path())],
        &["cannot write", "is a directory"],
    );
    assert!(dir.path().is_dir());
}

#[test]
fn output_into_a_read_only_directory_leaves_the_old_file() {
    let Some(mut declcmp) = unprivileged_declcmp() else {
        return;
    };
    let dir = files(&[("report.json", b"the previous report\n")]);
    let path = dir.path().join("report.json");
    // The file writable by anyone, so what refuses the write is the directory alone.
    set_mode(&path, 0o666);
    set_mode(dir.path(), 0o555);
    let outcome = declcmp
        .args([SHANGHAI, SHANGHAI_REVISED, "-o", path_str(&path)])
        .output()
        .unwrap();
    set_mode(dir.path(), 0o755);
    let stderr = String::from_utf8_lossy(&outcome.stderr);
    assert_eq!(outcome.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("permission denied"), "{stderr}");
    assert_eq!(std::fs::read(&path).unwrap(), b"the previous report\n");
}

/// `-o /dev/full`: the write fails with ENOSPC, so exit 2; and /dev/full stays the device it
/// was. (Regression: the atomic writer renamed its temporary file over the path, which, run
/// as root, replaced the device node /dev/full with a regular file holding the report.)
#[test]
fn output_to_a_full_device_fails_and_leaves_the_device() {
    let full = Path::new("/dev/full");
    if !full.exists() {
        println!("skipped: no /dev/full on this system");
        return;
    }
    fails_cleanly(
        &[
            SHANGHAI,
            SHANGHAI_REVISED,
            "--format",
            "json",
            "-o",
            "/dev/full",
        ],
        &["cannot write /dev/full", "No space left on device"],
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = std::fs::metadata(full).unwrap().file_type();
        assert!(kind.is_char_device(), "/dev/full is still a device");
    }
}

#[test]
fn output_to_dev_null_writes_through_and_keeps_the_device() {
    declcmp()
        .args([SHANGHAI, SHANGHAI_REVISED, "-o", "/dev/null"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("");
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = std::fs::metadata("/dev/null").unwrap().file_type();
        assert!(kind.is_char_device(), "/dev/null is still a device");
    }
}

#[test]
fn output_replaces_an_existing_file_whole_and_keeps_its_mode() {
    let dir = files(&[("report.json", b"the previous report\n")]);
    let path = dir.path().join("report.json");
    set_mode(&path, 0o640);
    declcmp()
        .args([SHANGHAI, SHANGHAI_REVISED, "--format", "json", "-o"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout("");
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).expect("the report is JSON");
    assert_eq!(written["schema"], "declcmp.report/1");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }
}

#[cfg(unix)]
#[test]
fn output_through_a_symbolic_link_keeps_the_link() {
    let dir = files(&[("real.json", b"old\n")]);
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink("real.json", &link).unwrap();
    declcmp()
        .args([SHANGHAI, SHANGHAI_REVISED, "--format", "json", "-o"])
        .arg(&link)
        .assert()
        .code(1);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let real = std::fs::read_to_string(dir.path().join("real.json")).unwrap();
    assert!(real.contains("declcmp.report/1"));
}

/// The library half of the guarantee: a renderer that fails half-way leaves the old file.
#[test]
fn a_failed_write_leaves_the_existing_file_byte_for_byte() {
    let dir = files(&[("report.md", b"the previous report\n")]);
    let path = dir.path().join("report.md");
    let result = declcmp::write_atomically(&path, |out| {
        out.write_all(b"half a report")?;
        Err(std::io::Error::other("renderer failed"))
    });
    let err = result.expect_err("the failure is returned");
    assert!(err.to_string().contains("report.md"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), b"the previous report\n");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file is left"
    );
}

/// Two documents whose JSON report is far larger than a pipe's buffer (64 KiB on Linux), so
/// the writer is still writing when the reader goes away.
fn large_pair() -> TempDir {
    let a = std::fs::read_to_string(package_path(SHANGHAI)).unwrap();
    let b = std::fs::read_to_string(package_path(SHANGHAI_REVISED)).unwrap();
    let many = |text: &str| -> String {
        (1..=12)
            .map(|k| {
                format!(
                    "\n## 第{k}部分\n\n{}",
                    text.replace("我们", &format!("我们第{k}次"))
                )
            })
            .collect()
    };
    files(&[("a.md", many(&a).as_bytes()), ("b.md", many(&b).as_bytes())])
}

/// `declcmp a b | head -1`: the reader takes one line and closes the pipe.
#[test]
fn closed_stdout_after_one_line_is_a_quiet_exit_0() {
    let dir = large_pair();
    let mut child = StdCommand::cargo_bin("declcmp")
        .unwrap()
        .current_dir(dir.path())
        .args(["a.md", "b.md", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert_eq!(first.trim(), "{");
    // The reader (and the pipe's read end) is dropped here.
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "stderr: {stderr}");
    assert_eq!(stderr, "", "a broken pipe is quiet");
}

#[test]
fn stdout_closed_before_any_output_is_a_quiet_exit_0() {
    for format in ["json", "table", "diff", "markdown", "html"] {
        let mut child = StdCommand::cargo_bin("declcmp")
            .unwrap()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args([SHANGHAI, SHANGHAI_REVISED, "--format", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Reading and comparing takes far longer than this drop.
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{format}: {stderr}");
        assert_eq!(stderr, "", "{format}");
    }
}

#[cfg(unix)]
#[test]
fn closed_file_descriptors_do_not_panic() {
    let bin = assert_cmd::cargo::cargo_bin("declcmp");
    let run = |script: &str| {
        StdCommand::new("sh")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .arg("-c")
            .arg(script)
            .arg("sh")
            .arg(&bin)
            .output()
            .unwrap()
    };
    // stderr closed: the error cannot be told, the status still is.
    let output = run("\"$1\" no-such-file.md samples/shanghai-declaration.zh.md 2>&-");
    assert_eq!(output.status.code(), Some(2));
    // stdout closed (not a pipe): nothing to write to, and no panic on stderr.
    let output = run(
        "\"$1\" samples/shanghai-declaration.zh.md samples/shanghai-declaration.revised.zh.md >&-",
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(matches!(output.status.code(), Some(1 | 2)), "{stderr}");
}

/// stderr a pipe whose reader is gone: the message is lost, the status is not.
#[test]
fn closed_stderr_pipe_keeps_the_exit_status() {
    let mut child = StdCommand::cargo_bin("declcmp")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["no-such-file.md", SHANGHAI])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    assert_eq!(child.wait().unwrap().code(), Some(2));
}

/// `-o` naming one of the inputs replaced the document with its own report.
#[test]
fn output_onto_an_input_is_refused_and_the_input_kept() {
    let dir = files(&[
        ("a.md", "我们将加强合作。\n".as_bytes()),
        ("b.md", b"We act.\n"),
    ]);
    let a = dir.path().join("a.md");
    for output in [a.clone(), dir.path().join(".").join("a.md")] {
        fails_cleanly(
            &[
                path_str(&a),
                path_str(&dir.path().join("b.md")),
                "-o",
                path_str(&output),
            ],
            &["a.md", "one of the inputs"],
        );
    }
    #[cfg(unix)]
    {
        let saved = dir.path().join("report.json");
        declcmp()
            .args([SHANGHAI, SHANGHAI_REVISED, "--format", "json", "-o"])
            .arg(&saved)
            .assert()
            .code(1);
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("report.json", &link).unwrap();
        fails_cleanly(
            &["render", path_str(&link), "-o", path_str(&saved)],
            &["report.json", "one of the inputs"],
        );
    }
    assert_eq!(std::fs::read_to_string(&a).unwrap(), "我们将加强合作。\n");
}

/// `-o` replaced a read-only file (mode 444) through the rename; `cp` refuses without `-f`.
#[test]
fn output_onto_a_read_only_file_is_refused_and_it_stays() {
    let dir = files(&[("report.txt", b"kept\n")]);
    let path = dir.path().join("report.txt");
    set_mode(&path, 0o444);
    fails_cleanly(
        &[SHANGHAI, SHANGHAI_REVISED, "-o", path_str(&path)],
        &["report.txt", "read-only"],
    );
    assert_eq!(std::fs::read(&path).unwrap(), b"kept\n");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// `-o` through a link to a missing file turned the link into a regular file.
#[cfg(unix)]
#[test]
fn output_through_a_dangling_link_is_refused_and_the_link_stays() {
    let dir = files(&[]);
    let link = dir.path().join("report.md");
    std::os::unix::fs::symlink("missing/target.md", &link).unwrap();
    fails_cleanly(
        &[SHANGHAI, SHANGHAI_REVISED, "-o", path_str(&link)],
        &["report.md", "symbolic link to a file that does not exist"],
    );
    let meta = std::fs::symlink_metadata(&link).unwrap();
    assert!(meta.file_type().is_symlink());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// SIGTERM while the report was written left an empty `.tmpXXXXXX` beside the target.
#[cfg(unix)]
#[test]
fn a_signal_while_writing_leaves_no_temporary_file() {
    // Tens of thousands of rows take the table a few hundred milliseconds to lay out: the
    // temporary file exists meanwhile. (A long title did it once, while the table was
    // quadratic in a cell's length.)
    let rows: Vec<String> = (0..30_000)
        .map(|k| format!("Clause {k} will protect the data of residents."))
        .collect();
    let text = format!("# T\n\n{}\n", rows.join(" "));
    let dir = files(&[("a.md", text.as_bytes())]);
    let a = dir.path().join("a.md");
    let out = dir.path().join("report.txt");
    let mut child = StdCommand::cargo_bin("declcmp")
        .unwrap()
        .args([
            path_str(&a),
            path_str(&a),
            "--format",
            "table",
            "-o",
            path_str(&out),
        ])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let temporary = || {
        std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .any(|e| e.file_name().to_string_lossy().starts_with(".tmp"))
    };
    let started = std::time::Instant::now();
    while !temporary() && started.elapsed() < std::time::Duration::from_secs(30) {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    if child.try_wait().unwrap().is_some() {
        // Skipped tests say so where cargo test shows it.
        #[allow(clippy::print_stderr, reason = "the harness does not capture stderr")]
        {
            eprintln!("skipped: the report was written before a signal could be sent");
        }
        return;
    }
    let killed = StdCommand::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{status:?}");
    assert!(!temporary(), "a temporary file is left");
    assert!(!out.exists());
}

/// A newline in a path split the "one line" error, and could start a workflow command.
#[test]
fn an_error_naming_a_path_with_a_newline_stays_one_line() {
    let line = fails_cleanly(
        &["missing\n::error file=x.md::passed.md", SHANGHAI],
        &["missing␊::error"],
    );
    assert!(!line.contains('\n'));
    let line = fails_cleanly(&["\u{1b}]52;c;ZXZpbA==\u{7}.md", SHANGHAI], &["␛]52;c;"]);
    assert!(!line.contains(['\u{1b}', '\u{7}']), "{line}");
}

/// Bidi controls and terminal escapes in a document went unmentioned.
#[test]
fn a_document_with_hidden_controls_is_warned_about_once() {
    let hostile = "# T\n\nWe will protect \u{202E}privacy\u{202C} and \u{1b}[8mdata\u{1b}[0m.\n\nWe act \u{200F}now.\n";
    let dir = files(&[
        ("hostile.md", hostile.as_bytes()),
        ("plain.md", b"We act.\n"),
    ]);
    let output = declcmp()
        .args([
            path_str(&dir.path().join("hostile.md")),
            path_str(&dir.path().join("plain.md")),
        ])
        .args(["--format", "table"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("hostile.md: 5 hidden control character(s)")
            && stderr.contains("first U+202E on line 3"),
        "{stderr}"
    );
    assert!(!stderr.contains(['\u{1b}', '\u{202E}']), "{stderr}");
}
