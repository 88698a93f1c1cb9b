// Timings for tests/bindings-report: loading the library from Kotlin and the cost of one
// synchronous call through JNA. Prints one JSON object. Not a test: the figures depend on
// the machine and are reported, never asserted.
package fi.avain.bench

import fi.avain.Language
import fi.avain.checkNewPin
import fi.avain.chooseLanguage
import fi.avain.formatMoney
import fi.avain.preloadPinRules

/** Nanoseconds per call of [call], the median of [rounds] rounds of [calls] calls each. */
private inline fun perCall(calls: Int, rounds: Int, call: () -> Unit): Double {
    val samples = DoubleArray(rounds)
    for (round in 0 until rounds) {
        val start = System.nanoTime()
        repeat(calls) { call() }
        samples[round] = (System.nanoTime() - start).toDouble() / calls
    }
    samples.sort()
    return samples[rounds / 2]
}

fun main() {
    // The first call loads libavain_ffi (JNA's Native.register for every function, the
    // contract-version check) and initialises the Rust side.
    val loadStart = System.nanoTime()
    formatMoney(0, Language.FI)
    val loadMs = (System.nanoTime() - loadStart) / 1e6
    preloadPinRules()

    var sink = 0
    // Warm-up: let the JIT compile the bindings' call path.
    repeat(300_000) {
        sink += checkNewPin("583920", null, null, Language.FI).problems.size
        sink += checkNewPin("1234", null, null, Language.FI).problems.size
    }
    val accepted = perCall(200_000, 7) { sink += checkNewPin("583920", null, null, Language.FI).problems.size }
    val refused = perCall(100_000, 7) { sink += checkNewPin("1234", null, null, Language.FI).problems.size }
    val money = perCall(200_000, 7) { sink += formatMoney(1_450_594, Language.FI).length }
    val language = perCall(200_000, 7) { sink += chooseLanguage(listOf("en-US", "sv-FI")).ordinal }
    println(
        """{"load_ms": ${"%.1f".format(loadMs)}, "pin_check_accepted_ns": ${"%.0f".format(accepted)}, """ +
            """"pin_check_refused_ns": ${"%.0f".format(refused)}, "format_money_ns": ${"%.0f".format(money)}, """ +
            """"choose_language_ns": ${"%.0f".format(language)}, "checksum": $sink}""",
    )
}
