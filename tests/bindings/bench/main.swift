// Timings for tests/bindings-report: the cost of one synchronous call from Swift. Prints
// one JSON object. Not a test: the figures are reported, never asserted.
import AvainFFI
import Foundation

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// Nanoseconds per call, the median of `rounds` rounds of `calls` calls each.
func perCall(_ calls: Int, rounds: Int = 7, _ body: () -> Int) -> (Double, Int) {
    var samples: [Double] = []
    var sink = 0
    for _ in 0..<rounds {
        let start = now()
        for _ in 0..<calls { sink &+= body() }
        samples.append(Double(now() - start) / Double(calls))
    }
    samples.sort()
    return (samples[rounds / 2], sink)
}

let loadStart = now()
_ = formatMoney(cents: 0, lang: .fi)
let loadMs = Double(now() - loadStart) / 1e6
preloadPinRules()

func check(_ pin: String) -> Int {
    // A PIN check never fails for want of a birth date; 0 stands for "threw".
    (try? checkNewPin(pin: pin, birthDate: nil, currentPin: nil, lang: .fi).problems.count) ?? 0
}

_ = perCall(100_000, rounds: 1) { check("583920") + check("1234") }
let (accepted, s1) = perCall(200_000) { check("583920") }
let (refused, s2) = perCall(100_000) { check("1234") }
let (money, s3) = perCall(200_000) { formatMoney(cents: 1_450_594, lang: .fi).count }
print(String(format: "{\"load_ms\": %.1f, \"pin_check_accepted_ns\": %.0f, \"pin_check_refused_ns\": %.0f, \"format_money_ns\": %.0f, \"checksum\": %d}",
             loadMs, accepted, refused, money, s1 &+ s2 &+ s3))
