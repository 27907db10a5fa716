"""Typed access to the environment that remembers every variable settings read.

`.env.example` and `docker-compose.yml` are checked against `env.names` in the
tests, so settings cannot start reading a variable that nobody documented.
"""

import environ


class RecordingEnv(environ.Env):
    def __init__(self, **scheme):
        super().__init__(**scheme)
        self.names: set[str] = set()

    def get_value(self, var, *args, **kwargs):
        self.names.add(var)
        return super().get_value(var, *args, **kwargs)


env = RecordingEnv()
