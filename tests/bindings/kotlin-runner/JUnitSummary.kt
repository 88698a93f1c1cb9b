// Runs JUnit 4 test classes and prints, besides JUnit's own report, one line that CI and
// tests/run read: "Kotlin: N passed, N failed". Exit status 0 only when all passed.
package fi.avain.testrunner

import org.junit.runner.Description
import org.junit.runner.JUnitCore
import org.junit.runner.notification.Failure
import org.junit.runner.notification.RunListener
import kotlin.system.exitProcess

private class NamePrinter : RunListener() {
    private var failed = false

    override fun testStarted(description: Description) {
        failed = false
    }

    override fun testFailure(failure: Failure) {
        failed = true
        println("FAIL ${failure.description.className}.${failure.description.methodName}: ${failure.message}")
    }

    override fun testAssumptionFailure(failure: Failure) = testFailure(failure)

    override fun testFinished(description: Description) {
        if (!failed) println("ok   ${description.className}.${description.methodName}")
    }
}

fun main(args: Array<String>) {
    val classes = args.map { Class.forName(it) }
    val core = JUnitCore()
    core.addListener(NamePrinter())
    val result = core.run(*classes.toTypedArray())
    for (failure in result.failures) {
        println("\n${failure.testHeader}")
        println(failure.trace)
    }
    val failed = result.failureCount
    val passed = result.runCount - failed
    println()
    println("Kotlin: $passed passed, $failed failed")
    exitProcess(if (failed == 0 && result.runCount > 0) 0 else 1)
}
