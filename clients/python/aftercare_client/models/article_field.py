from enum import StrEnum


class ArticleField(StrEnum):
    APPLIES_TO = "applies_to"
    BODY = "body"
    CATEGORY = "category"
    NOTICE = "notice"
    STATUS = "status"
    SUMMARY = "summary"
    TAGS = "tags"
    TITLE = "title"

    def __str__(self) -> str:
        return str(self.value)
