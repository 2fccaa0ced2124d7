"""Which representation a client asked for: a page (HTML) or the JSON of the API."""

HTML, JSON = "text/html", "application/json"


def media_quality(accept: str | None, media_type: str) -> float:
    """The q-value Accept gives media_type (RFC 9110: the most specific range that matches)."""
    if not accept:
        return 1.0
    kind = media_type.split("/")[0]
    best: tuple[int, float] | None = None  # (specificity, quality)
    for entry in accept.split(",")[:50]:
        media_range, *parameters = (part.strip() for part in entry.split(";"))
        media_range = media_range.lower()
        specificity = (
            2 if media_range == media_type else 1 if media_range == f"{kind}/*"
            else 0 if media_range == "*/*" else -1
        )
        if specificity < 0 or (best is not None and best[0] >= specificity):
            continue
        best = (specificity, _quality(parameters))
    return best[1] if best else 0.0


def _quality(parameters: list[str]) -> float:
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                return min(max(float(value), 0.0), 1.0)
            except ValueError:
                return 0.0
    return 1.0


def prefers_html(accept: str | None) -> bool:
    """HTML only when asked for by name above JSON: browsers send `text/html,...`; API clients
    send `application/json`, `*/*` or nothing, and get JSON as before."""
    html = media_quality(accept, HTML)
    if html == 0 or accept is None or HTML not in accept.lower():
        return False
    return html > media_quality(accept, JSON)
