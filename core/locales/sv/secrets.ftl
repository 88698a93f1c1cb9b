secret-store-invalid-name = Appen använde enhetens nyckellager på fel sätt. Uppdatera appen.
secret-store-unavailable = Enhetens nyckellager är inte tillgängligt. Lås upp enheten och försök igen.
secret-store-corrupted = Nycklarna som sparats på den här enheten är skadade. Radera profilen från enheten och registrera den på nytt.
secret-store-platform = Enhetens nyckellager svarade inte som väntat. Försök igen. Om problemet kvarstår, starta om enheten.
