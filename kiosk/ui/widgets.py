"""Small widgets shared by several screens."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("screenHeading")
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setBold(True)
    label.setFont(font)
    return label
