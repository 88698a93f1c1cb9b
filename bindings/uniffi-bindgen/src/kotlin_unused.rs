//! Drops the JNA declarations the generated Kotlin never calls.
//!
//! UniFFI's Kotlin binds every function of the library with JNA's `Native.register` when
//! the bindings are first used, and that is most of the app's first-call cost (JNA looks
//! each one up and registers it through JNI: docs/bindings.md, "Opening the app"). Many
//! are never called: the 131 API checksum functions (`omit_checksums = true`, see
//! `bindings/ffi/uniffi.toml`), and the async scaffolding of every return type in each
//! crate with UniFFI types (avain-core and avain-protocol have no async export at all).
//!
//! An `external fun` whose name appears nowhere else in the generated files is removed.
//! The rule checks itself: code that calls a function keeps its declaration, and if a
//! generator change ever calls one by another route, the Kotlin no longer compiles
//! (the tests and the Android build compile it) instead of failing at run time. A file
//! whose declarations are not in the expected two-line form is left as it is.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Rewrites the `.kt` files under `dir`; returns how many declarations were removed.
pub fn drop_unused_externals(dir: &Path) -> io::Result<usize> {
    let mut files = Vec::new();
    collect_kotlin(dir, &mut files)?;
    let mut texts = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file)?;
        texts.push((file, text));
    }
    let mut uses: HashMap<String, usize> = HashMap::new();
    for (_, text) in &texts {
        for name in declared(text) {
            uses.entry(name.to_owned()).or_insert(0);
        }
    }
    for (_, text) in &texts {
        count_uses(text, &mut uses);
    }
    let mut removed = 0;
    for (file, text) in &texts {
        if let Some((kept, n)) = without_unused(text, &uses) {
            if n > 0 {
                fs::write(file, kept)?;
                removed += n;
            }
        }
    }
    Ok(removed)
}

/// Rewrites each `.kt` file under `dir` that `rewrite` returns new text for, and sums the
/// counts it returns with them (what one rewrite changed in that file).
pub(crate) fn rewrite_each(
    dir: &Path,
    mut rewrite: impl FnMut(&str) -> Option<(String, usize)>,
) -> io::Result<usize> {
    let mut files = Vec::new();
    collect_kotlin(dir, &mut files)?;
    let mut total = 0;
    for file in files {
        if let Some((rewritten, n)) = rewrite(&fs::read_to_string(&file)?) {
            fs::write(&file, rewritten)?;
            total += n;
        }
    }
    Ok(total)
}

pub(crate) fn collect_kotlin(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_kotlin(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "kt") {
            out.push(path);
        }
    }
    Ok(())
}

/// The name declared by `line` when it opens an `external fun`.
pub(crate) fn external_name(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix("external fun ")?;
    let name = &rest[..rest.find('(')?];
    (!name.is_empty() && name.bytes().all(is_ident)).then_some(name)
}

fn declared(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter_map(external_name)
}

pub(crate) fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The byte ranges of the whole words (identifiers, numbers) in `text`, in order.
pub(crate) fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() && !is_ident(bytes[at]) {
            at += 1;
        }
        let start = at;
        at += bytes[at..].iter().take_while(|b| is_ident(**b)).count();
        (at > start).then_some((start, at))
    })
}

/// Adds every whole-word occurrence in `text` of a name in `uses` (declarations count
/// once each, so a name used nowhere ends at 1).
fn count_uses(text: &str, uses: &mut HashMap<String, usize>) {
    for (at, end) in words(text) {
        if let Some(count) = uses.get_mut(&text[at..end]) {
            *count += 1;
        }
    }
}

/// `text` without the declarations used nowhere else and how many went, or `None` when
/// a declaration is not `external fun name(...` followed by a `): Type` line.
fn without_unused(text: &str, uses: &HashMap<String, usize>) -> Option<(String, usize)> {
    let mut kept = String::with_capacity(text.len());
    let mut removed = 0;
    let mut lines = text.split_inclusive('\n');
    while let Some(line) = lines.next() {
        let Some(name) = external_name(line) else {
            kept.push_str(line);
            continue;
        };
        let close = lines.next()?;
        if !close.trim_start().starts_with("):") {
            return None;
        }
        if uses.get(name).copied().unwrap_or(0) <= 1 {
            removed += 1;
        } else {
            kept.push_str(line);
            kept.push_str(close);
        }
    }
    Some((kept, removed))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIB: &str = "internal object UniffiLib {
    init { Native.register(UniffiLib::class.java, \"avain_ffi\") }
    external fun uniffi_x_checksum_func_a(
    ): Int
    external fun uniffi_x_fn_func_a(`n`: Long,uniffi_out_err: UniffiRustCallStatus, 
    ): Long
    external fun uniffi_x_fn_func_a2(
    ): Unit
}
fun a(n: Long) = UniffiLib.uniffi_x_fn_func_a(n, status)
";

    fn run(text: &str) -> Option<(String, usize)> {
        let mut uses = HashMap::new();
        for name in declared(text) {
            uses.insert(name.to_owned(), 0);
        }
        count_uses(text, &mut uses);
        without_unused(text, &uses)
    }

    #[test]
    fn only_declarations_nothing_calls_are_dropped() {
        let (kept, removed) = run(LIB).unwrap();
        assert_eq!(removed, 2);
        assert!(!kept.contains("checksum_func_a"));
        // A name that is a prefix of another is matched as a whole word only.
        assert!(!kept.contains("func_a2"));
        assert!(kept.contains("external fun uniffi_x_fn_func_a(`n`: Long"));
        assert!(kept.contains("    ): Long\n"));
        assert!(kept.contains("UniffiLib.uniffi_x_fn_func_a(n, status)"));
    }

    #[test]
    fn an_unexpected_declaration_shape_leaves_the_file_alone() {
        let odd = "    external fun f(\n        `n`: Long,\n    ): Long\n";
        assert_eq!(run(odd), None);
    }
}
