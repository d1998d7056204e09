import pytest

from maeul.core.errors import RuleViolation
from maeul.core.ratelimit import refuse_over_limit

pytestmark = pytest.mark.django_db


def test_the_event_past_the_limit_is_refused_with_the_callers_message():
    for _ in range(2):
        refuse_over_limit("test:writer", allowed=2, message="Too many.")
    with pytest.raises(RuleViolation) as refused:
        refuse_over_limit("test:writer", allowed=2, message="Too many.")
    assert refused.value.message == "Too many."
    assert refused.value.code == "rate_limited"


def test_each_key_counts_on_its_own():
    refuse_over_limit("test:one", allowed=1, message="Too many.")
    refuse_over_limit("test:two", allowed=1, message="Too many.")
