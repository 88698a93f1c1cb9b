//! (attacks of this kind are added here)
