"""Plainer Korean for django-allauth's messages that residents meet.

allauth ships its own Korean catalogue, some of it awkward ("주민 으로 로그인 되었습니다").
Our catalogue (LOCALE_PATHS) is searched before the apps' catalogues, so the same
msgids translated in `locale/ko/LC_MESSAGES/django.po` win. They are listed here so that
`makemessages` finds them and keeps them; this module is never imported.
The msgids must stay identical to allauth's (see its locale/ko/LC_MESSAGES/django.po).
"""

from django.utils.translation import gettext_noop

ALLAUTH_MSGIDS = [
    # Messages after signing in and out, confirming an e-mail, changing a password.
    gettext_noop("Successfully signed in as %(name)s."),
    gettext_noop("You have signed out."),
    gettext_noop("Confirmation email sent to %(email)s."),
    gettext_noop("You have confirmed %(email)s."),
    gettext_noop(
        "Unable to confirm %(email)s because it is already confirmed by a different account."
    ),
    gettext_noop("Password successfully changed."),
    gettext_noop("Password successfully set."),
    gettext_noop("Your primary email address must be verified."),
    gettext_noop("Are you sure you want to sign out?"),
    # Form errors and labels on the sign-in, sign-up and password pages.
    gettext_noop("Remember Me"),
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("A user is already registered with this email address."),
    gettext_noop("You must type the same password each time."),
    gettext_noop("Too many failed login attempts. Try again later."),
    gettext_noop("This account is currently inactive."),
    gettext_noop("Incorrect password."),
    gettext_noop("Incorrect code."),
    gettext_noop("Invalid or expired key."),
    gettext_noop("The password reset token was invalid."),
]
