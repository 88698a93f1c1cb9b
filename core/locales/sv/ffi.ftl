# Bindningarnas egna texter (bindings/ffi/src): ett datum från telefonen som inte finns,
# knappen i den biometriska dialogen.

ffi-invalid-date = Telefonens datum kunde inte läsas. Kontrollera datumet i telefonens inställningar.
ffi-busy = Telefonen är för belastad just nu. Försök igen om en stund.
ffi-biometric-use-pin = Använd PIN-kod
