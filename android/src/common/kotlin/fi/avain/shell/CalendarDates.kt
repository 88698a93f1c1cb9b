// The phone's calendar date, as the core's date-based rules (OS gating, due dates) take it.
package fi.avain.shell

import fi.avain.protocol.CalendarDate
import java.util.Calendar
import java.util.GregorianCalendar
import java.util.TimeZone

/**
 * The Gregorian date of [millis] (default: now) in [timeZone] (default: the phone's).
 * Always Gregorian: `Calendar.getInstance()` is Buddhist in a Thai locale, whose year
 * would be wrong for the bank's rules. `java.util` rather than `java.time`, which needs
 * API 26 (minSdk is 23).
 */
fun calendarDateToday(
    millis: Long = System.currentTimeMillis(),
    timeZone: TimeZone = TimeZone.getDefault(),
): CalendarDate {
    val calendar = GregorianCalendar(timeZone)
    calendar.timeInMillis = millis
    return CalendarDate(
        year = calendar.get(Calendar.YEAR),
        month = (calendar.get(Calendar.MONTH) + 1).toUByte(),
        day = calendar.get(Calendar.DAY_OF_MONTH).toUByte(),
    )
}
