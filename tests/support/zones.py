"""Time zones that make bucketing hard: DST in both hemispheres, half- and quarter-hour
offsets, a 30-minute DST shift (Lord Howe) and a zone past +12 (Chatham)."""

AWKWARD_ZONES = (
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "America/St_Johns",
    "Pacific/Chatham",
)
