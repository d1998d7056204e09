"""allauth's sign-up forms, saved in one transaction with the consent records.

Without it allauth creates the user, then calls `SignupConsentForm.signup()` in a separate
statement: a failure in between would leave an account without its consents.
"""

from typing import Any

from allauth.account.forms import SignupForm
from allauth.socialaccount.forms import SignupForm as SocialSignupForm
from django.db import transaction


class AtomicSignupForm(SignupForm):  # type: ignore[misc]  # allauth's forms are untyped
    def save(self, request: Any) -> Any:
        with transaction.atomic():
            return super().save(request)


class AtomicSocialSignupForm(SocialSignupForm):  # type: ignore[misc]  # same
    def save(self, request: Any) -> Any:
        with transaction.atomic():
            return super().save(request)
