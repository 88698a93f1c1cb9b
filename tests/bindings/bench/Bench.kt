// Timings for tests/bindings-report, in one fresh JVM: loading the library, opening Avain,
// and (with --calls) the cost of synchronous calls through JNA. Prints one JSON object.
// Not a test: the figures depend on the machine and are reported, never asserted.
//
//   (no argument)      load, then open on a fresh data directory (the first start)
//   --setup DIR        registers two profiles in DIR (keystore in DIR/secrets.txt); untimed
//   --existing DIR     load, the first coroutine, then open on DIR and list its profiles
//                      (every later start)
//   --existing-at-once DIR   the same, with the first coroutine and the stand-ins made
//                      before the load, so that the open follows the load immediately
//   --calls            load, open fresh, then the per-call costs
//
// Needs AVAIN_SANDBOX_CONTROL (tests/bindings/with-sandbox) for real bank settings (URL,
// root certificate, keys); opening Avain reads them but makes no network call.
package fi.avain.bench

import fi.avain.Avain
import fi.avain.AvainSettings
import fi.avain.BankSettings
import fi.avain.BiometricKeys
import fi.avain.CreatedKey
import fi.avain.core.DeviceDetails
import fi.avain.protocol.Language
import fi.avain.core.Platform
import fi.avain.PlatformException
import fi.avain.PolicyKey
import fi.avain.SecretStore
import fi.avain.IntegrityCheckingUniffiLib
import fi.avain.core.RegistrationStep
import fi.avain.checkNewPin
import fi.avain.chooseLanguage
import fi.avain.formatMoney
import fi.avain.preloadPinRules
import fi.avain.shell.JvmDeviceKeys
import fi.avain.shell.MemorySecretStore
import java.io.File
import java.net.HttpURLConnection
import java.net.URI
import java.nio.file.Files
import java.util.Base64
import java.util.concurrent.ConcurrentHashMap
import kotlinx.coroutines.runBlocking

private val control: String
    get() = System.getenv("AVAIN_SANDBOX_CONTROL")
        ?: error("AVAIN_SANDBOX_CONTROL is not set: run through tests/bindings/with-sandbox")

/** A call to the sandbox's control server; its answer's text. */
private fun controlCall(method: String, path: String): String {
    val connection = URI("$control$path").toURL().openConnection() as HttpURLConnection
    connection.requestMethod = method
    check(connection.responseCode == 200) { "$method $path: HTTP ${connection.responseCode}" }
    return connection.inputStream.bufferedReader().readText().trim()
}

/**
 * The keystore of a phone whose app restarts: secrets kept in a file (`name base64` per
 * line), read when the store is made, written on every change. A bench stand-in for the
 * platform's keystore, never for an app.
 */
private class FileSecretStore(private val file: File) : SecretStore {
    private val values = ConcurrentHashMap<String, ByteArray>()

    init {
        if (file.exists()) {
            file.readLines().filter { it.isNotBlank() }.forEach {
                values[it.substringBefore(' ')] = Base64.getDecoder().decode(it.substringAfter(' '))
            }
        }
    }

    @Synchronized
    private fun save() = file.writeText(
        values.entries.joinToString("") { "${it.key} ${Base64.getEncoder().encodeToString(it.value)}\n" },
    )

    override fun get(name: String): ByteArray? = values[name]?.copyOf()

    override fun put(name: String, value: ByteArray) {
        values[name] = value.copyOf()
        save()
    }

    override fun delete(name: String) {
        values.remove(name)
        save()
    }
}

private fun settings(dataDir: File, bank: BankSettings) = AvainSettings(
    dataDir = dataDir.path,
    bank = bank,
    preferredLanguages = listOf("fi-FI"),
    device = DeviceDetails(Platform.ANDROID, "Pixel 8", "14", "1.0.0"),
    pinKdfIterations = null,
)

/** Registers two customers in [dataDir] and has the online bank unlock both. */
private fun setUp(dataDir: File, bank: BankSettings) = runBlocking {
    val store = FileSecretStore(File(dataDir, "secrets.txt"))
    val avain = Avain.open(settings(dataDir, bank), store, JvmDeviceKeys(store), NoBiometrics())
    for ((user, name) in listOf("50010001" to "Oma", "50010002" to "Työ")) {
        val password = controlCall("GET", "/customer/$user").lines()
            .first { it.startsWith("password ") }.substringAfter(' ')
        val registration = avain.startRegistration(user, password)
        val keyCard = registration.step() as RegistrationStep.KeyCardCode
        registration.submitKeyCardCode(controlCall("GET", "/key-card/$user/${keyCard.keyCardIndex}"))
        registration.submitSmsCode(controlCall("GET", "/sms/$user/registration_sms_code"))
        registration.choosePin("583920", "583920")
        registration.finish(name) as RegistrationStep.PendingUnlock
        check(controlCall("POST", "/unlock/$user") == "1") { "the online-bank unlock" }
    }
    avain.close()
}

/**
 * Load, open on [dataDir] with its two profiles, and the profile picker's list. With
 * [atOnce], the open follows the load immediately (the first coroutine and the stand-ins
 * made before the load): what the library's load prepares on its own thread for the open
 * (bindings/uniffi-bindgen/src/kotlin_prepare.rs) then races the open instead of being
 * done by the time the app opens the core.
 */
private fun openExisting(dataDir: File, bank: BankSettings, atOnce: Boolean): List<String> {
    val earlyStart = System.nanoTime()
    var early: StandIns? = null
    if (atOnce) runBlocking { }
    val earlyCoroutines = System.nanoTime()
    if (atOnce) early = StandIns(dataDir, bank)
    val earlyEnd = System.nanoTime()
    val loadStart = System.nanoTime()
    formatMoney(0, Language.FI)
    val loaded = System.nanoTime()
    // The JVM's first coroutine, timed apart: an app's coroutines run before it opens the
    // core. The total from the load to the list still includes it.
    if (!atOnce) runBlocking { }
    val coroutines = System.nanoTime()
    val standIns = early ?: StandIns(dataDir, bank)
    val madeStandIns = System.nanoTime()
    val avain = runBlocking { Avain.open(standIns.settings, standIns.store, standIns.keys, NoBiometrics()) }
    val opened = System.nanoTime()
    val profiles = runBlocking { avain.profiles() }
    val listed = System.nanoTime()
    check(profiles.size == 2 && profiles.all { it.name.isNotEmpty() }) { "the picker's profiles" }
    avain.close()
    return listOf(
        "\"load_ms\": ${ms(loadStart, loaded)}",
        "\"coroutines_first_ms\": ${if (atOnce) ms(earlyStart, earlyCoroutines) else ms(loaded, coroutines)}",
        "\"stand_ins_ms\": ${if (atOnce) ms(earlyCoroutines, earlyEnd) else ms(coroutines, madeStandIns)}",
        "\"open_existing_ms\": ${ms(madeStandIns, opened)}",
        "\"profiles_ms\": ${ms(opened, listed)}",
        "\"open_and_profiles_ms\": ${ms(loaded, listed)}",
    )
}

/**
 * The bench's stand-ins for the phone's keystore and keys (the file read, the JCA's
 * start), made apart from the timed open: an app has its own, made as it needs them.
 */
private class StandIns(dataDir: File, bank: BankSettings) {
    val store = FileSecretStore(File(dataDir, "secrets.txt"))
    val keys = JvmDeviceKeys(store)
    val settings = settings(dataDir, bank)
}

private fun ms(from: Long, to: Long) = "%.1f".format((to - from) / 1e6)

/** The sandbox bank's settings, as the end-to-end tests read them. */
private fun bankSettings(): BankSettings {
    val control = System.getenv("AVAIN_SANDBOX_CONTROL")
        ?: error("AVAIN_SANDBOX_CONTROL is not set: run through tests/bindings/with-sandbox")
    val lines = URI("$control/bank").toURL().readText().lines().filter { it.isNotBlank() }
        .map { it.substringBefore(' ') to it.substringAfter(' ') }
    val value = { key: String -> lines.first { it.first == key }.second }
    val decode = { text: String -> Base64.getDecoder().decode(text) }
    return BankSettings(
        url = value("url"),
        useSystemRoots = false,
        extraRoots = listOf(decode(value("root_ca"))),
        pinnedSpkiSha256 = emptyList(),
        challengeKey = decode(value("challenge_key")),
        policyKeys = lines.filter { it.first == "policy_key" }.map {
            PolicyKey(it.second.substringBefore(' '), decode(it.second.substringAfter(' ')))
        },
    )
}

private class NoBiometrics : BiometricKeys {
    override fun isAvailable() = false
    override fun create(profileId: String, attestationChallenge: ByteArray?): CreatedKey =
        throw PlatformException.BiometricsNotAvailable()
    override fun publicKey(profileId: String): ByteArray? = null
    override fun sign(profileId: String, prompt: String, message: ByteArray): ByteArray =
        throw PlatformException.BiometricsNotAvailable()
    override fun delete(profileId: String) = Unit
}

private var sink = 0L

/**
 * Nanoseconds per call of [call]: warmed up for about [warmMs] (the JIT compiles the
 * bindings' call path), then the median of 7 rounds of about 100 ms each.
 */
private inline fun perCall(warmMs: Long = 1_500, call: () -> Int): Double {
    var calls = 1
    val warmEnd = System.nanoTime() + warmMs * 1_000_000
    while (System.nanoTime() < warmEnd) {
        val start = System.nanoTime()
        repeat(calls) { sink += call() }
        val took = System.nanoTime() - start
        if (took < 100_000_000) calls = (calls * 2).coerceAtMost(50_000_000)
    }
    val samples = DoubleArray(7) {
        val start = System.nanoTime()
        repeat(calls) { sink += call() }
        (System.nanoTime() - start).toDouble() / calls
    }
    samples.sort()
    return samples[3]
}

private fun ns(value: Double) = "%.0f".format(value)

fun main(args: Array<String>) {
    val bank = bankSettings()
    val dirArg = { flag: String -> args.indexOf(flag).takeIf { it >= 0 }?.let { File(args[it + 1]) } }
    dirArg("--setup")?.let {
        setUp(it, bank)
        return
    }
    dirArg("--existing")?.let {
        println(openExisting(it, bank, atOnce = false).joinToString(", ", "{", "}"))
        return
    }
    dirArg("--existing-at-once")?.let {
        println(openExisting(it, bank, atOnce = true).joinToString(", ", "{", "}"))
        return
    }
    val dataDir = Files.createTempDirectory("avain-bench").toFile()
    try {
        // The first call loads libavain_ffi (JNA's Native.register of every function, the
        // contract-version check) and initialises the Rust side.
        val loadStart = System.nanoTime()
        formatMoney(0, Language.FI)
        val loaded = System.nanoTime()
        // What the app does at start-up: open the core on its data directory with the
        // shell's secret store and device keys (here the JVM ones the tests use, made
        // first and timed apart: they stand in for the phone's).
        val store = MemorySecretStore()
        val keys = JvmDeviceKeys(store)
        val settings = settings(dataDir, bank)
        val standIns = System.nanoTime()
        val avain = runBlocking { Avain.open(settings, store, keys, NoBiometrics()) }
        val opened = System.nanoTime()
        sink += avain.language().ordinal
        avain.close()
        val fields = mutableListOf(
            "\"load_ms\": ${"%.1f".format((loaded - loadStart) / 1e6)}",
            "\"stand_ins_ms\": ${"%.1f".format((standIns - loaded) / 1e6)}",
            "\"open_ms\": ${"%.1f".format((opened - standIns) / 1e6)}",
            "\"load_and_open_ms\": ${"%.1f".format((opened - loadStart) / 1e6)}",
        )
        if ("--calls" in args) {
            preloadPinRules()
            // From the bare JNA call to the PIN check: where the time of a call goes.
            fields += "\"jna_bare_call_ns\": ${ns(perCall { IntegrityCheckingUniffiLib.ffi_avain_ffi_uniffi_contract_version() })}"
            fields += "\"uniffi_empty_call_ns\": ${ns(perCall { preloadPinRules(); 1 })}"
            fields += "\"format_money_ns\": ${ns(perCall { formatMoney(1_450_594, Language.FI).length })}"
            fields += "\"choose_language_ns\": ${ns(perCall { chooseLanguage(listOf("en-US", "sv-FI")).ordinal })}"
            fields += "\"pin_check_accepted_ns\": ${ns(perCall { checkNewPin("583920", null, null, Language.FI).problems.size })}"
            fields += "\"pin_check_refused_ns\": ${ns(perCall { checkNewPin("1234", null, null, Language.FI).problems.size })}"
        }
        fields += "\"checksum\": $sink"
        println(fields.joinToString(", ", "{", "}"))
    } finally {
        dataDir.deleteRecursively()
    }
}
