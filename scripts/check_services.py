"""Before the tests: are PostgreSQL and Redis reachable? Say so clearly if not, never skip."""

import os
import sys

import psycopg
import redis

DATABASE_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
HOW_TO_START = (
    "The tests need PostgreSQL and Redis. Start them, for example with\n"
    "  docker compose -f docker-compose.yml -f docker-compose.dev.yml up -d db redis\n"
    "  (then DATABASE_URL=postgres://ruhrbridge:ruhrbridge@127.0.0.1:5432/ruhrbridge make test)\n"
    "or with your system's services (sudo systemctl start postgresql redis-server),\n"
    "or point DATABASE_URL and REDIS_URL at servers that run."
)


def main() -> int:
    problems = []
    try:
        psycopg.connect(DATABASE_URL, connect_timeout=3).close()
    except psycopg.Error as error:
        problems.append(f"PostgreSQL is not reachable at {DATABASE_URL}: {error}".strip())
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        problems.append(f"Redis is not reachable at {REDIS_URL}: {error}")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(HOW_TO_START, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
