//! git's external-diff call: `GIT_EXTERNAL_DIFF=declcmp git diff`, or a `diff.declcmp.command`
//! chosen by a `.gitattributes` line, runs `declcmp` with the seven arguments git passes
//! (nine for a rename). Telling that call apart from `declcmp A B` is all this module does.

use std::ffi::{OsStr, OsString};

/// One file of `git diff`, as git describes it to an external diff program.
#[derive(Debug, PartialEq, Eq)]
pub struct ExternalDiff {
    /// Options given before git's arguments (`diff.declcmp.command = declcmp --format table`).
    pub options: Vec<OsString>,
    /// The old side's name: the path in the repository.
    pub old_label: String,
    /// The new side's name: the path, or the new path of a rename.
    pub new_label: String,
    /// A file holding the old contents (`/dev/null` for an added file).
    pub old_file: OsString,
    /// A file holding the new contents (`/dev/null` for a deleted file).
    pub new_file: OsString,
}

/// `args` (without the program name) as git's external-diff call, when they have its shape:
/// `path old-file old-hex old-mode new-file new-hex new-mode`, optionally followed by
/// `new-path rename-info` (a rename), optionally preceded by options. The hex and mode
/// arguments must look like an object name (40 or 64 hex digits, or `.`) and a file mode
/// (six octal digits, or `.`), which no pair of document names does by accident.
pub fn external_diff(args: &[OsString]) -> Option<ExternalDiff> {
    for (count, renamed) in [(9, true), (7, false)] {
        let Some(start) = args.len().checked_sub(count) else {
            continue;
        };
        let call = &args[start..];
        let fits = is_object_name(&call[2])
            && is_mode(&call[3])
            && is_object_name(&call[5])
            && is_mode(&call[6])
            && (!renamed || !is_mode(&call[8]));
        if !fits {
            continue;
        }
        let path = call[0].to_string_lossy().into_owned();
        let new_label = if renamed {
            call[7].to_string_lossy().into_owned()
        } else {
            path.clone()
        };
        return Some(ExternalDiff {
            options: args[..start].to_vec(),
            old_label: path,
            new_label,
            old_file: call[1].clone(),
            new_file: call[4].clone(),
        });
    }
    None
}

/// A git object name as git passes it: 40 (SHA-1) or 64 (SHA-256) hex digits, or `.` for
/// the missing side of an added or deleted file.
fn is_object_name(arg: &OsStr) -> bool {
    arg.to_str().is_some_and(|s| {
        s == "." || ((s.len() == 40 || s.len() == 64) && s.bytes().all(|b| b.is_ascii_hexdigit()))
    })
}

/// A file mode as git passes it (`100644`, `100755`, `120000`, `160000`), or `.`.
fn is_mode(arg: &OsStr) -> bool {
    arg.to_str().is_some_and(|s| {
        s == "." || (s.len() == 6 && s.bytes().all(|b| (b'0'..=b'7').contains(&b)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    const HEX: &str = "92df96d6a0b5e9c0cc5e4b3e4f1f0d2a8c1b7e55";

    #[test]
    fn seven_arguments_are_a_modified_file() {
        let call = external_diff(&args(&[
            "docs/policy.md",
            "/tmp/x_policy.md",
            HEX,
            "100644",
            "docs/policy.md",
            "0000000000000000000000000000000000000000",
            "100644",
        ]))
        .expect("git's shape");
        assert_eq!(call.old_label, "docs/policy.md");
        assert_eq!(call.new_label, "docs/policy.md");
        assert_eq!(call.old_file, "/tmp/x_policy.md");
        assert_eq!(call.new_file, "docs/policy.md");
        assert!(call.options.is_empty());
    }

    #[test]
    fn added_and_deleted_files_have_dots_and_dev_null() {
        let added = external_diff(&args(&[
            "new.md",
            "/dev/null",
            ".",
            ".",
            "new.md",
            HEX,
            "100644",
        ]))
        .expect("an added file");
        assert_eq!(added.old_file, "/dev/null");
        let deleted = external_diff(&args(&[
            "old.md",
            "/tmp/y_old.md",
            HEX,
            "100755",
            "/dev/null",
            ".",
            ".",
        ]))
        .expect("a deleted file");
        assert_eq!(deleted.new_file, "/dev/null");
    }

    #[test]
    fn a_rename_names_both_paths_and_options_come_first() {
        let sha256 = "a".repeat(64);
        let call = external_diff(&args(&[
            "--format",
            "table",
            "old.md",
            "/tmp/z_old.md",
            &sha256,
            "100644",
            "new.md",
            &sha256,
            "100644",
            "new.md",
            "similarity index 90%\nrename from old.md\nrename to new.md\n",
        ]))
        .expect("a rename");
        assert_eq!(call.options, args(&["--format", "table"]));
        assert_eq!(
            (call.old_label.as_str(), call.new_label.as_str()),
            ("old.md", "new.md")
        );
    }

    #[test]
    fn documents_and_options_are_not_a_git_call() {
        for words in [
            &["a.md", "b.md"][..],
            &[
                "a.md", "b.md", "--format", "json", "--width", "100", "--wrap",
            ],
            &["a", "b", "c", "100644", "d", "e", "100644"],
            &["a", "b", "abc", "100644", "d", "abc", "100644"],
            &["a", "b", HEX, "644", "d", HEX, "644"],
        ] {
            assert_eq!(external_diff(&args(words)), None, "{words:?}");
        }
    }
}
