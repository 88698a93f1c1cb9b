// The phone's clock in the end-to-end tests, moved together with the sandbox bank's.
package fi.avain.e2e

import fi.avain.WallClock
import java.time.Instant

/**
 * The clock the tests' phones read "now" from (`AvainSettings.clock`): the system's, or an
 * instant at which [freeze] stopped it together with the bank's clock, so that a test that
 * needs a time (a meeting's join window) sets it instead of waiting for it.
 */
object TestClock : WallClock {
    @Volatile
    private var frozenAtMs: Long? = null

    override fun nowUnixMs(): Long = frozenAtMs ?: System.currentTimeMillis()

    /** Now, on the phone's (and the bank's) clock. */
    fun now(): Instant = Instant.ofEpochMilli(nowUnixMs())

    /** Stops the bank's clock and the phone's at [at] (to the millisecond); returns it. */
    fun freeze(at: Instant): Instant {
        val ms = at.toEpochMilli()
        SandboxControl.call("POST", "/clock/$ms")
        frozenAtMs = ms
        return Instant.ofEpochMilli(ms)
    }

    /** Both clocks on real time again. */
    fun real() {
        SandboxControl.call("POST", "/clock/real")
        frozenAtMs = null
    }
}
