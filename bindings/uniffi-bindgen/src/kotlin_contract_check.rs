//! Makes every crate's contract-version check run, the top crate's included.
//!
//! UniFFI 0.32.2's Kotlin checks that the library and the bindings speak the same FFI
//! contract (and the API checksums, where they are on) in `IntegrityCheckingUniffiLib`'s
//! initialiser. Only `uniffiEnsureInitialized()` reaches it, and only a crate that depends
//! on another calls that one's: avain-ffi's `UniffiLib` ran avain-core's and
//! avain-protocol's checks, but nothing ever ran avain-ffi's own. A library built by
//! another UniFFI version would then be called with the wrong layout instead of being
//! refused. The rewrite starts each file's `UniffiLib` initialiser with its own
//! `IntegrityCheckingUniffiLib.ensureInitialized()`, before it registers any function.
//! A file without both objects in the expected form is left as it is.

use std::io;
use std::path::Path;

use crate::kotlin_text::rewrite_each;

const LIB_OPEN: &str = "internal object UniffiLib {";
const CHECKING_OPEN: &str = "internal object IntegrityCheckingUniffiLib {";
const REGISTER_PREFIX: &str = "Native.register(UniffiLib::class.java, ";
const ENSURE: &str = "IntegrityCheckingUniffiLib.ensureInitialized()";

/// Rewrites the `.kt` files under `dir`; returns how many were changed.
pub fn check_own_contract(dir: &Path) -> io::Result<usize> {
    rewrite_each(dir, |text| Some((rewrite(text)?, 1)))
}

/// `text` with the check called first in `UniffiLib`'s initialiser, or `None` when the
/// file has no such pair of objects or already calls it there.
fn rewrite(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    lines.iter().position(|l| l.trim_end() == CHECKING_OPEN)?;
    let open = lines.iter().position(|l| l.trim_end() == LIB_OPEN)?;
    let close = open + lines[open..].iter().position(|l| l.trim_end() == "}")?;
    let body = &lines[open..close];
    if body.iter().any(|l| l.trim() == ENSURE) {
        return None;
    }
    let mut registers = body
        .iter()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with(REGISTER_PREFIX));
    let (at, register) = registers.next()?;
    if registers.next().is_some() {
        return None;
    }
    let indent = &register[..register.len() - register.trim_start().len()];
    let at = open + at;
    let mut out = String::with_capacity(text.len() + 128);
    for (i, line) in lines.iter().enumerate() {
        if i == at {
            out.push_str(indent);
            out.push_str(
                "// This crate's own contract check first: UniFFI's Kotlin runs only the\n",
            );
            out.push_str(indent);
            out.push_str(
                "// dependencies' (bindings/uniffi-bindgen/src/kotlin_contract_check.rs).\n",
            );
            out.push_str(indent);
            out.push_str(ENSURE);
            out.push('\n');
        }
        out.push_str(line);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "internal object IntegrityCheckingUniffiLib {
    init {
        Native.register(IntegrityCheckingUniffiLib::class.java, findLibraryName(componentName = \"x\"))
        uniffiCheckContractApiVersion(this)
    }

    internal fun ensureInitialized() = Unit
}

internal object UniffiLib {
    init {
        Native.register(UniffiLib::class.java, findLibraryName(componentName = \"x\"))
        fi.x.other.uniffiEnsureInitialized()
    }

    internal fun ensureInitialized() = Unit
}
";

    #[test]
    fn the_own_check_runs_first_when_the_library_is_first_used() {
        let out = rewrite(FILE).unwrap();
        let lib = out.find("internal object UniffiLib {").unwrap();
        let ensure = out
            .find("        IntegrityCheckingUniffiLib.ensureInitialized()\n")
            .unwrap();
        let register = out
            .find("        Native.register(UniffiLib::class.java")
            .unwrap();
        assert!(lib < ensure && ensure < register);
        assert_eq!(out.matches(ENSURE).count(), 1);
        // Applied once: a second pass changes nothing.
        assert_eq!(rewrite(&out), None);
    }

    #[test]
    fn a_file_without_both_objects_is_left_alone() {
        let lib_only = &FILE[FILE.find("internal object UniffiLib").unwrap()..];
        assert_eq!(rewrite(lib_only), None);
        let checking_only = &FILE[..FILE.find("internal object UniffiLib").unwrap()];
        assert_eq!(rewrite(checking_only), None);
    }
}
