"""PDF documents made with reportlab: fonts, badges, attendance sheet, reports."""
