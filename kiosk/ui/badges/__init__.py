"""The badges screen: preview, print, batches."""
