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
use std::path::Path;

use crate::kotlin_text::{collect_kotlin, external_name, words};

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

fn declared(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter_map(external_name)
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
