"""Reading streamed responses in tests (the test client's .json() needs .content)."""

import json


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def read_json(response):
    return json.loads(body(response))
