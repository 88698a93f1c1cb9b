# Texter för bindningarnas egna fel (bindings/ffi/src/error.rs, calendar.rs): en åtgärd
# som appen avbröt, ett datum från telefonen som inte finns.

ffi-cancelled = Avbrutet.
ffi-invalid-date = Telefonens datum kunde inte läsas. Kontrollera datumet i telefonens inställningar.
ffi-busy = Telefonen är för belastad just nu. Försök igen om en stund.
