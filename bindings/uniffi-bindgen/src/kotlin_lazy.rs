//! Moves work out of the generated Kotlin's library load and into first use.
//!
//! UniFFI's Kotlin initialises one `UniffiLib` object on the first call into the library:
//! JNA's `Native.register` of every declared function, then the vtable of every foreign
//! trait (a JNA `Structure` of `Callback`s: reflection and one native closure per
//! method). Measured in fresh JVMs (docs/bindings.md, "Opening the app") these were about
//! a third of the first call, and the app's first screen needs few of them. Two rewrites:
//!
//! - **Functions in groups registered on first use.** An object's methods, constructors,
//!   `clone` and `free` (`uniffi_<crate>_fn_method_<object>_...`) move to their own
//!   `UniffiLib<Object>`, the top-level functions (`_fn_func_`) to `UniffiLibFunc`; each
//!   group's initialiser first initialises `UniffiLib` (what it did before still happens
//!   first) and registers only its own functions; a vtable's `init_callback` goes to
//!   `UniffiLibVtable<Trait>` (JNA lays its `Structure` out when it registers it). The
//!   buffers and the futures' scaffolding stay in `UniffiLib`. Call sites
//!   `UniffiLib.name(` and `lib.name(` (in a vtable's `register(lib: UniffiLib)`) become
//!   `UniffiLib<Group>.name(`; a function named anywhere else stays where it was.
//! - **A foreign trait's vtable registered when the first Kotlin object of it is handed
//!   to Rust.** The `uniffiCallbackInterfaceX.register(this)` line leaves `UniffiLib`'s
//!   initialiser for an `init` block in `FfiConverterTypeX`, right after its handle map.
//!   Every Kotlin object reaches Rust through that converter's `lower` (or `write`, which
//!   calls it), and Rust calls a vtable only with a handle from that map, so the vtable
//!   is registered before Rust can use it. A trait whose converter is not in that form
//!   keeps its registration at load.
//!
//! The rewrite checks itself like `kotlin_unused.rs`: a misplaced name does not compile.
//! A file whose `UniffiLib` is not in the expected shape is left as it is.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io;
use std::path::Path;

use crate::kotlin_text::{collect_kotlin, external_name, is_ident, words};

/// What [`make_lazy`] changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Lazied {
    /// Functions moved out of `UniffiLib` into groups registered on first use.
    pub moved: usize,
    /// Vtables now registered when their trait's first object is lowered.
    pub vtables: usize,
}

/// Rewrites the `.kt` files under `dir`.
pub fn make_lazy(dir: &Path) -> io::Result<Lazied> {
    let mut files = Vec::new();
    collect_kotlin(dir, &mut files)?;
    let mut total = Lazied::default();
    for file in files {
        let text = fs::read_to_string(&file)?;
        if let Some((rewritten, done)) = rewrite(&text) {
            if done != Lazied::default() {
                fs::write(&file, rewritten)?;
                total.moved += done.moved;
                total.vtables += done.vtables;
            }
        }
    }
    Ok(total)
}

const LIB_OPEN: &str = "internal object UniffiLib {";
const REGISTER_PREFIX: &str = "Native.register(UniffiLib::class.java, ";

/// Both rewrites of one file, or `None` when its `UniffiLib` is not in the expected shape.
fn rewrite(text: &str) -> Option<(String, Lazied)> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let open = lines.iter().position(|l| l.trim_end() == LIB_OPEN)?;
    let close = open + lines[open..].iter().position(|l| l.trim_end() == "}")?;
    // `findLibraryName(componentName = "...")`, as UniffiLib registers itself.
    let library = lines[open..close].iter().find_map(|l| {
        let rest = l.trim().strip_prefix(REGISTER_PREFIX)?;
        rest.strip_suffix(')').map(str::to_owned)
    })?;

    // The lazy vtables: which registrations leave UniffiLib's initialiser, and the line
    // of their converter's handle map, after which they go.
    let mut lazy_traits = Vec::new();
    let mut vtable_after: HashMap<usize, &str> = HashMap::new();
    for line in &lines[open..close] {
        if let Some(name) = registered_trait(line) {
            if let Some(map) = converter_handle_map(&lines, name) {
                lazy_traits.push(name);
                vtable_after.insert(map, name);
            }
        }
    }

    // The groups: every declaration (two lines) in UniffiLib and where it goes.
    let mut groups: BTreeMap<String, Vec<(usize, &str)>> = BTreeMap::new();
    let mut at = open;
    while at < close {
        if let Some(name) = external_name(lines[at]) {
            if !lines.get(at + 1)?.trim_start().starts_with("):") {
                return None;
            }
            if let Some(group) = group_of(name) {
                groups.entry(group).or_default().push((at, name));
            }
            at += 2;
        } else {
            at += 1;
        }
    }
    // Only names used nowhere but at calls on UniffiLib (`lib_call`) move.
    let mut uses: HashMap<&str, (usize, usize)> = HashMap::new();
    for entries in groups.values() {
        for (_, name) in entries {
            uses.insert(name, (0, 0));
        }
    }
    count_uses(text, &mut uses);
    for entries in groups.values_mut() {
        entries.retain(|(_, name)| {
            let (all, calls) = uses[name];
            all == calls + 1
        });
    }
    groups.retain(|_, entries| !entries.is_empty());

    let mut target: HashMap<&str, String> = HashMap::new();
    let mut moved_lines = vec![false; lines.len()];
    for (group, entries) in &groups {
        for (line, name) in entries {
            target.insert(name, group.clone());
            moved_lines[*line] = true;
            moved_lines[*line + 1] = true;
        }
    }

    let mut out = String::with_capacity(text.len() + 1024);
    for (i, line) in lines.iter().enumerate() {
        if moved_lines[i] {
            continue;
        }
        if (open..close).contains(&i)
            && registered_trait(line).is_some_and(|n| lazy_traits.contains(&n))
        {
            continue;
        }
        out.push_str(line);
        if let Some(name) = vtable_after.get(&i) {
            out.push_str(&format!(
                "    // Registered with Rust when the first Kotlin {name} is lowered, not when the\n    \
                 // library loads (bindings/uniffi-bindgen/src/kotlin_lazy.rs).\n    \
                 init {{ uniffiCallbackInterface{name}.register(UniffiLib) }}\n"
            ));
        }
        if i == close {
            for (group, entries) in &groups {
                out.push_str(&format!(
                    "\n// Registered with JNA on first use (bindings/uniffi-bindgen/src/kotlin_lazy.rs).\n\
                     internal object UniffiLib{group} {{\n    \
                     init {{\n        \
                     UniffiLib.ensureInitialized()\n        \
                     Native.register(UniffiLib{group}::class.java, {library})\n    \
                     }}\n"
                ));
                for (line, _) in entries {
                    out.push_str(lines[*line]);
                    out.push_str(lines[*line + 1]);
                }
                out.push_str("}\n");
            }
        }
    }
    let out = redirect_calls(&out, &target);
    Some((
        out,
        Lazied {
            moved: target.len(),
            vtables: lazy_traits.len(),
        },
    ))
}

/// `X` when `line` is `uniffiCallbackInterfaceX.register(this)`.
fn registered_trait(line: &str) -> Option<&str> {
    let name = line
        .trim()
        .strip_prefix("uniffiCallbackInterface")?
        .strip_suffix(".register(this)")?;
    (!name.is_empty() && name.bytes().all(is_ident)).then_some(name)
}

/// The line of `FfiConverterTypeX`'s handle map, when the converter opens with it.
fn converter_handle_map(lines: &[&str], name: &str) -> Option<usize> {
    let head = format!("public object FfiConverterType{name}: FfiConverter<{name}, Long> {{");
    let map = format!("internal val handleMap = UniffiHandleMap<{name}>()");
    let at = lines.iter().position(|l| l.trim_end() == head)?;
    (lines.get(at + 1)?.trim() == map).then_some(at + 1)
}

/// The group of a function, `None` for those that stay in `UniffiLib`.
fn group_of(name: &str) -> Option<String> {
    let (_, rest) = name.split_once("_fn_")?;
    if rest.starts_with("func_") {
        return Some("Func".to_owned());
    }
    // A vtable's registration takes its JNA `Structure`, which JNA lays out (reflection)
    // when it registers the function: only when the vtable is first registered.
    if let Some(object) = rest.strip_prefix("init_callback_vtable_") {
        return capitalized(object).map(|o| format!("Vtable{o}"));
    }
    let object = ["method_", "constructor_", "clone_", "free_"]
        .iter()
        .find_map(|kind| rest.strip_prefix(kind))?;
    // UniFFI writes the object's name in lower case without separators.
    capitalized(object.split('_').next()?)
}

fn capitalized(name: &str) -> Option<String> {
    let mut chars = name.chars();
    let first = chars.next()?.to_ascii_uppercase();
    Some(std::iter::once(first).chain(chars).collect())
}

/// For each name: its whole-word occurrences, and how many of them are calls on
/// `UniffiLib` ([`lib_call`]).
fn count_uses(text: &str, uses: &mut HashMap<&str, (usize, usize)>) {
    for (at, end) in words(text) {
        if let Some((all, calls)) = uses.get_mut(&text[at..end]) {
            *all += 1;
            if lib_call(text, at, end).is_some() {
                *calls += 1;
            }
        }
    }
}

/// Where the receiver starts when the name at `at..end` is called as `UniffiLib.name(`,
/// or as `lib.name(` (a vtable's `register(lib: UniffiLib)`).
fn lib_call(text: &str, at: usize, end: usize) -> Option<usize> {
    let before = &text[..at];
    let head = ["UniffiLib.", "lib."]
        .iter()
        .find_map(|receiver| before.strip_suffix(receiver))?;
    (!head.bytes().last().is_some_and(is_ident) && text[end..].starts_with('('))
        .then_some(head.len())
}

/// `text` with `UniffiLib.name(` as `UniffiLib<Group>.name(` for every moved name.
fn redirect_calls(text: &str, target: &HashMap<&str, String>) -> String {
    let mut out = String::with_capacity(text.len() + 4096);
    let mut copied = 0;
    for (at, end) in words(text) {
        if let Some(group) = target.get(&text[at..end])
            && let Some(receiver) = lib_call(text, at, end)
        {
            out.push_str(&text[copied..receiver]);
            out.push_str("UniffiLib");
            out.push_str(group);
            out.push('.');
            copied = at;
        }
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "internal object UniffiLib {
    init {
        Native.register(UniffiLib::class.java, findLibraryName(componentName = \"x\"))
        uniffiCallbackInterfaceStore.register(this)
        uniffiCallbackInterfaceOdd.register(this)
        fi.x.other.uniffiEnsureInitialized()
    }

    internal fun ensureInitialized() = Unit
    external fun ffi_x_rustbuffer_free(`buf`: RustBuffer.ByValue,uniffi_out_err: UniffiRustCallStatus, 
    ): Unit
    external fun uniffi_x_fn_init_callback_vtable_store(`vtable`: UniffiVTableCallbackInterfaceStore,
    ): Unit
    external fun uniffi_x_fn_clone_wallet(`handle`: Long,uniffi_out_err: UniffiRustCallStatus, 
    ): Long
    external fun uniffi_x_fn_method_wallet_pay_all(`ptr`: Long,uniffi_out_err: UniffiRustCallStatus, 
    ): Long
    external fun uniffi_x_fn_func_format(`n`: Long,uniffi_out_err: UniffiRustCallStatus, 
    ): Long
    external fun uniffi_x_fn_func_elsewhere(
    ): Long
}

fun format(n: Long) = UniffiLib.uniffi_x_fn_func_format(n, status)
fun pay(w: Long) = UniffiLib.uniffi_x_fn_method_wallet_pay_all(UniffiLib.uniffi_x_fn_clone_wallet(w, s), s)
val other = UniffiLib::uniffi_x_fn_func_elsewhere
internal object uniffiCallbackInterfaceStore {
    internal fun register(lib: UniffiLib) {
        lib.uniffi_x_fn_init_callback_vtable_store(vtable)
    }
}
public object FfiConverterTypeStore: FfiConverter<Store, Long> {
    internal val handleMap = UniffiHandleMap<Store>()

    override fun lower(value: Store): Long = handleMap.insert(value)
}
public object FfiConverterTypeOdd: FfiConverterCallbackInterface<Odd>()
";

    #[test]
    fn object_methods_and_functions_move_to_groups_with_their_calls() {
        let (out, done) = rewrite(FILE).unwrap();
        assert_eq!(
            done,
            Lazied {
                moved: 4,
                vtables: 1
            }
        );
        // Each group registers itself after UniffiLib, with the same library name.
        let wallet = out.find("internal object UniffiLibWallet {").unwrap();
        let group = &out[wallet..];
        let init = "    init {\n        UniffiLib.ensureInitialized()\n        \
                    Native.register(UniffiLibWallet::class.java, findLibraryName(componentName = \"x\"))\n    }\n";
        assert!(group.starts_with(&format!("internal object UniffiLibWallet {{\n{init}")));
        assert!(group.contains("    external fun uniffi_x_fn_clone_wallet(`handle`: Long"));
        assert!(group.contains("    external fun uniffi_x_fn_method_wallet_pay_all(`ptr`: Long"));
        assert!(out.contains("internal object UniffiLibFunc {"));
        assert!(out.contains(
            "fun pay(w: Long) = UniffiLibWallet.uniffi_x_fn_method_wallet_pay_all(\
             UniffiLibWallet.uniffi_x_fn_clone_wallet(w, s), s)"
        ));
        assert!(
            out.contains("fun format(n: Long) = UniffiLibFunc.uniffi_x_fn_func_format(n, status)")
        );
        // Declared once, in its group only.
        assert_eq!(
            out.matches("external fun uniffi_x_fn_func_format(").count(),
            1
        );
        let lib_end = out.find("\n}\n").unwrap();
        assert!(!out[..lib_end].contains("uniffi_x_fn_func_format"));
        // A vtable's registration goes to its own group, called from `register`.
        assert!(out.contains("internal object UniffiLibVtableStore {"));
        assert!(out.contains(
            "        UniffiLibVtableStore.uniffi_x_fn_init_callback_vtable_store(vtable)\n"
        ));
        assert!(!out[..lib_end].contains("uniffi_x_fn_init_callback_vtable_store"));
        // The buffers stay; so does a function named elsewhere than at a call on UniffiLib.
        assert!(out[..lib_end].contains("external fun ffi_x_rustbuffer_free("));
        assert!(out[..lib_end].contains("external fun uniffi_x_fn_func_elsewhere("));
        assert!(out.contains("val other = UniffiLib::uniffi_x_fn_func_elsewhere\n"));
    }

    #[test]
    fn a_vtable_is_registered_when_its_converter_first_lowers() {
        let (out, _) = rewrite(FILE).unwrap();
        assert!(!out.contains("uniffiCallbackInterfaceStore.register(this)"));
        let converter = out.find("public object FfiConverterTypeStore").unwrap();
        let map = out[converter..].find("internal val handleMap").unwrap() + converter;
        let init = out
            .find("init { uniffiCallbackInterfaceStore.register(UniffiLib) }")
            .unwrap();
        let lower = out.find("override fun lower(value: Store)").unwrap();
        // After the handle map it uses, before anything can lower.
        assert!(map < init && init < lower);
        // A trait whose converter has another shape keeps its registration at load.
        assert!(out.contains("        uniffiCallbackInterfaceOdd.register(this)\n"));
        assert!(out.contains("        fi.x.other.uniffiEnsureInitialized()\n"));
    }

    #[test]
    fn an_unexpected_shape_leaves_the_file_alone() {
        assert_eq!(rewrite("internal object Other {\n}\n"), None);
        let odd = FILE.replace(
            "    ): Long\n    external fun uniffi_x_fn_func_format",
            "    external fun uniffi_x_fn_func_format",
        );
        assert_eq!(rewrite(&odd), None);
    }

    #[test]
    fn groups_follow_uniffi_names() {
        assert_eq!(
            group_of("uniffi_avain_ffi_fn_method_avain_login_with_pin").as_deref(),
            Some("Avain")
        );
        assert_eq!(
            group_of("uniffi_avain_ffi_fn_constructor_avain_open").as_deref(),
            Some("Avain")
        );
        assert_eq!(
            group_of("uniffi_avain_ffi_fn_free_blockingservice").as_deref(),
            Some("Blockingservice")
        );
        assert_eq!(
            group_of("uniffi_avain_ffi_fn_func_format_money").as_deref(),
            Some("Func")
        );
        assert_eq!(
            group_of("uniffi_avain_ffi_fn_init_callback_vtable_logsink").as_deref(),
            Some("VtableLogsink")
        );
        assert_eq!(group_of("ffi_avain_ffi_rust_future_poll_u64"), None);
        assert_eq!(group_of("ffi_avain_ffi_rustbuffer_alloc"), None);
    }
}
