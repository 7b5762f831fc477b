"""The press point screen (Presse)."""
