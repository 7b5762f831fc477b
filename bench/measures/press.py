"""Press point: saving a contact (with its duplicate check) and writing the PDF press list."""

import statistics
import time

from kiosk.core import press
from kiosk.core.press import ContactDraft
from kiosk.db import Database
from kiosk.pdf.press_list import write_press_list

EXISTING = 300
TARGETS = {"press_save_median_ms": (100.0, "ms"), "press_pdf_300_s": (2.0, "s")}


def measure(ctx) -> dict[str, float]:
    db = Database.open(ctx.demo_copy())
    try:
        timings = []
        for number in range(EXISTING):
            draft = ContactDraft(first_name="Journaliste", last_name=f"N{number:03d}", outlet=f"Média {number % 40}",
                                 media_type="radio", phone=f"77{number:07d}", topics="M4SD, diaspora")
            start = time.perf_counter()
            press.save_contact(db, draft)
            timings.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        write_press_list(db, ctx.fresh_path("press-list").with_suffix(".pdf"))
        pdf_s = time.perf_counter() - start
    finally:
        db.close()
    return {"press_save_median_ms": statistics.median(timings[-50:]), "press_pdf_300_s": pdf_s}
