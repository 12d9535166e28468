"""Rating tallies shared by the delivery report and the typed-in paper results."""

from __future__ import annotations

import datetime as dt

from deflection_kit.storage import CourseFacts, SessionFields, Store
from deflection_kit.storage.feedback_tally import RatingCounts, count_ratings


def test_stored_forms_tally_to_counts_mean_and_agreement(tmp_path) -> None:
    with Store.open(tmp_path / "kit.sqlite3") as store:
        session = store.sessions.create(
            SessionFields("Spring training", dt.date(2026, 4, 2), dt.time(9)),
            CourseFacts(title="First Responder Deflection", minutes=90, credit_hours=1.5),
        )
        for rating in (5, 4, 4, 2):
            store.feedback.add(session.id, {"relevant": rating, "recommend": 5})
        store.feedback.add(session.id, {"recommend": 3})  # left "relevant" blank
        forms = store.feedback.list(session.id)
    tally = RatingCounts(count_ratings(forms, "relevant"))
    assert tally.counts == (0, 1, 0, 2, 1)
    assert tally.answered == 4
    assert tally.mean == 3.75
    assert tally.agree_share == 0.75
    assert count_ratings(forms, "recommend") == (0, 0, 1, 0, 4)
    nobody = RatingCounts(count_ratings(forms, "not-on-the-form"))
    assert nobody.answered == 0 and nobody.mean is None and nobody.agree_share is None
