"""The reception screen (Accueil): search, check-in, walk-ins."""
