# The secure screen lock the app requires (core/src/client/screen_lock.rs).

client-error-screen-lock-required = Slå på skärmlåset (pinkod, mönster eller lösenord) i telefonens inställningar och försök sedan igen. Skärmlåset förhindrar missbruk av telefonen om den till exempel blir stulen.
