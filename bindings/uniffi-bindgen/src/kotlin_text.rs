//! The generated Kotlin as text, for the rewrites: its files, its words, and a file's
//! package, imports and top-level objects. Each rewrite (`kotlin_unused.rs`,
//! `kotlin_lazy.rs`, `kotlin_call_status.rs`, `kotlin_contract_check.rs`,
//! `kotlin_prepare.rs`) works on the text UniFFI writes, by its exact shape.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

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

/// Adds the `.kt` files under `dir`, its subfolders' too, to `out`.
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

/// Whether `b` can be part of a Kotlin identifier as UniFFI writes them.
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

/// A generated file's lines, package, top-level objects and imports.
pub(crate) struct Source<'a> {
    /// Its lines, each with its line end.
    pub(crate) lines: Vec<&'a str>,
    /// Its `package`.
    pub(crate) package: &'a str,
    /// Its top-level objects by name, with the lines of their bodies.
    pub(crate) objects: HashMap<&'a str, (usize, usize)>,
    /// Imported name to its full path.
    pub(crate) imports: HashMap<&'a str, &'a str>,
}

impl<'a> Source<'a> {
    /// Reads `text`, a generated file.
    pub(crate) fn new(text: &'a str) -> Self {
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let package = lines
            .iter()
            .find_map(|l| l.trim_end().strip_prefix("package "))
            .unwrap_or("");
        let imports = lines
            .iter()
            .filter_map(|l| {
                let path = l.trim_end().strip_prefix("import ")?;
                Some((path.rsplit('.').next()?, path))
            })
            .collect();
        let objects = declared_objects(&lines);
        Source {
            lines,
            package,
            objects,
            imports,
        }
    }
}

/// Objects declared at the top level of the file (`object Name` opening a line), with the
/// lines of their bodies.
fn declared_objects<'a>(lines: &[&'a str]) -> HashMap<&'a str, (usize, usize)> {
    let mut objects = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        let rest = ["public object ", "internal object ", "object "]
            .iter()
            .find_map(|p| line.strip_prefix(p));
        let Some(rest) = rest else { continue };
        let len = rest.bytes().take_while(|b| is_ident(*b)).count();
        if len == 0 {
            continue;
        }
        if !rest.contains('{') {
            // A body-less object (`object UniffiWithHandle`): its line alone.
            objects.insert(&rest[..len], (i, i + 1));
        } else if let Some(close) = lines[i..].iter().position(|l| l.trim_end() == "}") {
            objects.insert(&rest[..len], (i, i + close));
        }
    }
    objects
}
