"""Versions of the legal texts a person agrees to (이용약관, 개인정보처리방침)."""

PRIVACY_POLICY_VERSION = "2026-12-01"
TERMS_VERSION = "2026-12-01"
