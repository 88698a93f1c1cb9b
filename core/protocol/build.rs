//! Concatenates every `core/locales/<lang>/*.ftl` into one resource per language in
//! OUT_DIR, so each module (of this crate and of avain-core) keeps its own message file and
//! `i18n.rs` needs no list of them. The catalog is one for both crates: the bank's error
//! messages (`api.ftl`) and the app's texts live side by side in `core/locales`.
//!
//! Two resources per language: `<lang>.ftl`, what the phone library needs, and
//! `<lang>-all.ftl`, which adds the texts only the command line and the message checks use
//! (`demo*.ftl`, `scam.ftl`); the feature `extra-texts` picks the second (`i18n.rs`).

use std::{env, fs, path::Path};

fn main() {
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    for lang in ["fi", "sv", "en"] {
        let dir = Path::new("..").join("locales").join(lang);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut files: Vec<_> = fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
            .map(|entry| entry.expect("listing locale directory").path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "ftl"))
            .collect();
        files.sort();
        let (mut app, mut extra) = (String::new(), String::new());
        for file in files {
            println!("cargo:rerun-if-changed={}", file.display());
            let name = file
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            let into = if name.starts_with("demo") || name == "scam.ftl" {
                &mut extra
            } else {
                &mut app
            };
            into.push_str(&fs::read_to_string(&file).expect("reading a .ftl file"));
            into.push('\n');
        }
        let write = |name: String, text: &str| {
            fs::write(Path::new(&out_dir).join(name), text).expect("writing a combined .ftl file")
        };
        write(format!("{lang}.ftl"), &app);
        write(format!("{lang}-all.ftl"), &(app.clone() + &extra));
    }
}
