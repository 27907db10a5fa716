-- wrk script of bench/served_load.py: counts every answer that is not a 2xx (wrk itself only
-- counts 4xx and 5xx, and a redirect to the login or to https would pass unnoticed) and ends
-- with one parseable line:
-- RESULT requests=N seconds=S rps=R p50_ms=A p95_ms=B p99_ms=C max_ms=D non2xx=E socket_errors=F
-- Headers (cookie, X-Forwarded-Proto) come from wrk's -H options.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local non2xx_total = 0
  for _, thread in ipairs(threads) do
    non2xx_total = non2xx_total + (thread:get("non2xx") or 0)
  end
  local errors = summary.errors
  local socket_errors = errors.connect + errors.read + errors.write + errors.timeout
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f rps=%.2f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f "
      .. "max_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests,
    seconds,
    summary.requests / seconds,
    latency:percentile(50) / 1000,
    latency:percentile(95) / 1000,
    latency:percentile(99) / 1000,
    latency.max / 1000,
    non2xx_total,
    socket_errors
  ))
end
