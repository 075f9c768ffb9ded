"""The many-offices bench at a small size: every draft approved is a whole snapshot with its
provenance, the curated data builds to the last one, and the trail verifies."""
from bench import offices


def test_three_communes_prepared_and_approved(tmp_path, monkeypatch):
    monkeypatch.setenv("CHITIEU_STATE_DIR", str(tmp_path / "state"))  # run() sets it again, under tmp_path
    result = offices.run(3, tmp_path / "offices")
    assert result["ok"], result
    assert (result["snapshots_whole"], result["provenance"], result["reports_in_last"]) == (3, 3, 4)
    # three submits, three approvals, three publishes
    assert result["trail_entries"] == 9 and result["trail_ok"]
