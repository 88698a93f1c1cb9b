// What the core needs to know about this Android device: the OS version, the preferred
// languages, today's date; and where its log lines go.
package fi.avain.android

import android.os.Build
import android.os.LocaleList
import android.util.Log
import fi.avain.protocol.Language
import fi.avain.LogLevel
import fi.avain.LogSink
import fi.avain.OsGate
import fi.avain.core.Platform
import fi.avain.checkOsGate
import fi.avain.chooseLanguage
import fi.avain.shell.calendarDateToday
import java.util.Locale

/** This phone or tablet, as the core's rules take it. */
object AndroidDevice {
    /** The Android version, e.g. "14" or "8.1.0". */
    val osVersion: String get() = Build.VERSION.RELEASE

    /** The preferred languages in order, as BCP 47 tags ("sv-FI", "en-US"). */
    val preferredLanguages: List<String>
        get() = if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.N) {
            val locales = LocaleList.getDefault()
            (0 until locales.size()).map { locales[it].toLanguageTag() }
        } else {
            listOf(Locale.getDefault().toLanguageTag())
        }

    /** The app's language: Swedish when Swedish comes before Finnish, else Finnish. */
    fun language(): Language = chooseLanguage(preferredLanguages)

    /** May the app run on this phone today (the built-in OS policy)? */
    fun osGate(appVersion: String, lang: Language = language()): OsGate =
        checkOsGate(Platform.ANDROID, osVersion, appVersion, calendarDateToday(), lang)
}

/** The core's log lines in Logcat, under the tag "Avain". */
class LogcatSink(private val tag: String = "Avain") : LogSink {
    override fun log(level: LogLevel, target: String, message: String) {
        val priority = when (level) {
            LogLevel.ERROR -> Log.ERROR
            LogLevel.WARN -> Log.WARN
            LogLevel.INFO -> Log.INFO
            LogLevel.DEBUG -> Log.DEBUG
            LogLevel.TRACE -> Log.VERBOSE
        }
        Log.println(priority, tag, "$target: $message")
    }
}
