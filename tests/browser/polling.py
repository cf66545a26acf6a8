"""Waiting for a condition in a page under our Content-Security-Policy.

Playwright's ``wait_for_function`` compiles its predicate inside the page (with
``new Function``), which a policy without 'unsafe-eval' refuses, and it would be
reported as a violation. ``page.evaluate`` goes through the DevTools protocol,
which the page's policy does not govern, so the condition is polled with it."""

import threading
import time


def wait_for_js(page, expression: str, *, timeout: float = 20_000) -> None:
    """Poll ``expression`` (a JS expression or arrow function) until it is truthy;
    raise TimeoutError after ``timeout`` milliseconds."""
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise TimeoutError(f"Still false after {timeout:.0f} ms: {expression}")
        page.wait_for_timeout(50)


def finish_requests(timeout: float = 10.0) -> None:
    """Let the live server answer what a closed browser context still asked for. A
    request thread left running would touch the shared in-memory SQLite connection
    after the next test flushed the database, or after the server stopped."""
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and "process_request_thread" in thread.name:
            thread.join(timeout)
