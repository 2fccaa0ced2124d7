"""The problem types of the knowledge base."""

from app.kit.errors import ConflictError, NotFoundError, UnprocessableError


class ArticleNotFound(NotFoundError):
    """No article has this id."""

    slug, title = "article-not-found", "Article not found"


class ArticleTransitionNotAllowed(ConflictError):
    """The article's status cannot become the one sent: a published or archived article never
    returns to draft (archive it instead)."""

    slug, title = "article-transition-not-allowed", "Article transition not allowed"


class TranslationExists(ConflictError):
    """The article named by `translation_of` already has a translation in this locale (one
    article per locale among translations); `errors` points at `/locale`."""

    slug, title = "translation-exists", "Translation exists"


class ArticleNotCitable(UnprocessableError):
    """A reply cites an article that does not exist or is not published (drafts and archived
    articles cannot be cited); `errors` points at each such entry of `/article_ids`."""

    slug, title = "article-not-citable", "Article not citable"


class EmptySearchQuery(UnprocessableError):
    """The search query `q` is empty or only blanks; `errors` points at it."""

    slug, title = "empty-search-query", "Empty search query"
