"""The one exception a broken business rule raises."""

from django.utils.functional import Promise


class RuleViolation(Exception):  # noqa: N818 -- a domain word, not an "Error" suffix
    """A business rule refused an action; `message` is the translated text a person reads.

    `field` names the form field the refusal is about, if one is, so that a form shows the
    reason beside it without checking the rule a second time.
    """

    def __init__(
        self, message: str | Promise, *, code: str = "rule", field: str | None = None
    ) -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.code = code
        self.field = field
