"""Verification (본인인증): proving that an account belongs to one real person.

Backends are pluggable: `phone` (a one-time code by SMS, through the configured SMS
gateway) and `in_person` (staff at the dong office check the person and confirm).
A later backend (a 본인확인기관's DI, say) adds a module here and calls
`services.complete_verification` the same way.
"""
