"""The session clock (Chronomètre): moderator console and stage display."""
