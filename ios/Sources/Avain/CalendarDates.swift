// The phone's calendar date, as the core's date-based rules (OS gating, due dates) take it.
import Foundation

extension CalendarDate {
    /// The Gregorian date of `date` (default: now) in `timeZone` (default: the phone's).
    /// Always Gregorian: with a Buddhist or Japanese calendar the year would be wrong for
    /// the bank's rules.
    public static func today(_ date: Date = Date(), timeZone: TimeZone = .current) -> CalendarDate {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = timeZone
        // A Gregorian calendar always has these components.
        let parts = gregorian.dateComponents([.year, .month, .day], from: date)
        return CalendarDate(
            year: Int32(parts.year ?? 1970),
            month: UInt8(parts.month ?? 1),
            day: UInt8(parts.day ?? 1)
        )
    }
}
