//! Prepares what the first screen's call needs on a background thread started when the
//! library loads.
//!
//! The app's first screen (the profile picker) opens the core (`Avain.open`) right after
//! the library loads, then lists the profiles (`profiles()`). From Kotlin, most of that
//! open is not the library's work (0.1 ms) but the JVM's and JNA's first use of what the
//! call needs: the classes of the settings' converters, the three foreign traits' vtables
//! (a JNA `Structure` of `Callback`s, one native closure each), the `Avain` group's
//! registration, the object's class and the cleaner (docs/bindings.md, "Opening the
//! app"). None of it depends on the call's arguments, so the library's load starts one
//! daemon thread that initialises those objects while the app builds its first screen.
//!
//! The thread only initialises Kotlin objects (classes), and the JVM initialises a class
//! once: a thread that needs a class another one is initialising waits for it to finish
//! (JLS 12.4.2), so an open racing the thread never sees anything half-built and nothing
//! is done twice. The thread walks the list from its end: an open that follows the load
//! at once starts from the beginning, and the two meet instead of one waiting for the
//! other. A failure on the thread is dropped: the call that needs the object meets it
//! again. Objects it touches are the ones the calls' code names (the receiver group, the
//! converters of the arguments and of the records inside them, the result's converter and
//! class, the error handler) and the cleaner; a foreign trait's converter is included only
//! when the call lowers one (an optional one inside the settings, such as a clock, is the
//! app's choice and registers when it is given).
//!
//! After the objects, when the file has it, the thread calls avain-ffi's
//! `prepareRuntime()` (bindings/ffi/src/runtime.rs) in a `runBlocking`: it starts the
//! library's runtime and a thread of its blocking pool, which the open's call would
//! otherwise start, and goes the way that call goes, so the first run of the async call's
//! Kotlin (`uniffiRustCallAsync`, the cancellable continuation), JNA's closure for the
//! future's continuation callback and the pool thread's first callback into the JVM are
//! behind the open too. It comes last because the objects cost the open more; the runtime
//! is built once, whoever asks first.
//!
//! The calls' own lambdas (the future's poll, complete, free and lift, and in the vtables
//! of the traits the open lowers each method's call and result writer; `prepareRuntime`'s
//! four) are compiled as classes (`@JvmSerializableLambda`, used for that effect only)
//! instead of through `invokedynamic`: on a desktop JVM each such call site spins a class
//! at its first run, several milliseconds in a cold JVM, on the open's path; a class is
//! read from the jar. Android's D8 compiles every lambda to a class anyway.
//!
//! A file without the call, or whose `UniffiLib` is not in the expected shape, is left as
//! it is: the open is then only slower.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::Path;

use crate::kotlin_text::{Source, collect_kotlin, words};

/// A call by its FFI function, and for a constructor the class it constructs.
type FirstCall = (&'static str, Option<&'static str>);

/// The first screen's calls, in the order it makes them: the open, then the profile
/// picker's list.
const FIRST_CALLS: &[FirstCall] = &[
    ("uniffi_avain_ffi_fn_constructor_avain_open", Some("Avain")),
    ("uniffi_avain_ffi_fn_method_avain_profiles", None),
];

/// Rewrites the `.kt` files under `dir`; returns how many objects the thread prepares.
pub fn prepare_first_call(dir: &Path) -> io::Result<usize> {
    // Every file as generated: a record of one crate can hold another crate's types.
    let mut files = Vec::new();
    collect_kotlin(dir, &mut files)?;
    let texts = files
        .iter()
        .map(fs::read_to_string)
        .collect::<io::Result<Vec<_>>>()?;
    // Read once for all: each file's rewrite may follow a record into any other.
    let others: Vec<Source> = texts.iter().map(|text| Source::new(text)).collect();
    let mut prepared = 0;
    for (file, text) in files.iter().zip(&texts) {
        if let Some((rewritten, n)) = rewrite(text, FIRST_CALLS, &others) {
            fs::write(file, rewritten)?;
            prepared += n;
        }
    }
    Ok(prepared)
}

const LIB_OPEN: &str = "internal object UniffiLib {";

/// avain-ffi's `prepare_runtime` (bindings/ffi/src/runtime.rs): its FFI function and its
/// Kotlin declaration. The thread calls it after the objects when the file has it.
const PREPARE_RUNTIME: (&str, &str) = (
    "uniffi_avain_ffi_fn_func_prepare_runtime",
    "suspend fun `prepareRuntime`()",
);

/// `text` with the preparing object and its start, or `None` when none of `calls` is in
/// it or its `UniffiLib` has no `init` block. `others` are the generated files, each read
/// once (this one may be among them), whose objects the records of `text` may use.
fn rewrite(text: &str, calls: &[FirstCall], others: &[Source]) -> Option<(String, usize)> {
    let file = Source::new(text);
    let (lines, objects) = (&file.lines, &file.objects);
    // Only objects: declared here or imported from another crate's file (not the
    // converter interfaces, which share the prefix).
    let is_object = |name: &str| objects.contains_key(name) || file.imports.contains_key(name);

    let mut order: Vec<String> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    // The lambdas to compile as classes: the calls' arguments, and the call and result
    // writers in the vtables of the traits they lower.
    let mut as_class: HashSet<usize> = HashSet::new();
    for &(function, class) in calls {
        let Some((call, end)) = call_lines(lines, function) else {
            continue;
        };
        // In the order the call uses them: the class (a constructor's) and its receiver
        // group first, then the arguments' converters, the result's, the error handler.
        if let Some(class) = class {
            order.push(format!("{class}.Companion"));
        }
        let block: String = lines[call..=end].concat();
        for name in names(&block) {
            if is_object(name) && seen.insert(name.to_owned()) {
                order.push(name.to_owned());
                // The records inside an argument: what lowering it loads.
                expand(name, &file, &file, others, &mut seen, &mut order);
            }
        }
        as_class.extend((call..=end).filter(|&i| lines[i].trim_start().starts_with("{ ")));
        for name in names(&block) {
            let Some(trait_name) = name.strip_prefix("FfiConverterType") else {
                continue;
            };
            if !registers_vtable(name, &file) {
                continue;
            }
            // The trait's Rust-implemented class, which lowering checks for (`is`): loaded,
            // not initialised.
            if let Some(&(from, to)) = objects.get(name) {
                let body: String = lines[from..to].concat();
                let implemented = words(&body)
                    .map(|(at, end)| &body[at..end])
                    .find(|w| w.strip_prefix(trait_name) == Some("Impl"));
                if let Some(class) = implemented.filter(|c| seen.insert((*c).to_owned())) {
                    order.push(format!("{class}::class.java"));
                }
            }
            let head = format!("internal object uniffiCallbackInterface{trait_name} {{");
            let Some(&(from, to)) =
                objects.get(format!("uniffiCallbackInterface{trait_name}").as_str())
            else {
                continue;
            };
            if lines[from].trim_end() != head {
                continue;
            }
            as_class.extend((from..to).filter(|&i| {
                let line = lines[i].trim_start();
                line.starts_with("val makeCall = { ") || line.starts_with("val writeReturn = { ")
            }));
        }
    }
    if order.is_empty() {
        return None;
    }
    // The runtime's start, when the file has it, with its lambdas as classes too.
    let prepare_runtime = call_lines(lines, PREPARE_RUNTIME.0).filter(|_| {
        lines
            .iter()
            .any(|l| l.trim_start().starts_with(PREPARE_RUNTIME.1))
    });
    if let Some((call, end)) = prepare_runtime {
        as_class.extend((call..=end).filter(|&i| lines[i].trim_start().starts_with("{ ")));
    }
    order.push("UniffiLib.CLEANER".to_owned());

    let open = lines.iter().position(|l| l.trim_end() == LIB_OPEN)?;
    let init = open
        + lines[open..]
            .iter()
            .position(|l| l.trim_end() == "    init {")?;
    let init_end = init + lines[init..].iter().position(|l| l.trim_end() == "    }")?;

    let mut out = String::with_capacity(text.len() + 2048);
    for (i, line) in lines.iter().enumerate() {
        if as_class.contains(&i) {
            let brace = line.find("{ ").expect("selected for its brace");
            out.push_str(&line[..brace]);
            out.push_str("@JvmSerializableLambda ");
            out.push_str(&line[brace..]);
            continue;
        }
        if i == init_end {
            out.push_str(
                "        // What the first screen's call needs, prepared meanwhile\n        \
                 // (bindings/uniffi-bindgen/src/kotlin_prepare.rs).\n        \
                 UniffiPrepareFirstCall.start()\n",
            );
        }
        out.push_str(line);
    }
    out.push_str(
        "\n// Initialises, on a daemon thread started by `UniffiLib`, the objects the first screen's\n\
         // calls need (bindings/uniffi-bindgen/src/kotlin_prepare.rs). Walked from the end, so\n\
         // that a call made at once meets it half-way; the JVM initialises each object once.\n\
         internal object UniffiPrepareFirstCall : Runnable {\n    \
         internal fun start() {\n        \
         Thread(this, \"uniffi-prepare\").apply { isDaemon = true }.start()\n    \
         }\n\n    \
         override fun run() {\n        \
         try {\n",
    );
    for name in order.iter().rev() {
        out.push_str(&format!("            System.identityHashCode({name})\n"));
    }
    out.push_str(
        "        } catch (e: Throwable) {\n            \
         // Dropped: the call that needs the object meets the failure again and reports it.\n        \
         }\n",
    );
    if prepare_runtime.is_some() {
        out.push_str(
            "        try {\n            \
             // Then the library's runtime, a thread of its blocking pool and the async\n            \
             // call's path (the open's objects first: they cost it most).\n            \
             kotlinx.coroutines.runBlocking { prepareRuntime() }\n        \
             } catch (e: Throwable) {\n            \
             // Dropped: the open starts the runtime itself and reports a failure.\n        \
             }\n",
        );
    }
    out.push_str("    }\n}\n");
    Some((out, order.len()))
}

/// The lines of the call to `function` in a function's body: from the FFI call to the
/// end of `uniffiRustCallAsync(`'s arguments, as UniFFI indents it.
fn call_lines(lines: &[&str], function: &str) -> Option<(usize, usize)> {
    let call_token = format!(".{function}(");
    let call = lines.iter().position(|l| l.contains(&call_token))?;
    let end = lines[call..].iter().position(|l| l.trim_end() == "    )")?;
    Some((call, call + end))
}

/// The objects the call's code names: groups (`UniffiLib<Group>`), converters, error
/// handlers, the `UniffiWithHandle` marker; in order of appearance.
fn names(block: &str) -> Vec<&str> {
    words(block)
        .map(|(at, end)| &block[at..end])
        .filter(|w| {
            (w.starts_with("UniffiLib") && *w != "UniffiLib")
                || *w == "UniffiWithHandle"
                || w.starts_with("FfiConverter")
                || w.ends_with("ErrorHandler")
        })
        .collect()
}

/// Adds the converters `name`'s body uses, depth first, skipping foreign traits'
/// converters (whose first use registers a vtable the call may not need); and the
/// `UniffiWithHandle` marker, when a lift names it. `name` is declared or imported in
/// `owner`; a name from another generated file is followed into it and written with its
/// package, since the same converter names recur in every crate's file.
fn expand(
    name: &str,
    owner: &Source,
    file: &Source,
    others: &[Source],
    seen: &mut HashSet<String>,
    order: &mut Vec<String>,
) {
    let (owner, name) = match owner.objects.get(name) {
        Some(_) => (owner, name),
        None => {
            let Some(path) = owner.imports.get(name) else {
                return;
            };
            let declaring = others.iter().find(|o| {
                o.objects.contains_key(name)
                    && path.strip_suffix(name) == Some(&format!("{}.", o.package))
            });
            match declaring {
                Some(declaring) => (declaring, name),
                None => return,
            }
        }
    };
    let (from, to) = owner.objects[name];
    let body: String = owner.lines[from + 1..to].concat();
    for inner in names(&body) {
        let converter = inner.starts_with("FfiConverter");
        if !converter && inner != "UniffiWithHandle" {
            continue;
        }
        // As this file (`file`) names it.
        let key = if owner.objects.contains_key(inner) {
            if owner.package == file.package {
                inner.to_owned()
            } else {
                format!("{}.{inner}", owner.package)
            }
        } else if let Some(path) = owner.imports.get(inner) {
            if owner.package == file.package {
                inner.to_owned()
            } else {
                (*path).to_owned()
            }
        } else {
            continue;
        };
        if seen.contains(&key) || (converter && registers_vtable(inner, owner)) {
            continue;
        }
        seen.insert(key.clone());
        order.push(key);
        if converter {
            expand(inner, owner, file, others, seen, order);
        }
    }
}

/// Whether `name` is a foreign trait's converter, whose first use registers its vtable.
fn registers_vtable(name: &str, file: &Source) -> bool {
    file.objects.get(name).is_some_and(|&(from, to)| {
        file.lines[from..to]
            .iter()
            .any(|l| l.contains("uniffiCallbackInterface"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "import fi.x.other.FfiConverterString
internal object UniffiLib {
    init {
        Native.register(UniffiLib::class.java, findLibraryName(componentName = \"x\"))
    }
}

class Wallet {
    override suspend fun `payees`() : List<Payee> {
        return uniffiRustCallAsync(
        callWithHandle { uniffiHandle ->
            UniffiLibWallet.uniffi_x_fn_method_wallet_payees(
                uniffiHandle,
                
            )
        },
        { future -> UniffiLib.ffi_x_rust_future_free_rust_buffer(future) },
        { FfiConverterSequenceTypePayee.lift(it) },
        WalletExceptionErrorHandler,
    )
    }

    companion object {
        suspend fun `open`(`settings`: Settings, `store`: Store) : Wallet {
            return uniffiRustCallAsync(
            UniffiLibWallet.uniffi_x_fn_constructor_wallet_open(
            FfiConverterTypeSettings.lower(`settings`),
            FfiConverterTypeStore.lower(`store`),),
            { future -> UniffiLib.ffi_x_rust_future_free_u64(future) },
            { FfiConverterTypeWallet.lift(it) },
            WalletExceptionErrorHandler,
    )
        }
    }
}

public object FfiConverterTypeSettings: FfiConverterRustBuffer<Settings> {
    override fun write(value: Settings, buf: ByteBuffer) {
            FfiConverterTypeBank.write(value.`bank`, buf)
            FfiConverterOptionalTypeClock.write(value.`clock`, buf)
    }
}

public object FfiConverterTypeBank: FfiConverterRustBuffer<Bank> {
    override fun write(value: Bank, buf: ByteBuffer) {
            FfiConverterString.write(value.`url`, buf)
    }
}

public object FfiConverterOptionalTypeClock: FfiConverterRustBuffer<Clock?> {
    override fun write(value: Clock?, buf: ByteBuffer) {
            FfiConverterTypeClock.write(value!!, buf)
    }
}

public object FfiConverterTypeClock: FfiConverter<Clock, Long> {
    internal val handleMap = UniffiHandleMap<Clock>()
    init { uniffiCallbackInterfaceClock.register(UniffiLib) }
}

public object FfiConverterTypeStore: FfiConverter<Store, Long> {
    internal val handleMap = UniffiHandleMap<Store>()
    init { uniffiCallbackInterfaceStore.register(UniffiLib) }
}

internal object uniffiCallbackInterfaceStore {
    internal object `get`: UniffiCallbackInterfaceStoreMethod0 {
        override fun callback(`uniffiHandle`: Long,`uniffiOutReturn`: RustBuffer,uniffiCallStatus: UniffiRustCallStatus,) {
            val makeCall = { ->
                uniffiObj.`get`()
            }
            val writeReturn = { value: kotlin.ByteArray? -> uniffiOutReturn.setValue(FfiConverterOptionalByteArray.lower(value)) }
            uniffiTraitInterfaceCallWithError(uniffiCallStatus, makeCall, writeReturn, { e: StoreException -> lowerError(e) })
        }
    }
}

internal object uniffiCallbackInterfaceClock {
    internal object `now`: UniffiCallbackInterfaceClockMethod0 {
        override fun callback(`uniffiHandle`: Long,`uniffiOutReturn`: Long,uniffiCallStatus: UniffiRustCallStatus,) {
            val makeCall = { ->
                uniffiObj.`now`()
            }
        }
    }
}

public object FfiConverterTypeWallet: FfiConverter<Wallet, Long> {
    override fun lift(value: Long): Wallet = Wallet(value)
}

object WalletExceptionErrorHandler : UniffiRustCallStatusErrorHandler<WalletException> {
}

internal object UniffiLibWallet {
}

public object FfiConverterSequenceTypePayee: FfiConverterRustBuffer<List<Payee>> {
    override fun read(buf: ByteBuffer): List<Payee> = List(buf.getInt()) { FfiConverterTypePayee.read(buf) }
}

public object FfiConverterTypePayee: FfiConverterRustBuffer<Payee> {
}
";

    fn prepared(out: &str) -> Vec<&str> {
        let run = out.find("override fun run()").unwrap();
        out[run..]
            .lines()
            .filter_map(|l| l.trim().strip_prefix("System.identityHashCode("))
            .map(|l| l.strip_suffix(')').unwrap())
            .collect()
    }

    #[test]
    fn the_thread_prepares_what_the_call_names_from_the_end() {
        let (out, n) = rewrite(
            FILE,
            &[("uniffi_x_fn_constructor_wallet_open", Some("Wallet"))],
            &[],
        )
        .unwrap();
        let mut expected = vec![
            "Wallet.Companion",
            "UniffiLibWallet",
            "FfiConverterTypeSettings",
            "FfiConverterTypeBank",
            "FfiConverterString",
            "FfiConverterOptionalTypeClock",
            "FfiConverterTypeStore",
            "FfiConverterTypeWallet",
            "WalletExceptionErrorHandler",
            "UniffiLib.CLEANER",
        ];
        assert_eq!(n, expected.len());
        expected.reverse();
        assert_eq!(prepared(&out), expected);
        // The lowered store's vtable is prepared; the optional clock's is not.
        assert!(!prepared(&out).contains(&"FfiConverterTypeClock"));
        // Started at the end of UniffiLib's initialiser, on a daemon thread, no lambda.
        let register = out.find("Native.register(UniffiLib::class.java").unwrap();
        let start = out
            .find("        UniffiPrepareFirstCall.start()\n")
            .unwrap();
        let init_end = out[start..].find("\n    }\n").unwrap() + start;
        assert!(register < start && start < init_end);
        assert!(out.contains("Thread(this, \"uniffi-prepare\").apply { isDaemon = true }.start()"));
        assert!(out.contains("} catch (e: Throwable) {"));
    }

    #[test]
    fn the_calls_lambdas_are_compiled_as_classes() {
        let (out, _) = rewrite(
            FILE,
            &[("uniffi_x_fn_constructor_wallet_open", Some("Wallet"))],
            &[],
        )
        .unwrap();
        assert!(out.contains(
            "            @JvmSerializableLambda { future -> UniffiLib.ffi_x_rust_future_free_u64(future) },\n"
        ));
        assert!(
            out.contains(
                "            @JvmSerializableLambda { FfiConverterTypeWallet.lift(it) },\n"
            )
        );
        // The lowered store's call and result writer; not the error's (inlined), not the
        // clock's (not lowered by the call).
        assert!(out.contains("            val makeCall = @JvmSerializableLambda { ->\n                uniffiObj.`get`()"));
        assert!(out.contains(
            "            val writeReturn = @JvmSerializableLambda { value: kotlin.ByteArray? ->"
        ));
        assert!(out.contains("writeReturn, { e: StoreException -> lowerError(e) })"));
        assert!(out.contains("            val makeCall = { ->\n                uniffiObj.`now`()"));
        assert_eq!(out.matches("@JvmSerializableLambda").count(), 4);
    }

    #[test]
    fn a_method_the_first_screen_calls_next_is_prepared_after_the_open() {
        let calls = [
            ("uniffi_x_fn_constructor_wallet_open", Some("Wallet")),
            ("uniffi_x_fn_method_wallet_payees", None),
        ];
        let (out, n) = rewrite(FILE, &calls, &[]).unwrap();
        let prepared = prepared(&out);
        assert_eq!(n, prepared.len());
        // Walked from the end: the list's objects first, the open's class last; what both
        // name (the group, the error handler) once, where the open needs it.
        assert_eq!(
            &prepared[..3],
            [
                "UniffiLib.CLEANER",
                "FfiConverterTypePayee",
                "FfiConverterSequenceTypePayee"
            ]
        );
        assert_eq!(prepared.last(), Some(&"Wallet.Companion"));
        assert_eq!(
            prepared.iter().filter(|p| **p == "UniffiLibWallet").count(),
            1
        );
        assert!(out.contains(
            "        @JvmSerializableLambda { FfiConverterSequenceTypePayee.lift(it) },\n"
        ));
        // The inline `callWithHandle` block is left as it is.
        assert!(out.contains("        callWithHandle { uniffiHandle ->\n"));
    }

    #[test]
    fn the_thread_then_starts_the_runtime_when_the_file_has_its_call() {
        let calls = [("uniffi_x_fn_constructor_wallet_open", Some("Wallet"))];
        let (without, _) = rewrite(FILE, &calls, &[]).unwrap();
        assert!(!without.contains("prepareRuntime"));
        let with = format!(
            "{FILE}
     suspend fun `prepareRuntime`() {{
        return uniffiRustCallAsync(
        UniffiLibFunc.uniffi_avain_ffi_fn_func_prepare_runtime(),
        {{ future -> UniffiLib.ffi_x_rust_future_free_void(future) }},
        {{ }},
        UniffiNullRustCallStatusErrorHandler,
    )
    }}
"
        );
        let (out, n) = rewrite(&with, &calls, &[]).unwrap();
        assert_eq!(n, prepared(&out).len());
        // After the objects, in a try of its own, its lambdas compiled as classes.
        let run = out.find("override fun run()").unwrap();
        let walk_end = run + out[run..].find("        } catch (e: Throwable) {").unwrap();
        let start = out
            .find("            kotlinx.coroutines.runBlocking { prepareRuntime() }\n")
            .unwrap();
        assert!(walk_end < start);
        assert_eq!(out[start..].matches("} catch (e: Throwable) {").count(), 1);
        assert!(out.contains(
            "        @JvmSerializableLambda { future -> UniffiLib.ffi_x_rust_future_free_void(future) },\n"
        ));
        assert!(out.contains("        @JvmSerializableLambda { },\n"));
    }

    #[test]
    fn other_crates_records_impl_classes_and_the_lift_marker_are_prepared_too() {
        let calls = [("uniffi_x_fn_constructor_wallet_open", Some("Wallet"))];
        let text =
            FILE.replace(
                "import fi.x.other.FfiConverterString\n",
                "import fi.x.other.FfiConverterString\nimport fi.x.other.FfiConverterTypeDevice\n",
            )
            .replace(
                "            FfiConverterTypeBank.write(value.`bank`, buf)\n",
                "            FfiConverterTypeBank.write(value.`bank`, buf)\n            \
                 FfiConverterTypeDevice.write(value.`device`, buf)\n",
            )
            .replace(
                "    init { uniffiCallbackInterfaceStore.register(UniffiLib) }\n",
                "    init { uniffiCallbackInterfaceStore.register(UniffiLib) }\n    \
                 override fun lower(value: Store): Long = if (value is StoreImpl) 1 else 2\n",
            )
            .replace(
                "    override fun lift(value: Long): Wallet = Wallet(value)\n",
                "    override fun lift(value: Long): Wallet = Wallet(UniffiWithHandle, value)\n",
            ) + "object UniffiWithHandle\n";
        let other = "package fi.x.other

public object FfiConverterTypeDevice: FfiConverterRustBuffer<Device> {
    override fun write(value: Device, buf: ByteBuffer) {
            FfiConverterString.write(value.`model`, buf)
    }
}

public object FfiConverterString: FfiConverter<String, RustBuffer.ByValue> {
}
";
        let others = [Source::new(other), Source::new(&text)];
        let (out, n) = rewrite(&text, &calls, &others).unwrap();
        let names = prepared(&out);
        assert_eq!(n, names.len());
        // The other crate's record as this file imports it; what is inside it with its
        // package (this file's own `FfiConverterString` is another class).
        assert!(names.contains(&"FfiConverterTypeDevice"));
        assert!(names.contains(&"fi.x.other.FfiConverterString"));
        assert!(names.contains(&"StoreImpl::class.java"));
        assert!(names.contains(&"UniffiWithHandle"));
        // Without the other file, its record's inside is not known: left to the call.
        let (alone, _) = rewrite(&text, &calls, &[]).unwrap();
        assert!(!prepared(&alone).contains(&"fi.x.other.FfiConverterString"));
    }

    #[test]
    fn a_file_without_the_call_is_left_alone() {
        assert_eq!(
            rewrite(
                FILE,
                &[("uniffi_x_fn_constructor_other_new", Some("Other"))],
                &[]
            ),
            None
        );
        let no_lib = FILE.replace("internal object UniffiLib {", "internal object Other {");
        assert_eq!(
            rewrite(
                &no_lib,
                &[("uniffi_x_fn_constructor_wallet_open", Some("Wallet"))],
                &[]
            ),
            None
        );
    }
}
