"""The one exception a broken business rule raises."""

from django.utils.functional import Promise


class RuleViolation(Exception):  # noqa: N818 -- a domain word, not an "Error" suffix
    """A business rule refused an action; `message` is the translated text a person reads."""

    def __init__(self, message: str | Promise, *, code: str = "rule") -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.code = code
