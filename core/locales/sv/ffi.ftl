# Bindningarnas egna texter (bindings/ffi/src): en åtgärd som appen avbröt, ett datum
# från telefonen som inte finns, knappen i den biometriska dialogen.

ffi-cancelled = Avbrutet.
ffi-invalid-date = Telefonens datum kunde inte läsas. Kontrollera datumet i telefonens inställningar.
ffi-busy = Telefonen är för belastad just nu. Försök igen om en stund.
ffi-biometric-use-pin = Använd PIN-kod
