// The sandbox's control server (tests/bindings/sandbox-control), for the end-to-end tests
// outside SandboxFlowTest: the bank's settings, the customer's other hand, the bank's clock
// and the relay that holds the bank's answers.
package fi.avain.e2e

import fi.avain.Avain
import fi.avain.AvainSettings
import fi.avain.BankSettings
import fi.avain.BiometricKeys
import fi.avain.PolicyKey
import fi.avain.Registration
import fi.avain.WallClock
import fi.avain.protocol.AppLinkDomain
import fi.avain.core.DeviceDetails
import fi.avain.core.Platform
import fi.avain.core.RegistrationStep
import fi.avain.shell.JvmDeviceKeys
import fi.avain.shell.KeyAttester
import fi.avain.shell.MemorySecretStore
import fi.avain.shell.NoBiometrics
import java.net.HttpURLConnection
import java.net.URI
import java.nio.file.Files
import java.util.Base64

/** Plain-HTTP calls to the control server whose URL tests/bindings/with-sandbox exports. */
internal object SandboxControl {
    private val control: String = System.getenv("AVAIN_SANDBOX_CONTROL")
        ?: error("AVAIN_SANDBOX_CONTROL is not set: run through tests/bindings/with-sandbox")

    /** The answer's text; fails the test on anything but HTTP 200. */
    fun call(method: String, path: String): String {
        val connection = URI("$control$path").toURL().openConnection() as HttpURLConnection
        connection.requestMethod = method
        val status = connection.responseCode
        val body = (if (status < 400) connection.inputStream else connection.errorStream)
            ?.bufferedReader()?.readText().orEmpty()
        check(status == 200) { "$method $path: HTTP $status $body" }
        return body.trim()
    }

    /** `key value` lines; a key may repeat. */
    fun lines(path: String, method: String = "GET"): List<Pair<String, String>> =
        call(method, path).lines().filter { it.isNotBlank() }.map { it.substringBefore(' ') to it.substringAfter(' ') }

    /** The value of [key] in [path]'s answer. */
    fun value(path: String, key: String, method: String = "GET"): String =
        lines(path, method).first { it.first == key }.second

    /** The bank's settings, at [url] (the bank's own by default, or a relay's). */
    fun settings(url: String? = null): BankSettings {
        val lines = lines("/bank")
        val value = { key: String -> lines.first { it.first == key }.second }
        val decode = { text: String -> Base64.getDecoder().decode(text) }
        return BankSettings(
            url = url ?: value("url"),
            useSystemRoots = false,
            extraRoots = listOf(decode(value("root_ca"))),
            pinnedSpkiSha256 = emptyList(),
            challengeKey = decode(value("challenge_key")),
            policyKeys = lines.filter { it.first == "policy_key" }.map {
                PolicyKey(it.second.substringBefore(' '), decode(it.second.substringAfter(' ')))
            },
            // The sandbox's page links to its own host (avain_protocol::app_link).
            appLinks = AppLinkDomain.SANDBOX,
        )
    }

    /**
     * A phone on a fresh data directory, talking to [bank] (on [clock] when given), with
     * [user]'s profile registered with [pin] and unlocked in the online bank; the profile's id.
     */
    suspend fun activePhone(
        user: String,
        pin: String,
        bank: BankSettings,
        clock: WallClock? = null,
        secureLockScreen: () -> Boolean = { true },
    ): Pair<Avain, String> {
        val avain = phone(bank, clock, secureLockScreen)
        return avain to registerAndUnlock(avain, user, pin, "Puutyön puhelin")
    }

    /**
     * A phone on a fresh data directory with no profile (before registration); with an
     * [attester] its keys come with the sandbox's simulated Keystore attestation.
     */
    suspend fun phone(
        bank: BankSettings,
        clock: WallClock? = null,
        secureLockScreen: () -> Boolean = { true },
        attester: KeyAttester? = null,
        biometrics: BiometricKeys = NoBiometrics(),
    ): Avain {
        val store = MemorySecretStore()
        return Avain.open(
            AvainSettings(
                dataDir = Files.createTempDirectory("avain-kotlin-e2e").toString(),
                bank = bank,
                preferredLanguages = listOf("fi-FI"),
                device = DeviceDetails(Platform.ANDROID, "Pixel 8", "14", "1.0.0"),
                pinKdfIterations = 1_000u,
                clock = clock,
            ),
            store,
            JvmDeviceKeys(store, secureLockScreen = secureLockScreen, attester = attester),
            biometrics,
        )
    }

    /** [user]'s registration on [avain] with [pin], up to naming the profile. */
    suspend fun registrationUpToName(avain: Avain, user: String, pin: String): Registration {
        val registration = avain.startRegistration(user, value("/customer/$user", "password"))
        val keyCard = registration.step() as RegistrationStep.KeyCardCode
        registration.submitKeyCardCode(call("GET", "/key-card/$user/${keyCard.keyCardIndex}"))
        registration.submitSmsCode(call("GET", "/sms/$user/registration_sms_code"))
        registration.choosePin(pin, pin)
        return registration
    }

    /**
     * The bank's attestation policy per platform (`required`, `preferred`, `off`); the
     * sandbox starts with `preferred` for both, which a test puts back when done.
     */
    fun attestationPolicy(android: String, apple: String) {
        val now = lines("/attestation/policy/$android/$apple", "POST")
        check(now.contains("android" to android) && now.contains("apple" to apple)) { "policy: $now" }
    }

    /** The sandbox playing Android Keystore's attestation for a [role] key (`device`, `biometric`). */
    fun androidAttester(role: String = "device", level: String = "trusted_environment") =
        KeyAttester { publicKey, challenge ->
            lines("/attestation/android/$role/$level/${hex(publicKey)}/${hex(challenge)}", "POST")
                .filter { it.first == "certificate" }
                .map { Base64.getDecoder().decode(it.second) }
        }

    fun hex(bytes: ByteArray): String = bytes.joinToString("") { "%02x".format(it) }

    /** Registers [user] on [avain] with [pin] and has the online bank unlock the profile; its id. */
    suspend fun registerAndUnlock(avain: Avain, user: String, pin: String, name: String): String {
        val registration = registrationUpToName(avain, user, pin)
        val pending = registration.finish(name) as RegistrationStep.PendingUnlock
        check(call("POST", "/unlock/$user") == "1") { "the online-bank unlock" }
        return pending.profile.id
    }
}
