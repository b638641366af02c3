"""A small HTTP visitor for real servers: keeps its cookies (Secure ones too:
the servers run without TLS on loopback), follows nothing by itself."""
import http.client
import re
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode


@dataclass
class Answer:
    status: int
    headers: dict
    text: str

    def header(self, name):
        return self.headers.get(name.lower(), "")


class Visitor:
    def __init__(self):
        self.cookies = {}

    def request(self, server, method, path, data=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        sent = {"Host": "127.0.0.1", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        text = response.read().decode(errors="replace")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                cookie = SimpleCookie()
                cookie.load(value)
                for key, morsel in cookie.items():
                    if morsel["max-age"] == "0" or morsel.value == "":
                        self.cookies.pop(key, None)
                    else:
                        self.cookies[key] = morsel.value
        connection.close()
        return Answer(response.status, {name.lower(): value for name, value in response.getheaders()}, text)

    def get(self, server, path):
        return self.request(server, "GET", path)

    def post(self, server, path, data):
        """POST with the CSRF token of the form on `path` (fetched first)."""
        page = self.get(server, path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert token, f"no CSRF token on {path} ({page.status})"
        return self.request(server, "POST", path, {**data, "csrfmiddlewaretoken": token.group(1)},
                            headers={"Referer": f"http://127.0.0.1:{server.port}{path}"})
