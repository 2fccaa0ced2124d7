import json
import logging
import sys
import warnings
from collections.abc import Iterator

import httpx
import pytest

from app.kit.logging_setup import JsonFormatter, TextFormatter, quiet_unless_failing


class _Lines(logging.Handler):
    def __init__(self, formatter: logging.Formatter) -> None:
        super().__init__()
        self.setFormatter(formatter)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


def _request_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if "aftercare.http" in line]


@pytest.fixture
def text_lines() -> Iterator[list[str]]:
    handler = _Lines(TextFormatter())
    logger = logging.getLogger("aftercare.http")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    yield handler.lines
    logger.setLevel(level)
    logger.removeHandler(handler)


async def test_a_text_request_line_reads_as_one_line_with_its_fields_and_request_id(
    client: httpx.AsyncClient, text_lines: list[str]
) -> None:
    await client.get("/healthz", headers={"X-Request-ID": "trace-me-42"})
    (line,) = _request_lines(text_lines)
    assert " INFO aftercare.http request method=GET path=/healthz status=200 " in line
    assert line.endswith(" [request_id=trace-me-42]")
    assert "\n" not in line


def test_a_text_line_carries_the_traceback_below_it() -> None:
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord("job", logging.ERROR, "", 0, "job failed", None, None)
        record.exc_info = sys.exc_info()
    first, *rest = TextFormatter().format(record).splitlines()
    assert first.endswith(" ERROR job job failed")
    assert rest[-1] == "ValueError: boom"


def test_json_lines_keep_their_fields() -> None:
    record = logging.LogRecord("job", logging.INFO, "", 0, "job ran", None, None)
    record.handled = 3
    entry = json.loads(JsonFormatter().format(record))
    assert entry["handled"] == 3
    assert entry["message"] == "job ran"
    assert entry["request_id"] is None


def _chatty_start(library: str, *, fails: bool) -> None:
    logging.getLogger(library).info("initdb output, line 1 of 60")
    warnings.warn("XDG_RUNTIME_DIR is not set", UserWarning, stacklevel=1)
    if fails:
        raise RuntimeError("initdb failed")


def test_a_libraries_chatter_is_held_back_when_its_start_succeeds(
    caplog: pytest.LogCaptureFixture, recwarn: pytest.WarningsRecorder
) -> None:
    library = "tests.chatty_success"
    with caplog.at_level(logging.INFO), quiet_unless_failing(library):
        _chatty_start(library, fails=False)
    assert caplog.records == []
    assert len(recwarn) == 0

    with caplog.at_level(logging.INFO):
        logging.getLogger(library).info("stopping, line 1 of 20")
        logging.getLogger(library).warning("failed to stop; killing it")
    assert [record.message for record in caplog.records] == ["failed to stop; killing it"]


def test_a_libraries_chatter_is_shown_when_its_start_fails(
    caplog: pytest.LogCaptureFixture, recwarn: pytest.WarningsRecorder
) -> None:
    library = "tests.chatty_failure"
    with (
        caplog.at_level(logging.INFO),
        pytest.raises(RuntimeError, match="initdb failed"),
        quiet_unless_failing(library),
    ):
        _chatty_start(library, fails=True)
    assert [record.message for record in caplog.records] == ["initdb output, line 1 of 60"]
    assert [str(warning.message) for warning in recwarn] == ["XDG_RUNTIME_DIR is not set"]
