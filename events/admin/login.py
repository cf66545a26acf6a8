"""Admin login with a small throttle against password guessing.

After LOGIN_THROTTLE["per_username"] failed attempts for one user name, or
LOGIN_THROTTLE["per_ip"] from one address, within LOGIN_THROTTLE["window_s"]
seconds, further attempts are refused without checking the password until the
window passes. The refusal reads the same whether or not the account exists, so
the throttle does not reveal user names (Django's own message for a wrong user
name and a wrong password is already the same). Counters live in the default
cache; production settings use a file cache shared by the server's processes.
Behind a proxy, REMOTE_ADDR is the proxy's address, so the per-IP limit then
applies to everyone together; the per-user-name limit still holds.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEFAULTS = {"per_username": 5, "per_ip": 20, "window_s": 15 * 60}


def throttle_settings() -> dict:
    return {**DEFAULTS, **getattr(settings, "LOGIN_THROTTLE", {})}


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode("utf-8")).hexdigest()[:32]
    return f"login-throttle:{kind}:{digest}"


class LoginThrottle:
    def __init__(self, *, username: str, ip: str):
        self.limits = throttle_settings()
        self.keys = {"per_username": _key("user", username), "per_ip": _key("ip", ip)}

    def blocked(self) -> bool:
        return any((cache.get(key) or 0) >= self.limits[kind] for kind, key in self.keys.items())

    def record_failure(self) -> None:
        for key in self.keys.values():
            cache.add(key, 0, timeout=self.limits["window_s"])
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout=self.limits["window_s"])

    def reset_user(self) -> None:
        cache.delete(self.keys["per_username"])


class ThrottledAdminLoginForm(AdminAuthenticationForm):
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "throttled": _("Too many failed sign-in attempts. Wait %(minutes)d minutes and try again."),
    }

    def clean(self):
        username = self.data.get("username") or ""
        ip = (self.request.META.get("REMOTE_ADDR") if self.request else "") or "unknown"
        throttle = LoginThrottle(username=username, ip=ip)
        if throttle.blocked():
            raise ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"minutes": max(1, throttle.limits["window_s"] // 60)},
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            throttle.record_failure()
            raise
        throttle.reset_user()
        return cleaned
