"""The reader's display preferences beside the language (which Django's
LocaleMiddleware and set_language keep): the digits numbers are written with.

``?digits=arab`` or ``?digits=latn`` on any page sets the choice and keeps it in
a cookie for a year; events.display.digits applies it on the server and
static/js/i18n.js (from ``<html data-digits>``) in the browser.
"""

from __future__ import annotations

from django.utils import translation

from events import display

DIGITS_COOKIE = "cm_digits"
COOKIE_AGE = 365 * 24 * 3600


class DigitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        asked = request.GET.get("digits")
        chosen = asked if asked in display.DIGIT_STYLES else None
        style = chosen or request.COOKIES.get(DIGITS_COOKIE, "latn")
        # API answers and downloads are data: always Western digits.
        if request.path.startswith("/api/"):
            style = "latn"
        token = display.set_digit_style(style)
        try:
            response = self.get_response(request)
        finally:
            display._digit_style.reset(token)
        if chosen:
            response.set_cookie(DIGITS_COOKIE, chosen, max_age=COOKIE_AGE, samesite="Lax")
        return response


def display_preferences(request) -> dict:
    """Template context: the text direction and the reader's digits."""
    return {
        "text_dir": "rtl" if translation.get_language_bidi() else "ltr",
        "digit_style": display.digit_style(),
    }
